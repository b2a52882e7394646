import { Migration } from '@mikro-orm/migrations';

export class Migration20261201081500_call_conversion_target extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "call_settings" add column "conversion_rate_target" double precision not null default 0.55;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "call_settings" drop column "conversion_rate_target";`);
  }

}
