import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/**
 * Appointments: services, doctors' schedules and exceptions, appointments and the franchise's rules.
 * A doctor holds one active appointment per time range: the exclusion constraint (btree_gist)
 * over doctor and [start, end + buffer) of REQUESTED, CONFIRMED and CHECKED_IN appointments.
 */
export class Migration20261130183002_appointments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "appointment" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "appointment_no" text not null, "customer_id" uuid not null, "doctor_id" uuid not null, "store_id" uuid not null, "service_id" uuid not null, "channel" text check ("channel" in ('PHONE', 'IN_PERSON', 'ONLINE')) not null, "status" text check ("status" in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED')) not null default 'CONFIRMED', "starts_at" timestamptz not null, "ends_at" timestamptz not null, "blocked_until" timestamptz not null, "note" text null, "created_by_id" uuid null, "verify_due_at" timestamptz null, "verified_at" timestamptz null, "verified_by_id" uuid null, "verification_breached_at" timestamptz null, "escalation_level" text check ("escalation_level" in ('AGENT', 'SUPERVISOR', 'DIRECTOR', 'HQ')) not null default 'AGENT', "checked_in_at" timestamptz null, "completed_at" timestamptz null, "no_show_at" timestamptz null, "cancelled_at" timestamptz null, "cancelled_by_id" uuid null, "cancel_reason" text null, "rescheduled_from_id" uuid null, "rescheduled_to_id" uuid null, "reminder_sent_at" timestamptz null, constraint "appointment_pkey" primary key ("id"));`);
    this.addSql(`create index "appointment_franchise_id_index" on "appointment" ("franchise_id");`);
    this.addSql(`create index "appointment_verify_due" on "appointment" ("verify_due_at") where "status" = 'REQUESTED' and "verification_breached_at" is null;`);
    this.addSql(`create index "appointment_customer_id_index" on "appointment" ("customer_id");`);
    this.addSql(`create index "appointment_store_id_starts_at_index" on "appointment" ("store_id", "starts_at");`);
    this.addSql(`create index "appointment_doctor_id_starts_at_index" on "appointment" ("doctor_id", "starts_at");`);
    this.addSql(`alter table "appointment" add constraint "appointment_franchise_id_appointment_no_unique" unique ("franchise_id", "appointment_no");`);

    this.addSql(`create table "appointment_settings" ("franchise_id" uuid not null, "version" int not null default 1, "updated_at" timestamptz not null, "notice_days" int not null default 1, "verify_within_minutes" int not null default 120, constraint "appointment_settings_pkey" primary key ("franchise_id"));`);

    this.addSql(`create table "doctor_schedule" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "doctor_id" uuid not null, "store_id" uuid not null, "weekly_hours" jsonb not null, "breaks" jsonb not null, "slot_minutes" int not null default 30, constraint "doctor_schedule_pkey" primary key ("id"));`);
    this.addSql(`create index "doctor_schedule_franchise_id_index" on "doctor_schedule" ("franchise_id");`);
    this.addSql(`alter table "doctor_schedule" add constraint "doctor_schedule_doctor_id_store_id_unique" unique ("doctor_id", "store_id");`);

    this.addSql(`create table "health_service" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text check ("kind" in ('FIRST_VISIT', 'FOLLOW_UP', 'REPORT_INTERPRETATION', 'TEST_SAMPLING')) not null, "name" text not null, "duration_minutes" int not null, "buffer_minutes" int not null default 0, "active" boolean not null default true, constraint "health_service_pkey" primary key ("id"));`);
    this.addSql(`create index "health_service_franchise_id_index" on "health_service" ("franchise_id");`);
    this.addSql(`alter table "health_service" add constraint "health_service_franchise_id_name_unique" unique ("franchise_id", "name");`);

    this.addSql(`create table "doctor_schedule_exception" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "doctor_id" uuid not null, "store_id" uuid null, "kind" text check ("kind" in ('LEAVE', 'HOURS')) not null, "from_date" date not null, "to_date" date not null, "periods" jsonb not null, "reason" text null, constraint "doctor_schedule_exception_pkey" primary key ("id"));`);
    this.addSql(`create index "doctor_schedule_exception_franchise_id_index" on "doctor_schedule_exception" ("franchise_id");`);
    this.addSql(`create index "doctor_schedule_exception_doctor_id_to_date_index" on "doctor_schedule_exception" ("doctor_id", "to_date");`);

    this.addSql(`alter table "appointment" add constraint "appointment_times_check" check ("starts_at" < "ends_at" and "ends_at" <= "blocked_until");`);
    this.addSql(`alter table "appointment" add constraint "appointment_doctor_no_overlap" exclude using gist ("doctor_id" with =, tstzrange("starts_at", "blocked_until", '[)') with &&) where ("status" in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN'));`);

    for (const table of ['health_service', 'doctor_schedule', 'doctor_schedule_exception', 'appointment', 'appointment_settings']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "appointment" cascade;`);

    this.addSql(`drop table if exists "appointment_settings" cascade;`);

    this.addSql(`drop table if exists "doctor_schedule" cascade;`);

    this.addSql(`drop table if exists "health_service" cascade;`);

    this.addSql(`drop table if exists "doctor_schedule_exception" cascade;`);
  }

}
