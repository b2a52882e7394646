import type { RequestContext } from '../../core/context';
import { readRows } from '../../core/read/sql';
import { getOrgUnit, orgScopeSql } from '../org/org.service';
import type { Team } from './team.entity';

/**
 * Teams as plain rows (the read path), and the SQL the reports and call KPIs group by: a
 * record's team is its agent's (current) team.
 */

/** The team of the staff member in `agentColumn` (a uuid expression), or null: for grouping. */
export const teamOfAgentSql = (agentColumn: string) => `(select tm.id from team tm where ${agentColumn} = any(tm.member_ids) limit 1)`;

/** The name of the team whose id is in `column`. */
export const teamNameSql = (column: string) => `(select tn.name from team tn where tn.id = ${column}::uuid)`;

/**
 * The teams in the caller's part of the tree, under `orgUnitId` when given (what a grouping by
 * team lists, a team with no figures included), by name.
 */
export async function teamsInScope(ctx: RequestContext, orgUnitId?: string | null): Promise<Team[]> {
  const under = orgUnitId ? await getOrgUnit(ctx, orgUnitId) : null;
  const conditions = ['true'];
  const params: unknown[] = [];
  const scope = orgScopeSql(ctx, 't.org_unit_id');
  if (scope) conditions.push(scope);
  if (under) conditions.push(`exists (select 1 from org_unit tu where tu.id = t.org_unit_id and tu.path like ?)`), params.push(`${under.path}%`);
  return readRows<Team>(
    ctx.em,
    `select t.id, t.franchise_id as "franchiseId", t.version, t.created_at as "createdAt", t.updated_at as "updatedAt", t.org_unit_id as "orgUnitId", t.name, t.leader_id as "leaderId", t.member_ids as "memberIds"
       from team t where ${conditions.join(' and ')} order by t.name, t.id`,
    params,
  );
}
