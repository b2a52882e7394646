import type { RequestContext } from '../../core/context';
import { byPeriodThenKey, readGroupedCounts, groupLabels, kpiWindow, type GroupRow, type KpiWindow } from '../../core/read/period-groups';
import { readFranchiseSettings, updateFranchiseSettings } from '../../core/services/franchise-settings';
import { getOrgUnit, orgScopeSql } from '../org/org.service';
import { teamsInScope } from '../teams/team.queries';
import { addCallCounts, callCountsSql, callKpis, DEFAULT_SHORT_ABANDON_SECONDS, SALES_TASK_CALLS_SQL, type CallCounts, type CallTargets } from './call-kpi-definitions';
import { CallSettings } from './call.entity';
import { CallKpiGroupBy, type CallKpiReport, type CallKpiRow, type CallKpisInput, type CallSettingsInput } from './call.types';

/**
 * Call-center KPIs (the read path): one statement of counts by period and group, each call in
 * the period it was offered in its franchise's zone; the rates from call-kpi-definitions.ts,
 * marked against each franchise's targets. Within the caller's part of the org tree.
 */

const MAX_DAYS = 366;

export function callSettings(ctx: RequestContext, franchiseId: string): Promise<CallSettings> {
  return readFranchiseSettings(ctx, CallSettings, franchiseId);
}

export function updateCallSettings(ctx: RequestContext, input: CallSettingsInput): Promise<CallSettings> {
  return updateFranchiseSettings(ctx, CallSettings, 'Call settings of franchise', input, (s) => {
    if (input.answerRateTarget != null) s.answerRateTarget = input.answerRateTarget;
    if (input.averageTalkSecondsTarget != null) s.averageTalkSecondsTarget = input.averageTalkSecondsTarget;
    if (input.shortAbandonSeconds != null) s.shortAbandonSeconds = input.shortAbandonSeconds;
    if (input.conversionRateTarget != null) s.conversionRateTarget = input.conversionRateTarget;
  });
}

const counts = (r: Record<string, string>): CallCounts => ({
  offered: Number(r.offered),
  answered: Number(r.answered),
  abandoned: Number(r.abandoned),
  shortAbandoned: Number(r.short_abandoned),
  missed: Number(r.missed),
  outbound: Number(r.outbound),
  talked: Number(r.talked),
  talkSeconds: Number(r.talk_seconds),
  handleSeconds: Number(r.handle_seconds),
  salesCalls: Number(r.sales_calls),
  convertedCalls: Number(r.converted_calls),
});

function kpiRow(head: Pick<CallKpiRow, 'period' | 'franchiseId' | 'key' | 'label'>, c: CallCounts, t: CallTargets | null): CallKpiRow {
  const { offered, answered, abandoned, shortAbandoned, missed, outbound, talked, talkSeconds, handleSeconds, salesCalls, convertedCalls } = c;
  return {
    ...head,
    ...{ offered, answered, abandoned, shortAbandoned, missed, outbound, talked, talkSeconds, handleSeconds, salesCalls, convertedCalls },
    ...callKpis(c, t),
    answerRateTarget: t?.answerRateTarget ?? null,
    averageTalkSecondsTarget: t?.averageTalkSecondsTarget ?? null,
    conversionRateTarget: t?.conversionRateTarget ?? null,
  };
}

/** The calls' counts by period, franchise and group key (one statement). */
export async function callCountRows(ctx: RequestContext, w: KpiWindow): Promise<(GroupRow & CallCounts)[]> {
  const rows = await readGroupedCounts<Record<string, string>>(ctx, w,
    {
      from: `call_record c left join ${SALES_TASK_CALLS_SQL} sales on sales.call_id = c.id`,
      franchise: 'c.franchise_id',
      unit: 'c.org_unit_id',
      agent: 'c.agent_id',
      at: 'c.offered_at',
      counts: callCountsSql('f.short_abandon'),
    },
    { columns: `coalesce(cs.short_abandon_seconds, ${DEFAULT_SHORT_ABANDON_SECONDS}) as short_abandon`, join: 'left join call_settings cs on cs.franchise_id = fu.id' },
  );
  return rows.map((r) => ({ period: r.period, franchise_id: r.franchise_id, key: r.key, ...counts(r) }));
}

/** The franchise targets of `franchiseIds` (one read each, few franchises). */
export async function callTargets(ctx: RequestContext, franchiseIds: Iterable<string>): Promise<Map<string, CallTargets>> {
  const targets = new Map<string, CallTargets>();
  for (const id of new Set(franchiseIds)) targets.set(id, await callSettings(ctx, id));
  return targets;
}

/** The report's window: days checked, the store and franchise in the caller's reach. */
export async function kpiWindowOf(ctx: RequestContext, input: CallKpisInput): Promise<KpiWindow> {
  const store = input.storeId ? await getOrgUnit(ctx, input.storeId, 'Store') : null;
  if (input.franchiseId) await getOrgUnit(ctx, input.franchiseId, 'Franchise');
  return kpiWindow(ctx, input, MAX_DAYS, { orgScope: (column) => orgScopeSql(ctx, column), storePath: store?.path ?? null });
}

/** Zeros for each team in scope without calls in a period that has calls: a team with no calls still shows. */
async function quietTeams(ctx: RequestContext, input: CallKpisInput, rows: (GroupRow & CallCounts)[]): Promise<(GroupRow & CallCounts)[]> {
  const teams = (await teamsInScope(ctx, input.storeId)).filter((t) => !input.franchiseId || t.franchiseId === input.franchiseId);
  const seen = new Set(rows.map((r) => `${r.period}|${r.key}`));
  return [...new Set(rows.map((r) => r.period))].flatMap((period) =>
    teams.filter((t) => !seen.has(`${period}|${t.id}`)).map((t) => ({ period, franchise_id: t.franchiseId, key: t.id, ...addCallCounts([]) })),
  );
}

export async function callKpiReport(ctx: RequestContext, input: CallKpisInput): Promise<CallKpiReport> {
  const w = await kpiWindowOf(ctx, input);
  const counted = await callCountRows(ctx, w);
  const rows = [...counted, ...(input.groupBy === CallKpiGroupBy.TEAM ? await quietTeams(ctx, input, counted) : [])].sort(byPeriodThenKey);
  const labels = await groupLabels(ctx, input.groupBy, rows.map((r) => r.key));
  const targets = await callTargets(ctx, rows.map((r) => r.franchise_id));
  const franchises = [...targets.keys()];
  const one = franchises.length === 1 ? franchises[0]! : input.franchiseId ?? null;
  const oneTargets = one ? (targets.get(one) ?? (await callSettings(ctx, one))) : null;
  return {
    from: input.from,
    to: input.to,
    period: input.period,
    groupBy: input.groupBy,
    rows: rows.map((r) => kpiRow({ period: r.period, franchiseId: r.franchise_id, key: r.key, label: r.key ? (labels.get(r.key) ?? null) : null }, r, targets.get(r.franchise_id)!)),
    totals: kpiRow({ period: null, franchiseId: one, key: null, label: null }, addCallCounts(rows), oneTargets),
  };
}
