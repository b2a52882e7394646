import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** The franchise-chain default scorecard (domain.md: attitude 30, business ability 40, efficiency 20, teamwork 10), the id scorecard.service.ts names. */
const DEFAULT_SCORECARD_ID = '9a3c0d71-0000-4000-8000-000000000001';
const DEFAULT_CATEGORIES = '[{"key": "attitude", "name": "服务态度", "weight": 30, "criteria": [{"key": "courtesy", "name": "礼貌用语规范", "description": "问候、称呼、结束语规范，语气亲切", "scale": "FIVE_POINT", "critical": false}, {"key": "patience", "name": "热情耐心", "description": "耐心倾听，不打断、不催促客户", "scale": "FIVE_POINT", "critical": false}, {"key": "no_misconduct", "name": "无不当言行", "description": "无顶撞、推诿、辱骂客户等行为（未做到则本次评分不合格）", "scale": "BINARY", "critical": true}]}, {"key": "ability", "name": "业务能力", "weight": 40, "criteria": [{"key": "accurate_advice", "name": "用药与健康建议准确", "description": "药品、用法用量、禁忌等信息准确无误（错误则本次评分不合格）", "scale": "BINARY", "critical": true}, {"key": "problem_solving", "name": "问题解决", "description": "准确理解诉求并给出有效解决方案", "scale": "FIVE_POINT", "critical": false}, {"key": "record_complete", "name": "记录完整", "description": "工单、档案信息记录完整准确", "scale": "FOUR_POINT", "critical": false}]}, {"key": "efficiency", "name": "工作效率", "weight": 20, "criteria": [{"key": "timely_reply", "name": "及时响应", "description": "在时限内首次回复", "scale": "FIVE_POINT", "critical": false}, {"key": "on_time_handling", "name": "按时处理完毕", "description": "咨询、投诉、订单在规定时限内处理", "scale": "THREE_POINT", "critical": false}]}, {"key": "teamwork", "name": "团队协作", "weight": 10, "criteria": [{"key": "handover", "name": "协作与转交规范", "description": "转交、升级时信息完整，配合同事处理", "scale": "THREE_POINT", "critical": false}]}]';

/** QA scorecards (HQ's shared, franchises' own), reviews of cases and callbacks with disputes, calibration sessions. */
export class Migration20261130233000_quality extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "qa_calibration_session" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" text not null, "scorecard_id" uuid not null, "target_kind" text check ("target_kind" in ('CASE', 'CALLBACK')) not null, "target_id" uuid not null, "reviewer_ids" uuid[] not null, "created_by_id" uuid not null, "status" text check ("status" in ('OPEN', 'CLOSED')) not null default 'OPEN', "closed_at" timestamptz null, constraint "qa_calibration_session_pkey" primary key ("id"));`);
    this.addSql(`create index "qa_calibration_session_franchise_id_index" on "qa_calibration_session" ("franchise_id");`);

    this.addSql(`create table "qa_review" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "scorecard_id" uuid not null, "scorecard_name" text not null, "categories" jsonb not null, "target_kind" text check ("target_kind" in ('CASE', 'CALLBACK')) not null, "target_id" uuid not null, "target_ref" text not null, "agent_id" uuid not null, "reviewer_id" uuid not null, "calibration_session_id" uuid null, "ratings" jsonb not null, "category_scores" jsonb not null, "score" double precision null, "critical_misses" text[] not null, "comment" text null, "root_causes" text[] not null, "reviewed_at" timestamptz not null, "status" text check ("status" in ('SUBMITTED', 'DISPUTED', 'FINAL')) not null default 'SUBMITTED', "disputed_at" timestamptz null, "dispute_comment" text null, "proposed_ratings" jsonb null, "dispute_outcome" text check ("dispute_outcome" in ('ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED')) null, "resolution_comment" text null, "resolved_by_id" uuid null, "resolved_at" timestamptz null, "score_before_dispute" double precision null, constraint "qa_review_pkey" primary key ("id"));`);
    this.addSql(`create index "qa_review_franchise_id_index" on "qa_review" ("franchise_id");`);
    this.addSql(`create index "qa_review_calibration_session_id_index" on "qa_review" ("calibration_session_id");`);
    this.addSql(`create unique index "qa_review_calibration_reviewer_unique" on "qa_review" ("calibration_session_id", "reviewer_id") where "calibration_session_id" is not null;`);
    this.addSql(`create unique index "qa_review_target_counted_unique" on "qa_review" ("target_kind", "target_id") where "calibration_session_id" is null;`);
    this.addSql(`create index "qa_review_franchise_id_agent_id_reviewed_at_index" on "qa_review" ("franchise_id", "agent_id", "reviewed_at");`);

    this.addSql(`create table "qa_scorecard" ("id" uuid not null, "franchise_id" uuid null, "code" text not null, "name" text not null, "active" boolean not null default true, "categories" jsonb not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "qa_scorecard_pkey" primary key ("id"));`);
    this.addSql(`create index "qa_scorecard_franchise_id_index" on "qa_scorecard" ("franchise_id");`);
    this.addSql(`create unique index "qa_scorecard_code_unique" on "qa_scorecard" (coalesce("franchise_id", '00000000-0000-0000-0000-000000000000'), "code");`);

    this.addSql(`insert into "qa_scorecard" ("id", "franchise_id", "code", "name", "active", "categories", "version", "created_at", "updated_at") values ('${DEFAULT_SCORECARD_ID}', null, 'default', '客服质检标准评分表', true, '${DEFAULT_CATEGORIES}', 1, now(), now());`);
    this.addSql(tenantTableSql('qa_scorecard', { sharedWhenNull: true }));
    for (const table of ['qa_review', 'qa_calibration_session']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "qa_calibration_session" cascade;`);

    this.addSql(`drop table if exists "qa_review" cascade;`);

    this.addSql(`drop table if exists "qa_scorecard" cascade;`);
  }

}
