import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Callback rules per franchise and the callback tasks the daily plan makes (once per customer and purpose: a unique key). */
export class Migration20261130190306_callbacks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "callback_rule" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" text not null, "kind" text check ("kind" in ('AFTER_SERVICE', 'NEW_MEMBER', 'CHRONIC_MEDICATION', 'TOP_SPENDERS', 'HOLIDAY', 'REPORT_DELIVERED')) not null, "name" text not null, "enabled" boolean not null default true, "delay_days" int not null default 2, "lead_days" int not null default 3, "top_n" int not null default 10, "day_of_month" int not null default 1, "no_repeat_days" int not null default 7, "holidays" jsonb not null, "tags" text[] not null, "template_id" uuid null, constraint "callback_rule_pkey" primary key ("id"));`);
    this.addSql(`create index "callback_rule_franchise_id_index" on "callback_rule" ("franchise_id");`);
    this.addSql(`alter table "callback_rule" add constraint "callback_rule_franchise_id_code_unique" unique ("franchise_id", "code");`);

    this.addSql(`create table "callback_task" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "customer_id" uuid not null, "rule_id" uuid null, "kind" text check ("kind" in ('AFTER_SERVICE', 'NEW_MEMBER', 'CHRONIC_MEDICATION', 'TOP_SPENDERS', 'HOLIDAY', 'REPORT_DELIVERED')) not null, "purpose_key" text not null, "title" text not null, "org_unit_id" uuid not null, "assignee_id" uuid null, "due_date" date not null, "status" text check ("status" in ('OPEN', 'RETRY', 'COMPLETED', 'REFUSED', 'WRONG_NUMBER', 'DO_NOT_CALL')) not null default 'OPEN', "attempts" int not null default 0, "next_attempt_at" timestamptz null, "survey_id" uuid null, "note" text null, "case_id" uuid null, "closed_at" timestamptz null, "closed_by_id" uuid null, constraint "callback_task_pkey" primary key ("id"));`);
    this.addSql(`create index "callback_task_franchise_id_index" on "callback_task" ("franchise_id");`);
    this.addSql(`create index "callback_task_customer_id_due_date_index" on "callback_task" ("customer_id", "due_date");`);
    this.addSql(`create index "callback_task_franchise_id_status_due_date_index" on "callback_task" ("franchise_id", "status", "due_date");`);
    this.addSql(`alter table "callback_task" add constraint "callback_task_purpose_unique" unique ("franchise_id", "customer_id", "purpose_key");`);

    for (const table of ['callback_rule', 'callback_task']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "callback_rule" cascade;`);

    this.addSql(`drop table if exists "callback_task" cascade;`);
  }

}
