import { Migration } from '@mikro-orm/migrations';

/** The orders list at a million orders: newest first off an index (no sort of every order), and the search box (order number or phone, any part) through trigram indexes (no scan of every order). */
export class Migration20261130152439_order_list_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "sales_order_delivery_phone_trgm_index" on "sales_order" using gin ("delivery_phone" gin_trgm_ops);`);
    this.addSql(`create index "sales_order_order_no_trgm_index" on "sales_order" using gin ("order_no" gin_trgm_ops);`);
    this.addSql(`create index "sales_order_franchise_newest_index" on "sales_order" ("franchise_id", "created_at" desc, "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "sales_order_delivery_phone_trgm_index";`);
    this.addSql(`drop index "sales_order_order_no_trgm_index";`);
    this.addSql(`drop index "sales_order_franchise_newest_index";`);
  }

}
