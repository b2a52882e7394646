import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import { readFranchiseSettings, updateFranchiseSettings } from '../../core/services/franchise-settings';
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
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const GROUPS: Record<CallKpiGroupBy, { key: string; label: string }> = {
  FRANCHISE: { key: 'c.franchise_id::text', label: '(select u.name from org_unit u where u.id = c.franchise_id)' },
  STORE: { key: 'c.org_unit_id::text', label: '(select u.name from org_unit u where u.id = c.org_unit_id)' },
  AGENT: { key: 'c.agent_id::text', label: '(select s.display_name from staff_user s where s.id = c.agent_id)' },
};

function parseDay(field: string, value: string): Date {
  const date = DAY.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new BadUserInputError({ field, message: 'must be a date YYYY-MM-DD', reason: 'INVALID_DATE' });
  return date;
}

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
  const from = parseDay('from', input.from);
  const to = parseDay('to', input.to);
  if (to < from) throw new BadUserInputError({ field: 'to', message: 'must not be before from', reason: 'OUT_OF_RANGE' });
  if ((to.getTime() - from.getTime()) / 86_400_000 + 1 > MAX_DAYS) throw new BadUserInputError({ field: 'to', message: `the period may span at most ${MAX_DAYS} days`, reason: 'OUT_OF_RANGE', params: { max: MAX_DAYS } });
  const store = input.storeId ? await getOrgUnit(ctx, input.storeId, 'Store') : null;
  if (input.franchiseId) await getOrgUnit(ctx, input.franchiseId, 'Franchise');
  const conditions: string[] = [];
  const params: unknown[] = [];
  const scope = orgScopeSql(ctx, 'c.org_unit_id');
  if (scope) conditions.push(scope);
  if (store) conditions.push(`exists (select 1 from org_unit su where su.id = c.org_unit_id and su.path like ?)`), params.push(`${store.path}%`);
  if (input.franchiseId) conditions.push('c.franchise_id = ?'), params.push(input.franchiseId);
  if (input.agentId) conditions.push('c.agent_id = ?'), params.push(input.agentId);
  const group = GROUPS[input.groupBy];
  const unit = input.period.toLowerCase();
  const toExclusive = new Date(to.getTime() + 86_400_000).toISOString().slice(0, 10);
  // The offered_at range is widened by a day each side (any zone) so the index narrows first; the local day decides.
  const rows = await ctx.em.execute<Row[]>(
    `with c as (
       select c.*, (c.offered_at at time zone fu.time_zone) as local_offered, coalesce(cs.short_abandon_seconds, ${DEFAULT_SHORT_ABANDON_SECONDS}) as short_abandon
         from call_record c
         join org_unit fu on fu.id = c.franchise_id
         left join call_settings cs on cs.franchise_id = c.franchise_id
        where c.offered_at >= cast(? as date) - interval '1 day' and c.offered_at < cast(? as date) + interval '1 day'
          ${conditions.map((x) => `and ${x}`).join(' ')}
     )
     select to_char(date_trunc('${unit}', c.local_offered), 'YYYY-MM-DD') as period, c.franchise_id, ${group.key} as key, ${group.label} as label,
            ${callCountsSql('c.short_abandon')}
       from c
      where c.local_offered >= cast(? as timestamp) and c.local_offered < cast(? as timestamp)
      group by 1, 2, 3, 4
      order by 1, 2, 3 nulls last`,
    [input.from, toExclusive, ...params, input.from, toExclusive],
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
