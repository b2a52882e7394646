import { Migration } from '@mikro-orm/migrations';

/** A team's leader (班组长), one of its members. */

export class Migration20261202020000_team_leader extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "team" add column "leader_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "team" drop column if exists "leader_id";`);
  }

}
