import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** The built-in HQ survey after a service contact (the ids survey.service.ts names); existing satisfaction requests are asked with it. */
const DEFAULT_QUESTIONS = JSON.stringify([
  { key: 'overall', kind: 'RATING', text: '您对本次服务的满意程度如何？（1–5 分）', required: true, weight: 2, satisfaction: true, options: [] },
  { key: 'resolved', kind: 'YES_NO', text: '您的问题是否已经解决？', required: false, weight: 1, satisfaction: false, options: [{ value: 'yes', label: '是', score: 10 }, { value: 'no', label: '否', score: 0 }] },
  { key: 'recommend', kind: 'NPS', text: '您有多大可能向亲友推荐我们？（0–10 分）', required: false, weight: 1, satisfaction: false, options: [] },
  { key: 'suggestion', kind: 'TEXT', text: '您还有什么意见或建议？', required: false, weight: 0, satisfaction: false, options: [] },
]).replace(/'/g, "''");
const TEMPLATE_ID = '5a7d3c1e-0000-4000-8000-000000000001';
const VERSION_ID = '5a7d3c1e-0000-4000-8000-000000000002';

/** Survey templates (versioned; HQ's shared), and satisfaction requests answered against a version. */
export class Migration20261130182655_surveys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "survey_template" ("id" uuid not null, "franchise_id" uuid null, "code" text not null, "name" text not null, "purpose" text check ("purpose" in ('SERVICE_CONTACT', 'CALLBACK', 'GENERAL')) not null, "active" boolean not null default true, "current_version_no" int not null default 1, "current_version_id" uuid not null, "questions" jsonb not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "survey_template_pkey" primary key ("id"));`);
    this.addSql(`create index "survey_template_franchise_id_index" on "survey_template" ("franchise_id");`);
    this.addSql(`create unique index "survey_template_code_unique" on "survey_template" (coalesce("franchise_id", '00000000-0000-0000-0000-000000000000'), "code");`);

    this.addSql(`create table "survey_template_version" ("id" uuid not null, "franchise_id" uuid null, "template_id" uuid not null, "version_no" int not null, "name" text not null, "questions" jsonb not null, "created_by_id" uuid null, "created_at" timestamptz not null, constraint "survey_template_version_pkey" primary key ("id"));`);
    this.addSql(`create index "survey_template_version_template_id_index" on "survey_template_version" ("template_id");`);
    this.addSql(`alter table "survey_template_version" add constraint "survey_template_version_template_id_version_no_unique" unique ("template_id", "version_no");`);

    this.addSql(`insert into "survey_template" ("id", "franchise_id", "code", "name", "purpose", "active", "current_version_no", "current_version_id", "questions", "version", "created_at", "updated_at") values ('${TEMPLATE_ID}', null, 'service-csat', '服务满意度回访', 'SERVICE_CONTACT', true, 1, '${VERSION_ID}', '${DEFAULT_QUESTIONS}', 1, now(), now());`);
    this.addSql(`insert into "survey_template_version" ("id", "franchise_id", "template_id", "version_no", "name", "questions", "created_at") values ('${VERSION_ID}', null, '${TEMPLATE_ID}', 1, '服务满意度回访', '${DEFAULT_QUESTIONS}', now());`);
    for (const table of ['survey_template', 'survey_template_version']) this.addSql(tenantTableSql(table, { sharedWhenNull: true }));

    this.addSql(`alter table "satisfaction_request" add column "template_version_id" uuid null, add column "org_unit_id" uuid null, add column "channel" text check ("channel" in ('PHONE', 'SMS', 'WECHAT', 'IN_STORE', 'ONLINE')) null, add column "sent_at" timestamptz null, add column "answered_at" timestamptz null, add column "answered_by_id" uuid null, add column "rating" smallint null, add column "nps_score" smallint null, add column "score" double precision null, add column "answers" jsonb null, add column "suggestion" text null;`);
    // Requests made before templates: the built-in survey, and the store of the case they are about.
    this.addSql(`select set_config('app.franchise_ids', '*', true);`); // an owner that is not a superuser is bound by RLS too
    this.addSql(`update "satisfaction_request" r set "template_version_id" = '${VERSION_ID}', "org_unit_id" = (select c."org_unit_id" from "service_case" c where c."id" = r."source_id" and r."source_kind" = 'case');`);
    this.addSql(`alter table "satisfaction_request" alter column "template_version_id" set not null;`);
    this.addSql(`create index "satisfaction_request_franchise_id_sent_at_index" on "satisfaction_request" ("franchise_id", "sent_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "survey_template" cascade;`);

    this.addSql(`drop table if exists "survey_template_version" cascade;`);

    this.addSql(`drop index "satisfaction_request_franchise_id_sent_at_index";`);
    this.addSql(`alter table "satisfaction_request" drop column "template_version_id", drop column "org_unit_id", drop column "channel", drop column "sent_at", drop column "answered_at", drop column "answered_by_id", drop column "rating", drop column "nps_score", drop column "score", drop column "answers", drop column "suggestion";`);
  }

}
