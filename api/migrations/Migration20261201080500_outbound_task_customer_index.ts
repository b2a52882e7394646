import { Migration } from '@mikro-orm/migrations';

export class Migration20261201080500_outbound_task_customer_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "outbound_task_customer_id_assignee_id_index" on "outbound_task" ("customer_id", "assignee_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "outbound_task_customer_id_assignee_id_index";`);
  }

}
