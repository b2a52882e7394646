import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/**
 * Cases (service_case: 'case' is an SQL keyword) with their thread, history and SLA
 * clocks; SLA policies and business calendars; saved queue views, agent presence and
 * per-franchise case settings; cross-department feedback; the knowledge base (HQ
 * articles shared with every franchise) and case links; satisfaction requests.
 */


export class Migration20261122091056_cases extends Migration {

  override async up(): Promise<void> {
    // array_to_string is only STABLE; generated columns need an IMMUTABLE expression.
    this.addSql(`create or replace function pd_join_words(words text[]) returns text
      language sql immutable parallel safe as $$ select array_to_string(words, ' ') $$;`);
    this.addSql(`create table "agent_presence" ("staff_user_id" uuid not null, "franchise_id" uuid not null, "availability" text check ("availability" in ('ONLINE', 'AWAY', 'OFFLINE')) not null default 'OFFLINE', "capacity" int not null default 10, "since" timestamptz not null, "last_seen_at" timestamptz not null, "version" int not null default 1, constraint "agent_presence_pkey" primary key ("staff_user_id"));`);
    this.addSql(`create index "agent_presence_franchise_id_availability_index" on "agent_presence" ("franchise_id", "availability");`);

    this.addSql(`create table "business_calendar" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" text not null, "time_zone" text not null, "working_days" jsonb not null, "holidays" text[] not null, "extra_workdays" jsonb not null, constraint "business_calendar_pkey" primary key ("id"));`);
    this.addSql(`create index "business_calendar_franchise_id_index" on "business_calendar" ("franchise_id");`);
    this.addSql(`alter table "business_calendar" add constraint "business_calendar_franchise_id_name_unique" unique ("franchise_id", "name");`);

    this.addSql(`create table "service_case" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "case_no" text not null, "type" text check ("type" in ('CONSULTATION', 'MEDICATION_CONSULTATION', 'COMPLAINT', 'SUGGESTION', 'PRAISE', 'AFTER_SALES', 'ORDER_INQUIRY')) not null, "channel" text check ("channel" in ('PHONE', 'ONLINE_CHAT', 'EMAIL', 'IN_STORE', 'APP', 'WECHAT', 'SMS')) not null, "workflow" text not null, "state" text not null, "stage" text check ("stage" in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'RESOLVED', 'CLOSED')) not null default 'NEW', "customer_id" uuid null, "org_unit_id" uuid not null, "order_ref" text null, "product_ref" text null, "batch_ref" text null, "category" text check ("category" in ('DELIVERY_DAMAGED', 'DELIVERY_LATE', 'DRUG_SPOILED', 'DRUG_WRONG_ITEM', 'SERVICE_ATTITUDE', 'SERVICE_SLOW_REPLY', 'OTHER')) null, "priority" text check ("priority" in ('LOW', 'NORMAL', 'HIGH', 'URGENT')) not null default 'NORMAL', "priority_rank" smallint generated always as (case priority when 'URGENT' then 0 when 'HIGH' then 1 when 'NORMAL' then 2 else 3 end) stored null, "subject" text not null, "description" text not null, "attachments" jsonb not null, "tags" text[] not null, "queue" text not null default 'general', "is_vip" boolean not null default false, "owner_id" uuid null, "owned_since" timestamptz null, "expert_id" uuid null, "escalation_level" text check ("escalation_level" in ('AGENT', 'SUPERVISOR', 'DIRECTOR', 'HQ')) not null default 'AGENT', "escalated_at" timestamptz null, "solution_type" text check ("solution_type" in ('REPLACE', 'REFUND', 'COMPENSATION', 'APOLOGY', 'COACHING')) null, "solution_amount_value" numeric(12,2) null, "solution_note" text null, "customer_satisfied" boolean null, "resolution_note" text null, "workflow_data" jsonb null, "sla_policy_id" uuid null, "sla_status" text check ("sla_status" in ('OK', 'WARNING', 'BREACHED', 'NONE')) not null default 'NONE', "sla_due_at" timestamptz null, "first_responded_at" timestamptz null, "resolved_at" timestamptz null, "closed_at" timestamptz null, "reopen_count" int not null default 0, "last_activity_at" timestamptz not null, "created_by_id" uuid null, constraint "service_case_pkey" primary key ("id"));`);
    this.addSql(`create index "service_case_franchise_id_index" on "service_case" ("franchise_id");`);
    this.addSql(`create index "service_case_customer_id_index" on "service_case" ("customer_id");`);
    this.addSql(`create index "service_case_franchise_id_created_at_index" on "service_case" ("franchise_id", "created_at");`);
    this.addSql(`create index "service_case_franchise_id_owner_id_stage_index" on "service_case" ("franchise_id", "owner_id", "stage");`);
    this.addSql(`create index "service_case_franchise_id_stage_sla_due_at_index" on "service_case" ("franchise_id", "stage", "sla_due_at");`);
    this.addSql(`create unique index "service_case_franchise_case_no_unique" on "service_case" ("franchise_id", "case_no");`);

    this.addSql(`create table "case_activity" ("id" uuid not null, "franchise_id" uuid not null, "case_id" uuid not null, "kind" text check ("kind" in ('CREATED', 'UPDATED', 'TRANSITION', 'CLAIMED', 'ASSIGNED', 'TRANSFERRED', 'ESCALATED', 'REFERRED', 'CUSTOMER_LINKED', 'SLA_WARNING', 'SLA_BREACHED', 'ARTICLE_LINKED', 'FEEDBACK_RAISED')) not null, "action" text null, "from_state" text null, "to_state" text null, "actor_id" uuid null, "from_staff_id" uuid null, "to_staff_id" uuid null, "reason" text null, "details" jsonb not null, "occurred_at" timestamptz not null, constraint "case_activity_pkey" primary key ("id"));`);
    this.addSql(`create index "case_activity_case_id_occurred_at_index" on "case_activity" ("case_id", "occurred_at");`);

    this.addSql(`create table "case_article_link" ("id" uuid not null, "franchise_id" uuid not null, "case_id" uuid not null, "article_id" uuid not null, "linked_by_id" uuid null, "created_at" timestamptz not null, constraint "case_article_link_pkey" primary key ("id"));`);
    this.addSql(`create index "case_article_link_article_id_index" on "case_article_link" ("article_id");`);
    this.addSql(`alter table "case_article_link" add constraint "case_article_link_case_id_article_id_unique" unique ("case_id", "article_id");`);

    this.addSql(`create table "case_message" ("id" uuid not null, "franchise_id" uuid not null, "case_id" uuid not null, "kind" text check ("kind" in ('REPLY', 'NOTE', 'CUSTOMER')) not null, "body" text not null, "attachments" jsonb not null, "author_id" uuid null, "created_at" timestamptz not null, constraint "case_message_pkey" primary key ("id"));`);
    this.addSql(`create index "case_message_case_id_created_at_index" on "case_message" ("case_id", "created_at");`);

    this.addSql(`create table "case_settings" ("franchise_id" uuid not null, "assignment_rule" text not null default 'manual', "last_assigned_staff_id" uuid null, "feedback_answer_hours" int not null default 8, "version" int not null default 1, "updated_at" timestamptz not null, constraint "case_settings_pkey" primary key ("franchise_id"));`);

    this.addSql(`create table "case_sla_clock" ("id" uuid not null, "franchise_id" uuid not null, "case_id" uuid not null, "kind" text check ("kind" in ('FIRST_RESPONSE', 'NEXT_RESPONSE', 'VERIFICATION', 'RESOLUTION')) not null, "calendar_hours" boolean not null, "started_at" timestamptz not null, "due_at" timestamptz not null, "warn_at" timestamptz not null, "paused_at" timestamptz null, "met_at" timestamptz null, "warned_at" timestamptz null, "breached_at" timestamptz null, constraint "case_sla_clock_pkey" primary key ("id"));`);
    this.addSql(`create index "case_sla_clock_running_warn" on "case_sla_clock" ("warn_at") where "met_at" is null and "paused_at" is null and "warned_at" is null;`);
    this.addSql(`create index "case_sla_clock_running_due" on "case_sla_clock" ("due_at") where "met_at" is null and "paused_at" is null and "breached_at" is null;`);
    this.addSql(`create index "case_sla_clock_case_id_index" on "case_sla_clock" ("case_id");`);

    this.addSql(`create table "case_view" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" text not null, "owner_id" uuid null, "org_unit_id" uuid null, "filter" jsonb not null, "sorting" jsonb not null, "columns" text[] not null, constraint "case_view_pkey" primary key ("id"));`);
    this.addSql(`create index "case_view_franchise_id_index" on "case_view" ("franchise_id");`);
    this.addSql(`create index "case_view_franchise_id_owner_id_index" on "case_view" ("franchise_id", "owner_id");`);

    this.addSql(`create table "department_feedback" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "feedback_no" text not null, "case_id" uuid null, "department_id" uuid not null, "raised_by_id" uuid not null, "title" text not null, "description" text not null, "status" text check ("status" in ('OPEN', 'ANSWERED', 'RESOLVED')) not null default 'OPEN', "answer_due_at" timestamptz not null, "answer" text null, "answered_at" timestamptz null, "promised_by" timestamptz null, "resolved_at" timestamptz null, "escalated" boolean not null default false, "escalated_at" timestamptz null, constraint "department_feedback_pkey" primary key ("id"));`);
    this.addSql(`create index "department_feedback_franchise_id_index" on "department_feedback" ("franchise_id");`);
    this.addSql(`create index "department_feedback_case_id_index" on "department_feedback" ("case_id");`);
    this.addSql(`create index "department_feedback_franchise_id_status_answer_due_at_index" on "department_feedback" ("franchise_id", "status", "answer_due_at");`);

    this.addSql(`create table "knowledge_article" ("id" uuid not null, "franchise_id" uuid null, "kind" text check ("kind" in ('FAQ', 'MEDICATION_GUIDE', 'SCRIPT', 'HOW_TO')) not null, "title" text not null, "body" text not null, "tags" text[] not null, "status" text check ("status" in ('DRAFT', 'PUBLISHED', 'ARCHIVED')) not null default 'PUBLISHED', "usage_count" int not null default 0, "search_bigrams" text[] generated always as (pd_bigrams(title || ' ' || pd_join_words(tags) || ' ' || body)) stored not null, "author_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "knowledge_article_pkey" primary key ("id"));`);
    this.addSql(`create index "knowledge_article_franchise_id_index" on "knowledge_article" ("franchise_id");`);
    this.addSql(`create index "knowledge_article_search_bigrams" on "knowledge_article" using gin ("search_bigrams");`);

    this.addSql(`create table "satisfaction_request" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "customer_id" uuid not null, "source_kind" text not null, "source_id" uuid not null, "source_ref" text not null, "staff_id" uuid null, "status" text check ("status" in ('PENDING', 'SENT', 'ANSWERED', 'EXPIRED')) not null default 'PENDING', constraint "satisfaction_request_pkey" primary key ("id"));`);
    this.addSql(`create index "satisfaction_request_franchise_id_index" on "satisfaction_request" ("franchise_id");`);
    this.addSql(`create index "satisfaction_request_customer_id_index" on "satisfaction_request" ("customer_id");`);
    this.addSql(`create index "satisfaction_request_franchise_id_status_created_at_index" on "satisfaction_request" ("franchise_id", "status", "created_at");`);

    this.addSql(`create table "sla_policy" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" text not null, "is_default" boolean not null default false, "queue" text null, "calendar_id" uuid not null, "targets" jsonb not null, "warning_threshold" real not null default 0.8, "auto_escalate_on_breach" boolean not null default true, constraint "sla_policy_pkey" primary key ("id"));`);
    this.addSql(`create index "sla_policy_franchise_id_index" on "sla_policy" ("franchise_id");`);
    this.addSql(`alter table "sla_policy" add constraint "sla_policy_franchise_id_name_unique" unique ("franchise_id", "name");`);
    this.addSql(`alter table "service_case" add constraint "service_case_customer_fk" foreign key ("customer_id") references "customer" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "service_case" add constraint "service_case_org_unit_fk" foreign key ("org_unit_id") references "org_unit" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "service_case" add constraint "service_case_owner_fk" foreign key ("owner_id") references "staff_user" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "service_case" add constraint "service_case_expert_fk" foreign key ("expert_id") references "staff_user" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "case_message" add constraint "case_message_case_fk" foreign key ("case_id") references "service_case" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "case_activity" add constraint "case_activity_case_fk" foreign key ("case_id") references "service_case" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "case_sla_clock" add constraint "case_sla_clock_case_fk" foreign key ("case_id") references "service_case" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "agent_presence" add constraint "agent_presence_staff_user_fk" foreign key ("staff_user_id") references "staff_user" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "case_view" add constraint "case_view_owner_fk" foreign key ("owner_id") references "staff_user" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "department_feedback" add constraint "department_feedback_case_fk" foreign key ("case_id") references "service_case" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "department_feedback" add constraint "department_feedback_department_fk" foreign key ("department_id") references "org_unit" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "case_article_link" add constraint "case_article_link_case_fk" foreign key ("case_id") references "service_case" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "case_article_link" add constraint "case_article_link_article_fk" foreign key ("article_id") references "knowledge_article" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "satisfaction_request" add constraint "satisfaction_request_customer_fk" foreign key ("customer_id") references "customer" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "sla_policy" add constraint "sla_policy_calendar_fk" foreign key ("calendar_id") references "business_calendar" ("id") deferrable initially deferred;`);
    this.addSql(`create unique index "department_feedback_franchise_no_unique" on "department_feedback" ("franchise_id", "feedback_no");`);
    this.addSql(`create unique index "sla_policy_one_default" on "sla_policy" ("franchise_id") where "is_default";`);
    this.addSql(`create index "service_case_open_queue" on "service_case" ("franchise_id", "queue", "sla_due_at") where "stage" in ('NEW', 'OPEN', 'PENDING_CUSTOMER');`);
    this.addSql(`create index "knowledge_article_title_trgm" on "knowledge_article" using gin ("title" gin_trgm_ops);`);
    for (const table of ['service_case', 'case_message', 'case_activity', 'case_sla_clock', 'business_calendar', 'sla_policy', 'case_view', 'agent_presence', 'case_settings', 'department_feedback', 'case_article_link', 'satisfaction_request']) this.addSql(tenantTableSql(table));
    this.addSql(tenantTableSql('knowledge_article', { sharedWhenNull: true }));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agent_presence" cascade;`);

    this.addSql(`drop table if exists "business_calendar" cascade;`);

    this.addSql(`drop table if exists "service_case" cascade;`);

    this.addSql(`drop table if exists "case_activity" cascade;`);

    this.addSql(`drop table if exists "case_article_link" cascade;`);

    this.addSql(`drop table if exists "case_message" cascade;`);

    this.addSql(`drop table if exists "case_settings" cascade;`);

    this.addSql(`drop table if exists "case_sla_clock" cascade;`);

    this.addSql(`drop table if exists "case_view" cascade;`);

    this.addSql(`drop table if exists "department_feedback" cascade;`);

    this.addSql(`drop table if exists "knowledge_article" cascade;`);

    this.addSql(`drop table if exists "satisfaction_request" cascade;`);

    this.addSql(`drop table if exists "sla_policy" cascade;`);
  }

}
