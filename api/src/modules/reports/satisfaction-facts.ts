import type { RequestContext } from '../../core/context';
import type { GroupRow, KpiWindow } from '../../core/read/period-groups';
import { readRows } from '../../core/read/sql';
import { franchiseCondition } from '../../core/tenancy/scope';
import { teamOfAgentSql } from '../teams/team.queries';
import { ReportMetric } from './report-facts';

export interface SatisfactionFactCounts {
  /** Answers with a 1–5 rating of the satisfaction question. */
  rated: number;
  /** Of those, 4 or 5. */
  satisfied: number;
  /** Of those, 1 or 2. */
  dissatisfied: number;
}

/**
 * The survey answers' counts by period (of the local day the answer came), franchise and group
 * key, from the report facts (satisfied / dissatisfied as the surveys module defines them), so a
 * KPI board never scans the answers. One statement.
 */
export async function satisfactionFactRows(ctx: RequestContext, w: KpiWindow): Promise<(GroupRow & SatisfactionFactCounts)[]> {
  const key = { FRANCHISE: 'r.franchise_id', STORE: 'r.store_id', AGENT: 'r.agent_id', TEAM: teamOfAgentSql('r.agent_id') }[w.groupBy];
  const conditions: string[] = [];
  const params: unknown[] = [w.from, w.to, `{${ReportMetric.SURVEYS_RATED},${ReportMetric.SURVEYS_SATISFIED},${ReportMetric.SURVEYS_DISSATISFIED}}`];
  const inScope = franchiseCondition(w.scope, 'r.franchise_id');
  if (inScope) conditions.push(inScope.sql), params.push(inScope.param);
  const org = w.orgScope('r.store_id');
  if (org) conditions.push(org);
  if (w.storePath) conditions.push(`exists (select 1 from org_unit su where su.id = r.store_id and su.path like ?)`), params.push(`${w.storePath}%`);
  if (w.franchiseId) conditions.push('r.franchise_id = ?'), params.push(w.franchiseId);
  if (w.agentId) conditions.push('r.agent_id = ?'), params.push(w.agentId);
  const rows = await readRows<GroupRow & Record<string, string>>(
    ctx.em,
    `select to_char(date_trunc('${w.period.toLowerCase()}', r.day), 'YYYY-MM-DD') as period, r.franchise_id, (${key})::text as key,
            coalesce(sum(r.count) filter (where r.metric = '${ReportMetric.SURVEYS_RATED}'), 0) as rated,
            coalesce(sum(r.count) filter (where r.metric = '${ReportMetric.SURVEYS_SATISFIED}'), 0) as satisfied,
            coalesce(sum(r.count) filter (where r.metric = '${ReportMetric.SURVEYS_DISSATISFIED}'), 0) as dissatisfied
       from report_fact r
      where r.day between ?::date and ?::date and r.metric = any(?::text[]) ${conditions.map((c) => `and ${c}`).join(' ')}
      group by 1, 2, 3`,
    params,
  );
  return rows.map((r) => ({ period: r.period, franchise_id: r.franchise_id, key: r.key, rated: Number(r.rated), satisfied: Number(r.satisfied), dissatisfied: Number(r.dissatisfied) }));
}
