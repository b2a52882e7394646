import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/auth/authorization';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { byIdLoader } from '../../core/loaders';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { staffEmbed } from '../identity/staff.queries';
import { orgUnitScopeCondition } from '../org/org.service';
import { orgUnitEmbed } from '../org/org.queries';
import { Appraisal, AppraisalCycle, AppraisalPlan } from './appraisal.entity';
import type { AppraisalFilter } from './appraisal.types';
import { QualityPermission } from './quality.permissions';

const PLAN_READ: ReadSpec<AppraisalPlan> = { entity: AppraisalPlan, always: ['id', 'franchiseId'] };
const CYCLE_READ: ReadSpec<AppraisalCycle> = { entity: AppraisalCycle, always: ['id', 'franchiseId'] };
const appraisalReadSpec = (ctx: RequestContext): ReadSpec<Appraisal> => ({
  entity: Appraisal,
  always: ['id', 'franchiseId', 'agentId', 'orgUnitId', 'cycleId'],
  embeds: { agent: staffEmbed(ctx, 'agent_id'), orgUnit: orgUnitEmbed(ctx, 'org_unit_id') },
});

/** Appraisal plans: HQ's shared ones and the caller's franchise's own. */
export function listAppraisalPlans(ctx: RequestContext, args: ListArgs, selection: Selection | null) {
  return readPage(ctx.em, PLAN_READ, args, selection, { defaultSort: [{ field: 'code', direction: SortDirection.ASC }] });
}

/** The franchise's cycles, newest period first. */
export function listAppraisalCycles(ctx: RequestContext, args: ListArgs, selection: Selection | null) {
  return readPage(ctx.em, CYCLE_READ, args, selection, { defaultSort: [{ field: 'period', direction: SortDirection.DESC }, { field: 'kind', direction: SortDirection.ASC }] });
}

/**
 * Appraisals, newest period first, then by score: managers see their part of the organisation's,
 * everyone else only their own. One statement with the agent and org unit embedded.
 */
export async function listAppraisals(ctx: RequestContext, filter: AppraisalFilter, args: ListArgs, selection: Selection | null) {
  const actor = requireActor(ctx);
  const manages = actor.permissions.has(QualityPermission['appraisal:manage']);
  const where = {
    ...(manages ? { ...(await orgUnitScopeCondition(ctx)), ...(filter.agentId ? { agentId: filter.agentId } : {}) } : { agentId: actor.id }),
    ...(filter.cycleId ? { cycleId: filter.cycleId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
  };
  return readPage(ctx.em, appraisalReadSpec(ctx), args, selection, {
    where,
    defaultSort: [
      { field: 'period', direction: SortDirection.DESC },
      { field: 'score', direction: SortDirection.DESC },
      { field: 'id', direction: SortDirection.ASC },
    ],
  });
}

export const appraisalPlanLoader = (ctx: RequestContext) => byIdLoader(ctx, AppraisalPlan);
export const appraisalCycleLoader = (ctx: RequestContext) => byIdLoader(ctx, AppraisalCycle);
