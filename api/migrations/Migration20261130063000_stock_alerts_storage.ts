import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Stock control: alerts (raised once per key), storage readings (idempotent by source key) and excursions (one open per zone). */
export class Migration20261130063000_stock_alerts_storage extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "stock_alert" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text check ("kind" in ('LOW_STOCK', 'NEAR_EXPIRY', 'EXPIRED', 'EXCURSION', 'EXCURSION_ESCALATED', 'RECALL', 'LEDGER_MISMATCH')) not null, "warehouse_id" uuid null, "zone_id" uuid null, "product_id" uuid null, "batch_id" uuid null, "subject_id" uuid null, "message" text not null, "details" jsonb not null, "dedupe_key" text not null, "acknowledged_at" timestamptz null, "acknowledged_by_id" uuid null, constraint "stock_alert_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_alert_franchise_id_index" on "stock_alert" ("franchise_id");`);
    this.addSql(`create index "stock_alert_warehouse_id_created_at_index" on "stock_alert" ("warehouse_id", "created_at");`);
    this.addSql(`alter table "stock_alert" add constraint "stock_alert_franchise_id_dedupe_key_unique" unique ("franchise_id", "dedupe_key");`);

    this.addSql(`create table "storage_excursion" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "warehouse_id" uuid not null, "zone_id" uuid not null, "status" text check ("status" in ('OPEN', 'CLOSED')) not null default 'OPEN', "started_at" timestamptz not null, "last_out_at" timestamptz not null, "ended_at" timestamptz null, "readings_out" int not null default 0, "min_temperature" numeric(5,2) null, "max_temperature" numeric(5,2) null, "min_humidity" numeric(5,2) null, "max_humidity" numeric(5,2) null, "limits" text not null, "case_id" uuid null, "escalated_at" timestamptz null, "released_at" timestamptz null, "released_by_id" uuid null, "release_note" text null, constraint "storage_excursion_pkey" primary key ("id"));`);
    this.addSql(`create index "storage_excursion_franchise_id_index" on "storage_excursion" ("franchise_id");`);
    this.addSql(`create index "storage_excursion_zone_id_started_at_index" on "storage_excursion" ("zone_id", "started_at");`);

    this.addSql(`create table "storage_reading" ("id" uuid not null, "franchise_id" uuid not null, "warehouse_id" uuid not null, "zone_id" uuid not null, "recorded_at" timestamptz not null, "temperature" numeric(5,2) null, "humidity" numeric(5,2) null, "source" text check ("source" in ('MANUAL', 'SENSOR')) not null, "sensor_id" text null, "reading_id" text null, "source_key" text not null, "in_range" boolean not null, "recorded_by_id" uuid null, "created_at" timestamptz not null, constraint "storage_reading_pkey" primary key ("id"));`);
    this.addSql(`create index "storage_reading_franchise_id_index" on "storage_reading" ("franchise_id");`);
    this.addSql(`create index "storage_reading_zone_id_recorded_at_index" on "storage_reading" ("zone_id", "recorded_at");`);
    this.addSql(`alter table "storage_reading" add constraint "storage_reading_franchise_id_source_key_unique" unique ("franchise_id", "source_key");`);

    this.addSql(`alter table "inventory_settings" add column "excursion_case_after_minutes" int not null default 30;`);

    this.addSql(`alter table "storage_zone" add column "hold_reason" text null;`);

    this.addSql(`create unique index "storage_excursion_one_open_per_zone" on "storage_excursion" ("zone_id") where status = 'OPEN';`);
    this.addSql(`alter table "storage_reading" add constraint "storage_reading_measured" check (temperature is not null or humidity is not null);`);
    this.addSql(`alter table "inventory_settings" add constraint "inventory_settings_excursion_minutes" check (excursion_case_after_minutes between 1 and 1440);`);
    for (const table of ['stock_alert', 'storage_excursion', 'storage_reading']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stock_alert" cascade;`);

    this.addSql(`drop table if exists "storage_excursion" cascade;`);

    this.addSql(`drop table if exists "storage_reading" cascade;`);

    this.addSql(`alter table "inventory_settings" drop column "excursion_case_after_minutes";`);

    this.addSql(`alter table "storage_zone" drop column "hold_reason";`);
  }

}
