import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** HQ's third-party survey projects and their imported results (row-level security like their neighbours). */
export class Migration20261201073549_third_party_survey_projects extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "third_party_survey_project" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" text not null, "firm" text not null, "scope" text null, "store_ids" text[] not null, "start_date" date not null, "end_date" date not null, "notes" text null, "created_by_id" uuid not null, "imported_at" timestamptz null, "imported_file_name" text null, "imported_rows" int not null default 0, "imported_respondents" int not null default 0, constraint "third_party_survey_project_pkey" primary key ("id"));`);
    this.addSql(`create index "third_party_survey_project_franchise_id_index" on "third_party_survey_project" ("franchise_id");`);
    this.addSql(`create index "third_party_survey_project_franchise_id_start_date_index" on "third_party_survey_project" ("franchise_id", "start_date");`);

    this.addSql(`create table "third_party_survey_result" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "project_id" uuid not null, "row_no" int not null, "store_id" uuid not null, "day" date not null, "question" text not null, "score" double precision not null, "respondents" int not null, constraint "third_party_survey_result_pkey" primary key ("id"));`);
    this.addSql(`comment on column "third_party_survey_result"."row_no" is 'The row number in the imported file (header = 1).';`);
    this.addSql(`create index "third_party_survey_result_franchise_id_index" on "third_party_survey_result" ("franchise_id");`);
    this.addSql(`create index "third_party_survey_result_project_id_index" on "third_party_survey_result" ("project_id");`);
    for (const table of ['third_party_survey_project', 'third_party_survey_result']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "third_party_survey_project" cascade;`);

    this.addSql(`drop table if exists "third_party_survey_result" cascade;`);
  }

}
