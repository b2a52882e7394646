import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import { getOrgUnit, orgScopeSql } from '../org/org.service';
import { addCounts, satisfactionRates, type SatisfactionCounts } from './satisfaction-rates';
import { SatisfactionGroupBy, type SatisfactionFigure, type SatisfactionFigures, type SatisfactionFiguresInput } from './survey.types';

/**
 * Satisfaction figures (the read path: one statement of counts, rates from satisfaction-rates.ts).
 * A survey belongs to the period of the day it was sent, in its franchise's time zone (each
 * franchise its own zone when HQ looks across them). Within the caller's part of the org tree.
 */

const MAX_DAYS = 366;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The group's key and label columns, per grouping. */
const GROUPS: Record<SatisfactionGroupBy, { key: string; label: string }> = {
  FRANCHISE: { key: 'r.franchise_id::text', label: '(select u.name from org_unit u where u.id = r.franchise_id)' },
  STORE: { key: 'r.org_unit_id::text', label: '(select u.name from org_unit u where u.id = r.org_unit_id)' },
  AGENT: { key: 'r.staff_id::text', label: '(select s.display_name from staff_user s where s.id = r.staff_id)' },
  DOCTOR: { key: 'r.doctor_id::text', label: '(select s.display_name from staff_user s where s.id = r.doctor_id)' },
  CHANNEL: { key: 'r.channel', label: 'r.channel' },
  DAY: { key: `to_char(r.local_sent, 'YYYY-MM-DD')`, label: `to_char(r.local_sent, 'YYYY-MM-DD')` },
  MONTH: { key: `to_char(r.local_sent, 'YYYY-MM')`, label: `to_char(r.local_sent, 'YYYY-MM')` },
};

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

function parseDay(field: string, value: string): Date {
  const date = DAY.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new BadUserInputError({ field, message: 'must be a date YYYY-MM-DD', reason: 'INVALID_DATE' });
  return date;
}

function figure(key: string | null, label: string | null, c: SatisfactionCounts): SatisfactionFigure {
  const { ratingSum: _sum, ...counts } = c;
  return { key, label, ...counts, ...satisfactionRates(c) };
}

export async function satisfactionFigures(ctx: RequestContext, input: SatisfactionFiguresInput): Promise<SatisfactionFigures> {
  const from = parseDay('from', input.from);
  const to = parseDay('to', input.to);
  if (to < from) throw new BadUserInputError({ field: 'to', message: 'must not be before from', reason: 'OUT_OF_RANGE' });
  if ((to.getTime() - from.getTime()) / 86_400_000 + 1 > MAX_DAYS) throw new BadUserInputError({ field: 'to', message: `the period may span at most ${MAX_DAYS} days`, reason: 'OUT_OF_RANGE', params: { max: MAX_DAYS } });
  const store = input.storeId ? await getOrgUnit(ctx, input.storeId, 'Store') : null;
  const conditions: string[] = [];
  const params: unknown[] = [];
  const scope = orgScopeSql(ctx, 'r.org_unit_id');
  if (scope) conditions.push(scope);
  if (store) conditions.push(`exists (select 1 from org_unit su where su.id = r.org_unit_id and su.path like ?)`), params.push(`${store.path}%`);
  if (input.franchiseId) conditions.push('r.franchise_id = ?'), params.push(input.franchiseId);
  if (input.agentId) conditions.push('r.staff_id = ?'), params.push(input.agentId);
  if (input.doctorId) conditions.push('c.doctor_id = ?'), params.push(input.doctorId);
  if (input.channel) conditions.push('r.channel = ?'), params.push(input.channel);
  const group = input.groupBy ? GROUPS[input.groupBy] : { key: 'null', label: 'null' };
  const toExclusive = new Date(to.getTime() + 86_400_000).toISOString().slice(0, 10);
  // The sent_at range is widened by a day each side (any zone) so the index narrows first;
  // the local-day condition decides.
  // The customer's doctor only when asked for: joining every survey's customer doubled the report's time.
  const byDoctor = input.groupBy === SatisfactionGroupBy.DOCTOR || !!input.doctorId;
  const rows = await ctx.em.execute<Row[]>(
    `with r as (
       select r.*, (r.sent_at at time zone fu.time_zone) as local_sent${byDoctor ? ', c.doctor_id' : ''}
         from satisfaction_request r join org_unit fu on fu.id = r.franchise_id${byDoctor ? ' left join customer c on c.id = r.customer_id' : ''}
        where r.sent_at >= cast(? as date) - interval '1 day' and r.sent_at < cast(? as date) + interval '1 day'
          ${conditions.map((c) => `and ${c}`).join(' ')}
     )
     select ${group.key} as key, ${group.label} as label,
            count(*) as sent,
            count(*) filter (where r.status = 'ANSWERED') as answered,
            count(r.rating) filter (where r.status = 'ANSWERED') as rated,
            count(*) filter (where r.status = 'ANSWERED' and r.rating >= 4) as satisfied,
            count(*) filter (where r.status = 'ANSWERED' and r.rating <= 2) as dissatisfied,
            sum(r.rating) filter (where r.status = 'ANSWERED') as rating_sum,
            count(r.nps_score) filter (where r.status = 'ANSWERED') as nps_answered,
            count(*) filter (where r.status = 'ANSWERED' and r.nps_score >= 9) as promoters,
            count(*) filter (where r.status = 'ANSWERED' and r.nps_score <= 6) as detractors
       from r
      where r.local_sent >= cast(? as timestamp) and r.local_sent < cast(? as timestamp)
      group by 1, 2
      order by 1 nulls last`,
    [input.from, toExclusive, ...params, input.from, toExclusive],
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
