import type { RequestContext } from '../../core/context';
import { reportDays } from '../../core/read/report-period';
import { readFranchiseSettings, updateFranchiseSettings } from '../../core/services/franchise-settings';
import { franchiseCondition } from '../../core/tenancy/scope';
import { getOrgUnit, orgScopeSql } from '../org/org.service';
import { addCallCounts, callCountsSql, callKpis, DEFAULT_SHORT_ABANDON_SECONDS, type CallCounts, type CallTargets } from './call-kpi-definitions';
import { CallSettings } from './call.entity';
import { CallKpiGroupBy, type CallKpiReport, type CallKpiRow, type CallKpisInput, type CallSettingsInput } from './call.types';

/**
 * Call-center KPIs (the read path): one statement of counts by period and group, each call in
 * the period it was offered in its franchise's zone; the rates from call-kpi-definitions.ts,
 * marked against each franchise's targets. Within the caller's part of the org tree.
 */

const MAX_DAYS = 366;

/** Each grouping's key (a uuid column of the call) and label (of a group's key: looked up once per group, not per call). */
const GROUPS: Record<CallKpiGroupBy, { key: string; label: (key: string) => string }> = {
  FRANCHISE: { key: 'c.franchise_id', label: (k) => `(select u.name from org_unit u where u.id = ${k})` },
  STORE: { key: 'c.org_unit_id', label: (k) => `(select u.name from org_unit u where u.id = ${k})` },
  AGENT: { key: 'c.agent_id', label: (k) => `(select s.display_name from staff_user s where s.id = ${k})` },
};

export function callSettings(ctx: RequestContext, franchiseId: string): Promise<CallSettings> {
  return readFranchiseSettings(ctx, CallSettings, franchiseId);
}

export function updateCallSettings(ctx: RequestContext, input: CallSettingsInput): Promise<CallSettings> {
  return updateFranchiseSettings(ctx, CallSettings, 'Call settings of franchise', input, (s) => {
    if (input.answerRateTarget != null) s.answerRateTarget = input.answerRateTarget;
    if (input.averageTalkSecondsTarget != null) s.averageTalkSecondsTarget = input.averageTalkSecondsTarget;
    if (input.shortAbandonSeconds != null) s.shortAbandonSeconds = input.shortAbandonSeconds;
  });
}

interface Row {
  period: string;
  franchise_id: string;
  key: string | null;
  label: string | null;
  offered: string;
  answered: string;
  abandoned: string;
  short_abandoned: string;
  missed: string;
  outbound: string;
  talked: string;
  talk_seconds: string;
  handle_seconds: string;
}

const counts = (r: Row): CallCounts => ({
  offered: Number(r.offered),
  answered: Number(r.answered),
  abandoned: Number(r.abandoned),
  shortAbandoned: Number(r.short_abandoned),
  missed: Number(r.missed),
  outbound: Number(r.outbound),
  talked: Number(r.talked),
  talkSeconds: Number(r.talk_seconds),
  handleSeconds: Number(r.handle_seconds),
});

function kpiRow(head: Pick<CallKpiRow, 'period' | 'franchiseId' | 'key' | 'label'>, c: CallCounts, t: CallTargets | null): CallKpiRow {
  return { ...head, ...c, ...callKpis(c, t), answerRateTarget: t?.answerRateTarget ?? null, averageTalkSecondsTarget: t?.averageTalkSecondsTarget ?? null };
}

export async function callKpiReport(ctx: RequestContext, input: CallKpisInput): Promise<CallKpiReport> {
  const { toExclusive, widened } = reportDays(input, MAX_DAYS);
  const store = input.storeId ? await getOrgUnit(ctx, input.storeId, 'Store') : null;
  if (input.franchiseId) await getOrgUnit(ctx, input.franchiseId, 'Franchise');
  const conditions: string[] = [];
  const params: unknown[] = [];
  const inScope = franchiseCondition(ctx.scope, 'c.franchise_id');
  if (inScope) conditions.push(inScope.sql), params.push(inScope.param);
  const scope = orgScopeSql(ctx, 'c.org_unit_id');
  if (scope) conditions.push(scope);
  if (store) conditions.push(`exists (select 1 from org_unit su where su.id = c.org_unit_id and su.path like ?)`), params.push(`${store.path}%`);
  if (input.franchiseId) conditions.push('c.franchise_id = ?'), params.push(input.franchiseId);
  if (input.agentId) conditions.push('c.agent_id = ?'), params.push(input.agentId);
  const group = GROUPS[input.groupBy];
  const unit = input.period.toLowerCase();
  // The calls of the widened instants (the index narrows first), then those of the franchise's
  // local days (bounds turned into instants once per franchise). Grouped by the period's start and
  // the raw key; texts and labels are made for the groups only.
  const rows = await ctx.em.execute<Row[]>(
    `with f as materialized (
       -- Each franchise's zone, local bounds as instants and short-abandon threshold, once (not per call).
       select fu.id, fu.time_zone, cast(? as timestamp) at time zone fu.time_zone as starts, cast(? as timestamp) at time zone fu.time_zone as ends,
              coalesce(cs.short_abandon_seconds, ${DEFAULT_SHORT_ABANDON_SECONDS}) as short_abandon
         from org_unit fu left join call_settings cs on cs.franchise_id = fu.id
        where fu.kind in ('HQ', 'FRANCHISE')
     ), g as (
       select date_trunc('${unit}', c.offered_at at time zone f.time_zone) as period_start, c.franchise_id, ${group.key} as key,
              ${callCountsSql('f.short_abandon')}
         from call_record c
         join f on f.id = c.franchise_id and c.offered_at >= f.starts and c.offered_at < f.ends
        where c.offered_at >= ?::timestamptz and c.offered_at < ?::timestamptz
          ${conditions.map((x) => `and ${x}`).join(' ')}
        group by 1, 2, 3
     )
     select to_char(g.period_start, 'YYYY-MM-DD') as period, g.franchise_id, g.key::text as key, ${group.label('g.key')} as label, g.offered, g.answered, g.abandoned,
            g.short_abandoned, g.missed, g.outbound, g.talked, g.talk_seconds, g.handle_seconds
       from g
      order by g.period_start, g.franchise_id, g.key nulls last`,
    [input.from, toExclusive, widened.from, widened.to, ...params],
  );
  const franchises = [...new Set(rows.map((r) => r.franchise_id))];
  const targets = new Map<string, CallTargets>();
  for (const id of franchises) targets.set(id, await callSettings(ctx, id));
  const one = franchises.length === 1 ? franchises[0]! : input.franchiseId ?? null;
  const oneTargets = one ? (targets.get(one) ?? (await callSettings(ctx, one))) : null;
  return {
    from: input.from,
    to: input.to,
    period: input.period,
    groupBy: input.groupBy,
    rows: rows.map((r) => kpiRow({ period: r.period, franchiseId: r.franchise_id, key: r.key, label: r.label }, counts(r), targets.get(r.franchise_id)!)),
    totals: kpiRow({ period: null, franchiseId: one, key: null, label: null }, addCallCounts(rows.map(counts)), oneTargets),
  };
}
