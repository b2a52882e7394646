/**
 * SQL for migrations. Adding franchise isolation to a new table is one line:
 *
 *   this.addSql(tenantTableSql('customer'));
 *
 * Row-level security is enabled and forced (the table owner is bound too), the policy
 * admits rows whose franchise_id is in app.franchise_ids (set per transaction by the
 * API; '*' means every franchise; unset or empty means none), and the API role gets
 * read/write access.
 */
export const API_GROUP_ROLE = 'pharmadesk_api';

export function tenantTableSql(table: string, options: { sharedWhenNull?: boolean } = {}): string {
  // Rows with no franchise (built-in definitions) can be readable by all, writable only with '*'.
  const read = options.sharedWhenNull ? 'franchise_id is null or app_in_scope(franchise_id)' : 'app_in_scope(franchise_id)';
  return [
    `alter table "${table}" enable row level security;`,
    `alter table "${table}" force row level security;`,
    `drop policy if exists tenant_isolation on "${table}";`,
    `create policy tenant_isolation on "${table}" using (${read}) with check (app_in_scope(franchise_id));`,
    `grant select, insert, update, delete on "${table}" to ${API_GROUP_ROLE};`,
  ].join('\n');
}

/** The scope test every policy uses (CASE, so '*' is never cast to uuid). */
export const APP_IN_SCOPE_FUNCTION_SQL = `
create or replace function app_in_scope(franchise uuid) returns boolean
language sql stable parallel safe as $$
  select case coalesce(current_setting('app.franchise_ids', true), '')
    when '*' then true
    when '' then false
    else franchise = any (string_to_array(current_setting('app.franchise_ids', true), ',')::uuid[])
  end
$$;`;

/** The group role the API's login role belongs to: no superuser, no BYPASSRLS, no login of its own. */
export const API_GROUP_ROLE_SQL = `
do $$ begin
  if not exists (select 1 from pg_roles where rolname = '${API_GROUP_ROLE}') then
    create role ${API_GROUP_ROLE} nologin nosuperuser nobypassrls;
  end if;
end $$;
grant usage on schema public to ${API_GROUP_ROLE};
grant select on mikro_orm_migrations to ${API_GROUP_ROLE};`;
