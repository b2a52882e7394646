import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/**
 * The transactional outbox: every domain and live event is a row written in the transaction
 * of the change (with a NOTIFY PostgreSQL delivers on commit), and each reaction to an event
 * is a row per (handler, event), so a handler runs at most once to completion per event and
 * a failed one stays visible (DEAD) with its last error.
 */
export class Migration20261130003000_event_outbox extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "event_outbox" (
      "position" bigint generated always as identity primary key,
      "id" uuid not null default gen_random_uuid() unique,
      "franchise_id" uuid not null,
      "topic" text not null,
      "payload" jsonb not null,
      "actor_id" uuid null,
      "occurred_at" timestamptz not null,
      "created_at" timestamptz not null default now(),
      "dispatched_at" timestamptz null
    );`);
    this.addSql(`create index "event_outbox_undispatched" on "event_outbox" ("position") where "dispatched_at" is null;`);
    this.addSql(`create index "event_outbox_created_at" on "event_outbox" ("created_at");`);
    this.addSql(tenantTableSql('event_outbox'));
    this.addSql(`create table "event_reaction" (
      "id" uuid not null default gen_random_uuid() primary key,
      "event_id" uuid not null references "event_outbox" ("id") on delete cascade,
      "handler" text not null,
      "franchise_id" uuid not null,
      "status" text not null default 'PENDING' check ("status" in ('PENDING', 'DONE', 'DEAD', 'RETRY')),
      "attempts" int not null default 0,
      "last_error" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "event_reaction_handler_event_unique" unique ("handler", "event_id")
    );`);
    this.addSql(`create index "event_reaction_dead" on "event_reaction" ("franchise_id", "updated_at") where "status" = 'DEAD';`);
    this.addSql(tenantTableSql('event_reaction'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "event_reaction" cascade;`);
    this.addSql(`drop table if exists "event_outbox" cascade;`);
  }

}
