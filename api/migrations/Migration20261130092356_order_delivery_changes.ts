import { Migration } from '@mikro-orm/migrations';

/** Orders: the identity verification a delivery change needs, and the timeline entries for it. */
export class Migration20261130092356_order_delivery_changes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "sales_order_event" drop constraint if exists "sales_order_event_kind_check";`);

    this.addSql(`alter table "sales_order" add column "identity_verified_at" timestamptz null, add column "identity_verified_by_id" uuid null, add column "identity_verification_method" text check ("identity_verification_method" in ('CALLBACK_REGISTERED_PHONE', 'SMS_CODE', 'ID_DOCUMENT', 'IN_PERSON')) null;`);

    this.addSql(`alter table "sales_order_event" add constraint "sales_order_event_kind_check" check("kind" in ('CREATED', 'TRANSITION', 'IDENTITY_VERIFIED', 'DELIVERY_CHANGED'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sales_order_event" drop constraint if exists "sales_order_event_kind_check";`);

    this.addSql(`alter table "sales_order" drop column "identity_verified_at", drop column "identity_verified_by_id", drop column "identity_verification_method";`);

    this.addSql(`alter table "sales_order_event" add constraint "sales_order_event_kind_check" check("kind" in ('CREATED', 'TRANSITION'));`);
  }

}
