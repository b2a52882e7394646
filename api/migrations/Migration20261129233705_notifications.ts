import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '../src/core/tenancy/rls';

/** Notifications: templates, the message log (the bell's messages too), quiet hours and opt-outs; all tenant tables under RLS. */
export class Migration20261129233705_notifications extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "notification_message" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text not null, "channel" text check ("channel" in ('SMS', 'WECHAT', 'EMAIL', 'IN_APP')) not null, "language" text not null default 'zh-CN', "customer_id" uuid null, "staff_id" uuid null, "address" text null, "template_id" uuid null, "subject" text null, "body" text not null, "status" text check ("status" in ('QUEUED', 'SCHEDULED', 'SENT', 'FAILED', 'SUPPRESSED')) not null default 'QUEUED', "suppression_reason" text check ("suppression_reason" in ('OPTED_OUT', 'NO_CONSENT', 'NO_ADDRESS', 'TEMPLATE_DISABLED')) null, "status_note" text null, "scheduled_for" timestamptz not null, "attempts" int not null default 0, "last_error" text null, "provider" text null, "provider_message_id" text null, "sent_at" timestamptz null, "read_at" timestamptz null, "ref_type" text null, "ref_id" uuid null, "dedupe_key" text null, constraint "notification_message_pkey" primary key ("id"));`);
    this.addSql(`create index "notification_message_franchise_id_index" on "notification_message" ("franchise_id");`);
    this.addSql(`create index "notification_message_pending_index" on "notification_message" ("scheduled_for") where "status" in ('QUEUED', 'SCHEDULED');`);
    this.addSql(`create index "notification_message_inbox_index" on "notification_message" ("staff_id", "created_at") where "staff_id" is not null;`);
    this.addSql(`create index "notification_message_customer_id_created_at_index" on "notification_message" ("customer_id", "created_at");`);
    this.addSql(`create index "notification_message_franchise_id_created_at_index" on "notification_message" ("franchise_id", "created_at");`);
    this.addSql(`alter table "notification_message" add constraint "notification_message_franchise_id_dedupe_key_unique" unique ("franchise_id", "dedupe_key");`);

    this.addSql(`create table "notification_opt_out" ("id" uuid not null, "franchise_id" uuid not null, "customer_id" uuid not null, "channel" text check ("channel" in ('SMS', 'WECHAT', 'EMAIL', 'IN_APP')) null, "reason" text not null, "recorded_by_id" uuid null, "created_at" timestamptz not null, constraint "notification_opt_out_pkey" primary key ("id"));`);
    this.addSql(`create unique index "notification_opt_out_customer_channel_unique" on "notification_opt_out" ("customer_id", coalesce("channel", 'ALL'));`);

    this.addSql(`create table "notification_settings" ("franchise_id" uuid not null, "quiet_hours_start" text null default '21:00', "quiet_hours_end" text null default '08:00', "time_zone" text not null default 'Asia/Shanghai', "version" int not null default 1, "updated_at" timestamptz not null, constraint "notification_settings_pkey" primary key ("franchise_id"));`);

    this.addSql(`create table "notification_template" ("id" uuid not null, "franchise_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text not null, "channel" text check ("channel" in ('SMS', 'WECHAT', 'EMAIL', 'IN_APP')) not null, "language" text not null, "subject" text null, "body" text not null, "enabled" boolean not null default true, "updated_by_id" uuid null, constraint "notification_template_pkey" primary key ("id"));`);
    this.addSql(`create index "notification_template_franchise_id_index" on "notification_template" ("franchise_id");`);
    this.addSql(`alter table "notification_template" add constraint "notification_template_franchise_id_kind_channel_language_unique" unique ("franchise_id", "kind", "channel", "language");`);

    for (const table of ['notification_template', 'notification_message', 'notification_settings', 'notification_opt_out']) {
      this.addSql(`alter table "${table}" add constraint "${table}_franchise_fk" foreign key ("franchise_id") references "org_unit" ("id") deferrable initially deferred;`);
      this.addSql(tenantTableSql(table));
    }
    this.addSql(`alter table "notification_message" add constraint "notification_message_customer_fk" foreign key ("customer_id") references "customer" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "notification_message" add constraint "notification_message_staff_fk" foreign key ("staff_id") references "staff_user" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "notification_opt_out" add constraint "notification_opt_out_customer_fk" foreign key ("customer_id") references "customer" ("id") on delete cascade deferrable initially deferred;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "notification_message" cascade;`);

    this.addSql(`drop table if exists "notification_opt_out" cascade;`);

    this.addSql(`drop table if exists "notification_settings" cascade;`);

    this.addSql(`drop table if exists "notification_template" cascade;`);
  }

}
