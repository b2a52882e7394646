import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Recalls of a lot: HQ's (franchise_id null) read by every franchise, a franchise's own by it alone. */
export class Migration20261130010719_recall extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "batch_recall" ("id" uuid not null, "franchise_id" uuid null, "product_id" uuid not null, "lot_no" text not null, "reason" text not null, "status" text check ("status" in ('OPEN', 'CLOSED')) not null default 'OPEN', "lots_blocked" int not null default 0, "recalled_by_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "batch_recall_pkey" primary key ("id"));`);
    this.addSql(`create index "batch_recall_franchise_id_index" on "batch_recall" ("franchise_id");`);
    this.addSql(`create index "batch_recall_product_id_lot_no_index" on "batch_recall" ("product_id", "lot_no");`);
    // One open recall of a lot per recaller (HQ, or a franchise).
    this.addSql(`create unique index "batch_recall_open_unique" on "batch_recall" (coalesce(franchise_id, '00000000-0000-0000-0000-000000000000'::uuid), product_id, lot_no) where status = 'OPEN';`);
    this.addSql(`alter table "batch_recall" add constraint "batch_recall_product_fk" foreign key ("product_id") references "product" ("id") deferrable initially deferred;`);
    this.addSql(tenantTableSql('batch_recall', { sharedWhenNull: true }));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "batch_recall" cascade;`);
  }

}
