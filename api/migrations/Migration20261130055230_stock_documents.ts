import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

const TABLES = ['purchase_request', 'purchase_request_line', 'purchase_inspection_line', 'stock_requisition', 'stock_requisition_line', 'stock_transfer_line', 'stock_destruction', 'stock_destruction_line'];

/**
 * The stock documents: purchases (request, approval, supplier order, arrival, joint inspection,
 * put-away), branch requisitions with the lots shipped and what arrived, destructions; and the
 * non-conforming goods area of a warehouse (damaged goods, never allocated). Isolated per franchise.
 */
export class Migration20261130055230_stock_documents extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "purchase_inspection_line" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "request_id" uuid not null, "request_line_id" uuid not null, "product_id" uuid not null, "lot_no" text not null, "manufacture_date" date not null, "expiry_date" date not null, "accepted_quantity" int not null, "rejected_quantity" int not null, "reject_reason" text null, "zone_id" uuid null, "batch_id" uuid null, constraint "purchase_inspection_line_pkey" primary key ("id"));`);
    this.addSql(`create index "purchase_inspection_line_franchise_id_index" on "purchase_inspection_line" ("franchise_id");`);
    this.addSql(`create index "purchase_inspection_line_request_id_index" on "purchase_inspection_line" ("request_id");`);

    this.addSql(`create table "purchase_request" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "request_no" text not null, "warehouse_id" uuid not null, "supplier_id" uuid null, "status" text check ("status" in ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'ORDERED', 'ARRIVED', 'INSPECTED', 'RECEIVED', 'CANCELLED')) not null default 'DRAFT', "note" text null, "requested_by_id" uuid not null, "submitted_at" timestamptz null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_note" text null, "supplier_order_no" text null, "ordered_at" timestamptz null, "expected_date" date null, "arrived_at" timestamptz null, "arrival_note" text null, "inspected_at" timestamptz null, "keeper_signed_by_id" uuid null, "keeper_signed_at" timestamptz null, "manager_signed_by_id" uuid null, "manager_signed_at" timestamptz null, "inbound_slip_no" text null, "received_at" timestamptz null, "received_by_id" uuid null, constraint "purchase_request_pkey" primary key ("id"));`);
    this.addSql(`create index "purchase_request_franchise_id_index" on "purchase_request" ("franchise_id");`);
    this.addSql(`create index "purchase_request_warehouse_id_status_index" on "purchase_request" ("warehouse_id", "status");`);
    this.addSql(`alter table "purchase_request" add constraint "purchase_request_franchise_id_request_no_unique" unique ("franchise_id", "request_no");`);

    this.addSql(`create table "purchase_request_line" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "request_id" uuid not null, "line_no" int not null, "product_id" uuid not null, "quantity" int not null, "suggested_quantity" int null, "note" text null, constraint "purchase_request_line_pkey" primary key ("id"));`);
    this.addSql(`create index "purchase_request_line_franchise_id_index" on "purchase_request_line" ("franchise_id");`);
    this.addSql(`create index "purchase_request_line_request_id_index" on "purchase_request_line" ("request_id");`);

    this.addSql(`create table "stock_destruction" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "destruction_no" text not null, "warehouse_id" uuid not null, "status" text check ("status" in ('REQUESTED', 'APPROVED', 'REJECTED', 'DESTROYED', 'CANCELLED')) not null default 'REQUESTED', "reason" text not null, "requested_by_id" uuid not null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_note" text null, "method" text null, "witness_id" uuid null, "destroyed_by_id" uuid null, "destroyed_at" timestamptz null, "destruction_note" text null, constraint "stock_destruction_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_destruction_franchise_id_index" on "stock_destruction" ("franchise_id");`);
    this.addSql(`create index "stock_destruction_warehouse_id_status_index" on "stock_destruction" ("warehouse_id", "status");`);
    this.addSql(`alter table "stock_destruction" add constraint "stock_destruction_franchise_id_destruction_no_unique" unique ("franchise_id", "destruction_no");`);

    this.addSql(`create table "stock_destruction_line" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "destruction_id" uuid not null, "zone_id" uuid not null, "product_id" uuid not null, "batch_id" uuid not null, "quantity" int not null, constraint "stock_destruction_line_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_destruction_line_franchise_id_index" on "stock_destruction_line" ("franchise_id");`);
    this.addSql(`create index "stock_destruction_line_destruction_id_index" on "stock_destruction_line" ("destruction_id");`);

    this.addSql(`create table "stock_requisition" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "requisition_no" text not null, "from_warehouse_id" uuid not null, "to_warehouse_id" uuid not null, "status" text check ("status" in ('SUBMITTED', 'APPROVED', 'REJECTED', 'PICKED', 'IN_TRANSIT', 'RECEIVED', 'CANCELLED')) not null default 'SUBMITTED', "note" text null, "requested_by_id" uuid not null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_note" text null, "picked_by_id" uuid null, "picked_at" timestamptz null, "shipped_by_id" uuid null, "shipped_at" timestamptz null, "outbound_slip_no" text null, "received_by_id" uuid null, "received_at" timestamptz null, constraint "stock_requisition_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_requisition_franchise_id_index" on "stock_requisition" ("franchise_id");`);
    this.addSql(`create index "stock_requisition_to_warehouse_id_status_index" on "stock_requisition" ("to_warehouse_id", "status");`);
    this.addSql(`create index "stock_requisition_from_warehouse_id_status_index" on "stock_requisition" ("from_warehouse_id", "status");`);
    this.addSql(`alter table "stock_requisition" add constraint "stock_requisition_franchise_id_requisition_no_unique" unique ("franchise_id", "requisition_no");`);

    this.addSql(`create table "stock_requisition_line" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "requisition_id" uuid not null, "line_no" int not null, "product_id" uuid not null, "quantity" int not null, "note" text null, constraint "stock_requisition_line_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_requisition_line_franchise_id_index" on "stock_requisition_line" ("franchise_id");`);
    this.addSql(`create index "stock_requisition_line_requisition_id_index" on "stock_requisition_line" ("requisition_id");`);

    this.addSql(`create table "stock_transfer_line" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "requisition_id" uuid not null, "requisition_line_id" uuid not null, "product_id" uuid not null, "batch_id" uuid not null, "from_zone_id" uuid not null, "shipped_quantity" int not null, "received_quantity" int null, "damaged_quantity" int null, "short_quantity" int null, "discrepancy_note" text null, "to_zone_id" uuid null, constraint "stock_transfer_line_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_transfer_line_franchise_id_index" on "stock_transfer_line" ("franchise_id");`);
    this.addSql(`create index "stock_transfer_line_requisition_id_index" on "stock_transfer_line" ("requisition_id");`);

    this.addSql(`alter table "storage_zone" add column "non_conforming" boolean not null default false;`);
    // Quantities are never negative; an inspection line receives something or refuses something.
    this.addSql(`alter table "purchase_request_line" add constraint "purchase_request_line_quantity_check" check (quantity > 0);`);
    this.addSql(`alter table "purchase_inspection_line" add constraint "purchase_inspection_line_quantities_check" check (accepted_quantity >= 0 and rejected_quantity >= 0 and accepted_quantity + rejected_quantity > 0 and expiry_date > manufacture_date);`);
    this.addSql(`alter table "stock_requisition_line" add constraint "stock_requisition_line_quantity_check" check (quantity > 0);`);
    this.addSql(`alter table "stock_transfer_line" add constraint "stock_transfer_line_quantities_check" check (shipped_quantity > 0 and coalesce(received_quantity, 0) >= 0 and coalesce(damaged_quantity, 0) >= 0 and coalesce(short_quantity, 0) >= 0);`);
    this.addSql(`alter table "stock_destruction_line" add constraint "stock_destruction_line_quantity_check" check (quantity > 0);`);
    for (const table of TABLES) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "purchase_inspection_line" cascade;`);

    this.addSql(`drop table if exists "purchase_request" cascade;`);

    this.addSql(`drop table if exists "purchase_request_line" cascade;`);

    this.addSql(`drop table if exists "stock_destruction" cascade;`);

    this.addSql(`drop table if exists "stock_destruction_line" cascade;`);

    this.addSql(`drop table if exists "stock_requisition" cascade;`);

    this.addSql(`drop table if exists "stock_requisition_line" cascade;`);

    this.addSql(`drop table if exists "stock_transfer_line" cascade;`);

    this.addSql(`alter table "storage_zone" drop column "non_conforming";`);
  }

}
