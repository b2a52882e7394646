import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import { NotFoundError } from '../../core/errors';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedById, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { readRows } from '../../core/read/sql';
import { customerEmbed } from '../customers/customer.queries';
import { staffLoader } from '../identity/identity.loaders';
import { staffEmbed } from '../identity/staff.queries';
import { orgScopeSql, orgUnitScopeCondition } from '../org/org.service';
import { callReadSpec } from './call.queries';
import { NoInterestReason, OutboundPlan, OutboundTask } from './outbound.entity';
import { outboundTaskScope } from './outbound.service';
import type { OutboundPlanProgress, OutboundProgressRow } from './outbound.types';

const PLAN_SPEC: ReadSpec<OutboundPlan> = { entity: OutboundPlan, always: ['id', 'franchiseId', 'orgUnitId', 'createdById', 'assigneeIds'] };

/** `outboundPlans`: the plans of the caller's part of the organisation, latest first. */
export async function listOutboundPlans(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await orgUnitScopeCondition(ctx);
  return readPage(ctx.em, PLAN_SPEC, args, selection, {
    where: scope as FilterQuery<OutboundPlan>,
    defaultSort: [
      { field: 'createdAt', direction: SortDirection.DESC },
      { field: 'id', direction: SortDirection.DESC },
    ],
  });
}

export async function readOutboundPlan(ctx: RequestContext, id: string, selection: Selection | null = null): Promise<OutboundPlan | null> {
  const scope = await orgUnitScopeCondition(ctx);
  const page = await readPage(ctx.em, PLAN_SPEC, { paging: { limit: 1, offset: 0 } }, selection, { where: { ...scope, id } as FilterQuery<OutboundPlan> });
  return (page.nodes[0] as OutboundPlan | undefined) ?? null;
}

/** Tasks as plain rows, the customer, agent, plan and call embedded in the page's one statement when asked for. */
export function outboundTaskReadSpec(ctx: RequestContext): ReadSpec<OutboundTask> {
  return {
    entity: OutboundTask,
    always: ['id', 'franchiseId', 'planId', 'customerId', 'assigneeId', 'callId', 'orgUnitId'],
    embeds: {
      customer: customerEmbed(ctx, 'customer_id'),
      assignee: staffEmbed(ctx, 'assignee_id'),
      plan: embedById(PLAN_SPEC, 'outbound_plan', 'plan_id'),
      call: embedById(callReadSpec(ctx), 'call_record', 'call_id', (a) => orgScopeSql(ctx, `${a}.org_unit_id`) ?? 'true'),
    },
  };
}

/** `outboundTasks`: the tasks of customers in the caller's part of the organisation and the caller's own; open ones due first. */
export async function listOutboundTasks(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, outboundTaskReadSpec(ctx), args, selection, {
    where: (await outboundTaskScope(ctx)) as FilterQuery<OutboundTask>,
    defaultSort: [
      { field: 'state', direction: SortDirection.DESC },
      { field: 'dueAt', direction: SortDirection.ASC },
      { field: 'seq', direction: SortDirection.ASC },
      { field: 'id', direction: SortDirection.ASC },
    ],
  });
}

interface ProgressSql {
  assigneeId: string | null;
  total: boolean;
  targets: number;
  done: number;
  reached: number;
  interested: number;
  converted: number;
  openFollowUps: number;
}

const rate = (n: number, d: number) => (d ? n / d : null);

/**
 * A plan's progress by target customer, per agent and in total, in one statement: a target is done
 * when its first task has an outcome; reached, interested and converted when any of its tasks
 * (follow-ups included) had that outcome, so a customer converted on the follow-up counts once.
 */
export async function outboundPlanProgress(ctx: RequestContext, planId: string): Promise<OutboundPlanProgress> {
  const plan = await readOutboundPlan(ctx, planId);
  if (!plan) throw new NotFoundError('Outbound plan', planId);
  const rows = await readRows<ProgressSql & { reason: NoInterestReason | null; reasons: number }>(
    ctx.em,
    `with t as (select customer_id, assignee_id, state, outcome, follow_up_of_id, no_interest_reason from outbound_task where plan_id = ?),
     per as (
       select g.assignee_id, g.customer_id, bool_or(g.state = 'DONE') filter (where g.follow_up_of_id is null) as done,
              bool_or(a.outcome in ('NOT_INTERESTED', 'INTERESTED', 'CONVERTED')) as reached,
              bool_or(a.outcome in ('INTERESTED', 'CONVERTED')) as interested,
              bool_or(a.outcome = 'CONVERTED') as converted,
              count(*) filter (where a.follow_up_of_id is not null and a.state = 'OPEN') as open_follow_ups
         from t g join t a on a.customer_id = g.customer_id
        where g.follow_up_of_id is null
        group by g.assignee_id, g.customer_id
     )
     select assignee_id as "assigneeId", grouping(assignee_id) = 1 as total, count(*)::int as targets,
            count(*) filter (where done)::int as done, count(*) filter (where reached)::int as reached,
            count(*) filter (where interested)::int as interested, count(*) filter (where converted)::int as converted,
            coalesce(sum(open_follow_ups), 0)::int as "openFollowUps", null as reason, 0 as reasons
       from per group by grouping sets ((assignee_id), ())
     union all
     select null, false, 0, 0, 0, 0, 0, 0, no_interest_reason, count(*)::int from t where outcome = 'NOT_INTERESTED' group by no_interest_reason`,
    [plan.id],
  );
  const names = new Map((await Promise.all(plan.assigneeIds.map((id) => staffLoader(ctx).load(id)))).filter((s) => !!s).map((s) => [s!.id, s!.displayName]));
  const toRow = (r: ProgressSql | undefined, assigneeId: string | null): OutboundProgressRow => {
    const v = r ?? { targets: 0, done: 0, reached: 0, interested: 0, converted: 0, openFollowUps: 0 };
    return { assigneeId, assigneeName: assigneeId ? (names.get(assigneeId) ?? null) : null, targets: v.targets, done: v.done, reached: v.reached, interested: v.interested, converted: v.converted, openFollowUps: v.openFollowUps, doneRate: rate(v.done, v.targets), conversionRate: rate(v.converted, v.reached) };
  };
  const progress = rows.filter((r) => r.reason === null);
  const agents = [...plan.assigneeIds, ...progress.filter((r) => !r.total && r.assigneeId && !plan.assigneeIds.includes(r.assigneeId)).map((r) => r.assigneeId!)];
  return {
    planId: plan.id,
    totals: toRow(progress.find((r) => r.total && r.targets > 0) ?? progress.find((r) => r.total), null),
    byAgent: agents.map((id) => toRow(progress.find((r) => !r.total && r.assigneeId === id), id)),
    noInterestReasons: rows.filter((r) => r.reason !== null).map((r) => ({ reason: r.reason!, count: r.reasons })),
  };
}
