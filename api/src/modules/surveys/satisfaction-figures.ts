import type { RequestContext } from '../../core/context';
import { reportDays } from '../../core/read/report-period';
import { franchiseCondition } from '../../core/tenancy/scope';
import { getOrgUnit, orgScopeSql } from '../org/org.service';
import { addCounts, satisfactionRates, type SatisfactionCounts } from './satisfaction-rates';
import { SatisfactionGroupBy, type SatisfactionFigure, type SatisfactionFigures, type SatisfactionFiguresInput } from './survey.types';

/**
 * Satisfaction figures (the read path: one statement of counts, rates from satisfaction-rates.ts).
 * A survey belongs to the period of the day it was sent, in its franchise's time zone (each
 * franchise its own zone when HQ looks across them). Within the caller's part of the org tree.
 */

const MAX_DAYS = 366;

/**
 * Each grouping's key of a survey (a raw column or the local day / month's start), and the text
 * and label of a group's key (made once per group, not per survey).
 */
const byId = (label: (k: string) => string) => ({ text: (k: string) => `${k}::text`, label });
const GROUPS: Record<SatisfactionGroupBy, { key: string; text: (key: string) => string; label: (key: string) => string }> = {
  FRANCHISE: { key: 'r.franchise_id', ...byId((k) => `(select u.name from org_unit u where u.id = ${k})`) },
  STORE: { key: 'r.org_unit_id', ...byId((k) => `(select u.name from org_unit u where u.id = ${k})`) },
  AGENT: { key: 'r.staff_id', ...byId((k) => `(select s.display_name from staff_user s where s.id = ${k})`) },
  DOCTOR: { key: 'c.doctor_id', ...byId((k) => `(select s.display_name from staff_user s where s.id = ${k})`) },
  CHANNEL: { key: 'r.channel', text: (k) => k, label: (k) => k },
  DAY: { key: `date_trunc('day', r.sent_at at time zone f.time_zone)`, text: (k) => `to_char(${k}, 'YYYY-MM-DD')`, label: (k) => `to_char(${k}, 'YYYY-MM-DD')` },
  MONTH: { key: `date_trunc('month', r.sent_at at time zone f.time_zone)`, text: (k) => `to_char(${k}, 'YYYY-MM')`, label: (k) => `to_char(${k}, 'YYYY-MM')` },
};
const NO_GROUP = { key: 'null', text: () => 'null', label: () => 'null' };

interface Row {
  key: string | null;
  label: string | null;
  sent: string;
  answered: string;
  rated: string;
  satisfied: string;
  dissatisfied: string;
  rating_sum: string | null;
  nps_answered: string;
  promoters: string;
  detractors: string;
}

function figure(key: string | null, label: string | null, c: SatisfactionCounts): SatisfactionFigure {
  const { ratingSum: _sum, ...counts } = c;
  return { key, label, ...counts, ...satisfactionRates(c) };
}

export async function satisfactionFigures(ctx: RequestContext, input: SatisfactionFiguresInput): Promise<SatisfactionFigures> {
  const { toExclusive, widened } = reportDays(input, MAX_DAYS);
  const store = input.storeId ? await getOrgUnit(ctx, input.storeId, 'Store') : null;
  const conditions: string[] = [];
  const params: unknown[] = [];
  const inScope = franchiseCondition(ctx.scope, 'r.franchise_id');
  if (inScope) conditions.push(inScope.sql), params.push(inScope.param);
  const scope = orgScopeSql(ctx, 'r.org_unit_id');
  if (scope) conditions.push(scope);
  if (store) conditions.push(`exists (select 1 from org_unit su where su.id = r.org_unit_id and su.path like ?)`), params.push(`${store.path}%`);
  if (input.franchiseId) conditions.push('r.franchise_id = ?'), params.push(input.franchiseId);
  if (input.agentId) conditions.push('r.staff_id = ?'), params.push(input.agentId);
  if (input.doctorId) conditions.push('c.doctor_id = ?'), params.push(input.doctorId);
  if (input.channel) conditions.push('r.channel = ?'), params.push(input.channel);
  const group = input.groupBy ? GROUPS[input.groupBy] : NO_GROUP;
  // The surveys of the widened instants (the index narrows first), then those of the franchise's
  // local days (bounds turned into instants once per franchise); grouped by the raw key.
  // The customer's doctor only when asked for: joining every survey's customer doubled the report's time.
  const byDoctor = input.groupBy === SatisfactionGroupBy.DOCTOR || !!input.doctorId;
  const rows = await ctx.em.execute<Row[]>(
    `with f as materialized (
       select fu.id, fu.time_zone, cast(? as timestamp) at time zone fu.time_zone as starts, cast(? as timestamp) at time zone fu.time_zone as ends
         from org_unit fu where fu.kind in ('HQ', 'FRANCHISE')
     ), g as (
       select ${group.key} as key,
              count(*) as sent,
              count(*) filter (where r.status = 'ANSWERED') as answered,
              count(r.rating) filter (where r.status = 'ANSWERED') as rated,
              count(*) filter (where r.status = 'ANSWERED' and r.rating >= 4) as satisfied,
              count(*) filter (where r.status = 'ANSWERED' and r.rating <= 2) as dissatisfied,
              sum(r.rating) filter (where r.status = 'ANSWERED') as rating_sum,
              count(r.nps_score) filter (where r.status = 'ANSWERED') as nps_answered,
              count(*) filter (where r.status = 'ANSWERED' and r.nps_score >= 9) as promoters,
              count(*) filter (where r.status = 'ANSWERED' and r.nps_score <= 6) as detractors
         from satisfaction_request r
         join f on f.id = r.franchise_id and r.sent_at >= f.starts and r.sent_at < f.ends${byDoctor ? '\n         left join customer c on c.id = r.customer_id' : ''}
        where r.sent_at >= ?::timestamptz and r.sent_at < ?::timestamptz
          ${conditions.map((c) => `and ${c}`).join(' ')}
        group by 1
     )
     select ${group.text('g.key')} as key, ${group.label('g.key')} as label, g.sent, g.answered, g.rated, g.satisfied, g.dissatisfied, g.rating_sum, g.nps_answered, g.promoters, g.detractors
       from g
      order by g.key nulls last`,
    [input.from, toExclusive, widened.from, widened.to, ...params],
  );
  const counted = rows.map((r) => ({
    key: r.key,
    label: r.label,
    counts: {
      sent: Number(r.sent),
      answered: Number(r.answered),
      rated: Number(r.rated),
      satisfied: Number(r.satisfied),
      dissatisfied: Number(r.dissatisfied),
      ratingSum: Number(r.rating_sum ?? 0),
      npsAnswered: Number(r.nps_answered),
      promoters: Number(r.promoters),
      detractors: Number(r.detractors),
    },
  }));
  return {
    from: input.from,
    to: input.to,
    groupBy: input.groupBy ?? null,
    groups: input.groupBy ? counted.map((g) => figure(g.key, g.label, g.counts)) : [],
    totals: figure(null, null, addCounts(counted.map((g) => g.counts))),
  };
}
