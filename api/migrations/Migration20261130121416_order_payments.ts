import { Migration } from '@mikro-orm/migrations';

/** Online orders record their payment (method, reference); unpaid ones count the reminders sent. */
export class Migration20261130121416_order_payments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "sales_order_event" drop constraint if exists "sales_order_event_kind_check";`);

    this.addSql(`alter table "sales_order" add column "paid_at" timestamptz null, add column "payment_method" text check ("payment_method" in ('WECHAT_PAY', 'ALIPAY', 'BANK_CARD', 'CASH', 'MEDICAL_INSURANCE', 'OTHER')) null, add column "payment_reference" text null, add column "payment_reminders" smallint not null default 0;`);
    this.addSql(`create index "sales_order_unpaid_index" on "sales_order" ("created_at") where "payment_status" = 'UNPAID';`);

    this.addSql(`alter table "sales_order_event" add constraint "sales_order_event_kind_check" check("kind" in ('CREATED', 'TRANSITION', 'IDENTITY_VERIFIED', 'DELIVERY_CHANGED', 'TRACKING', 'PAYMENT', 'PAYMENT_REMINDER'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sales_order_event" drop constraint if exists "sales_order_event_kind_check";`);

    this.addSql(`drop index "sales_order_unpaid_index";`);
    this.addSql(`alter table "sales_order" drop column "paid_at", drop column "payment_method", drop column "payment_reference", drop column "payment_reminders";`);

    this.addSql(`alter table "sales_order_event" add constraint "sales_order_event_kind_check" check("kind" in ('CREATED', 'TRANSITION', 'IDENTITY_VERIFIED', 'DELIVERY_CHANGED', 'TRACKING'));`);
  }

}
