import { Migration } from '@mikro-orm/migrations';

/** How many days before a quarterly round's close date its owners are reminded (0: no reminder); 3 for the rounds already open. */

export class Migration20261202090000_quarterly_reminder_days extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "quarterly_survey_round" add column "remind_days_before" int not null default 3;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "quarterly_survey_round" drop column if exists "remind_days_before";`);
  }

}
