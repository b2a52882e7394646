import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '@pharmadesk/api';

/** refund-approval: approval requests for large refunds and compensation, isolated per franchise by RLS. */
export class Migration20261122150000_refund_approval extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "refund_approval" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "case_id" uuid not null, "case_no" text not null, "solution_type" text check ("solution_type" in ('REPLACE', 'REFUND', 'COMPENSATION', 'APOLOGY', 'COACHING')) not null, "amount_value" numeric(12,2) not null, "threshold_value" numeric(12,2) not null, "status" text check ("status" in ('PENDING', 'APPROVED', 'REJECTED')) not null default 'PENDING', "requested_by_id" uuid not null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_note" text null, constraint "refund_approval_pkey" primary key ("id"));`);
    this.addSql(`create index "refund_approval_franchise_id_index" on "refund_approval" ("franchise_id");`);
    this.addSql(`create index "refund_approval_case_id_index" on "refund_approval" ("case_id");`);
    this.addSql(`create index "refund_approval_franchise_id_status_created_at_index" on "refund_approval" ("franchise_id", "status", "created_at");`);
    this.addSql(`alter table "refund_approval" add constraint "refund_approval_case_fk" foreign key ("case_id") references "service_case" ("id") deferrable initially deferred;`);
    this.addSql(tenantTableSql('refund_approval'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "refund_approval" cascade;`);
  }
}
