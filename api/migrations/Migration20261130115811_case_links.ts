import { Migration } from '@mikro-orm/migrations';

/** Cases link orders, order lines, products and lots; a quoted order number that is one of the franchise's orders becomes its link. */
export class Migration20261130115811_case_links extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "service_case" add column "order_id" uuid null, add column "order_line_id" uuid null, add column "product_id" uuid null, add column "lot_id" uuid null;`);
    this.addSql(`create index "service_case_order_id_index" on "service_case" ("order_id");`);
    this.addSql(`create index "service_case_lot_id_index" on "service_case" ("lot_id");`);
    this.addSql(`update "service_case" c set "order_id" = o."id" from "sales_order" o where o."franchise_id" = c."franchise_id" and o."order_no" = c."order_ref" and c."order_id" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "service_case_order_id_index";`);
    this.addSql(`drop index "service_case_lot_id_index";`);
    this.addSql(`alter table "service_case" drop column "order_id", drop column "order_line_id", drop column "product_id", drop column "lot_id";`);
  }

}
