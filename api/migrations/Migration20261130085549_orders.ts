import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Orders: the order, its lines (prices in cents), the lots picked per line and its timeline; all franchise tables under RLS. */
export class Migration20261130085549_orders extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "sales_order" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "order_no" text not null, "channel" text check ("channel" in ('ONLINE_SHOP', 'APP', 'WECHAT', 'PHONE', 'IN_STORE')) not null, "customer_id" uuid null, "org_unit_id" uuid not null, "warehouse_id" uuid not null, "workflow" text not null, "state" text not null, "stage" text check ("stage" in ('NEW', 'REVIEW', 'WAITING_CUSTOMER', 'FULFILLMENT', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED')) not null default 'NEW', "delivery_name" text null, "delivery_phone" text null, "delivery_address" text null, "payment_status" text check ("payment_status" in ('UNPAID', 'PAID', 'REFUND_PENDING', 'REFUNDED')) not null default 'UNPAID', "subtotal_cents" int not null, "discount_cents" int not null, "total_cents" int not null, "note" text null, "waiting_reason" text null, "waiting_reason_code" text null, "carrier" text null, "tracking_no" text null, "expected_ship_at" timestamptz null, "expected_delivery_at" timestamptz null, "shipped_at" timestamptz null, "delivered_at" timestamptz null, "receipt_confirmed_at" timestamptz null, "receipt_condition" text check ("receipt_condition" in ('GOOD', 'PROBLEM')) null, "receipt_note" text null, "cancelled_at" timestamptz null, "cancel_reason" text null, "created_by_id" uuid null, "reviewed_by_id" uuid null, "reviewed_at" timestamptz null, "last_activity_at" timestamptz not null, constraint "sales_order_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_order_franchise_id_index" on "sales_order" ("franchise_id");`);
    this.addSql(`create index "sales_order_customer_id_index" on "sales_order" ("customer_id");`);
    this.addSql(`create index "sales_order_org_unit_id_created_at_index" on "sales_order" ("org_unit_id", "created_at");`);
    this.addSql(`create index "sales_order_franchise_id_stage_created_at_index" on "sales_order" ("franchise_id", "stage", "created_at");`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_franchise_id_order_no_unique" unique ("franchise_id", "order_no");`);

    this.addSql(`create table "sales_order_event" ("id" uuid not null, "franchise_id" uuid not null, "order_id" uuid not null, "kind" text check ("kind" in ('CREATED', 'TRANSITION')) not null, "action" text null, "from_state" text null, "to_state" text null, "reason" text null, "actor_id" uuid null, "details" jsonb not null, "occurred_at" timestamptz not null, constraint "sales_order_event_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_order_event_order_id_occurred_at_index" on "sales_order_event" ("order_id", "occurred_at");`);

    this.addSql(`create table "sales_order_line" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "order_id" uuid not null, "line_no" int not null, "product_id" uuid not null, "product_name" text not null, "specification" text not null, "quantity" int not null, "unit_price_cents" int not null, "discount_cents" int not null default 0, "line_total_cents" int not null, "daily_dose" double precision null, constraint "sales_order_line_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_order_line_franchise_id_index" on "sales_order_line" ("franchise_id");`);
    this.addSql(`create index "sales_order_line_product_id_index" on "sales_order_line" ("product_id");`);
    this.addSql(`alter table "sales_order_line" add constraint "sales_order_line_order_id_line_no_unique" unique ("order_id", "line_no");`);

    this.addSql(`create table "sales_order_pick" ("id" uuid not null, "franchise_id" uuid not null, "order_id" uuid not null, "line_id" uuid not null, "batch_id" uuid not null, "lot_no" text not null, "expiry_date" date not null, "zone_id" uuid not null, "quantity" int not null, "created_at" timestamptz not null, constraint "sales_order_pick_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_order_pick_line_id_index" on "sales_order_pick" ("line_id");`);
    this.addSql(`create index "sales_order_pick_order_id_index" on "sales_order_pick" ("order_id");`);

    // Money in whole cents, never negative; totals add up (the service computes them, the database stands behind it).
    this.addSql(`alter table "sales_order" add constraint "sales_order_money" check (subtotal_cents >= 0 and discount_cents >= 0 and total_cents = subtotal_cents - discount_cents and total_cents >= 0);`);
    this.addSql(`alter table "sales_order_line" add constraint "sales_order_line_money" check (quantity > 0 and unit_price_cents >= 0 and discount_cents >= 0 and line_total_cents = quantity * unit_price_cents - discount_cents and line_total_cents >= 0);`);
    this.addSql(`alter table "sales_order_pick" add constraint "sales_order_pick_quantity" check (quantity > 0);`);
    for (const table of ['sales_order', 'sales_order_line', 'sales_order_pick', 'sales_order_event']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sales_order" cascade;`);

    this.addSql(`drop table if exists "sales_order_event" cascade;`);

    this.addSql(`drop table if exists "sales_order_line" cascade;`);

    this.addSql(`drop table if exists "sales_order_pick" cascade;`);
  }

}
