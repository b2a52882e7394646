import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Doctors' practitioner profiles: qualifications, training, case studies and HQ's verification. */
export class Migration20261130192323_practitioner_profiles extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "practitioner_profile" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "doctor_id" uuid not null, "qualifications" jsonb not null, "training_history" jsonb not null, "case_studies" jsonb not null, "verification_status" text check ("verification_status" in ('PENDING', 'VERIFIED', 'REJECTED', 'SUSPENDED')) not null default 'PENDING', "verification_note" text null, "verified_by_id" uuid null, "verified_at" timestamptz null, constraint "practitioner_profile_pkey" primary key ("id"));`);
    this.addSql(`create index "practitioner_profile_franchise_id_index" on "practitioner_profile" ("franchise_id");`);
    this.addSql(`alter table "practitioner_profile" add constraint "practitioner_profile_doctor_id_unique" unique ("doctor_id");`);
    this.addSql(tenantTableSql('practitioner_profile'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "practitioner_profile" cascade;`);
  }

}
