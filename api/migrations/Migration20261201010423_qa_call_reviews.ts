import { Migration } from '@mikro-orm/migrations';

/** QA reviews (and calibration sessions) of calls: the target kind CALL. */
export class Migration20261201010423_qa_call_reviews extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "qa_calibration_session" drop constraint if exists "qa_calibration_session_target_kind_check";`);

    this.addSql(`alter table "qa_review" drop constraint if exists "qa_review_target_kind_check";`);

    this.addSql(`alter table "qa_calibration_session" add constraint "qa_calibration_session_target_kind_check" check("target_kind" in ('CASE', 'CALLBACK', 'CALL'));`);

    this.addSql(`alter table "qa_review" add constraint "qa_review_target_kind_check" check("target_kind" in ('CASE', 'CALLBACK', 'CALL'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "qa_calibration_session" drop constraint if exists "qa_calibration_session_target_kind_check";`);

    this.addSql(`alter table "qa_review" drop constraint if exists "qa_review_target_kind_check";`);

    this.addSql(`alter table "qa_calibration_session" add constraint "qa_calibration_session_target_kind_check" check("target_kind" in ('CASE', 'CALLBACK'));`);

    this.addSql(`alter table "qa_review" add constraint "qa_review_target_kind_check" check("target_kind" in ('CASE', 'CALLBACK'));`);
  }

}
