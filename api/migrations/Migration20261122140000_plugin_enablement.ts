import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Plugins enabled per franchise with their options: a tenant table, isolated by RLS like every other. */
export class Migration20261122140000_plugin_enablement extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "franchise_plugin" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "plugin" text not null, "enabled" boolean not null default false, "options" jsonb not null, "owner_may_manage" boolean not null default false, "changed_by_id" uuid null, constraint "franchise_plugin_pkey" primary key ("id"));`);
    this.addSql(`create index "franchise_plugin_franchise_id_index" on "franchise_plugin" ("franchise_id");`);
    this.addSql(`alter table "franchise_plugin" add constraint "franchise_plugin_franchise_id_plugin_unique" unique ("franchise_id", "plugin");`);
    this.addSql(`alter table "franchise_plugin" add constraint "franchise_plugin_franchise_fk" foreign key ("franchise_id") references "org_unit" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "franchise_plugin" add constraint "franchise_plugin_changed_by_fk" foreign key ("changed_by_id") references "staff_user" ("id") deferrable initially deferred;`);
    this.addSql(tenantTableSql('franchise_plugin'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "franchise_plugin" cascade;`);
  }

}
