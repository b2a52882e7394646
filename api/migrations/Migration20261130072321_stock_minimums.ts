import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Low stock: a minimum per product and warehouse, and since when it is undercut. */
export class Migration20261130072321_stock_minimums extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "stock_minimum" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "warehouse_id" uuid not null, "product_id" uuid not null, "min_quantity" int not null, "low_since" timestamptz null, constraint "stock_minimum_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_minimum_franchise_id_index" on "stock_minimum" ("franchise_id");`);
    this.addSql(`create index "stock_minimum_product_id_index" on "stock_minimum" ("product_id");`);
    this.addSql(`alter table "stock_minimum" add constraint "stock_minimum_warehouse_id_product_id_unique" unique ("warehouse_id", "product_id");`);
    this.addSql(`alter table "stock_minimum" add constraint "stock_minimum_quantity" check (min_quantity >= 0);`);
    this.addSql(tenantTableSql('stock_minimum'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stock_minimum" cascade;`);
  }

}
