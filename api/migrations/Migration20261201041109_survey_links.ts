import { Migration } from '@mikro-orm/migrations';

export class Migration20261201041109_survey_links extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "satisfaction_request" add column "link_nonce" text null, add column "link_expires_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "satisfaction_request" drop column "link_nonce", drop column "link_expires_at";`);
  }

}
