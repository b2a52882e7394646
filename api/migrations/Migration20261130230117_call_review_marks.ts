import { Migration } from '@mikro-orm/migrations';

/** Calls marked for review: when, by whom and why. */
export class Migration20261130230117_call_review_marks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "call_record" add column "review_requested_at" timestamptz null, add column "review_requested_by_id" uuid null, add column "review_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "call_record" drop column "review_requested_at", drop column "review_requested_by_id", drop column "review_reason";`);
  }

}
