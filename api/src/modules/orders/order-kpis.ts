import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import { readGroupedCounts, type GroupRow, type KpiWindow } from '../../core/read/period-groups';
import { getOrgUnit, orgScopeSql } from '../org/org.service';
import type { OrderAgentKpi, OrderKpis } from './order.types';

/**
 * Order KPIs per agent over [from, to) (the read path: one statement, plain rows): orders
 * entered (created in the period), orders reviewed (reviewed in it) and of those reviewed on
 * time, order errors recorded against them in it (withdrawn ones do not count). The error rate
 * is errors ÷ orders they handled (entered or reviewed, each order once); the on-time rate is
 * reviews on time ÷ reviews with a due time (online orders). Within the caller's part of the
 * org tree, optionally one store (and what is under it).
 */

const MAX_DAYS = 366;

interface Row {
  agent_id: string;
  agent_name: string | null;
  entered: string;
  reviewed: string;
  reviews_timed: string;
  reviews_on_time: string;
  handled: string;
  errors: string;
  wrong_entries: string;
  wrong_shipments: string;
  total_handled: string;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** The order KPIs' rates, defined once: error rate = errors ÷ orders handled; on-time rate = reviews on time ÷ reviews with a due time. */
export function orderRates(n: { errors: number; handled: number; reviewsOnTime: number; reviewsTimed: number }): { errorRate: number | null; onTimeRate: number | null } {
  return { errorRate: ratio(n.errors, n.handled), onTimeRate: ratio(n.reviewsOnTime, n.reviewsTimed) };
}

function kpi(agentId: string | null, agentName: string | null, n: { entered: number; reviewed: number; reviewsTimed: number; reviewsOnTime: number; handled: number; errors: number; wrongEntries: number; wrongShipments: number }): OrderAgentKpi {
  return {
    agentId,
    agentName,
    ordersEntered: n.entered,
    ordersReviewed: n.reviewed,
    reviewsTimed: n.reviewsTimed,
    reviewsOnTime: n.reviewsOnTime,
    ordersHandled: n.handled,
    errors: n.errors,
    wrongEntries: n.wrongEntries,
    wrongShipments: n.wrongShipments,
    ...orderRates(n),
  };
}

export async function orderKpis(ctx: RequestContext, args: { from: Date; to: Date; storeId?: string | null }): Promise<OrderKpis> {
  const { from, to } = args;
  if (!(from < to)) throw new BadUserInputError({ field: 'to', message: 'must be after from', reason: 'OUT_OF_RANGE' });
  if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) throw new BadUserInputError({ field: 'to', message: `the period may span at most ${MAX_DAYS} days`, reason: 'OUT_OF_RANGE', params: { max: MAX_DAYS } });
  const store = args.storeId ? await getOrgUnit(ctx, args.storeId, 'Store') : null;
  const where = [orgScopeSql(ctx, 'o.org_unit_id'), store ? `exists (select 1 from org_unit su where su.id = o.org_unit_id and su.path like ?)` : null].filter(Boolean).join(' and ') || 'true';
  const storeParams = store ? [`${store.path}%`] : [];
  const f = from.toISOString();
  const t = to.toISOString();
  const rows = await ctx.em.execute<Row[]>(
    `with o as (
       select o.id, o.created_by_id, o.reviewed_by_id, o.review_on_time,
              o.created_at >= cast(? as timestamptz) and o.created_at < cast(? as timestamptz) as entered_in,
              o.reviewed_at >= cast(? as timestamptz) and o.reviewed_at < cast(? as timestamptz) as reviewed_in
         from sales_order o
        where ${where} and ((o.created_at >= cast(? as timestamptz) and o.created_at < cast(? as timestamptz)) or (o.reviewed_at >= cast(? as timestamptz) and o.reviewed_at < cast(? as timestamptz)))
     ),
     handled as (
       select created_by_id as agent_id, id from o where entered_in and created_by_id is not null
       union
       select reviewed_by_id, id from o where reviewed_in and reviewed_by_id is not null
     ),
     errs as (
       select e.agent_id, count(*) as errors, count(*) filter (where e.kind = 'WRONG_ENTRY') as wrong_entries, count(*) filter (where e.kind = 'WRONG_SHIPMENT') as wrong_shipments
         from sales_order_error e join sales_order o on o.id = e.order_id
        where ${where} and e.withdrawn_at is null and e.recorded_at >= cast(? as timestamptz) and e.recorded_at < cast(? as timestamptz)
        group by e.agent_id
     ),
     per_agent as (
       select agent_id,
              count(*) filter (where kind = 'entered') as entered,
              count(*) filter (where kind = 'reviewed') as reviewed,
              count(*) filter (where kind = 'reviewed' and on_time is not null) as reviews_timed,
              count(*) filter (where kind = 'reviewed' and on_time) as reviews_on_time
         from (select created_by_id as agent_id, 'entered' as kind, null::boolean as on_time from o where entered_in and created_by_id is not null
               union all
               select reviewed_by_id, 'reviewed', review_on_time from o where reviewed_in and reviewed_by_id is not null) x
        group by agent_id
     ),
     agents as (select agent_id from per_agent union select agent_id from errs)
     select a.agent_id, s.display_name as agent_name,
            coalesce(p.entered, 0) as entered, coalesce(p.reviewed, 0) as reviewed, coalesce(p.reviews_timed, 0) as reviews_timed, coalesce(p.reviews_on_time, 0) as reviews_on_time,
            (select count(*) from handled h where h.agent_id = a.agent_id) as handled,
            coalesce(e.errors, 0) as errors, coalesce(e.wrong_entries, 0) as wrong_entries, coalesce(e.wrong_shipments, 0) as wrong_shipments,
            (select count(distinct id) from handled) as total_handled
       from agents a
       left join per_agent p on p.agent_id = a.agent_id
       left join errs e on e.agent_id = a.agent_id
       left join staff_user s on s.id = a.agent_id
      order by s.display_name nulls last, a.agent_id`,
    [f, t, f, t, ...storeParams, f, t, f, t, ...storeParams, f, t],
  );
  const agents = rows.map((r) =>
    kpi(r.agent_id, r.agent_name, {
      entered: Number(r.entered),
      reviewed: Number(r.reviewed),
      reviewsTimed: Number(r.reviews_timed),
      reviewsOnTime: Number(r.reviews_on_time),
      handled: Number(r.handled),
      errors: Number(r.errors),
      wrongEntries: Number(r.wrong_entries),
      wrongShipments: Number(r.wrong_shipments),
    }),
  );
  const sum = (key: keyof OrderAgentKpi) => agents.reduce((n, a) => n + (a[key] as number), 0);
  const totals = kpi(null, null, {
    entered: sum('ordersEntered'),
    reviewed: sum('ordersReviewed'),
    reviewsTimed: sum('reviewsTimed'),
    reviewsOnTime: sum('reviewsOnTime'),
    handled: Number(rows[0]?.total_handled ?? 0),
    errors: sum('errors'),
    wrongEntries: sum('wrongEntries'),
    wrongShipments: sum('wrongShipments'),
  });
  return { from, to, storeId: store?.id ?? null, agents, totals };
}

export interface OrderKpiCounts {
  ordersEntered: number;
  ordersReviewed: number;
  reviewsTimed: number;
  reviewsOnTime: number;
  ordersHandled: number;
  orderErrors: number;
}

/**
 * The same counts by period, franchise and group key (one statement): an order is entered in the
 * period of its creation, reviewed in that of its review, an error counts in the period it was
 * recorded; orders handled = distinct orders entered or reviewed in the group and period.
 */
export async function orderKpiRows(ctx: RequestContext, w: KpiWindow): Promise<(GroupRow & OrderKpiCounts)[]> {
  const rows = await readGroupedCounts<Record<string, string>>(ctx, w, {
    from: `(select o.id, o.franchise_id, o.org_unit_id, o.created_by_id as agent_id, o.created_at as at, 'entered' as kind, null::boolean as on_time from sales_order o where o.created_by_id is not null
            union all
            select o.id, o.franchise_id, o.org_unit_id, o.reviewed_by_id, o.reviewed_at, 'reviewed', o.review_on_time from sales_order o where o.reviewed_by_id is not null
            union all
            select o.id, o.franchise_id, o.org_unit_id, e.agent_id, e.recorded_at, 'error', null from sales_order_error e join sales_order o on o.id = e.order_id where e.withdrawn_at is null) h`,
    franchise: 'h.franchise_id',
    unit: 'h.org_unit_id',
    agent: 'h.agent_id',
    at: 'h.at',
    counts: `count(*) filter (where h.kind = 'entered') as entered,
             count(*) filter (where h.kind = 'reviewed') as reviewed,
             count(*) filter (where h.kind = 'reviewed' and h.on_time is not null) as reviews_timed,
             count(*) filter (where h.kind = 'reviewed' and h.on_time) as reviews_on_time,
             count(distinct h.id) filter (where h.kind <> 'error') as handled,
             count(*) filter (where h.kind = 'error') as errors`,
  });
  return rows.map((r) => ({
    period: r.period,
    franchise_id: r.franchise_id,
    key: r.key,
    ordersEntered: Number(r.entered),
    ordersReviewed: Number(r.reviewed),
    reviewsTimed: Number(r.reviews_timed),
    reviewsOnTime: Number(r.reviews_on_time),
    ordersHandled: Number(r.handled),
    orderErrors: Number(r.errors),
  }));
}
