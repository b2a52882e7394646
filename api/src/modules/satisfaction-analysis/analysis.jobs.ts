import { calendarDate, clock } from '../../core/clock';
import { systemContext, type RequestContext } from '../../core/context';
import { publishEvent } from '../../core/events/outbox';
import { defineJob } from '../../core/jobs/jobs';
import { inOperation } from '../../core/tenancy/request-transaction';
import { JobTitle, StaffStatus, StaffUser } from '../identity/staff-user.entity';
import { notifyStaff } from '../notifications/notification.service';
import { ImprovementAction, ImprovementStatus } from './analysis.entity';
import { franchiseToday } from './analysis.service';

/** Actions escalated per run; a backlog is worked off over the next runs. */
const BATCH = 500;
/** The calendar date furthest ahead anywhere (UTC+14): no action due on or after it can be overdue yet. */
const LATEST_ZONE = 'Etc/GMT-14';

/**
 * The owner's superior: the franchise owner(s) of the action's franchise; when the owner is the
 * franchise owner, the person who set the action.
 */
async function superiorsOf(ctx: RequestContext, action: ImprovementAction): Promise<string[]> {
  const owners = await ctx.em.find(StaffUser, { franchiseId: action.franchiseId, jobTitle: JobTitle.FRANCHISE_OWNER, status: StaffStatus.ACTIVE }, { fields: ['id'] });
  const ids = owners.map((o) => o.id).filter((id) => id !== action.ownerId);
  return ids.length ? ids : action.createdById !== action.ownerId ? [action.createdById] : [];
}

/**
 * Improvement actions past their due date (the day after it has begun in the franchise's zone)
 * and not done: escalated once, a message to the owner's superior and an outbox event.
 */
export async function escalateOverdueActions(ctx: RequestContext, now: Date): Promise<number> {
  const candidates = await ctx.em.find(
    ImprovementAction,
    { status: { $in: [ImprovementStatus.OPEN, ImprovementStatus.IN_PROGRESS] }, escalatedAt: null, dueDate: { $lt: calendarDate(now, LATEST_ZONE) } },
    { orderBy: { dueDate: 'asc', id: 'asc' }, limit: BATCH },
  );
  const today = new Map<string, string>();
  let escalated = 0;
  for (const action of candidates) {
    if (!today.has(action.franchiseId)) today.set(action.franchiseId, await franchiseToday(ctx, action.franchiseId, now));
    if (action.dueDate >= today.get(action.franchiseId)!) continue;
    action.escalatedAt = now;
    const [owner, superiors] = await Promise.all([ctx.em.findOne(StaffUser, { id: action.ownerId }, { fields: ['displayName'] }), superiorsOf(ctx, action)]);
    await notifyStaff(ctx, {
      kind: 'improvement.overdue',
      franchiseId: action.franchiseId,
      staffIds: superiors,
      variables: { title: action.title, ownerName: owner?.displayName ?? '', dueDate: action.dueDate },
      refType: 'ImprovementAction',
      refId: action.id,
      dedupeKey: `improvement.overdue:${action.id}`,
    });
    await publishEvent(ctx, 'improvement.overdue', action.franchiseId, { actionId: action.id, analysisId: action.analysisId, ownerId: action.ownerId, dueDate: action.dueDate, notifiedIds: superiors });
    escalated++;
  }
  await ctx.em.flush();
  return escalated;
}

export const improvementOverdueJob = defineJob<{ now?: string }>({
  name: 'satisfaction.improvement-overdue',
  description: 'Daily: improvement actions past their due date and not done are escalated once to the owner’s superior.',
  cron: '40 6 * * *',
  run: async (runtime, data) => {
    const ctx = systemContext(runtime);
    return inOperation(ctx, () => escalateOverdueActions(ctx, data.now ? new Date(data.now) : clock.now()));
  },
});
