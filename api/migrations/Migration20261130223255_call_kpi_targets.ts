import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Each franchise's call-center KPI targets and short-abandon threshold (defaults until first saved). */
export class Migration20261130223255_call_kpi_targets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "call_settings" ("franchise_id" uuid not null, "version" int not null default 1, "updated_at" timestamptz not null, "answer_rate_target" double precision not null default 0.9, "average_talk_seconds_target" int not null default 180, "short_abandon_seconds" int not null default 5, constraint "call_settings_pkey" primary key ("franchise_id"));`);
    this.addSql(tenantTableSql('call_settings'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "call_settings" cascade;`);
  }

}
