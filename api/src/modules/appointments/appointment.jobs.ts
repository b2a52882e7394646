import { calendarDate, clock, localDateTime } from '../../core/clock';
import { systemContext, type RequestContext } from '../../core/context';
import { publishEvent } from '../../core/events/outbox';
import { defineJob } from '../../core/jobs/jobs';
import { inOperation } from '../../core/tenancy/request-transaction';
import { EscalationLevel } from '../cases/case.entity';
import { notifyCustomer, notifyStaff } from '../notifications/notification.service';
import { JobTitle, StaffStatus, StaffUser } from '../identity/staff-user.entity';
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

interface NextDayRow {
  id: string;
  franchiseId: string;
  appointmentNo: string;
  startsAt: Date;
  status: string;
  timeZone: string;
  storeId: string;
  storeName: string;
  doctorId: string;
  doctorName: string;
  customerName: string;
  healthManagerId: string | null;
  serviceName: string;
}

/**
 * The next day's lists (as of `now`): from 18:00 the evening before, in each store's zone, every
 * doctor gets their own appointments of the next day, and every health manager those of the
 * customers they look after and those at the store they work at. One message per person and
 * day (the dedupe key), and an advisory lock per franchise and day: two instances running the
 * job at once send each list once.
 */
export async function sendNextDayLists(ctx: RequestContext, now: Date): Promise<{ lists: number }> {
  const rows = await ctx.em.execute<NextDayRow[]>(
    `select a.id, a.franchise_id as "franchiseId", a.appointment_no as "appointmentNo", a.starts_at as "startsAt", a.status, s.time_zone as "timeZone",
            a.store_id as "storeId", s.name as "storeName", a.doctor_id as "doctorId", d.display_name as "doctorName", c.name as "customerName",
            c.health_manager_id as "healthManagerId", hs.name as "serviceName"
       from appointment a
       join org_unit s on s.id = a.store_id
       join staff_user d on d.id = a.doctor_id
       join customer c on c.id = a.customer_id
       join health_service hs on hs.id = a.service_id
      where a.status in ('REQUESTED', 'CONFIRMED') and a.starts_at > ? and a.starts_at < ?
      order by a.starts_at, a.appointment_no`,
    [now, new Date(now.getTime() + 2 * 86_400_000)],
  );
  const due = rows.filter((r) => reminderDueAt(new Date(r.startsAt), r.timeZone) <= now);
  const stores = [...new Set(due.map((r) => r.storeId))];
  const managers = stores.length
    ? await ctx.em.find(StaffUser, { orgUnitId: { $in: stores }, jobTitle: JobTitle.HEALTH_MANAGER, status: StaffStatus.ACTIVE }, { fields: ['id', 'orgUnitId', 'franchiseId'] })
    : [];
  // (franchise, local day) → staff id → their appointments
  const lists = new Map<string, { franchiseId: string; date: string; byStaff: Map<string, NextDayRow[]> }>();
  for (const r of due) {
    const date = calendarDate(new Date(r.startsAt), r.timeZone);
    const key = `${r.franchiseId}:${date}`;
    if (!lists.has(key)) lists.set(key, { franchiseId: r.franchiseId, date, byStaff: new Map() });
    const byStaff = lists.get(key)!.byStaff;
    const recipients = new Set([r.doctorId, ...(r.healthManagerId ? [r.healthManagerId] : []), ...managers.filter((m) => m.orgUnitId === r.storeId).map((m) => m.id)]);
    for (const staffId of recipients) byStaff.set(staffId, [...(byStaff.get(staffId) ?? []), r]);
  }
  let sent = 0;
  for (const [key, { franchiseId, date, byStaff }] of lists) {
    await ctx.em.execute('select pg_advisory_xact_lock(hashtext(?))', [`appointment.next_day:${key}`]);
    for (const [staffId, appointments] of byStaff) {
      const list = appointments
        .map((r) => `${localDateTime(new Date(r.startsAt), r.timeZone).slice(11)} ${r.customerName} ${r.serviceName} ${r.doctorName} ${r.storeName}${r.status === 'REQUESTED' ? '（待核实）' : ''} ${r.appointmentNo}`)
        .join('\n');
      const messages = await notifyStaff(ctx, { kind: 'appointment.next_day', franchiseId, staffIds: [staffId], variables: { date, count: String(appointments.length), list }, dedupeKey: `appointment.next_day:${date}` });
      sent += messages.length;
    }
    await ctx.em.flush();
  }
  return { lists: sent };
}

export const appointmentNextDayJob = defineJob<{ now?: string }>({
  name: 'appointments.next-day-lists',
  description: 'The next day’s lists (every 15 minutes from 18:00, in the store’s zone): each doctor and health manager gets the next day’s appointments once.',
  cron: '*/15 * * * *',
  run: async (runtime, data) => {
    const ctx = systemContext(runtime);
    return inOperation(ctx, () => sendNextDayLists(ctx, data.now ? new Date(data.now) : clock.now()));
  },
});
