import { clock } from '../../core/clock';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import { getOrgUnit, scopedOrgUnitIds } from '../org/org.service';
import { Customer, CustomerSegment, CustomerStatus } from './customer.entity';
import type { SegmentSummary, TopSpender } from './customer.types';

/** What each segment calls for (the maintenance strategies of domain.md "Customers"). */
export const CARE_STRATEGIES: Record<CustomerSegment, string> = {
  CHAMPION: 'VIP care: priority service, doctor follow-up, birthday and holiday gifts, early access to new services.',
  LOYAL: 'Keep close: monthly callback, refill reminders for chronic medication, member offers.',
  POTENTIAL: 'Grow: recommend health checks and programmes matching their history.',
  NEW: 'Welcome: callback within one week of joining, explain services, book a first consultation.',
  AT_RISK: 'Win back: call to ask about their experience, resolve open issues, a return offer.',
  HIBERNATING: 'Reactivate gently: holiday greetings and seasonal health tips through consented channels.',
  NO_PURCHASE: 'Convert: invite to a free health check or a pharmacist consultation.',
};

/**
 * RFM: recency of the last purchase, frequency and value over the last 12 months, each
 * scored 1..5 by quintile within the franchise, then mapped to a segment. One statement
 * for all customers of the franchises given (all when null). Returns customers updated.
 */
export async function recomputeSegments(em: EntityManager, franchiseIds: string[] | null = null): Promise<number> {
  const result = await em.execute(
    `with clock as (select ?::timestamptz as now), spend as (
       select c.id, c.franchise_id, c.last_purchase_at, c.created_at,
              coalesce(sum(s.purchases), 0) as frequency, coalesce(sum(s.amount), 0) as monetary
         from customer c
         left join customer_spend_month s on s.customer_id = c.id and s.month >= date_trunc('month', (select now from clock)) - interval '11 months'
        where c.status = 'ACTIVE' ${franchiseIds ? `and c.franchise_id in (${franchiseIds.map(() => '?').join(', ')})` : ''}
        group by c.id
     ), scored as (
       select id, frequency, created_at, last_purchase_at,
              ntile(5) over (partition by franchise_id order by last_purchase_at asc nulls first) as r,
              ntile(5) over (partition by franchise_id order by frequency asc) as f,
              ntile(5) over (partition by franchise_id order by monetary asc) as m
         from spend
     )
     update customer c set
       rfm = jsonb_build_object('r', s.r, 'f', s.f, 'm', s.m),
       segment = case
         when s.frequency = 0 and s.last_purchase_at is null then case when s.created_at > (select now from clock) - interval '30 days' then 'NEW' else 'NO_PURCHASE' end
         when s.created_at > (select now from clock) - interval '30 days' then 'NEW'
         when s.r >= 4 and s.f >= 4 and s.m >= 4 then 'CHAMPION'
         when s.r >= 3 and s.f >= 3 then 'LOYAL'
         when s.r >= 4 then 'POTENTIAL'
         when s.r = 2 and s.f >= 3 then 'AT_RISK'
         when s.r <= 2 and s.f >= 4 then 'AT_RISK'
         else 'HIBERNATING' end
       from scored s where s.id = c.id`,
    [clock.now(), ...(franchiseIds ?? [])],
    'run',
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}

export async function segmentSummary(ctx: RequestContext, orgUnitId?: string | null): Promise<SegmentSummary[]> {
  const units = orgUnitId ? [(await getOrgUnit(ctx, orgUnitId)).id] : await scopedOrgUnitIds(ctx);
  const rows = await ctx.em.execute<{ segment: CustomerSegment; customers: string }[]>(
    `select segment, count(*) as customers from customer where status = ? ${units ? `and org_unit_id in (${units.map(() => '?').join(', ')})` : ''} group by segment`,
    [CustomerStatus.ACTIVE, ...(units ?? [])],
  );
  const counts = new Map(rows.map((r) => [r.segment, Number(r.customers)]));
  return Object.values(CustomerSegment).map((segment) => ({ segment, customers: counts.get(segment) ?? 0, careStrategy: CARE_STRATEGIES[segment] }));
}

/** The store's biggest spenders in a month (YYYY-MM), for the monthly VIP callback list. */
export async function topSpenders(ctx: RequestContext, args: { orgUnitId: string; month: string; limit: number }): Promise<TopSpender[]> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(args.month)) throw new BadUserInputError({ field: 'month', message: 'must look like 2026-11' });
  if (args.limit < 1 || args.limit > 100) throw new BadUserInputError({ field: 'limit', message: 'must be between 1 and 100' });
  const unit = await getOrgUnit(ctx, args.orgUnitId, 'Store');
  const rows = await ctx.em.execute<(Record<string, unknown> & { spent: string; bought: number })[]>(
    `select c.*, s.amount as spent, s.purchases as bought
       from customer_spend_month s join customer c on c.id = s.customer_id
      where s.org_unit_id = ? and s.month = ? and c.status = 'ACTIVE'
      order by s.amount desc, c.id limit ?`,
    [unit.id, `${args.month}-01`, args.limit],
  );
  return rows.map(({ spent, bought, ...row }, i) => ({ customer: ctx.em.map(Customer, row), amount: Number(spent), purchases: Number(bought), rank: i + 1 }));
}
