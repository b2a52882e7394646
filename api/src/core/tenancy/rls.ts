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

/**
 * The policy condition. The scope functions sit in scalar subqueries so PostgreSQL
 * evaluates them once per statement (not per row) and can use the franchise_id index.
 */
const IN_SCOPE = '((select app_scope_all()) or franchise_id = any ((select app_scope_ids())::uuid[]))';

export function tenantTableSql(table: string, options: { sharedWhenNull?: boolean } = {}): string {
  // Rows with no franchise (built-in definitions) can be readable by all, writable only with '*'.
  const read = options.sharedWhenNull ? `franchise_id is null or ${IN_SCOPE}` : IN_SCOPE;
  return [
    `alter table "${table}" enable row level security;`,
    `alter table "${table}" force row level security;`,
    `drop policy if exists tenant_isolation on "${table}";`,
    `create policy tenant_isolation on "${table}" using (${read}) with check (${IN_SCOPE});`,
    `grant select, insert, update, delete on "${table}" to ${API_GROUP_ROLE};`,
  ].join('\n');
}

/** The scope the API set for this transaction: '*' (all franchises), a list of ids, or nothing. */
export const SCOPE_FUNCTIONS_SQL = `
create or replace function app_scope_all() returns boolean
language sql stable parallel safe as $$
  select coalesce(current_setting('app.franchise_ids', true), '') = '*'
$$;
create or replace function app_scope_ids() returns uuid[]
language sql stable parallel safe as $$
  select case when coalesce(current_setting('app.franchise_ids', true), '') in ('', '*') then '{}'::uuid[]
              else string_to_array(current_setting('app.franchise_ids', true), ',')::uuid[] end
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
