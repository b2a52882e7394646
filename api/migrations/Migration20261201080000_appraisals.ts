import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/**
 * HQ's shared default appraisal plans (the ids appraisal.service.ts names), from the appraisal
 * sections of the chain's customer-service rules: monthly and annual, self-evaluation, supervisor,
 * customer evaluation, QA and data; the form is the chain's rubric (attitude 30, business ability
 * 40, efficiency 20, teamwork 10); 优秀 → bonus (three in a row: promotion priority), 待改进 →
 * coaching, 不合格 → improvement plan; a year 不称职 → demotion.
 */
const PLANS = [
  { id: '9a3c0d71-0000-4000-8000-000000000011', code: 'default-monthly', name: '月度考核（连锁默认）', kind: 'MONTHLY', bands: '[{"key": "excellent", "name": "优秀", "minScore": 90, "consequence": "BONUS"}, {"key": "good", "name": "良好", "minScore": 75, "consequence": "NONE"}, {"key": "needs_improvement", "name": "待改进", "minScore": 60, "consequence": "COACHING"}, {"key": "unsatisfactory", "name": "不合格", "minScore": 0, "consequence": "IMPROVEMENT_PLAN"}]', promotionAfter: 3 },
  { id: '9a3c0d71-0000-4000-8000-000000000012', code: 'default-annual', name: '年度考核（连锁默认）', kind: 'ANNUAL', bands: '[{"key": "excellent", "name": "优秀", "minScore": 90, "consequence": "BONUS"}, {"key": "good", "name": "良好", "minScore": 75, "consequence": "NONE"}, {"key": "needs_improvement", "name": "待改进", "minScore": 60, "consequence": "COACHING"}, {"key": "unfit", "name": "不称职", "minScore": 0, "consequence": "DEMOTION"}]', promotionAfter: 2 },
];
const WEIGHTS = '{"self": 10, "supervisor": 30, "customer": 20, "qa": 20, "data": 20}';
const FORM = '[{"key": "attitude", "name": "服务态度", "weight": 30}, {"key": "ability", "name": "业务能力", "weight": 40}, {"key": "efficiency", "name": "工作效率", "weight": 20}, {"key": "teamwork", "name": "团队协作", "weight": 10}]';

/** Appraisal plans (HQ's shared, franchises' own), cycles of a month or a year, each agent's appraisal. */
export class Migration20261201080000_appraisals extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "appraisal" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "cycle_id" uuid not null, "kind" text check ("kind" in ('MONTHLY', 'ANNUAL')) not null, "period" text not null, "agent_id" uuid not null, "org_unit_id" uuid not null, "status" text check ("status" in ('OPEN', 'FINALIZED', 'ACKNOWLEDGED')) not null default 'OPEN', "self_ratings" jsonb null, "self_comment" text null, "self_submitted_at" timestamptz null, "supervisor_ratings" jsonb null, "supervisor_comment" text null, "supervisor_id" uuid null, "supervisor_evaluated_at" timestamptz null, "parts" jsonb not null, "parts_computed_at" timestamptz not null, "score" double precision null, "band_key" text null, "band_name" text null, "suggested_consequence" text check ("suggested_consequence" in ('NONE', 'BONUS', 'PROMOTION_PRIORITY', 'COACHING', 'IMPROVEMENT_PLAN', 'DEMOTION')) null, "excellent_streak" int not null default 0, "consequence" text check ("consequence" in ('NONE', 'BONUS', 'PROMOTION_PRIORITY', 'COACHING', 'IMPROVEMENT_PLAN', 'DEMOTION')) null, "consequence_reason" text null, "finalized_at" timestamptz null, "finalized_by_id" uuid null, "acknowledged_at" timestamptz null, "acknowledgement_comment" text null, constraint "appraisal_pkey" primary key ("id"));`);
    this.addSql(`create index "appraisal_franchise_id_index" on "appraisal" ("franchise_id");`);
    this.addSql(`create index "appraisal_cycle_id_index" on "appraisal" ("cycle_id");`);
    this.addSql(`create index "appraisal_franchise_id_agent_id_kind_period_index" on "appraisal" ("franchise_id", "agent_id", "kind", "period");`);
    this.addSql(`alter table "appraisal" add constraint "appraisal_cycle_id_agent_id_unique" unique ("cycle_id", "agent_id");`);

    this.addSql(`create table "appraisal_cycle" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text check ("kind" in ('MONTHLY', 'ANNUAL')) not null, "period" text not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "first_day" text not null, "last_day" text not null, "plan_id" uuid not null, "plan_name" text not null, "weights" jsonb not null, "form_categories" jsonb not null, "bands" jsonb not null, "promotion_after" int not null, "opened_by_id" uuid not null, "status" text check ("status" in ('OPEN', 'CLOSED')) not null default 'OPEN', "closed_at" timestamptz null, constraint "appraisal_cycle_pkey" primary key ("id"));`);
    this.addSql(`create index "appraisal_cycle_franchise_id_index" on "appraisal_cycle" ("franchise_id");`);
    this.addSql(`alter table "appraisal_cycle" add constraint "appraisal_cycle_franchise_id_kind_period_unique" unique ("franchise_id", "kind", "period");`);

    this.addSql(`create table "appraisal_plan" ("id" uuid not null, "franchise_id" uuid null, "code" text not null, "name" text not null, "kind" text check ("kind" in ('MONTHLY', 'ANNUAL')) not null, "active" boolean not null default true, "weights" jsonb not null, "form_categories" jsonb not null, "bands" jsonb not null, "promotion_after" int not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "appraisal_plan_pkey" primary key ("id"));`);
    this.addSql(`create index "appraisal_plan_franchise_id_index" on "appraisal_plan" ("franchise_id");`);
    this.addSql(`create unique index "appraisal_plan_code_unique" on "appraisal_plan" (coalesce("franchise_id", '00000000-0000-0000-0000-000000000000'), "code");`);

    for (const p of PLANS)
      this.addSql(`insert into "appraisal_plan" ("id", "franchise_id", "code", "name", "kind", "active", "weights", "form_categories", "bands", "promotion_after", "version", "created_at", "updated_at") values ('${p.id}', null, '${p.code}', '${p.name}', '${p.kind}', true, '${WEIGHTS}', '${FORM}', '${p.bands}', ${p.promotionAfter}, 1, now(), now());`);
    this.addSql(tenantTableSql('appraisal_plan', { sharedWhenNull: true }));
    for (const table of ['appraisal_cycle', 'appraisal']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "appraisal" cascade;`);

    this.addSql(`drop table if exists "appraisal_cycle" cascade;`);

    this.addSql(`drop table if exists "appraisal_plan" cascade;`);
  }

}
