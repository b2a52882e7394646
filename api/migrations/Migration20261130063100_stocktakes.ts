import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Stocktakes: count sheets and their lines (book at opening, counts, on hand at the count). */
export class Migration20261130063100_stocktakes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "stocktake" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "count_no" text not null, "warehouse_id" uuid not null, "zone_id" uuid null, "status" text check ("status" in ('COUNTING', 'REVIEW', 'APPROVED', 'POSTED', 'CANCELLED')) not null default 'COUNTING', "blind" boolean not null default true, "recount_threshold" int not null default 0, "note" text null, "opened_by_id" uuid null, "submitted_at" timestamptz null, "submitted_by_id" uuid null, "approved_at" timestamptz null, "approved_by_id" uuid null, "posted_at" timestamptz null, "posted_by_id" uuid null, "closed_at" timestamptz null, "cancel_reason" text null, constraint "stocktake_pkey" primary key ("id"));`);
    this.addSql(`create index "stocktake_franchise_id_index" on "stocktake" ("franchise_id");`);
    this.addSql(`create index "stocktake_warehouse_id_status_index" on "stocktake" ("warehouse_id", "status");`);
    this.addSql(`alter table "stocktake" add constraint "stocktake_franchise_id_count_no_unique" unique ("franchise_id", "count_no");`);

    this.addSql(`create table "stocktake_line" ("id" uuid not null, "franchise_id" uuid not null, "stocktake_id" uuid not null, "zone_id" uuid not null, "product_id" uuid not null, "batch_id" uuid not null, "expiry_date" date not null, "book_quantity" int not null, "counted_quantity" int null, "on_hand_at_count" int null, "counted_by_id" uuid null, "counter_ids" text[] not null default '{}', "counted_at" timestamptz null, "previous_count" int null, "recount_required" boolean not null default false, "recounts" int not null default 0, "found_during_count" boolean not null default false, "note" text null, "version" int not null default 1, "created_at" timestamptz not null, constraint "stocktake_line_pkey" primary key ("id"));`);
    this.addSql(`create index "stocktake_line_franchise_id_index" on "stocktake_line" ("franchise_id");`);
    this.addSql(`create index "stocktake_line_stocktake_id_index" on "stocktake_line" ("stocktake_id");`);
    this.addSql(`alter table "stocktake_line" add constraint "stocktake_line_stocktake_id_zone_id_batch_id_unique" unique ("stocktake_id", "zone_id", "batch_id");`);
    this.addSql(`alter table "stocktake_line" add constraint "stocktake_line_stocktake_fk" foreign key ("stocktake_id") references "stocktake" ("id") on delete cascade;`);
    this.addSql(`alter table "stocktake_line" add constraint "stocktake_line_counts" check (book_quantity >= 0 and (counted_quantity is null or counted_quantity >= 0) and recounts >= 0);`);
    this.addSql(`alter table "stocktake" add constraint "stocktake_recount_threshold" check (recount_threshold >= 0);`);
    for (const table of ['stocktake', 'stocktake_line']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stocktake" cascade;`);

    this.addSql(`drop table if exists "stocktake_line" cascade;`);
  }

}
