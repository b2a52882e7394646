import { Migration } from '@mikro-orm/migrations';
import { API_GROUP_ROLE, tenantTableSql } from '../src/core/tenancy/rls';

/**
 * Customer archives (health records), their events, monthly spend and care reminders,
 * per-franchise numbering; search indexes (two-character slices for CJK names, trigrams
 * for digits and emails) and franchise isolation.
 */

export class Migration20261122075058_customers extends Migration {

  override async up(): Promise<void> {
    // Two-character slices of a text: a Chinese name is found by any 2 characters of it.
    this.addSql(`create or replace function pd_bigrams(value text) returns text[]
      language sql immutable parallel safe as $$
        select coalesce(array_agg(distinct substr(lower(value), i, 2)), '{}')
          from generate_series(1, greatest(char_length(value) - 1, 0)) as i
      $$;`);
    this.addSql(`create table "care_task" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "customer_id" uuid not null, "assignee_id" uuid not null, "org_unit_id" uuid not null, "kind" text check ("kind" in ('BIRTHDAY', 'HOLIDAY_GREETING', 'FOLLOW_UP')) not null, "due_date" date not null, "status" text check ("status" in ('OPEN', 'DONE', 'SKIPPED')) not null default 'OPEN', "title" text not null, "outcome" text null, "completed_at" timestamptz null, constraint "care_task_pkey" primary key ("id"));`);
    this.addSql(`create index "care_task_franchise_id_index" on "care_task" ("franchise_id");`);
    this.addSql(`create index "care_task_franchise_id_assignee_id_status_due_date_index" on "care_task" ("franchise_id", "assignee_id", "status", "due_date");`);
    this.addSql(`alter table "care_task" add constraint "care_task_customer_id_kind_due_date_unique" unique ("customer_id", "kind", "due_date");`);

    this.addSql(`create table "customer" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "record_no" text not null, "name" text not null, "gender" text check ("gender" in ('FEMALE', 'MALE', 'UNDISCLOSED')) null, "birth_date" date null, "birth_date_estimated" boolean not null default false, "birth_month" smallint generated always as ((extract(month from birth_date))::smallint) stored, "birth_mmdd" smallint generated always as ((extract(month from birth_date) * 100 + extract(day from birth_date))::smallint) stored, "name_bigrams" text[] generated always as (pd_bigrams(name)) stored, "phone" text not null, "id_number" text null, "address" text null, "email" text null, "member_card_no" text null, "org_unit_id" uuid not null, "doctor_id" uuid not null, "health_manager_id" uuid not null, "source_channel" text check ("source_channel" in ('WALK_IN', 'PHONE', 'ONLINE', 'WECHAT', 'APP', 'REFERRAL', 'EVENT', 'PARTNER', 'OTHER')) not null, "status" text check ("status" in ('ACTIVE', 'MERGED')) not null default 'ACTIVE', "merged_into_id" uuid null, "medical_history" text null, "allergies" text[] not null, "current_medications" jsonb not null, "family_members" jsonb not null, "personality" text null, "interests" text[] not null, "special_needs" text null, "note" text null, "tags" text[] not null, "consent_phone" boolean not null default true, "consent_sms" boolean not null default false, "consent_wechat" boolean not null default false, "consent_marketing" boolean not null default false, "total_spend" numeric(12,2) not null default 0, "purchase_count" int not null default 0, "last_purchase_at" timestamptz null, "last_service_at" timestamptz null, "segment" text check ("segment" in ('CHAMPION', 'LOYAL', 'POTENTIAL', 'NEW', 'AT_RISK', 'HIBERNATING', 'NO_PURCHASE')) not null default 'NO_PURCHASE', "rfm" jsonb null, constraint "customer_pkey" primary key ("id"));`);
    this.addSql(`create index "customer_franchise_id_index" on "customer" ("franchise_id");`);
    this.addSql(`create index "customer_org_unit_id_index" on "customer" ("org_unit_id");`);
    this.addSql(`create index "customer_doctor_id_index" on "customer" ("doctor_id");`);
    this.addSql(`create index "customer_health_manager_id_index" on "customer" ("health_manager_id");`);
    this.addSql(`create unique index "customer_franchise_record_no_unique" on "customer" ("franchise_id", "record_no");`);

    this.addSql(`create table "customer_event" ("id" uuid not null, "franchise_id" uuid not null, "customer_id" uuid not null, "kind" text check ("kind" in ('CREATED', 'UPDATED', 'MERGED', 'PURCHASE')) not null, "occurred_at" timestamptz not null, "summary" text not null, "amount" numeric(12,2) null, "actor_id" uuid null, "details" jsonb not null, constraint "customer_event_pkey" primary key ("id"));`);
    this.addSql(`create index "customer_event_customer_id_occurred_at_index" on "customer_event" ("customer_id", "occurred_at");`);

    this.addSql(`create table "customer_spend_month" ("customer_id" uuid not null, "month" date not null, "franchise_id" uuid not null, "org_unit_id" uuid not null, "amount" numeric(12,2) not null default 0, "purchases" int not null default 0, constraint "customer_spend_month_pkey" primary key ("customer_id", "month"));`);
    this.addSql(`create index "customer_spend_month_franchise_id_org_unit_id_month_index" on "customer_spend_month" ("franchise_id", "org_unit_id", "month");`);

    this.addSql(`create table "numbering_sequence" ("franchise_id" uuid not null, "series" text not null, "year" int not null, "value" int not null default 0, constraint "numbering_sequence_pkey" primary key ("franchise_id", "series", "year"));`);

    // Under row-level security PostgreSQL uses an index, or column statistics, only for
    // conditions whose operator is LEAKPROOF. Array containment/overlap, LIKE/ILIKE and numeric
    // comparisons cannot reveal anything of rows the caller may not see (their only errors are
    // about the caller's own pattern), so they are marked so: search and tag filters use their
    // GIN indexes, and spend ranges get real estimates (without them the planner expected 1 row
    // where 25,000 matched and sorted them all). This needs a superuser; without one the
    // statements are skipped and everything stays correct, slower.
    this.addSql(`do $$ begin
      if (select rolsuper from pg_roles where rolname = current_user) then
        alter function arraycontains(anyarray, anyarray) leakproof;
        alter function arrayoverlap(anyarray, anyarray) leakproof;
        alter function textlike(text, text) leakproof;
        alter function texticlike(text, text) leakproof;
        alter function numeric_eq(numeric, numeric) leakproof;
        alter function numeric_ne(numeric, numeric) leakproof;
        alter function numeric_lt(numeric, numeric) leakproof;
        alter function numeric_le(numeric, numeric) leakproof;
        alter function numeric_gt(numeric, numeric) leakproof;
        alter function numeric_ge(numeric, numeric) leakproof;
      else
        raise notice 'not a superuser: array and LIKE operators stay non-leakproof; customer search will not use its indexes under RLS';
      end if;
    end $$;`);

    // Search and filter indexes.
    this.addSql(`create index "customer_name_bigrams_index" on "customer" using gin ("name_bigrams");`);
    this.addSql(`create index "customer_name_trgm_index" on "customer" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "customer_phone_trgm_index" on "customer" using gin ("phone" gin_trgm_ops);`);
    this.addSql(`create index "customer_member_card_no_trgm_index" on "customer" using gin ("member_card_no" gin_trgm_ops);`);
    this.addSql(`create index "customer_email_trgm_index" on "customer" using gin ("email" gin_trgm_ops);`);
    this.addSql(`create index "customer_record_no_trgm_index" on "customer" using gin ("record_no" gin_trgm_ops);`);
    this.addSql(`create index "customer_tags_index" on "customer" using gin ("tags");`);
    this.addSql(`create index "customer_franchise_birth_mmdd_index" on "customer" ("franchise_id", "birth_mmdd");`);
    // Last service is listed newest first (care lists) and oldest first (who has not been served
    // for longest); never-served rows come last either way, so each direction has its index.
    this.addSql(`create index "customer_franchise_last_service_index" on "customer" ("franchise_id", "last_service_at" desc nulls last) where status = 'ACTIVE';`);
    this.addSql(`create index "customer_franchise_last_service_asc_index" on "customer" ("franchise_id", "last_service_at") where status = 'ACTIVE';`);
    this.addSql(`create index "customer_franchise_created_index" on "customer" ("franchise_id", "created_at" desc);`);
    this.addSql(`create index "customer_franchise_total_spend_index" on "customer" ("franchise_id", "total_spend");`);
    // Lists show active archives: partial indexes let counts run as index-only scans.
    this.addSql(`create index "customer_franchise_birth_date_index" on "customer" ("franchise_id", "birth_date") where status = 'ACTIVE';`);
    // A store's lists: birthdays and last service within one store.
    this.addSql(`create index "customer_franchise_unit_mmdd_index" on "customer" ("franchise_id", "org_unit_id", "birth_mmdd") where status = 'ACTIVE';`);
    this.addSql(`create index "customer_franchise_unit_last_service_index" on "customer" ("franchise_id", "org_unit_id", "last_service_at" desc nulls last) where status = 'ACTIVE';`);
    // One active archive per phone and franchise (merged ones keep theirs for history).
    this.addSql(`create unique index "customer_franchise_phone_active_unique" on "customer" ("franchise_id", "phone") where status = 'ACTIVE';`);

    this.addSql(`alter table "customer" add constraint "customer_org_unit_fk" foreign key ("org_unit_id") references "org_unit" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "customer" add constraint "customer_doctor_fk" foreign key ("doctor_id") references "staff_user" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "customer" add constraint "customer_health_manager_fk" foreign key ("health_manager_id") references "staff_user" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "customer_event" add constraint "customer_event_customer_fk" foreign key ("customer_id") references "customer" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "customer_spend_month" add constraint "customer_spend_month_customer_fk" foreign key ("customer_id") references "customer" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "care_task" add constraint "care_task_customer_fk" foreign key ("customer_id") references "customer" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "care_task" add constraint "care_task_assignee_fk" foreign key ("assignee_id") references "staff_user" ("id") deferrable initially deferred;`);

    for (const table of ['customer', 'customer_event', 'customer_spend_month', 'care_task', 'numbering_sequence']) this.addSql(tenantTableSql(table));
    // Archive history is append-only for the API.
    this.addSql(`revoke update, delete on "customer_event" from ${API_GROUP_ROLE};`);
    this.addSql(`grant update ("customer_id") on "customer_event" to ${API_GROUP_ROLE};`); // merges move events

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "care_task" cascade;`);

    this.addSql(`drop table if exists "customer" cascade;`);

    this.addSql(`drop table if exists "customer_event" cascade;`);

    this.addSql(`drop table if exists "customer_spend_month" cascade;`);

    this.addSql(`drop table if exists "numbering_sequence" cascade;`);
    this.addSql(`drop function if exists pd_bigrams(text);`);

  }

}
