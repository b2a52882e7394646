import type { RequestContext } from '../../core/context';
import { groupKeySql, scopeConditions, type GroupRow, type KpiWindow } from '../../core/read/period-groups';
import { readRows } from '../../core/read/sql';
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
  const columns = { franchise: 'r.franchise_id', unit: 'r.store_id', agent: 'r.agent_id' };
  const scope = scopeConditions(w, columns);
  const rows = await readRows<GroupRow & Record<string, string>>(
    ctx.em,
    `select to_char(date_trunc('${w.period.toLowerCase()}', r.day), 'YYYY-MM-DD') as period, r.franchise_id, (${groupKeySql(w, columns)})::text as key,
            coalesce(sum(r.count) filter (where r.metric = '${ReportMetric.SURVEYS_RATED}'), 0) as rated,
            coalesce(sum(r.count) filter (where r.metric = '${ReportMetric.SURVEYS_SATISFIED}'), 0) as satisfied,
            coalesce(sum(r.count) filter (where r.metric = '${ReportMetric.SURVEYS_DISSATISFIED}'), 0) as dissatisfied
       from report_fact r
      where r.day between ?::date and ?::date and r.metric = any(?::text[]) ${scope.sql}
      group by 1, 2, 3`,
    [w.from, w.to, `{${ReportMetric.SURVEYS_RATED},${ReportMetric.SURVEYS_SATISFIED},${ReportMetric.SURVEYS_DISSATISFIED}}`, ...scope.params],
  );
  return rows.map((r) => ({ period: r.period, franchise_id: r.franchise_id, key: r.key, rated: Number(r.rated), satisfied: Number(r.satisfied), dissatisfied: Number(r.dissatisfied) }));
}
