import { Migration } from '@mikro-orm/migrations';

/** Orders: the day a line with a prescribed daily dose runs out. */
export class Migration20261130101304_order_consumption extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "sales_order_line" add column "runs_out_on" date null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sales_order_line" drop column "runs_out_on";`);
  }

}
