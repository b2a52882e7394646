import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** The call log (one row per partner call id in a franchise) and the agents' work numbers (工号, unique in a franchise). */
export class Migration20261130215913_calls extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "call_record" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "partner_call_id" text null, "source" text check ("source" in ('PARTNER', 'MANUAL')) not null default 'PARTNER', "direction" text check ("direction" in ('INBOUND', 'OUTBOUND')) not null, "org_unit_id" uuid not null, "line" text null, "caller_number" text not null, "callee_number" text not null, "customer_id" uuid null, "agent_id" uuid null, "agent_work_no" text null, "state" text check ("state" in ('RINGING', 'ANSWERED', 'ENDED', 'ABANDONED', 'MISSED', 'FAILED')) not null default 'RINGING', "offered_at" timestamptz not null, "answered_at" timestamptz null, "ended_at" timestamptz null, "wait_seconds" int null, "talk_seconds" int null, "hold_seconds" int null, "wrap_up_seconds" int null, "hangup_cause" text null, "recording_url" text null, "disposition" text null, "note" text null, "case_id" uuid null, "order_id" uuid null, "callback_task_id" uuid null, "appointment_id" uuid null, "last_event_at" timestamptz null, constraint "call_record_pkey" primary key ("id"));`);
    this.addSql(`create index "call_record_franchise_id_index" on "call_record" ("franchise_id");`);
    this.addSql(`create index "call_record_customer_id_offered_at_index" on "call_record" ("customer_id", "offered_at");`);
    this.addSql(`create index "call_record_agent_id_offered_at_index" on "call_record" ("agent_id", "offered_at");`);
    this.addSql(`create index "call_record_franchise_id_offered_at_index" on "call_record" ("franchise_id", "offered_at");`);
    this.addSql(`alter table "call_record" add constraint "call_record_partner_call_unique" unique ("franchise_id", "partner_call_id");`);

    this.addSql(`alter table "call_record" add constraint "call_record_seconds_check" check (coalesce("wait_seconds", 0) >= 0 and coalesce("talk_seconds", 0) >= 0 and coalesce("hold_seconds", 0) >= 0 and coalesce("wrap_up_seconds", 0) >= 0);`);
    this.addSql(tenantTableSql('call_record'));

    this.addSql(`alter table "staff_user" add column "work_no" text null;`);
    this.addSql(`alter table "staff_user" add constraint "staff_user_work_no_unique" unique ("franchise_id", "work_no");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "call_record" cascade;`);

    this.addSql(`alter table "staff_user" drop constraint "staff_user_work_no_unique";`);
    this.addSql(`alter table "staff_user" drop column "work_no";`);
  }

}
