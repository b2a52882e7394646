import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Recall outreach: one contact per recall and document that received the lot, with its outcome. */
export class Migration20261130063821_recall_outreach extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "recall_contact" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "recall_id" uuid not null, "warehouse_id" uuid not null, "document_type" text not null, "document_id" uuid not null, "document_no" text null, "customer_id" uuid null, "quantity" int not null, "status" text check ("status" in ('PENDING', 'CONTACTED', 'RETURNED', 'UNREACHABLE')) not null default 'PENDING', "case_id" uuid null, "outcome_note" text null, "returned_quantity" int null, "contacted_at" timestamptz null, "contacted_by_id" uuid null, constraint "recall_contact_pkey" primary key ("id"));`);
    this.addSql(`create index "recall_contact_franchise_id_index" on "recall_contact" ("franchise_id");`);
    this.addSql(`create index "recall_contact_recall_id_index" on "recall_contact" ("recall_id");`);
    this.addSql(`alter table "recall_contact" add constraint "recall_contact_recall_id_franchise_id_document_ty_58e52_unique" unique ("recall_id", "franchise_id", "document_type", "document_id");`);
    this.addSql(`alter table "recall_contact" add constraint "recall_contact_recall_fk" foreign key ("recall_id") references "batch_recall" ("id");`);
    this.addSql(`alter table "recall_contact" add constraint "recall_contact_quantities" check (quantity > 0 and (returned_quantity is null or returned_quantity between 1 and quantity));`);
    this.addSql(tenantTableSql('recall_contact'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "recall_contact" cascade;`);
  }

}
