import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** The service journey: the test catalogue (HQ's shared items and franchises' own), test orders with their lines and steps. */
export class Migration20261201012119_journey extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "test_item" ("id" uuid not null, "franchise_id" uuid null, "status" text check ("status" in ('ACTIVE', 'DISCONTINUED')) not null default 'ACTIVE', "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" text not null, "name" text not null, "price_cents" int not null, "sampling_guide" text null, "turnaround_days" int not null, constraint "test_item_pkey" primary key ("id"));`);
    this.addSql(`create index "test_item_franchise_id_index" on "test_item" ("franchise_id");`);
    this.addSql(`create unique index "test_item_code_unique" on "test_item" (coalesce("franchise_id", '00000000-0000-0000-0000-000000000000'), "code");`);

    this.addSql(`create table "test_order" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "test_order_no" text not null, "customer_id" uuid not null, "org_unit_id" uuid not null, "doctor_id" uuid not null, "appointment_id" uuid null, "workflow" text not null, "state" text not null, "total_cents" int not null, "note" text null, "created_by_id" uuid null, "expected_report_on" date null, "sampled_at" timestamptz null, "rejection_reason" text null, "lab_report_id" text null, "lab_results" jsonb not null, "lab_files" jsonb not null, "report_received_at" timestamptz null, "released_at" timestamptz null, "released_by_id" uuid null, "summary" text null, "delivery_method" text null, "tracking_no" text null, "delivered_at" timestamptz null, "interpreted_at" timestamptz null, "cancel_reason" text null, constraint "test_order_pkey" primary key ("id"));`);
    this.addSql(`create index "test_order_franchise_id_index" on "test_order" ("franchise_id");`);
    this.addSql(`create index "test_order_state_index" on "test_order" ("state");`);
    this.addSql(`create index "test_order_customer_id_created_at_index" on "test_order" ("customer_id", "created_at");`);
    this.addSql(`alter table "test_order" add constraint "test_order_franchise_id_lab_report_id_unique" unique ("franchise_id", "lab_report_id");`);
    this.addSql(`alter table "test_order" add constraint "test_order_franchise_id_test_order_no_unique" unique ("franchise_id", "test_order_no");`);

    this.addSql(`create table "test_order_line" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "test_order_id" uuid not null, "line_no" int not null, "test_item_id" uuid not null, "code" text not null, "name" text not null, "price_cents" int not null, "turnaround_days" int not null, "sampling_guide" text null, constraint "test_order_line_pkey" primary key ("id"));`);
    this.addSql(`create index "test_order_line_franchise_id_index" on "test_order_line" ("franchise_id");`);
    this.addSql(`create index "test_order_line_test_order_id_index" on "test_order_line" ("test_order_id");`);

    this.addSql(`create table "test_order_step" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "test_order_id" uuid not null, "customer_id" uuid not null, "action" text not null, "from_state" text null, "to_state" text not null, "actor_id" uuid null, "reason" text null, constraint "test_order_step_pkey" primary key ("id"));`);
    this.addSql(`create index "test_order_step_franchise_id_index" on "test_order_step" ("franchise_id");`);
    this.addSql(`create index "test_order_step_customer_id_created_at_index" on "test_order_step" ("customer_id", "created_at");`);
    this.addSql(`create index "test_order_step_test_order_id_created_at_index" on "test_order_step" ("test_order_id", "created_at");`);
    this.addSql(tenantTableSql('test_item', { sharedWhenNull: true }));
    for (const table of ['test_order', 'test_order_line', 'test_order_step']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "test_item" cascade;`);

    this.addSql(`drop table if exists "test_order" cascade;`);

    this.addSql(`drop table if exists "test_order_line" cascade;`);

    this.addSql(`drop table if exists "test_order_step" cascade;`);
  }

}
