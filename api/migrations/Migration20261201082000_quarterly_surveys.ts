import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Quarterly survey rounds (HQ's, readable by every franchise) and each organization's answers (row-level security: its own). */
export class Migration20261201082000_quarterly_surveys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "quarterly_survey_response" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "round_id" uuid not null, "template_version_id" uuid not null, "answers" jsonb not null, "respondent_id" uuid not null, "answered_at" timestamptz not null, constraint "quarterly_survey_response_pkey" primary key ("id"));`);
    this.addSql(`create index "quarterly_survey_response_franchise_id_index" on "quarterly_survey_response" ("franchise_id");`);
    this.addSql(`create index "quarterly_survey_response_round_id_index" on "quarterly_survey_response" ("round_id");`);
    this.addSql(`alter table "quarterly_survey_response" add constraint "quarterly_survey_response_round_id_franchise_id_unique" unique ("round_id", "franchise_id");`);

    this.addSql(`create table "quarterly_survey_round" ("id" uuid not null, "franchise_id" uuid null, "quarter" text not null, "title" text not null, "template_id" uuid not null, "template_version_id" uuid not null, "audience" text[] not null, "closes_on" date not null, "closed_at" timestamptz null, "created_by_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "quarterly_survey_round_pkey" primary key ("id"));`);
    this.addSql(`alter table "quarterly_survey_round" add constraint "quarterly_survey_round_quarter_template_id_unique" unique ("quarter", "template_id");`);
    this.addSql(tenantTableSql('quarterly_survey_round', { sharedWhenNull: true }));
    this.addSql(tenantTableSql('quarterly_survey_response'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "quarterly_survey_response" cascade;`);

    this.addSql(`drop table if exists "quarterly_survey_round" cascade;`);
  }

}
