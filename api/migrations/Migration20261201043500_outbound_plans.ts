import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Supervisors' outbound call plans and the agents' tasks, one per target customer (plus follow-ups). */
export class Migration20261201043500_outbound_plans extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "outbound_plan" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" text not null, "purpose" text check ("purpose" in ('SURVEY', 'SALES', 'RELATIONSHIP_CARE')) not null, "goal" text not null, "org_unit_id" uuid not null, "created_by_id" uuid null, "assignee_ids" jsonb not null, "deadline" timestamptz not null, "target_count" int not null default 0, constraint "outbound_plan_pkey" primary key ("id"));`);
    this.addSql(`create index "outbound_plan_franchise_id_index" on "outbound_plan" ("franchise_id");`);
    this.addSql(`create index "outbound_plan_franchise_id_created_at_index" on "outbound_plan" ("franchise_id", "created_at");`);

    this.addSql(`create table "outbound_task" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "plan_id" uuid not null, "customer_id" uuid not null, "org_unit_id" uuid not null, "assignee_id" uuid not null, "seq" int not null, "due_at" timestamptz not null, "state" text check ("state" in ('OPEN', 'DONE')) not null default 'OPEN', "outcome" text check ("outcome" in ('UNREACHED', 'NOT_INTERESTED', 'INTERESTED', 'CONVERTED')) null, "no_interest_reason" text check ("no_interest_reason" in ('NO_NEED', 'PRICE', 'ALREADY_BOUGHT', 'BAD_TIMING', 'DISTRUST', 'DO_NOT_CALL', 'OTHER')) null, "note" text null, "call_id" uuid null, "completed_at" timestamptz null, "follow_up_at" timestamptz null, "follow_up_of_id" uuid null, constraint "outbound_task_pkey" primary key ("id"));`);
    this.addSql(`create index "outbound_task_franchise_id_index" on "outbound_task" ("franchise_id");`);
    this.addSql(`create index "outbound_task_assignee_id_state_due_at_index" on "outbound_task" ("assignee_id", "state", "due_at");`);
    this.addSql(`create index "outbound_task_plan_id_assignee_id_index" on "outbound_task" ("plan_id", "assignee_id");`);
    this.addSql(`alter table "outbound_task" add constraint "outbound_task_follow_up_unique" unique ("follow_up_of_id");`);
    // One task per target customer of a plan (follow-ups aside): adding the same targets twice makes nothing twice.
    this.addSql(`create unique index "outbound_task_plan_customer_unique" on "outbound_task" ("plan_id", "customer_id") where "follow_up_of_id" is null;`);
    for (const table of ['outbound_plan', 'outbound_task']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outbound_plan" cascade;`);

    this.addSql(`drop table if exists "outbound_task" cascade;`);
  }

}
