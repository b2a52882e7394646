import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/auth/authorization';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../core/errors';
import type { ListArgs } from '../../core/graphql/list';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { SortDirection } from '../../core/graphql/sorting';
import { formatNumber, nextNumber, numberingYear } from '../../core/numbering/numbering';
import { OrgUnit } from '../org/org-unit.entity';
import { getOrgUnit } from '../org/org.service';
import { addBusinessMinutes } from './business-time';
import { CaseActivity, CaseActivityKind } from './case.entity';
import { getCase } from './case.service';
import { CasePermission } from './case.permissions';
import { readFranchiseSettings } from '../../core/services/franchise-settings';
import { CaseSettings, DepartmentFeedback, FeedbackStatus } from './queue.entity';
import { policyFor } from './sla.service';
import { clock } from '../../core/clock';
import { publishLive } from '../../core/events/outbox';

/**
 * Cross-department feedback (service center authority): the service center raises a
 * problem to the responsible department, which must answer within the franchise's
 * answer time with a promised resolution time; unanswered or overdue items escalate to
 * management (a job), and every change is published to the feedback's franchise.
 */

function publish(ctx: RequestContext, item: DepartmentFeedback): Promise<void> {
  return publishLive(ctx, 'feedback.changed', { id: item.id, franchiseId: item.franchiseId });
}

/** Feedback items as plain rows (the read path). */
const FEEDBACK_READ: ReadSpec<DepartmentFeedback> = { entity: DepartmentFeedback, always: ['id', 'franchiseId'] };

export function listFeedback(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, FEEDBACK_READ, args, selection, { defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}

async function getFeedback(ctx: RequestContext, id: string): Promise<DepartmentFeedback> {
  const item = await ctx.em.findOne(DepartmentFeedback, { id });
  if (!item) throw new NotFoundError('Feedback item', id);
  return item;
}

export async function raiseFeedback(ctx: RequestContext, input: { caseId?: string | null; departmentId: string; title: string; description: string }): Promise<DepartmentFeedback> {
  const actor = requireActor(ctx);
  const c = input.caseId ? await getCase(ctx, input.caseId) : undefined;
  const department = await getOrgUnit(ctx, input.departmentId, 'Department');
  if (c && department.franchiseId !== c.franchiseId) throw new BadUserInputError({ field: 'departmentId', message: 'must be a department of the case’s franchise' });
  const franchiseId = department.franchiseId;
  const [settings, policy, franchise] = await Promise.all([readFranchiseSettings(ctx, CaseSettings, franchiseId), policyFor(ctx.em, franchiseId, 'general'), ctx.em.findOneOrFail(OrgUnit, { id: franchiseId })]);
  const now = clock.now();
  const year = numberingYear(now, franchise.timeZone);
  const item = ctx.em.create(DepartmentFeedback, {
    franchiseId,
    feedbackNo: formatNumber(`${franchise.code ?? 'F'}-FB`, year, await nextNumber(ctx.em, franchiseId, 'feedback', year)),
    caseId: c?.id ?? null,
    departmentId: department.id,
    raisedById: actor.id,
    title: input.title,
    description: input.description,
    answerDueAt: addBusinessMinutes(policy.calendar, now, settings.feedbackAnswerHours * 60),
  });
  if (c) ctx.em.create(CaseActivity, { franchiseId, caseId: c.id, kind: CaseActivityKind.FEEDBACK_RAISED, actorId: actor.id, details: { feedbackId: item.id, feedbackNo: item.feedbackNo, departmentId: department.id } });
  await ctx.em.flush();
  await publish(ctx, item);
  return item;
}

/** Members of the department (or anyone who may manage cases) answer with a promised resolution time. */
async function assertDepartmentMember(ctx: RequestContext, item: DepartmentFeedback): Promise<void> {
  const actor = requireActor(ctx);
  if (actor.permissions.has(CasePermission['case:manage'])) return;
  const department = await ctx.em.findOneOrFail(OrgUnit, { id: item.departmentId });
  const own = await ctx.em.findOne(OrgUnit, { id: actor.orgUnitId }, { filters: false });
  if (!own || !(own.path.startsWith(department.path) || department.path.startsWith(own.path)))
    throw new ForbiddenError('Only the responsible department (or a supervisor) can answer this feedback');
}

export async function answerFeedback(ctx: RequestContext, input: { id: string; answer: string; promisedBy: Date }): Promise<DepartmentFeedback> {
  const item = await getFeedback(ctx, input.id);
  await assertDepartmentMember(ctx, item);
  if (item.status === FeedbackStatus.RESOLVED) throw new ConflictError(`Feedback ${item.feedbackNo} is already resolved`);
  if (input.promisedBy <= clock.now()) throw new BadUserInputError({ field: 'promisedBy', message: 'must be in the future' });
  Object.assign(item, { answer: input.answer, promisedBy: input.promisedBy, answeredAt: clock.now(), status: FeedbackStatus.ANSWERED });
  await ctx.em.flush();
  await publish(ctx, item);
  return item;
}

export async function resolveFeedback(ctx: RequestContext, input: { id: string; note?: string | null }): Promise<DepartmentFeedback> {
  const item = await getFeedback(ctx, input.id);
  await assertDepartmentMember(ctx, item);
  if (item.status === FeedbackStatus.RESOLVED) throw new ConflictError(`Feedback ${item.feedbackNo} is already resolved`);
  Object.assign(item, { status: FeedbackStatus.RESOLVED, resolvedAt: clock.now(), answer: input.note ? `${item.answer ?? ''}\n${input.note}`.trim() : item.answer });
  await ctx.em.flush();
  await publish(ctx, item);
  return item;
}

/** Unanswered past the answer time, or answered but not resolved by the promised time: escalate once. */
export async function escalateOverdueFeedback(ctx: RequestContext, now: Date): Promise<number> {
  const overdue = await ctx.em.find(DepartmentFeedback, {
    escalated: false,
    $or: [
      { status: FeedbackStatus.OPEN, answerDueAt: { $lte: now } },
      { status: FeedbackStatus.ANSWERED, promisedBy: { $lte: now } },
    ],
  }, { limit: 500 });
  for (const item of overdue) {
    Object.assign(item, { escalated: true, escalatedAt: now });
    await publish(ctx, item);
  }
  await ctx.em.flush();
  return overdue.length;
}
