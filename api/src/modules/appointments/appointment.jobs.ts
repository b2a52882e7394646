import { clock } from '../../core/clock';
import { systemContext, type RequestContext } from '../../core/context';
import { publishEvent } from '../../core/events/outbox';
import { defineJob } from '../../core/jobs/jobs';
import { inOperation } from '../../core/tenancy/request-transaction';
import { EscalationLevel } from '../cases/case.entity';
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
