import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/**
 * The reports' read model (modules/reports/report-facts.ts): daily facts per franchise, local
 * day, store, agent, metric and dimension, and the events already applied to them. No entities:
 * written and read with plain statements only.
 */
export class Migration20261201045000_report_facts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report_fact" ("franchise_id" uuid not null, "day" date not null, "store_id" uuid null, "agent_id" uuid null, "metric" text not null, "dimension" text not null default '', "count" int not null default 0, "sum" bigint not null default 0);`);
    this.addSql(`alter table "report_fact" add constraint "report_fact_key" unique nulls not distinct ("franchise_id", "day", "store_id", "agent_id", "metric", "dimension");`);
    this.addSql(`create index "report_fact_franchise_metric_day_index" on "report_fact" ("franchise_id", "metric", "day");`);
    this.addSql(`create table "report_applied_event" ("event_id" uuid not null, "franchise_id" uuid not null, "day" date not null, constraint "report_applied_event_pkey" primary key ("event_id"));`);
    this.addSql(`create index "report_applied_event_franchise_day_index" on "report_applied_event" ("franchise_id", "day");`);
    for (const table of ['report_fact', 'report_applied_event']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report_applied_event" cascade;`);
    this.addSql(`drop table if exists "report_fact" cascade;`);
  }

}
