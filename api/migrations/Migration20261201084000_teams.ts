import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Teams (班组) of agents under a store, branch center or department, with their members (row-level security like their neighbours). */

export class Migration20261201084000_teams extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "team" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "org_unit_id" uuid not null, "name" text not null, "member_ids" uuid[] not null, constraint "team_pkey" primary key ("id"));`);
    this.addSql(`create index "team_franchise_id_index" on "team" ("franchise_id");`);
    this.addSql(`create index "team_org_unit_id_index" on "team" ("org_unit_id");`);
    this.addSql(`create index "team_member_ids_index" on "team" using gin ("member_ids");`);
    this.addSql(tenantTableSql('team'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "team" cascade;`);
  }

}
