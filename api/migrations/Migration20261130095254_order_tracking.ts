import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Orders: carriers' tracking events (one per franchise, carrier and event id) and the order's latest tracking status. */
export class Migration20261130095254_order_tracking extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "sales_order_tracking_event" ("id" uuid not null, "franchise_id" uuid not null, "order_id" uuid not null, "carrier" text not null, "event_id" text not null, "tracking_no" text not null, "status" text check ("status" in ('PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION')) not null, "occurred_at" timestamptz not null, "location" text null, "eta" timestamptz null, "note" text null, "received_at" timestamptz not null, constraint "sales_order_tracking_event_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_order_tracking_event_order_id_occurred_at_index" on "sales_order_tracking_event" ("order_id", "occurred_at");`);
    this.addSql(`alter table "sales_order_tracking_event" add constraint "sales_order_tracking_event_franchise_id_carrier_event_id_unique" unique ("franchise_id", "carrier", "event_id");`);

    this.addSql(`alter table "sales_order_event" drop constraint if exists "sales_order_event_kind_check";`);

    this.addSql(`alter table "sales_order" add column "tracking_status" text check ("tracking_status" in ('PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION')) null, add column "tracking_updated_at" timestamptz null, add column "estimated_arrival_at" timestamptz null;`);

    this.addSql(`alter table "sales_order_event" add constraint "sales_order_event_kind_check" check("kind" in ('CREATED', 'TRANSITION', 'IDENTITY_VERIFIED', 'DELIVERY_CHANGED', 'TRACKING'));`);
    this.addSql(tenantTableSql('sales_order_tracking_event'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sales_order_tracking_event" cascade;`);

    this.addSql(`alter table "sales_order_event" drop constraint if exists "sales_order_event_kind_check";`);

    this.addSql(`alter table "sales_order" drop column "tracking_status", drop column "tracking_updated_at", drop column "estimated_arrival_at";`);

    this.addSql(`alter table "sales_order_event" add constraint "sales_order_event_kind_check" check("kind" in ('CREATED', 'TRANSITION', 'IDENTITY_VERIFIED', 'DELIVERY_CHANGED'));`);
  }

}
