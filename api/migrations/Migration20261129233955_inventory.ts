import { Migration } from '@mikro-orm/migrations';
import { API_GROUP_ROLE, tenantTableSql } from '../src/core/tenancy/rls';

/**
 * Products (HQ's shared catalog, per-franchise terms), suppliers, warehouses and zones, lots,
 * and stock as a ledger: append-only moves plus balances per (warehouse, zone, product, lot)
 * that can never go negative nor reserve more than is on hand; reservations with their lot
 * allocations. Every table is isolated per franchise by row-level security.
 */
export class Migration20261129233955_inventory extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "batch" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "product_id" uuid not null, "lot_no" text not null, "manufacture_date" date not null, "expiry_date" date not null, "supplier_id" uuid null, "status" text check ("status" in ('AVAILABLE', 'QUARANTINED', 'ON_HOLD', 'RECALLED', 'EXPIRED', 'DAMAGED')) not null default 'AVAILABLE', "status_reason" text null, constraint "batch_pkey" primary key ("id"));`);
    this.addSql(`create index "batch_franchise_id_index" on "batch" ("franchise_id");`);
    this.addSql(`create index "batch_product_id_index" on "batch" ("product_id");`);
    this.addSql(`alter table "batch" add constraint "batch_franchise_id_product_id_lot_no_unique" unique ("franchise_id", "product_id", "lot_no");`);

    this.addSql(`create table "franchise_product" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "product_id" uuid not null, "available" boolean not null default true, "price_cents" int null, constraint "franchise_product_pkey" primary key ("id"));`);
    this.addSql(`create index "franchise_product_franchise_id_index" on "franchise_product" ("franchise_id");`);
    this.addSql(`create index "franchise_product_product_id_index" on "franchise_product" ("product_id");`);
    this.addSql(`alter table "franchise_product" add constraint "franchise_product_franchise_id_product_id_unique" unique ("franchise_id", "product_id");`);

    this.addSql(`create table "inventory_settings" ("franchise_id" uuid not null, "min_remaining_shelf_life_days" int not null default 90, "version" int not null default 1, "updated_at" timestamptz not null, constraint "inventory_settings_pkey" primary key ("franchise_id"));`);

    this.addSql(`create table "product" ("id" uuid not null, "franchise_id" uuid null, "status" text check ("status" in ('ACTIVE', 'DISCONTINUED')) not null default 'ACTIVE', "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "generic_name" text not null, "brand_name" text null, "specification" text not null, "dosage_form" text not null, "unit" text not null, "approval_number" text null, "category" text check ("category" in ('PRESCRIPTION', 'OTC', 'SUPPLEMENT')) not null, "storage_class" text check ("storage_class" in ('NORMAL', 'COLD')) not null, "shelf_life_days" int not null, "barcode" text null, "price_cents" int not null, constraint "product_pkey" primary key ("id"));`);
    this.addSql(`create index "product_franchise_id_index" on "product" ("franchise_id");`);

    this.addSql(`create table "stock_balance" ("id" uuid not null, "franchise_id" uuid not null, "warehouse_id" uuid not null, "zone_id" uuid not null, "product_id" uuid not null, "batch_id" uuid not null, "expiry_date" date not null, "on_hand" int not null default 0, "reserved" int not null default 0, "available" int generated always as (on_hand - reserved) stored not null, "updated_at" timestamptz not null, constraint "stock_balance_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_balance_franchise_id_index" on "stock_balance" ("franchise_id");`);
    this.addSql(`create index "stock_balance_batch_id_index" on "stock_balance" ("batch_id");`);
    this.addSql(`create index "stock_balance_product_id_index" on "stock_balance" ("product_id");`);
    this.addSql(`create index "stock_balance_warehouse_id_product_id_index" on "stock_balance" ("warehouse_id", "product_id");`);
    this.addSql(`alter table "stock_balance" add constraint "stock_balance_warehouse_id_zone_id_product_id_batch_id_unique" unique ("warehouse_id", "zone_id", "product_id", "batch_id");`);

    this.addSql(`create table "stock_move" ("id" uuid not null, "franchise_id" uuid not null, "warehouse_id" uuid not null, "zone_id" uuid not null, "product_id" uuid not null, "batch_id" uuid not null, "kind" text check ("kind" in ('RECEIPT', 'ISSUE', 'TRANSFER_OUT', 'TRANSFER_IN', 'RETURN_RESTOCK', 'ADJUSTMENT', 'DESTRUCTION')) not null, "quantity" int not null, "on_hand_after" int not null, "reason" text null, "document_type" text null, "document_id" uuid null, "document_no" text null, "actor_id" uuid null, "occurred_at" timestamptz not null, "created_at" timestamptz not null, constraint "stock_move_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_move_franchise_id_index" on "stock_move" ("franchise_id");`);
    this.addSql(`create index "stock_move_document_id_index" on "stock_move" ("document_id");`);
    this.addSql(`create index "stock_move_batch_id_index" on "stock_move" ("batch_id");`);
    this.addSql(`create index "stock_move_product_id_occurred_at_index" on "stock_move" ("product_id", "occurred_at");`);
    this.addSql(`create index "stock_move_warehouse_id_occurred_at_index" on "stock_move" ("warehouse_id", "occurred_at");`);

    this.addSql(`create table "stock_reservation" ("id" uuid not null, "franchise_id" uuid not null, "warehouse_id" uuid not null, "product_id" uuid not null, "quantity" int not null, "status" text check ("status" in ('ACTIVE', 'RELEASED', 'ISSUED')) not null default 'ACTIVE', "document_type" text not null, "document_id" uuid not null, "document_line_id" text null, "delivery_date" date not null, "created_by_id" uuid null, "closed_at" timestamptz null, "closed_by_id" uuid null, "close_reason" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "stock_reservation_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_reservation_franchise_id_index" on "stock_reservation" ("franchise_id");`);
    this.addSql(`create index "stock_reservation_warehouse_id_status_index" on "stock_reservation" ("warehouse_id", "status");`);
    this.addSql(`create index "stock_reservation_document_id_index" on "stock_reservation" ("document_id");`);

    this.addSql(`create table "stock_reservation_allocation" ("id" uuid not null, "franchise_id" uuid not null, "reservation_id" uuid not null, "balance_id" uuid not null, "batch_id" uuid not null, "zone_id" uuid not null, "quantity" int not null, constraint "stock_reservation_allocation_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_reservation_allocation_reservation_id_index" on "stock_reservation_allocation" ("reservation_id");`);
    this.addSql(`create index "stock_reservation_allocation_balance_id_index" on "stock_reservation_allocation" ("balance_id");`);

    this.addSql(`create table "storage_zone" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "warehouse_id" uuid not null, "code" text not null, "name" text not null, "storage_class" text check ("storage_class" in ('NORMAL', 'COLD')) not null, "temperature_min" numeric(4,1) not null, "temperature_max" numeric(4,1) not null, "humidity_min" numeric(4,1) not null, "humidity_max" numeric(4,1) not null, "on_hold" boolean not null default false, "status" text check ("status" in ('ACTIVE', 'CLOSED')) not null default 'ACTIVE', constraint "storage_zone_pkey" primary key ("id"));`);
    this.addSql(`create index "storage_zone_franchise_id_index" on "storage_zone" ("franchise_id");`);
    this.addSql(`create index "storage_zone_warehouse_id_index" on "storage_zone" ("warehouse_id");`);
    this.addSql(`alter table "storage_zone" add constraint "storage_zone_warehouse_id_code_unique" unique ("warehouse_id", "code");`);

    this.addSql(`create table "supplier" ("id" uuid not null, "franchise_id" uuid null, "status" text check ("status" in ('ACTIVE', 'DISCONTINUED')) not null default 'ACTIVE', "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" text not null, "license_no" text null, "contact_name" text null, "phone" text null, "address" text null, constraint "supplier_pkey" primary key ("id"));`);
    this.addSql(`create index "supplier_franchise_id_index" on "supplier" ("franchise_id");`);
    this.addSql(`create index "supplier_name_index" on "supplier" ("name");`);

    this.addSql(`create table "warehouse" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "org_unit_id" uuid not null, "kind" text check ("kind" in ('CENTRAL', 'FRANCHISE', 'BRANCH_CENTER', 'STORE')) not null, "code" text not null, "name" text not null, "address" text null, "responsible_staff_id" uuid null, "time_zone" text not null, "status" text check ("status" in ('ACTIVE', 'CLOSED')) not null default 'ACTIVE', constraint "warehouse_pkey" primary key ("id"));`);
    this.addSql(`create index "warehouse_franchise_id_index" on "warehouse" ("franchise_id");`);
    this.addSql(`create index "warehouse_org_unit_id_index" on "warehouse" ("org_unit_id");`);
    this.addSql(`alter table "warehouse" add constraint "warehouse_franchise_id_code_unique" unique ("franchise_id", "code");`);

    // What the database itself refuses, whatever a service does.
    this.addSql(`alter table "stock_balance" add constraint "stock_balance_on_hand_check" check (on_hand >= 0), add constraint "stock_balance_reserved_check" check (reserved >= 0), add constraint "stock_balance_reserved_le_on_hand_check" check (reserved <= on_hand);`);
    this.addSql(`alter table "stock_move" add constraint "stock_move_quantity_check" check (quantity <> 0), add constraint "stock_move_on_hand_after_check" check (on_hand_after >= 0);`);
    this.addSql(`alter table "stock_reservation" add constraint "stock_reservation_quantity_check" check (quantity > 0);`);
    this.addSql(`alter table "stock_reservation_allocation" add constraint "stock_reservation_allocation_quantity_check" check (quantity > 0);`);
    this.addSql(`alter table "batch" add constraint "batch_dates_check" check (expiry_date > manufacture_date);`);
    this.addSql(`alter table "storage_zone" add constraint "storage_zone_temperature_check" check (temperature_min < temperature_max), add constraint "storage_zone_humidity_check" check (humidity_min < humidity_max);`);
    this.addSql(`alter table "product" add constraint "product_shelf_life_check" check (shelf_life_days > 0), add constraint "product_price_check" check (price_cents >= 0);`);
    this.addSql(`alter table "franchise_product" add constraint "franchise_product_price_check" check (price_cents >= 0);`);
    // A barcode names one product among those a franchise sees (HQ's shared ones and its own).
    this.addSql(`create unique index "product_barcode_unique" on "product" (coalesce(franchise_id, '00000000-0000-0000-0000-000000000000'::uuid), barcode) where barcode is not null;`);
    // One active reservation per document line.
    this.addSql(`create unique index "stock_reservation_active_line_unique" on "stock_reservation" (document_type, document_id, document_line_id) where status = 'ACTIVE' and document_line_id is not null;`);
    // Near-expiry lists and first-expiry-first picking read balances by expiry.
    this.addSql(`create index "stock_balance_franchise_expiry_index" on "stock_balance" (franchise_id, expiry_date) where on_hand > 0;`);

    for (const [table, column, target] of [
      ['warehouse', 'org_unit_id', 'org_unit'],
      ['storage_zone', 'warehouse_id', 'warehouse'],
      ['batch', 'product_id', 'product'],
      ['batch', 'supplier_id', 'supplier'],
      ['franchise_product', 'product_id', 'product'],
      ['stock_balance', 'warehouse_id', 'warehouse'],
      ['stock_balance', 'zone_id', 'storage_zone'],
      ['stock_balance', 'product_id', 'product'],
      ['stock_balance', 'batch_id', 'batch'],
      ['stock_move', 'warehouse_id', 'warehouse'],
      ['stock_move', 'zone_id', 'storage_zone'],
      ['stock_move', 'product_id', 'product'],
      ['stock_move', 'batch_id', 'batch'],
      ['stock_reservation', 'warehouse_id', 'warehouse'],
      ['stock_reservation', 'product_id', 'product'],
      ['stock_reservation_allocation', 'reservation_id', 'stock_reservation'],
      ['stock_reservation_allocation', 'balance_id', 'stock_balance'],
    ] as const)
      this.addSql(`alter table "${table}" add constraint "${table}_${column.replace(/_id$/, '')}_fk" foreign key ("${column}") references "${target}" ("id") deferrable initially deferred;`);

    // The ledger is append-only: the API role may not change or remove a move, and no one can.
    this.addSql(`create or replace function pd_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only: post a correcting entry instead', TG_TABLE_NAME; end $$;`);
    this.addSql(`create trigger stock_move_append_only before update or delete on "stock_move" for each row execute function pd_append_only();`);

    for (const table of ['franchise_product', 'warehouse', 'storage_zone', 'batch', 'inventory_settings', 'stock_balance', 'stock_move', 'stock_reservation', 'stock_reservation_allocation'])
      this.addSql(tenantTableSql(table));
    for (const table of ['product', 'supplier']) this.addSql(tenantTableSql(table, { sharedWhenNull: true }));
    this.addSql(`revoke update, delete on "stock_move" from ${API_GROUP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists pd_append_only() cascade;`);
    this.addSql(`drop table if exists "batch" cascade;`);

    this.addSql(`drop table if exists "franchise_product" cascade;`);

    this.addSql(`drop table if exists "inventory_settings" cascade;`);

    this.addSql(`drop table if exists "product" cascade;`);

    this.addSql(`drop table if exists "stock_balance" cascade;`);

    this.addSql(`drop table if exists "stock_move" cascade;`);

    this.addSql(`drop table if exists "stock_reservation" cascade;`);

    this.addSql(`drop table if exists "stock_reservation_allocation" cascade;`);

    this.addSql(`drop table if exists "storage_zone" cascade;`);

    this.addSql(`drop table if exists "supplier" cascade;`);

    this.addSql(`drop table if exists "warehouse" cascade;`);
  }

}
