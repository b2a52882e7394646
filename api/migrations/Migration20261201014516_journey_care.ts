import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Consultation records, prescriptions with daily amounts, customers' ratings of doctors. */
export class Migration20261201014516_journey_care extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "consultation_record" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "record_no" text not null, "customer_id" uuid not null, "org_unit_id" uuid not null, "doctor_id" uuid not null, "appointment_id" uuid null, "answers" jsonb not null, "notes" text null, constraint "consultation_record_pkey" primary key ("id"));`);
    this.addSql(`create index "consultation_record_franchise_id_index" on "consultation_record" ("franchise_id");`);
    this.addSql(`create index "consultation_record_customer_id_created_at_index" on "consultation_record" ("customer_id", "created_at");`);
    this.addSql(`alter table "consultation_record" add constraint "consultation_record_franchise_id_record_no_unique" unique ("franchise_id", "record_no");`);

    this.addSql(`create table "doctor_rating" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "appointment_id" uuid not null, "doctor_id" uuid not null, "customer_id" uuid not null, "rating" int not null, "comment" text null, "recorded_by_id" uuid null, constraint "doctor_rating_pkey" primary key ("id"));`);
    this.addSql(`create index "doctor_rating_franchise_id_index" on "doctor_rating" ("franchise_id");`);
    this.addSql(`create index "doctor_rating_doctor_id_index" on "doctor_rating" ("doctor_id");`);
    this.addSql(`alter table "doctor_rating" add constraint "doctor_rating_appointment_id_unique" unique ("appointment_id");`);

    this.addSql(`create table "prescription" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "prescription_no" text not null, "customer_id" uuid not null, "org_unit_id" uuid not null, "doctor_id" uuid not null, "appointment_id" uuid null, "lines" jsonb not null, "note" text null, "order_id" uuid null, "ordered_at" timestamptz null, constraint "prescription_pkey" primary key ("id"));`);
    this.addSql(`create index "prescription_franchise_id_index" on "prescription" ("franchise_id");`);
    this.addSql(`create index "prescription_customer_id_created_at_index" on "prescription" ("customer_id", "created_at");`);
    this.addSql(`alter table "prescription" add constraint "prescription_franchise_id_prescription_no_unique" unique ("franchise_id", "prescription_no");`);
    for (const table of ['consultation_record', 'prescription', 'doctor_rating']) this.addSql(tenantTableSql(table));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "consultation_record" cascade;`);

    this.addSql(`drop table if exists "doctor_rating" cascade;`);

    this.addSql(`drop table if exists "prescription" cascade;`);
  }

}
