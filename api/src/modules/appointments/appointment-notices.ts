import { calendarDate, localDateTime } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { onEvent, type EventHandler } from '../../core/plugins/plugin';
import { instantAt } from '../cases/business-time';
import { Customer } from '../customers/customer.entity';
import { JobTitle, StaffStatus, StaffUser } from '../identity/staff-user.entity';
import { notifyCustomer, notifyStaff } from '../notifications/notification.service';
import { OrgUnit } from '../org/org-unit.entity';
import { Appointment, AppointmentStatus, HealthService } from './appointment.entity';

/**
 * What the customer and the staff hear about appointments, through the platform notifications
 * (per-franchise templates, consent, quiet hours), each once per event: the customer on a
 * confirmation (a phone booking, or an online request once verified), a change and a
 * cancellation; the doctor of every booking, move and cancellation; supervisors of an online
 * request left unverified. The evening job (appointment.jobs.ts) sends the day-before reminders.
 */

/** Reminders and the next day's lists go out from this local time the evening before. */
export const EVENING_HOUR = 18;

export interface AppointmentWords {
  appointmentNo: string;
  doctorName: string;
  storeName: string;
  time: string;
  serviceName: string;
}

/** The appointment's doctor, store, service and local time as a message reads them. */
export async function appointmentWords(ctx: RequestContext, a: Appointment): Promise<AppointmentWords> {
  const [doctor, store, service] = await Promise.all([
    ctx.em.findOne(StaffUser, { id: a.doctorId }, { fields: ['displayName'] }),
    ctx.em.findOne(OrgUnit, { id: a.storeId }, { fields: ['name', 'timeZone'] }),
    ctx.em.findOne(HealthService, { id: a.serviceId }, { fields: ['name'] }),
  ]);
  return { appointmentNo: a.appointmentNo, doctorName: doctor?.displayName ?? '', storeName: store?.name ?? '', time: localDateTime(a.startsAt, store?.timeZone ?? 'Asia/Shanghai'), serviceName: service?.name ?? '' };
}

/** When the day-before reminder of an appointment is due: 18:00 local time the day before. */
export function reminderDueAt(startsAt: Date, timeZone: string): Date {
  const day = calendarDate(startsAt, timeZone);
  return instantAt(timeZone, new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10), EVENING_HOUR * 60);
}

async function tellDoctor(ctx: RequestContext, a: Appointment, words: AppointmentWords, change: string, key: string): Promise<void> {
  const customer = await ctx.em.findOne(Customer, { id: a.customerId }, { fields: ['name'] });
  await notifyStaff(ctx, { kind: 'appointment.for_doctor', franchiseId: a.franchiseId, staffIds: [a.doctorId], variables: { ...words, customerName: customer?.name ?? '', change }, refType: 'Appointment', refId: a.id, dedupeKey: key });
}

export const appointmentNoticeHandlers: readonly EventHandler<unknown>[] = [
  onEvent({
    event: 'appointment.booked',
    name: 'confirm the booking to the customer and tell the doctor',
    async handle(event, { inFranchise }) {
      await inFranchise(async (ctx) => {
        const a = await ctx.em.findOne(Appointment, { id: event.appointmentId });
        if (!a) return;
        const words = await appointmentWords(ctx, a);
        const ref = { refType: 'Appointment', refId: a.id };
        if (a.rescheduledFromId) {
          const old = await ctx.em.findOne(Appointment, { id: a.rescheduledFromId });
          const previousTime = old ? (await appointmentWords(ctx, old)).time : '';
          await notifyCustomer(ctx, { kind: 'appointment.changed', customerId: a.customerId, variables: { ...words, previousTime }, ...ref, dedupeKey: `appointment.changed:${a.id}` });
          await tellDoctor(ctx, a, words, '改约', `appointment.for_doctor:${a.id}:booked`);
          return;
        }
        if (a.status === AppointmentStatus.CONFIRMED && event.status === AppointmentStatus.CONFIRMED)
          await notifyCustomer(ctx, { kind: 'appointment.confirmed', customerId: a.customerId, variables: words, ...ref, dedupeKey: `appointment.confirmed:${a.id}` });
        await tellDoctor(ctx, a, words, event.status === AppointmentStatus.REQUESTED ? '新的网上预约（待核实）' : '新预约', `appointment.for_doctor:${a.id}:booked`);
      });
    },
  }),
  onEvent({
    event: 'appointment.status_changed',
    name: 'tell the customer their request is confirmed or their appointment cancelled',
    async handle(event, { inFranchise }) {
      if (event.to !== AppointmentStatus.CONFIRMED && event.to !== AppointmentStatus.CANCELLED) return;
      await inFranchise(async (ctx) => {
        const a = await ctx.em.findOne(Appointment, { id: event.appointmentId });
        if (!a) return;
        const words = await appointmentWords(ctx, a);
        const ref = { refType: 'Appointment', refId: a.id };
        if (event.to === AppointmentStatus.CONFIRMED) {
          await notifyCustomer(ctx, { kind: 'appointment.confirmed', customerId: a.customerId, variables: words, ...ref, dedupeKey: `appointment.confirmed:${a.id}` });
          return;
        }
        await notifyCustomer(ctx, { kind: 'appointment.cancelled', customerId: a.customerId, variables: { ...words, reason: event.reason ?? '' }, ...ref, dedupeKey: `appointment.cancelled:${a.id}` });
        await tellDoctor(ctx, a, words, '已取消', `appointment.for_doctor:${a.id}:cancelled`);
      });
    },
  }),
  onEvent({
    event: 'appointment.verification_overdue',
    name: 'tell supervisors an online request waits too long',
    async handle(event, { inFranchise }) {
      await inFranchise(async (ctx) => {
        const a = await ctx.em.findOne(Appointment, { id: event.appointmentId });
        if (!a || a.status !== AppointmentStatus.REQUESTED) return;
        const [words, customer, supervisors] = await Promise.all([
          appointmentWords(ctx, a),
          ctx.em.findOne(Customer, { id: a.customerId }, { fields: ['name'] }),
          ctx.em.find(StaffUser, { franchiseId: a.franchiseId, jobTitle: JobTitle.SUPERVISOR, status: StaffStatus.ACTIVE }, { fields: ['id'] }),
        ]);
        await notifyStaff(ctx, { kind: 'appointment.verification_overdue', franchiseId: a.franchiseId, staffIds: supervisors.map((s) => s.id), variables: { ...words, customerName: customer?.name ?? '' }, refType: 'Appointment', refId: a.id, dedupeKey: `appointment.verification_overdue:${a.id}` });
      });
    },
  }),
] as readonly EventHandler<unknown>[];
