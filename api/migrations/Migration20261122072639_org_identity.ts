import { Migration } from '@mikro-orm/migrations';
import { API_GROUP_ROLE, API_GROUP_ROLE_SQL, SCOPE_FUNCTIONS_SQL, tenantTableSql } from '../src/core/tenancy/rls';

/** Organization tree, staff, roles, sessions, API keys and the audit log, with franchise isolation. */

export class Migration20261122072639_org_identity extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_key" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" text not null, "prefix" text not null, "secret_digest" text not null, "org_unit_id" uuid not null, "permissions" text[] not null, "rate_limit_per_minute" int not null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "created_by_id" uuid not null, "rotated_from_id" uuid null, constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`create index "api_key_franchise_id_index" on "api_key" ("franchise_id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);

    this.addSql(`create table "api_key_usage" ("api_key_id" uuid not null, "window_start" timestamptz not null, "requests" int not null default 0, constraint "api_key_usage_pkey" primary key ("api_key_id", "window_start"));`);

    this.addSql(`create table "audit_log" ("id" uuid not null, "franchise_id" uuid not null, "actor_type" text check ("actor_type" in ('USER', 'API_KEY', 'SYSTEM')) not null, "actor_id" uuid null, "actor_label" text not null, "scope_org_unit_id" uuid null, "operation" text not null, "target_type" text null, "target_ids" text[] not null, "changes" jsonb not null, "request_id" text null, "created_at" timestamptz not null, constraint "audit_log_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_log_franchise_id_created_at_index" on "audit_log" ("franchise_id", "created_at");`);

    this.addSql(`create table "auth_session" ("id" uuid not null, "franchise_id" uuid not null, "user_id" uuid not null, "status" text check ("status" in ('ACTIVE', 'REVOKED')) not null default 'ACTIVE', "revoked_reason" text null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "client_address" text null, "user_agent" text null, constraint "auth_session_pkey" primary key ("id"));`);
    this.addSql(`create index "auth_session_franchise_id_index" on "auth_session" ("franchise_id");`);
    this.addSql(`create index "auth_session_user_id_index" on "auth_session" ("user_id");`);

    this.addSql(`create table "auth_throttle" ("key" text not null, "failures" int not null default 0, "window_started_at" timestamptz not null, "locked_until" timestamptz null, constraint "auth_throttle_pkey" primary key ("key"));`);

    this.addSql(`create table "org_unit" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text check ("kind" in ('HQ', 'FRANCHISE', 'STORE', 'BRANCH_CENTER', 'DEPARTMENT')) not null, "name" text not null, "code" text null, "parent_id" uuid null, "path" text not null, "status" text check ("status" in ('ACTIVE', 'SUSPENDED', 'CLOSED')) not null default 'ACTIVE', "address" text null, "phone" text null, "time_zone" text not null default 'Asia/Shanghai', "owner_name" text null, "owner_phone" text null, "cooperation_type" text check ("cooperation_type" in ('FRANCHISE', 'JOINT_VENTURE', 'PARTNER', 'DIRECT')) null, "projects" text[] null, "contract_date" date null, "contract_end_date" date null, constraint "org_unit_pkey" primary key ("id"));`);
    this.addSql(`create index "org_unit_franchise_id_index" on "org_unit" ("franchise_id");`);
    this.addSql(`create index "org_unit_path_index" on "org_unit" ("path" text_pattern_ops);`);

    this.addSql(`create table "auth_refresh_token" ("digest" text not null, "session_id" uuid not null, "franchise_id" uuid not null, "created_at" timestamptz not null, "rotated_at" timestamptz null, constraint "auth_refresh_token_pkey" primary key ("digest"));`);
    this.addSql(`create index "auth_refresh_token_session_id_index" on "auth_refresh_token" ("session_id");`);

    this.addSql(`create table "role" ("id" uuid not null, "franchise_id" uuid null, "template_key" text null, "name" text not null, "description" text null, "permissions" text[] not null, "built_in" boolean not null default false, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "role_pkey" primary key ("id"));`);
    this.addSql(`create index "role_franchise_id_index" on "role" ("franchise_id");`);
    this.addSql(`alter table "role" add constraint "role_template_key_unique" unique ("template_key");`);
    this.addSql(`alter table "role" add constraint "role_franchise_id_name_unique" unique ("franchise_id", "name");`);

    this.addSql(`create table "staff_user" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "org_unit_id" uuid not null, "email" citext not null, "password_hash" text not null, "display_name" text not null, "status" text check ("status" in ('ACTIVE', 'DISABLED')) not null default 'ACTIVE', "job_title" text check ("job_title" in ('AGENT', 'HEALTH_MANAGER', 'PHARMACIST', 'DOCTOR', 'CONSULTANT', 'SUPERVISOR', 'STORE_DIRECTOR', 'FRANCHISE_OWNER', 'HQ_ADMIN', 'QA_ANALYST', 'OTHER')) not null default 'AGENT', "role_ids" text[] not null, "gender" text check ("gender" in ('FEMALE', 'MALE', 'UNDISCLOSED')) null, "photo_url" text null, "phone" text null, "employment" text check ("employment" in ('FULL_TIME', 'PART_TIME')) null, "region" text null, "specialties" text[] not null, "years_of_practice" int null, "certificates" text[] not null, "introduction" text null, "last_sign_in_at" timestamptz null, "password_changed_at" timestamptz null, constraint "staff_user_pkey" primary key ("id"));`);
    this.addSql(`create index "staff_user_franchise_id_index" on "staff_user" ("franchise_id");`);
    this.addSql(`create index "staff_user_org_unit_id_index" on "staff_user" ("org_unit_id");`);
    this.addSql(`alter table "staff_user" add constraint "staff_user_email_unique" unique ("email");`);

    // Integrity between the tables (checked by PostgreSQL as the owner, so RLS does not hide parents),
    // deferred to commit so the order of inserts inside a transaction does not matter.
    this.addSql(`alter table "org_unit" add constraint "org_unit_parent_fk" foreign key ("parent_id") references "org_unit" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "org_unit" add constraint "org_unit_franchise_fk" foreign key ("franchise_id") references "org_unit" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "org_unit" add constraint "org_unit_code_unique" unique ("franchise_id", "code");`);
    this.addSql(`alter table "staff_user" add constraint "staff_user_org_unit_fk" foreign key ("org_unit_id") references "org_unit" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "auth_session" add constraint "auth_session_user_fk" foreign key ("user_id") references "staff_user" ("id") on delete cascade deferrable initially deferred;`);
    this.addSql(`alter table "auth_refresh_token" add constraint "auth_refresh_token_session_fk" foreign key ("session_id") references "auth_session" ("id") on delete cascade deferrable initially deferred;`);
    this.addSql(`alter table "api_key" add constraint "api_key_org_unit_fk" foreign key ("org_unit_id") references "org_unit" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "api_key_usage" add constraint "api_key_usage_key_fk" foreign key ("api_key_id") references "api_key" ("id") on delete cascade deferrable initially deferred;`);

    // Franchise isolation: the API role, the scope function, and RLS on every tenant table.
    this.addSql(API_GROUP_ROLE_SQL);
    this.addSql(SCOPE_FUNCTIONS_SQL);
    for (const table of ['org_unit', 'staff_user', 'auth_session', 'auth_refresh_token', 'api_key', 'audit_log']) this.addSql(tenantTableSql(table));
    this.addSql(tenantTableSql('role', { sharedWhenNull: true }));
    // The audit log is append-only for the API.
    this.addSql(`revoke update, delete on "audit_log" from ${API_GROUP_ROLE};`);
    // System tables keyed by email, address or key id, reached only by core services.
    this.addSql(`grant select, insert, update, delete on "auth_throttle", "api_key_usage" to ${API_GROUP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists app_scope_all(); drop function if exists app_scope_ids();`);
    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "api_key_usage" cascade;`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "auth_session" cascade;`);

    this.addSql(`drop table if exists "auth_throttle" cascade;`);

    this.addSql(`drop table if exists "org_unit" cascade;`);

    this.addSql(`drop table if exists "auth_refresh_token" cascade;`);

    this.addSql(`drop table if exists "role" cascade;`);

    this.addSql(`drop table if exists "staff_user" cascade;`);
  }

}
