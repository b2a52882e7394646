import { clock } from '../../core/clock';
import { systemContext, type RequestContext } from '../../core/context';
import { publishEvent } from '../../core/events/outbox';
import { defineJob } from '../../core/jobs/jobs';
import { inOperation } from '../../core/tenancy/request-transaction';
import { EscalationLevel } from '../cases/case.entity';
import { notifyCustomer } from '../notifications/notification.service';
import { OrgUnit } from '../org/org-unit.entity';
import { appointmentWords, reminderDueAt } from './appointment-notices';
import { Appointment, AppointmentStatus } from './appointment.entity';
import { publishAppointmentChange } from './appointment.service';

/** Requests handled per run; a backlog is worked off over the next runs. */
const BATCH = 1000;

/**
 * Online requests still unverified past their due time (as of `now`): each is marked breached
 * once and escalated to the supervisor, a typed event for notifications. Idempotent.
 */
export async function checkAppointmentVerifications(ctx: RequestContext, now: Date): Promise<{ breached: number }> {
  const overdue = await ctx.em.find(Appointment, { status: AppointmentStatus.REQUESTED, verificationBreachedAt: null, verifyDueAt: { $lte: now } }, { orderBy: { verifyDueAt: 'asc' }, limit: BATCH });
  for (const a of overdue) {
    Object.assign(a, { verificationBreachedAt: now, escalationLevel: EscalationLevel.SUPERVISOR });
    await publishEvent(ctx, 'appointment.verification_overdue', a.franchiseId, { appointmentId: a.id, appointmentNo: a.appointmentNo, storeId: a.storeId, dueAt: a.verifyDueAt!.toISOString(), escalationLevel: a.escalationLevel });
    await publishAppointmentChange(ctx, a, 'updated');
  }
  await ctx.em.flush();
  return { breached: overdue.length };
}

export const appointmentVerificationJob = defineJob<{ now?: string }>({
  name: 'appointments.verification-check',
  description: 'Online appointment requests (every minute): unverified past their 2 working hours, they are escalated to the supervisor.',
  cron: '* * * * *',
  run: async (runtime, data) => {
    const ctx = systemContext(runtime);
    return inOperation(ctx, () => checkAppointmentVerifications(ctx, data.now ? new Date(data.now) : clock.now()));
  },
});

/**
 * The day-before reminders (as of `now`): each confirmed appointment whose reminder is due (from
 * 18:00 the evening before, in its store's zone) and not yet sent. An appointment is claimed by a
 * conditional update of its reminder time before its message is written, so two instances
 * running the job at once send it once: the second waits for the first's row lock and then
 * finds it sent.
 */
export async function sendDayBeforeReminders(ctx: RequestContext, now: Date): Promise<{ reminded: number }> {
  const soon = await ctx.em.find(Appointment, { status: AppointmentStatus.CONFIRMED, reminderSentAt: null, startsAt: { $gt: now, $lt: new Date(now.getTime() + 2 * 86_400_000) } }, { orderBy: { startsAt: 'asc' }, limit: BATCH });
  const stores = new Map((await ctx.em.find(OrgUnit, { id: { $in: [...new Set(soon.map((a) => a.storeId))] } }, { fields: ['timeZone'] })).map((s) => [s.id, s.timeZone]));
  let reminded = 0;
  for (const a of soon) {
    if (reminderDueAt(a.startsAt, stores.get(a.storeId) ?? 'Asia/Shanghai') > now) continue;
    const claimed: unknown[] = await ctx.em.execute('update appointment set reminder_sent_at = ? where id = ? and reminder_sent_at is null returning id', [now, a.id]);
    if (!claimed.length) continue;
    await notifyCustomer(ctx, { kind: 'appointment.reminder', customerId: a.customerId, variables: await appointmentWords(ctx, a), refType: 'Appointment', refId: a.id, dedupeKey: `appointment.reminder:${a.id}` });
    reminded++;
  }
  await ctx.em.flush();
  return { reminded };
}

export const appointmentReminderJob = defineJob<{ now?: string }>({
  name: 'appointments.reminders',
  description: 'Day-before reminders (every 15 minutes): from 18:00 the evening before, in the store’s zone, each confirmed appointment’s customer is reminded once.',
  cron: '*/15 * * * *',
  run: async (runtime, data) => {
    const ctx = systemContext(runtime);
    return inOperation(ctx, () => sendDayBeforeReminders(ctx, data.now ? new Date(data.now) : clock.now()));
  },
});
