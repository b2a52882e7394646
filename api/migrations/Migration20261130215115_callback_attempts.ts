import { Migration } from '@mikro-orm/migrations';

export class Migration20261130215115_callback_attempts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "callback_task" drop constraint if exists "callback_task_status_check";`);

    this.addSql(`alter table "callback_rule" add column "max_attempts" int not null default 3;`);

    this.addSql(`alter table "callback_task" add constraint "callback_task_status_check" check("status" in ('OPEN', 'RETRY', 'COMPLETED', 'REFUSED', 'WRONG_NUMBER', 'DO_NOT_CALL', 'UNREACHABLE'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "callback_task" drop constraint if exists "callback_task_status_check";`);

    this.addSql(`alter table "callback_rule" drop column "max_attempts";`);

    this.addSql(`alter table "callback_task" add constraint "callback_task_status_check" check("status" in ('OPEN', 'RETRY', 'COMPLETED', 'REFUSED', 'WRONG_NUMBER', 'DO_NOT_CALL'));`);
  }

}
