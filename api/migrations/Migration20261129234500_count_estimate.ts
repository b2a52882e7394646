import { Migration } from '@mikro-orm/migrations';

/**
 * The planner's row estimate for a query, as a function, so a list page can ask "about how
 * many?" in the same statement as its rows (lists count exactly only up to 10,000 matches).
 * Runs as the caller (RLS applies to what EXPLAIN plans; nothing is executed).
 */
export class Migration20261129234500_count_estimate extends Migration {

  override async up(): Promise<void> {
    this.addSql(`
create or replace function app_count_estimate(query text) returns bigint
language plpgsql volatile as $$
declare
  plan json;
begin
  execute 'explain (format json) ' || query into plan;
  return round((plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric);
end
$$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists app_count_estimate(text);`);
  }

}
