import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Satisfaction analyses with their improvement actions, and the franchises' review-flag thresholds (row-level security like their neighbours). */
export class Migration20261201050000_satisfaction_analysis extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "improvement_action" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "analysis_id" uuid not null, "problem_key" text null, "title" text not null, "description" text null, "owner_id" uuid not null, "store_id" uuid null, "due_date" date not null, "evidence_required" text null, "status" text check ("status" in ('OPEN', 'IN_PROGRESS', 'DONE', 'CLOSED')) not null default 'OPEN', "notes" jsonb not null, "evidence_urls" text[] not null, "created_by_id" uuid not null, "done_at" timestamptz null, "closed_at" timestamptz null, "closed_by_id" uuid null, "escalated_at" timestamptz null, constraint "improvement_action_pkey" primary key ("id"));`);
    this.addSql(`create index "improvement_action_franchise_id_index" on "improvement_action" ("franchise_id");`);
    this.addSql(`create index "improvement_action_analysis_id_index" on "improvement_action" ("analysis_id");`);
    this.addSql(`create index "improvement_action_owner_id_status_index" on "improvement_action" ("owner_id", "status");`);
    this.addSql(`create index "improvement_action_franchise_id_status_due_date_index" on "improvement_action" ("franchise_id", "status", "due_date");`);

    this.addSql(`create table "satisfaction_analysis" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "title" text not null, "period_from" text not null, "period_to" text not null, "store_id" uuid null, "status" text check ("status" in ('OPEN', 'CLOSED')) not null default 'OPEN', "figures" jsonb not null, "worst_questions" jsonb not null, "worst_stores" jsonb not null, "worst_agents" jsonb not null, "flags" jsonb not null, "findings" text null, "problems" jsonb not null, "author_id" uuid not null, "closed_at" timestamptz null, constraint "satisfaction_analysis_pkey" primary key ("id"));`);
    this.addSql(`create index "satisfaction_analysis_franchise_id_index" on "satisfaction_analysis" ("franchise_id");`);
    this.addSql(`create index "satisfaction_analysis_franchise_id_status_created_at_index" on "satisfaction_analysis" ("franchise_id", "status", "created_at");`);

    this.addSql(`create table "satisfaction_analysis_settings" ("franchise_id" uuid not null, "version" int not null default 1, "updated_at" timestamptz not null, "concentration_share" double precision not null default 0.4, "concentration_min_count" int not null default 5, "spread_min_agents" int not null default 3, "spread_min_count" int not null default 6, constraint "satisfaction_analysis_settings_pkey" primary key ("franchise_id"));`);
    for (const table of ['satisfaction_analysis', 'improvement_action', 'satisfaction_analysis_settings']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "improvement_action" cascade;`);

    this.addSql(`drop table if exists "satisfaction_analysis" cascade;`);

    this.addSql(`drop table if exists "satisfaction_analysis_settings" cascade;`);
  }

}
