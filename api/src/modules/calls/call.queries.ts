import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { customerEmbed } from '../customers/customer.queries';
import { staffEmbed } from '../identity/staff.queries';
import { orgUnitEmbed } from '../org/org.queries';
import { orgScopeSql, orgUnitScopeCondition } from '../org/org.service';
import { readRows } from '../../core/read/sql';
import { CallRecord } from './call.entity';

/** Calls as plain rows, the customer, agent and store embedded in the page's one statement when asked for. */
export function callReadSpec(ctx: RequestContext): ReadSpec<CallRecord> {
  return {
    entity: CallRecord,
    always: ['id', 'franchiseId', 'orgUnitId', 'customerId', 'agentId'],
    embeds: { customer: customerEmbed(ctx, 'customer_id'), agent: staffEmbed(ctx, 'agent_id'), orgUnit: orgUnitEmbed(ctx, 'org_unit_id') },
  };
}

/** `calls(filter, sorting, paging)`: the call log of the caller's part of the organisation, latest first. The CSV / XLSX export reads the same query. */
export async function listCalls(ctx: RequestContext, args: ListArgs, where: FilterQuery<CallRecord> = {}, selection: Selection | null = null) {
  const scope = await orgUnitScopeCondition(ctx);
  return readPage(ctx.em, callReadSpec(ctx), args, selection, {
    where: { ...scope, ...(where as object) } as FilterQuery<CallRecord>,
    defaultSort: [
      { field: 'offeredAt', direction: SortDirection.DESC },
      { field: 'id', direction: SortDirection.DESC },
    ],
  });
}

/** `call(id)`: null when not visible. */
export async function readCall(ctx: RequestContext, id: string, selection: Selection | null = null): Promise<CallRecord | null> {
  const page = await listCalls(ctx, { paging: { limit: 1, offset: 0 } }, { id }, selection);
  return (page.nodes[0] as CallRecord | undefined) ?? null;
}

/** A call up for quality review in a week: marked by a supervisor or the quality team, drawn by the weekly sample, or both; or marked in an earlier week and still open. */
export interface CallReviewCandidate {
  id: string;
  agentId: string | null;
  marked: boolean;
  sampled: boolean;
  /** Marked for review in an earlier week and not reviewed yet: it stays in every later week's queue until it is. */
  carriedOver: boolean;
}

/** At most this many calls come back for one week (marked and sampled together). */
export const MAX_REVIEW_CANDIDATES = 500;

/**
 * The calls of one week (Monday to Monday in each franchise's zone, by offeredAt) up for quality
 * review, in one statement: those marked for review, and a sample of `perAgent` answered calls of
 * each agent. The sample orders each agent's answered calls by md5(call id, week), so the same week
 * always draws the same calls (two reviewers see the same queue, a reload changes nothing) and
 * another week draws afresh. Calls marked in an earlier week come too unless `reviewedSql` (a
 * condition on `c.id` from the module that keeps the reviews) says they were reviewed: a mark is
 * never lost by the week turning (a call nobody answered has no agent to review: it stays in its
 * own week only). Within the caller's part of the organisation.
 */
export async function callReviewCandidates(ctx: RequestContext, input: { weekStart: string; perAgent: number; reviewedSql: string }): Promise<CallReviewCandidate[]> {
  const scope = orgScopeSql(ctx, 'c.org_unit_id');
  // Widened by a day each side (any zone) so the (franchise, offered_at) index narrows first; the local week decides.
  return readRows<CallReviewCandidate>(
    ctx.em,
    `with w as (
       select c.id, c.agent_id, c.offered_at, c.review_requested_at is not null as marked,
              case when c.answered_at is not null and c.agent_id is not null
                   then row_number() over (partition by c.agent_id, c.answered_at is not null order by md5(c.id::text || ?)) end as draw
         from call_record c
         join org_unit fu on fu.id = c.franchise_id
        where c.offered_at >= cast(? as date) - interval '1 day' and c.offered_at < cast(? as date) + interval '8 days'
          and (c.offered_at at time zone fu.time_zone) >= cast(? as timestamp)
          and (c.offered_at at time zone fu.time_zone) < cast(? as timestamp) + interval '7 days'
          ${scope ? `and ${scope}` : ''}
     ), carried as (
       select c.id, c.agent_id, c.offered_at
         from call_record c
         join org_unit fu on fu.id = c.franchise_id
        where c.review_requested_at is not null and c.agent_id is not null and c.offered_at < cast(? as date) + interval '1 day'
          and (c.offered_at at time zone fu.time_zone) < cast(? as timestamp)
          and not (${input.reviewedSql})
          ${scope ? `and ${scope}` : ''}
     )
     select * from (
       select id, agent_id as "agentId", marked, coalesce(draw <= ?, false) as sampled, false as "carriedOver", offered_at
         from w where marked or draw <= ?
       union all
       select id, agent_id, true, false, true, offered_at from carried
     ) q
      order by marked desc, offered_at desc, id
      limit ${MAX_REVIEW_CANDIDATES}`,
    [input.weekStart, input.weekStart, input.weekStart, input.weekStart, input.weekStart, input.weekStart, input.weekStart, input.perAgent, input.perAgent],
  );
}
