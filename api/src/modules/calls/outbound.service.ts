import { LockMode } from '@mikro-orm/postgresql';
import { hasPermission } from '../../core/auth/actor';
import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import { SortDirection } from '../../core/graphql/sorting';
import { checkVersion } from '../../core/services/updates';
import { listCustomers } from '../customers/customer.queries';
import { findCustomer, getCustomer } from '../customers/customer.service';
import { staffLoader } from '../identity/identity.loaders';
import { StaffStatus } from '../identity/staff-user.entity';
import { findFranchise, orgUnitScopeCondition } from '../org/org.service';
import { CallDirection, CallState } from './call.entity';
import { getCall, logCall } from './call.service';
import { NoInterestReason, OutboundOutcome, OutboundPlan, OutboundTask, OutboundTaskState } from './outbound.entity';
import type { AddOutboundTargetsInput, CreateOutboundPlanInput, OutboundTargetsInput, OutboundTargetsResult, RecordOutboundOutcomeInput } from './outbound.types';

/** A plan's targets at most (by list and filter together, per call). */
export const MAX_OUTBOUND_TARGETS = 2000;
const MAX_ASSIGNEES = 50;
const PAGE = 200;

/** The plan, or NOT_FOUND when missing or outside the caller's part of the organisation. */
export async function getOutboundPlan(ctx: RequestContext, id: string, lock = false): Promise<OutboundPlan> {
  const plan = await ctx.em.findOne(OutboundPlan, { id, ...(await orgUnitScopeCondition(ctx)) }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!plan) throw new NotFoundError('Outbound plan', id);
  return plan;
}

/** Tasks the caller sees: those of customers in their part of the organisation, and their own. */
export async function outboundTaskScope(ctx: RequestContext): Promise<Record<string, unknown>> {
  const actor = requireActor(ctx);
  const scope = await orgUnitScopeCondition(ctx);
  return scope.orgUnitId ? { $or: [scope, { assigneeId: actor.id }] } : {};
}

export async function getOutboundTask(ctx: RequestContext, id: string): Promise<OutboundTask> {
  const task = await ctx.em.findOne(OutboundTask, { id, ...(await outboundTaskScope(ctx)) });
  if (!task) throw new NotFoundError('Outbound task', id);
  return task;
}

/** The target customers of one franchise, in the order given (list, then the filter's matches oldest first), without repeats. */
async function resolveTargets(ctx: RequestContext, franchiseId: string, targets: OutboundTargetsInput): Promise<{ id: string; orgUnitId: string }[]> {
  const ids = [...new Set(targets.customerIds ?? [])];
  if (!ids.length && !targets.filter) throw new BadUserInputError({ field: 'targets', message: 'give customerIds, a filter, or both', reason: 'REQUIRED' });
  if (ids.length > MAX_OUTBOUND_TARGETS) throw new BadUserInputError({ field: 'targets.customerIds', message: `at most ${MAX_OUTBOUND_TARGETS} customers`, reason: 'TOO_MANY', params: { max: MAX_OUTBOUND_TARGETS } });
  const listed = await Promise.all(ids.map((id) => findCustomer(ctx, id)));
  const out: { id: string; orgUnitId: string }[] = [];
  for (const [i, c] of listed.entries()) {
    if (!c) throw new NotFoundError('Customer', ids[i]!);
    if (c.franchiseId !== franchiseId) throw new BadUserInputError({ field: 'targets.customerIds', message: `customer ${c.id} belongs to another franchise than the plan`, reason: 'OTHER_FRANCHISE' });
    out.push({ id: c.id, orgUnitId: c.orgUnitId });
  }
  if (targets.filter) {
    const selection = new Map([['id', []], ['franchiseId', []], ['orgUnitId', []]]);
    for (let offset = 0; ; offset += PAGE) {
      const page = await listCustomers(ctx, { filter: targets.filter, paging: { limit: PAGE, offset }, sorting: [{ field: 'createdAt', direction: SortDirection.ASC }] }, selection);
      if (offset === 0 && page.totalCount > MAX_OUTBOUND_TARGETS)
        throw new BadUserInputError({ field: 'targets.filter', message: `matches ${page.totalCount} customers; at most ${MAX_OUTBOUND_TARGETS}`, reason: 'TOO_MANY', params: { max: MAX_OUTBOUND_TARGETS, matched: page.totalCount } });
      for (const c of page.nodes as { id: string; orgUnitId: string; franchiseId: string }[]) if (c.franchiseId === franchiseId) out.push({ id: c.id, orgUnitId: c.orgUnitId });
      if (page.nodes.length < PAGE) break;
    }
  }
  const seen = new Set<string>();
  const unique = out.filter((c) => !seen.has(c.id) && seen.add(c.id));
  if (!unique.length) throw new BadUserInputError({ field: 'targets', message: 'no customer of the plan’s franchise matches', reason: 'EMPTY' });
  if (unique.length > MAX_OUTBOUND_TARGETS) throw new BadUserInputError({ field: 'targets', message: `at most ${MAX_OUTBOUND_TARGETS} customers`, reason: 'TOO_MANY', params: { max: MAX_OUTBOUND_TARGETS } });
  return unique;
}

/** One task per target not yet in the plan, assigned round-robin after the plan's last target (the plan row is locked). */
async function addTasks(ctx: RequestContext, plan: OutboundPlan, targets: { id: string; orgUnitId: string }[]): Promise<{ created: number; skipped: number }> {
  const existing = new Set(
    (await ctx.em.find(OutboundTask, { planId: plan.id, followUpOfId: null, customerId: { $in: targets.map((t) => t.id) } }, { fields: ['customerId'] })).map((t) => t.customerId),
  );
  const fresh = targets.filter((t) => !existing.has(t.id));
  fresh.forEach((t, i) => {
    const seq = plan.targetCount + i;
    ctx.em.create(OutboundTask, { franchiseId: plan.franchiseId, planId: plan.id, customerId: t.id, orgUnitId: t.orgUnitId, assigneeId: plan.assigneeIds[seq % plan.assigneeIds.length]!, seq, dueAt: plan.deadline });
  });
  plan.targetCount += fresh.length;
  await ctx.em.flush();
  return { created: fresh.length, skipped: targets.length - fresh.length };
}

/** A supervisor's outbound plan: one task per target customer, round-robin over the assignees. */
export async function createOutboundPlan(ctx: RequestContext, input: CreateOutboundPlanInput): Promise<OutboundPlan> {
  const actor = requireActor(ctx);
  const franchiseId = input.franchiseId ?? actor.franchiseId;
  if (input.franchiseId && !(await findFranchise(ctx, input.franchiseId))) throw new NotFoundError('Franchise', input.franchiseId);
  const problems = [];
  if (!input.name.trim()) problems.push({ field: 'name', message: 'must not be blank', reason: 'REQUIRED' });
  if (!input.goal.trim()) problems.push({ field: 'goal', message: 'must not be blank', reason: 'REQUIRED' });
  if (input.deadline <= clock.now()) problems.push({ field: 'deadline', message: 'must be in the future', reason: 'IN_PAST' });
  const assigneeIds = [...new Set(input.assigneeIds)];
  if (!assigneeIds.length || assigneeIds.length > MAX_ASSIGNEES) problems.push({ field: 'assigneeIds', message: `name 1 to ${MAX_ASSIGNEES} agents`, reason: 'OUT_OF_RANGE' });
  const staff = await Promise.all(assigneeIds.map((id) => staffLoader(ctx).load(id)));
  const bad = assigneeIds.filter((id, i) => !staff[i] || staff[i]!.franchiseId !== franchiseId || staff[i]!.status !== StaffStatus.ACTIVE);
  if (bad.length) problems.push({ field: 'assigneeIds', message: `not active staff of the plan’s franchise: ${bad.join(', ')}`, reason: 'INVALID', params: { ids: bad } });
  if (problems.length) throw new BadUserInputError(problems);
  const targets = await resolveTargets(ctx, franchiseId, input.targets);
  const plan = ctx.em.create(OutboundPlan, {
    franchiseId,
    name: input.name.trim(),
    purpose: input.purpose,
    goal: input.goal.trim(),
    orgUnitId: franchiseId === actor.franchiseId ? actor.orgUnitId : franchiseId,
    createdById: actor.kind === 'user' ? actor.id : null,
    assigneeIds,
    deadline: input.deadline,
  });
  await addTasks(ctx, plan, targets);
  await publishEvent(ctx, 'outbound.plan_created', plan.franchiseId, { planId: plan.id, purpose: plan.purpose, targetCount: plan.targetCount });
  return plan;
}

/** More targets for a plan: those already in it are skipped, so the same list sent twice makes its tasks once. */
export async function addOutboundTargets(ctx: RequestContext, input: AddOutboundTargetsInput): Promise<OutboundTargetsResult> {
  const plan = await getOutboundPlan(ctx, input.planId, true);
  const targets = await resolveTargets(ctx, plan.franchiseId, input.targets);
  const result = await addTasks(ctx, plan, targets);
  if (result.created) await publishEvent(ctx, 'outbound.targets_added', plan.franchiseId, { planId: plan.id, created: result.created });
  return { plan, ...result };
}

const REACHED = [OutboundOutcome.NOT_INTERESTED, OutboundOutcome.INTERESTED, OutboundOutcome.CONVERTED];

/** The call of a task: one the telephony system recorded (outbound, this customer), or logged now to the customer's phone. */
async function taskCall(ctx: RequestContext, task: OutboundTask, input: RecordOutboundOutcomeInput): Promise<{ id: string; answered: boolean; field: string }> {
  if (input.callId && input.call) throw new BadUserInputError({ field: 'call', message: 'give callId or call, not both', reason: 'EXCLUSIVE' });
  if (input.callId) {
    const call = await getCall(ctx, input.callId);
    if (call.direction !== CallDirection.OUTBOUND) throw new BadUserInputError({ field: 'callId', message: 'must be an outbound call', reason: 'NOT_OUTBOUND' });
    if (call.customerId && call.customerId !== task.customerId) throw new BadUserInputError({ field: 'callId', message: 'the call was to another customer', reason: 'OTHER_CUSTOMER' });
    return { id: call.id, answered: !!call.answeredAt, field: 'callId' };
  }
  if (!input.call) throw new BadUserInputError({ field: 'call', message: 'a task is done with a call: give callId or call', reason: 'REQUIRED' });
  const customer = await getCustomer(ctx, task.customerId);
  if (!customer.phone) throw new BadUserInputError({ field: 'call', message: 'the customer has no phone number; give the callId of the call made', reason: 'NO_PHONE' });
  const c = input.call;
  const state = c.answeredAt ? CallState.ENDED : CallState.MISSED;
  const call = await logCall(ctx, { direction: CallDirection.OUTBOUND, number: customer.phone, customerId: customer.id, state, offeredAt: c.offeredAt, answeredAt: c.answeredAt ?? null, endedAt: c.endedAt ?? (state === CallState.MISSED ? c.offeredAt : null), disposition: '外呼', note: input.note ?? null });
  return { id: call.id, answered: !!call.answeredAt, field: 'call.answeredAt' };
}

/** The agent's result of a task: the call, the outcome (a reason when not interested), a follow-up when asked. */
export async function recordOutboundOutcome(ctx: RequestContext, input: RecordOutboundOutcomeInput): Promise<OutboundTask> {
  const actor = requireActor(ctx);
  const task = await getOutboundTask(ctx, input.id);
  if (task.assigneeId !== actor.id && !hasPermission(actor, 'outbound:manage')) throw new ForbiddenError('Only the task’s agent (or a supervisor) records its outcome', { reason: 'NOT_ASSIGNEE' });
  checkVersion(task, input.version, 'Outbound task');
  if (task.state === OutboundTaskState.DONE) throw new ConflictError(`Outbound task ${task.id} is already done`, { reason: 'ALREADY_DONE' });
  const problems = [];
  if (input.outcome === OutboundOutcome.NOT_INTERESTED && !input.noInterestReason) problems.push({ field: 'noInterestReason', message: 'say why the customer has no interest', reason: 'REQUIRED' });
  if (input.outcome !== OutboundOutcome.NOT_INTERESTED && input.noInterestReason) problems.push({ field: 'noInterestReason', message: 'only for NOT_INTERESTED', reason: 'NOT_ALLOWED' });
  if (input.noInterestReason === NoInterestReason.OTHER && !input.note?.trim()) problems.push({ field: 'note', message: 'describe the other reason', reason: 'REQUIRED' });
  if (input.followUpAt && input.followUpAt <= clock.now()) problems.push({ field: 'followUpAt', message: 'must be in the future', reason: 'IN_PAST' });
  if (problems.length) throw new BadUserInputError(problems);
  const call = await taskCall(ctx, task, input);
  if (REACHED.includes(input.outcome) && !call.answered) throw new BadUserInputError({ field: call.field, message: `${input.outcome} needs an answered call`, reason: 'NOT_ANSWERED' });
  Object.assign(task, {
    state: OutboundTaskState.DONE,
    outcome: input.outcome,
    noInterestReason: input.noInterestReason ?? null,
    note: input.note?.trim() || null,
    callId: call.id,
    completedAt: clock.now(),
    followUpAt: input.followUpAt ?? null,
  });
  if (input.followUpAt)
    ctx.em.create(OutboundTask, { franchiseId: task.franchiseId, planId: task.planId, customerId: task.customerId, orgUnitId: task.orgUnitId, assigneeId: task.assigneeId, seq: task.seq, dueAt: input.followUpAt, followUpOfId: task.id });
  await ctx.em.flush();
  await publishEvent(ctx, 'outbound.task_completed', task.franchiseId, { taskId: task.id, planId: task.planId, customerId: task.customerId, assigneeId: task.assigneeId, outcome: task.outcome!, callId: call.id, followUpAt: input.followUpAt?.toISOString() ?? null });
  return task;
}
