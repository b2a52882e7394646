import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Returns and exchanges (RMA): requests with their lines per order line and lot, the timeline, and each franchise's return window. */
export class Migration20261130115942_returns extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "sales_return_event" ("id" uuid not null, "franchise_id" uuid not null, "return_id" uuid not null, "kind" text check ("kind" in ('CREATED', 'TRANSITION', 'SLA_WARNING', 'SLA_BREACHED', 'ESCALATED')) not null, "action" text null, "from_state" text null, "to_state" text null, "reason" text null, "actor_id" uuid null, "details" jsonb not null, "occurred_at" timestamptz not null, constraint "sales_return_event_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_return_event_return_id_occurred_at_index" on "sales_return_event" ("return_id", "occurred_at");`);

    this.addSql(`create table "sales_return_line" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "return_id" uuid not null, "order_line_id" uuid not null, "line_no" int not null, "product_id" uuid not null, "product_name" text not null, "specification" text not null, "batch_id" uuid null, "lot_no" text null, "zone_id" uuid null, "quantity" int not null, "unit_paid_cents" int not null, "accepted_quantity" int null, "damaged_quantity" int null, "packaging_intact" boolean null, "restocked_quantity" int null, "quarantined_quantity" int null, "refund_cents" int null, "inspection_note" text null, constraint "sales_return_line_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_return_line_franchise_id_index" on "sales_return_line" ("franchise_id");`);
    this.addSql(`create index "sales_return_line_order_line_id_index" on "sales_return_line" ("order_line_id");`);
    this.addSql(`create index "sales_return_line_return_id_index" on "sales_return_line" ("return_id");`);

    this.addSql(`create table "sales_return" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "return_no" text not null, "order_id" uuid not null, "order_no" text not null, "customer_id" uuid null, "org_unit_id" uuid not null, "warehouse_id" uuid not null, "workflow" text not null, "state" text not null, "stage" text check ("stage" in ('NEW', 'REVIEW', 'APPROVED', 'RETURNING', 'RECEIVED', 'SETTLEMENT', 'COMPLETED', 'REJECTED', 'CANCELLED')) not null default 'NEW', "kind" text check ("kind" in ('REFUND', 'EXCHANGE')) not null, "reason" text check ("reason" in ('SPOILED', 'DAMAGED', 'WRONG_ITEM', 'DAMAGED_IN_TRANSIT', 'LATE_DELIVERY', 'CUSTOMER_REASON')) not null, "reason_category" text check ("reason_category" in ('QUALITY', 'DELIVERY', 'CUSTOMER')) not null, "shipping_paid_by" text check ("shipping_paid_by" in ('STORE', 'CUSTOMER')) not null, "description" text null, "evidence" jsonb not null, "source" text check ("source" in ('ONLINE_SHOP', 'APP', 'WECHAT', 'PHONE', 'IN_STORE', 'CASE', 'ORDER_PAGE')) not null, "case_id" uuid null, "requested_by_id" uuid null, "reviewed_by_id" uuid null, "reviewed_at" timestamptz null, "rejection_reason" text null, "return_carrier" text null, "return_tracking_no" text null, "shipped_back_at" timestamptz null, "received_at" timestamptz null, "received_by_id" uuid null, "inspected_at" timestamptz null, "inspected_by_id" uuid null, "refund_cents" int null, "refund_approved_by_id" uuid null, "refund_approved_at" timestamptz null, "refunded_at" timestamptz null, "refunded_by_id" uuid null, "refund_reference" text null, "replacement_order_id" uuid null, "exchanged_at" timestamptz null, "cancelled_at" timestamptz null, "cancel_reason" text null, "review_due_at" timestamptz null, "review_met_at" timestamptz null, "review_breached_at" timestamptz null, "refund_due_at" timestamptz null, "refund_met_at" timestamptz null, "refund_breached_at" timestamptz null, "sla_clock" text check ("sla_clock" in ('REVIEW', 'REFUND')) null, "sla_due_at" timestamptz null, "sla_warn_at" timestamptz null, "sla_warned_at" timestamptz null, "sla_status" text check ("sla_status" in ('OK', 'WARNING', 'BREACHED', 'NONE')) null, "escalation_level" text check ("escalation_level" in ('AGENT', 'SUPERVISOR', 'DIRECTOR', 'HQ')) not null default 'AGENT', "last_activity_at" timestamptz not null, constraint "sales_return_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_return_franchise_id_index" on "sales_return" ("franchise_id");`);
    this.addSql(`create index "sales_return_running_sla" on "sales_return" ("sla_warn_at") where "sla_due_at" is not null;`);
    this.addSql(`create index "sales_return_customer_id_index" on "sales_return" ("customer_id");`);
    this.addSql(`create index "sales_return_order_id_index" on "sales_return" ("order_id");`);
    this.addSql(`create index "sales_return_franchise_id_stage_created_at_index" on "sales_return" ("franchise_id", "stage", "created_at");`);
    this.addSql(`alter table "sales_return" add constraint "sales_return_franchise_id_return_no_unique" unique ("franchise_id", "return_no");`);

    this.addSql(`create table "return_settings" ("franchise_id" uuid not null, "window_days" int not null default 7, "version" int not null default 1, "updated_at" timestamptz not null, constraint "return_settings_pkey" primary key ("franchise_id"));`);

    this.addSql(`alter table "sales_return_line" add constraint "sales_return_line_quantities_check" check (quantity > 0 and coalesce(accepted_quantity, 0) >= 0 and coalesce(damaged_quantity, 0) >= 0 and coalesce(accepted_quantity, 0) + coalesce(damaged_quantity, 0) <= quantity);`);
    this.addSql(`alter table "sales_return" add constraint "sales_return_refund_cents_check" check (refund_cents is null or refund_cents >= 0);`);
    for (const table of ['sales_return', 'sales_return_line', 'sales_return_event', 'return_settings']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sales_return_event" cascade;`);

    this.addSql(`drop table if exists "sales_return_line" cascade;`);

    this.addSql(`drop table if exists "sales_return" cascade;`);

    this.addSql(`drop table if exists "return_settings" cascade;`);
  }

}
