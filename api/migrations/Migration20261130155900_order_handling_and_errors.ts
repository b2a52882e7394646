import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Order handling on time (targets per franchise, due and on-time per step) and order errors counted against agents. */
export class Migration20261130155900_order_handling_and_errors extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "sales_order_error" ("id" uuid not null, "franchise_id" uuid not null, "order_id" uuid not null, "line_id" uuid null, "kind" text check ("kind" in ('WRONG_ENTRY', 'WRONG_SHIPMENT', 'OTHER')) not null, "note" text not null, "agent_id" uuid not null, "recorded_by_id" uuid not null, "recorded_at" timestamptz not null, "withdrawn_at" timestamptz null, "withdrawn_by_id" uuid null, "withdraw_reason" text null, constraint "sales_order_error_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_order_error_franchise_id_agent_id_recorded_at_index" on "sales_order_error" ("franchise_id", "agent_id", "recorded_at");`);
    this.addSql(`create index "sales_order_error_order_id_index" on "sales_order_error" ("order_id");`);

    this.addSql(`create table "order_settings" ("franchise_id" uuid not null, "review_within_minutes" int not null default 120, "ship_within_hours" int not null default 24, "version" int not null default 1, "updated_at" timestamptz not null, constraint "order_settings_pkey" primary key ("franchise_id"));`);

    for (const table of ['sales_order_error', 'order_settings']) this.addSql(tenantTableSql(table));

    this.addSql(`alter table "sales_order_event" drop constraint if exists "sales_order_event_kind_check";`);

    this.addSql(`alter table "sales_order" add column "review_due_at" timestamptz null, add column "review_on_time" boolean null, add column "ship_due_at" timestamptz null, add column "shipped_on_time" boolean null;`);

    this.addSql(`alter table "sales_order_event" add constraint "sales_order_event_kind_check" check("kind" in ('CREATED', 'TRANSITION', 'IDENTITY_VERIFIED', 'DELIVERY_CHANGED', 'TRACKING', 'PAYMENT', 'PAYMENT_REMINDER', 'ERROR_RECORDED', 'ERROR_WITHDRAWN'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sales_order_error" cascade;`);

    this.addSql(`drop table if exists "order_settings" cascade;`);

    this.addSql(`alter table "sales_order_event" drop constraint if exists "sales_order_event_kind_check";`);

    this.addSql(`alter table "sales_order" drop column "review_due_at", drop column "review_on_time", drop column "ship_due_at", drop column "shipped_on_time";`);

    this.addSql(`alter table "sales_order_event" add constraint "sales_order_event_kind_check" check("kind" in ('CREATED', 'TRANSITION', 'IDENTITY_VERIFIED', 'DELIVERY_CHANGED', 'TRACKING', 'PAYMENT', 'PAYMENT_REMINDER'));`);
  }

}
