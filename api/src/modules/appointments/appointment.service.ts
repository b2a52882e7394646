import { randomUUID } from 'node:crypto';
import { requireActor } from '../../core/auth/authorization';
import { calendarDate, clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError } from '../../core/errors';
import { publishEvent, publishLive } from '../../core/events/outbox';
import { byIdLoader } from '../../core/loaders';
import { formatNumber, nextNumber, numberingYear } from '../../core/numbering/numbering';
import { checkVersion } from '../../core/services/updates';
import { addBusinessMinutes, instantAt } from '../cases/business-time';
import { policyFor } from '../cases/sla.service';
import { getCustomer } from '../customers/customer.service';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { Appointment, AppointmentChannel, AppointmentStatus } from './appointment.entity';
import { AppointmentPermission } from './appointment.permissions';
import type { BookAppointmentInput, RescheduleAppointmentInput } from './appointment.types';
import { assertVerified } from './practitioner.service';
import { appointmentSettings, availableSlots, getDoctor, getHealthService, getStore } from './schedule.service';

/**
 * Booking and the life of an appointment: requested (online) → confirmed → checked in →
 * completed, or cancelled / no-show / rescheduled (a new appointment linked to the old one).
 * The slot is taken by the INSERT itself: the exclusion constraint over doctor and
 * [start, end + buffer) of active appointments refuses a second booking (ON CONFLICT DO
 * NOTHING, so the transaction stays usable to offer the next free slots). Every change is a
 * typed outbox event and a live message for the doctor's and the store's calendars.
 */

const DAY_MS = 86_400_000;
/** Free slots offered with a SLOT_TAKEN refusal, looked for this many days ahead. */
const NEXT_SLOTS = 5;
const NEXT_SLOTS_DAYS = 14;

export type AppointmentChange = 'created' | 'updated';

export function publishAppointmentChange(ctx: RequestContext, a: Appointment, change: AppointmentChange): Promise<void> {
  return publishLive(ctx, 'appointments.changed', { id: a.id, franchiseId: a.franchiseId, doctorId: a.doctorId, storeId: a.storeId, change });
}

export const appointmentLoader = (ctx: RequestContext) => byIdLoader(ctx, Appointment);

/** The appointment, or null when missing or at a store outside the caller's part of the org tree. */
export async function findAppointment(ctx: RequestContext, id: string): Promise<Appointment | null> {
  const a = await appointmentLoader(ctx).load(id);
  return a && (await findOrgUnit(ctx, a.storeId)) ? a : null;
}

async function getAppointment(ctx: RequestContext, id: string, version: number): Promise<Appointment> {
  const a = await findAppointment(ctx, id);
  if (!a) throw new NotFoundError('Appointment', id);
  checkVersion(a, version, 'Appointment');
  return a;
}

// ---------------------------------------------------------------------------- booking

interface Slotted {
  franchiseId: string;
  customerId: string;
  doctorId: string;
  store: OrgUnit;
  serviceId: string;
  startsAt: Date;
}

/** Who, where, what and when, checked: the time must be a slot of the doctor's schedule there (bookings aside). */
async function checkSlot(ctx: RequestContext, input: { customerId: string; doctorId: string; storeId: string; serviceId: string; startsAt: Date }): Promise<Slotted & { endsAt: Date; blockedUntil: Date }> {
  const doctor = await getDoctor(ctx, input.doctorId);
  await assertVerified(ctx, doctor);
  const customer = await getCustomer(ctx, input.customerId);
  const store = await getStore(ctx, input.storeId, doctor.franchiseId);
  const service = await getHealthService(ctx, input.serviceId);
  if (service.franchiseId !== doctor.franchiseId) throw new NotFoundError('Service', input.serviceId);
  if (customer.franchiseId !== doctor.franchiseId) throw new BadUserInputError({ field: 'customerId', message: 'the customer belongs to another franchise than the doctor', reason: 'OTHER_FRANCHISE' });
  if (!service.active) throw new BadUserInputError({ field: 'serviceId', message: `${service.name} is no longer offered`, reason: 'INACTIVE', params: { name: service.name } });
  if (input.startsAt < clock.now()) throw new BadUserInputError({ field: 'startsAt', message: `${input.startsAt.toISOString()} has passed`, reason: 'IN_THE_PAST' });
  const fits = await availableSlots(ctx, { doctorId: doctor.id, storeId: store.id, serviceId: service.id, from: input.startsAt, to: new Date(input.startsAt.getTime() + 1), ignoreBookings: true });
  if (!fits.length)
    throw new BadUserInputError({
      field: 'startsAt',
      message: `${doctor.displayName} has no ${service.name} slot at ${store.name} at ${input.startsAt.toISOString()} (outside the hours, on a break, on leave or a holiday)`,
      reason: 'NOT_A_SLOT',
      params: { startsAt: input.startsAt.toISOString() },
    });
  const endsAt = fits[0]!.endsAt;
  return { franchiseId: doctor.franchiseId, customerId: customer.id, doctorId: doctor.id, store, serviceId: service.id, startsAt: input.startsAt, endsAt, blockedUntil: new Date(endsAt.getTime() + service.bufferMinutes * 60_000) };
}

/**
 * Inserts the appointment unless an active one of the doctor overlaps it: then CONFLICT with
 * reason SLOT_TAKEN and the next free slots of the doctor there.
 */
async function insertAppointment(ctx: RequestContext, slot: Slotted & { endsAt: Date; blockedUntil: Date }, fields: { channel: AppointmentChannel; status: AppointmentStatus; note?: string | null; verifyDueAt?: Date | null; verifiedAt?: Date | null; verifiedById?: string | null; rescheduledFromId?: string | null }): Promise<Appointment> {
  const actor = requireActor(ctx);
  const now = clock.now();
  const franchise = await ctx.em.findOneOrFail(OrgUnit, { id: slot.franchiseId });
  const year = numberingYear(now, franchise.timeZone);
  const appointmentNo = formatNumber(`${franchise.code ?? 'A'}-YY`, year, await nextNumber(ctx.em, slot.franchiseId, 'appointment', year));
  const id = randomUUID();
  const inserted: { id: string }[] = await ctx.em.execute(
    `insert into appointment (id, franchise_id, version, created_at, updated_at, appointment_no, customer_id, doctor_id, store_id, service_id, channel, status, starts_at, ends_at, blocked_until, note, created_by_id, verify_due_at, verified_at, verified_by_id, escalation_level, rescheduled_from_id)
     values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AGENT', ?) on conflict do nothing returning id`,
    [
      id, slot.franchiseId, now, now, appointmentNo, slot.customerId, slot.doctorId, slot.store.id, slot.serviceId, fields.channel, fields.status, slot.startsAt, slot.endsAt, slot.blockedUntil,
      fields.note?.trim() || null, actor.kind === 'user' ? actor.id : null, fields.verifyDueAt ?? null, fields.verifiedAt ?? null, fields.verifiedById ?? null, fields.rescheduledFromId ?? null,
    ],
  );
  if (!inserted.length) {
    const next = await availableSlots(ctx, { doctorId: slot.doctorId, storeId: slot.store.id, serviceId: slot.serviceId, from: slot.startsAt, to: new Date(slot.startsAt.getTime() + NEXT_SLOTS_DAYS * DAY_MS), limit: NEXT_SLOTS });
    throw new ConflictError(`the doctor is already booked at ${slot.startsAt.toISOString()}; pick another slot`, {
      reason: 'SLOT_TAKEN',
      params: { startsAt: slot.startsAt.toISOString() },
      nextSlots: next.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    });
  }
  return ctx.em.findOneOrFail(Appointment, { id });
}

/** `bookAppointment`: phone and in-person bookings are confirmed at once; online requests wait for verification within the franchise's working minutes. */
export async function bookAppointment(ctx: RequestContext, input: BookAppointmentInput): Promise<Appointment> {
  const actor = requireActor(ctx);
  const slot = await checkSlot(ctx, input);
  const now = clock.now();
  const online = input.channel === AppointmentChannel.ONLINE;
  let verifyDueAt: Date | null = null;
  if (online) {
    const [settings, policy] = await Promise.all([appointmentSettings(ctx, slot.franchiseId), policyFor(ctx.em, slot.franchiseId, 'general')]);
    verifyDueAt = addBusinessMinutes(policy.calendar, now, settings.verifyWithinMinutes);
  }
  const a = await insertAppointment(ctx, slot, {
    channel: input.channel,
    status: online ? AppointmentStatus.REQUESTED : AppointmentStatus.CONFIRMED,
    note: input.note,
    verifyDueAt,
    verifiedAt: online ? null : now,
    verifiedById: online || actor.kind !== 'user' ? null : actor.id,
  });
  await booked(ctx, a);
  return a;
}

async function booked(ctx: RequestContext, a: Appointment): Promise<void> {
  await publishEvent(ctx, 'appointment.booked', a.franchiseId, {
    appointmentId: a.id,
    appointmentNo: a.appointmentNo,
    customerId: a.customerId,
    doctorId: a.doctorId,
    storeId: a.storeId,
    serviceId: a.serviceId,
    channel: a.channel,
    status: a.status,
    startsAt: a.startsAt.toISOString(),
    rescheduledFromId: a.rescheduledFromId ?? null,
  });
  await publishAppointmentChange(ctx, a, 'created');
}

// ---------------------------------------------------------------------------- changes

const ALLOWED: Record<string, AppointmentStatus[]> = {
  confirm: [AppointmentStatus.REQUESTED],
  checkIn: [AppointmentStatus.CONFIRMED],
  complete: [AppointmentStatus.CHECKED_IN],
  noShow: [AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED],
  cancel: [AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED],
  reschedule: [AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED],
};

function assertAllowed(a: Appointment, action: keyof typeof ALLOWED): void {
  const allowed = ALLOWED[action]!;
  if (!allowed.includes(a.status)) throw new InvalidTransitionError(a.status, action, Object.keys(ALLOWED).filter((k) => ALLOWED[k]!.includes(a.status)));
}

/**
 * The notice rule: changes and cancellations are free until the end of the day `noticeDays`
 * days before the appointment's day (in the store's zone; default 1: until the day before).
 * Inside the notice period they need appointment:late_change. Returns whether it was late.
 */
async function checkNotice(ctx: RequestContext, a: Appointment, action: string): Promise<boolean> {
  const [settings, store] = await Promise.all([appointmentSettings(ctx, a.franchiseId), findOrgUnit(ctx, a.storeId)]);
  const timeZone = store?.timeZone ?? 'Asia/Shanghai';
  const day = calendarDate(a.startsAt, timeZone);
  const lateFrom = instantAt(timeZone, new Date(Date.parse(`${day}T00:00:00Z`) - (settings.noticeDays - 1) * DAY_MS).toISOString().slice(0, 10), 0);
  if (clock.now() < lateFrom) return false;
  if (!ctx.actor?.permissions.has(AppointmentPermission['appointment:late_change']))
    throw new ForbiddenError(`appointment ${a.appointmentNo} is inside the ${settings.noticeDays}-day notice period (from ${lateFrom.toISOString()}): to ${action} it now needs appointment:late_change`, {
      reason: 'INSIDE_NOTICE_PERIOD',
      params: { noticeDays: settings.noticeDays, lateFrom: lateFrom.toISOString(), permission: AppointmentPermission['appointment:late_change'] },
    });
  return true;
}

async function changed(ctx: RequestContext, a: Appointment, from: AppointmentStatus, extra: { reason?: string | null; late?: boolean } = {}): Promise<Appointment> {
  await ctx.em.flush();
  await publishEvent(ctx, 'appointment.status_changed', a.franchiseId, {
    appointmentId: a.id,
    appointmentNo: a.appointmentNo,
    customerId: a.customerId,
    doctorId: a.doctorId,
    storeId: a.storeId,
    from,
    to: a.status,
    reason: extra.reason ?? null,
    rescheduledToId: a.rescheduledToId ?? null,
    late: extra.late ?? false,
  });
  await publishAppointmentChange(ctx, a, 'updated');
  return a;
}

const userId = (ctx: RequestContext) => (ctx.actor?.kind === 'user' ? ctx.actor.id : null);

/** Verifies an online request (the customer was reached and the time agreed): its clock stops. */
export async function confirmAppointment(ctx: RequestContext, id: string, version: number): Promise<Appointment> {
  const a = await getAppointment(ctx, id, version);
  assertAllowed(a, 'confirm');
  Object.assign(a, { status: AppointmentStatus.CONFIRMED, verifiedAt: clock.now(), verifiedById: userId(ctx) });
  return changed(ctx, a, AppointmentStatus.REQUESTED);
}

export async function checkInAppointment(ctx: RequestContext, id: string, version: number): Promise<Appointment> {
  const a = await getAppointment(ctx, id, version);
  assertAllowed(a, 'checkIn');
  Object.assign(a, { status: AppointmentStatus.CHECKED_IN, checkedInAt: clock.now() });
  return changed(ctx, a, AppointmentStatus.CONFIRMED);
}

export async function completeAppointment(ctx: RequestContext, id: string, version: number): Promise<Appointment> {
  const a = await getAppointment(ctx, id, version);
  assertAllowed(a, 'complete');
  Object.assign(a, { status: AppointmentStatus.COMPLETED, completedAt: clock.now() });
  return changed(ctx, a, AppointmentStatus.CHECKED_IN);
}

/** The customer did not come: only once the appointment has started. */
export async function markNoShow(ctx: RequestContext, id: string, version: number): Promise<Appointment> {
  const a = await getAppointment(ctx, id, version);
  assertAllowed(a, 'noShow');
  const now = clock.now();
  if (now < a.startsAt) throw new BadUserInputError({ field: 'id', message: `appointment ${a.appointmentNo} starts at ${a.startsAt.toISOString()}: not a no-show yet`, reason: 'NOT_STARTED', params: { startsAt: a.startsAt.toISOString() } });
  const from = a.status;
  Object.assign(a, { status: AppointmentStatus.NO_SHOW, noShowAt: now });
  return changed(ctx, a, from);
}

export async function cancelAppointment(ctx: RequestContext, id: string, version: number, reason: string): Promise<Appointment> {
  const a = await getAppointment(ctx, id, version);
  assertAllowed(a, 'cancel');
  if (!reason.trim()) throw new BadUserInputError({ field: 'reason', message: 'say why the appointment is cancelled', reason: 'REQUIRED' });
  const late = await checkNotice(ctx, a, 'cancel');
  const from = a.status;
  Object.assign(a, { status: AppointmentStatus.CANCELLED, cancelledAt: clock.now(), cancelledById: userId(ctx), cancelReason: reason.trim() });
  return changed(ctx, a, from, { reason: reason.trim(), late });
}

/**
 * Moves an appointment: the old one becomes RESCHEDULED (its slot is free at once, in this
 * transaction) and links to a new one at the new slot, which keeps the old one's channel and
 * verification. A taken slot refuses the whole move (SLOT_TAKEN): the old one stands.
 */
export async function rescheduleAppointment(ctx: RequestContext, input: RescheduleAppointmentInput): Promise<Appointment> {
  const old = await getAppointment(ctx, input.id, input.version);
  assertAllowed(old, 'reschedule');
  const late = await checkNotice(ctx, old, 'reschedule');
  const slot = await checkSlot(ctx, { customerId: old.customerId, doctorId: input.doctorId ?? old.doctorId, storeId: input.storeId ?? old.storeId, serviceId: input.serviceId ?? old.serviceId, startsAt: input.startsAt });
  const from = old.status;
  old.status = AppointmentStatus.RESCHEDULED;
  await ctx.em.flush();
  const next = await insertAppointment(ctx, slot, {
    channel: old.channel,
    status: from,
    note: old.note,
    verifyDueAt: old.verifyDueAt,
    verifiedAt: old.verifiedAt,
    verifiedById: old.verifiedById,
    rescheduledFromId: old.id,
  });
  if (old.verificationBreachedAt) Object.assign(next, { verificationBreachedAt: old.verificationBreachedAt, escalationLevel: old.escalationLevel });
  old.rescheduledToId = next.id;
  await changed(ctx, old, from, { reason: input.reason?.trim() || null, late });
  await booked(ctx, next);
  return next;
}

