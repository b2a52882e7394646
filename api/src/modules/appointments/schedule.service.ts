import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, NotFoundError, type FieldProblem } from '../../core/errors';
import { byIdLoader } from '../../core/loaders';
import { readRows } from '../../core/read/sql';
import { readFranchiseSettings, updateFranchiseSettings } from '../../core/services/franchise-settings';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { validateCalendar } from '../cases/business-time';
import { policyFor } from '../cases/sla.service';
import { findStaff } from '../identity/staff.service';
import { JobTitle, type StaffUser } from '../identity/staff-user.entity';
import { OrgUnitKind, type OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { ACTIVE_STATUSES, AppointmentSettings, DoctorSchedule, HealthService, ScheduleException, ScheduleExceptionKind } from './appointment.entity';
import type { AppointmentSettingsInput, DoctorScheduleInput, HealthServiceInput, ScheduleExceptionInput } from './appointment.types';
import { computeSlots, type Slot } from './slots';

/**
 * What can be booked: the franchise's services, its doctors' weekly hours per store with
 * breaks, leave and one-off hours, and the free slots computed from them (schedule:manage
 * writes, appointment:read reads).
 */

/** Free slots are asked for at most this many days at once. */
export const MAX_SLOT_RANGE_DAYS = 62;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------- who and where

/** A doctor in the caller's scope (NOT_FOUND otherwise); another job title is refused. */
export async function getDoctor(ctx: RequestContext, id: string, field = 'doctorId'): Promise<StaffUser> {
  const doctor = await findStaff(ctx, id);
  if (!doctor) throw new NotFoundError('Doctor', id);
  if (doctor.jobTitle !== JobTitle.DOCTOR) throw new BadUserInputError({ field, message: `${doctor.displayName} is not a doctor (${doctor.jobTitle})`, reason: 'NOT_A_DOCTOR', params: { jobTitle: doctor.jobTitle } });
  return doctor;
}

/** A store or branch center in the caller's scope, of the doctor's franchise. */
export async function getStore(ctx: RequestContext, id: string, franchiseId: string, field = 'storeId'): Promise<OrgUnit> {
  const store = await findOrgUnit(ctx, id);
  if (!store) throw new NotFoundError('Store', id);
  if (store.kind !== OrgUnitKind.STORE && store.kind !== OrgUnitKind.BRANCH_CENTER)
    throw new BadUserInputError({ field, message: `${store.name} is a ${store.kind}, not a store or branch center`, reason: 'NOT_A_STORE', params: { kind: store.kind } });
  if (store.franchiseId !== franchiseId) throw new BadUserInputError({ field, message: `${store.name} belongs to another franchise than the doctor`, reason: 'OTHER_FRANCHISE' });
  return store;
}

export const healthServiceLoader = (ctx: RequestContext) => byIdLoader(ctx, HealthService);

export async function getHealthService(ctx: RequestContext, id: string): Promise<HealthService> {
  const service = await healthServiceLoader(ctx).load(id);
  if (!service) throw new NotFoundError('Service', id);
  return service;
}

// ---------------------------------------------------------------------------- services

export function listHealthServices(ctx: RequestContext): Promise<HealthService[]> {
  return ctx.em.find(HealthService, {}, { orderBy: { kind: 'asc', name: 'asc', id: 'asc' } });
}

export async function createHealthService(ctx: RequestContext, input: HealthServiceInput): Promise<HealthService> {
  const franchiseId = requireActor(ctx).franchiseId;
  await assertServiceNameFree(ctx, franchiseId, input.name, null);
  const service = ctx.em.create(HealthService, { ...input, name: input.name.trim(), franchiseId });
  await ctx.em.flush();
  return service;
}

export async function updateHealthService(ctx: RequestContext, id: string, version: number, update: HealthServiceInput): Promise<HealthService> {
  const service = await getHealthService(ctx, id);
  checkVersion(service, version, 'Service');
  await assertServiceNameFree(ctx, service.franchiseId, update.name, service.id);
  applyUpdate(service, { ...update, name: update.name.trim() });
  await ctx.em.flush();
  return service;
}

async function assertServiceNameFree(ctx: RequestContext, franchiseId: string, name: string, except: string | null): Promise<void> {
  const clash = await ctx.em.findOne(HealthService, { franchiseId, name: name.trim(), ...(except ? { id: { $ne: except } } : {}) });
  if (clash) throw new BadUserInputError({ field: 'name', message: `a service named ${name.trim()} already exists`, reason: 'DUPLICATE', params: { name: name.trim() } });
}

// ---------------------------------------------------------------------------- schedules

function periodProblems(field: string, weeklyHours: DoctorScheduleInput['weeklyHours'], breaks: DoctorScheduleInput['breaks']): FieldProblem[] {
  const hours = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, weeklyHours.find((w) => w.weekday === d)?.periods ?? []]));
  const problems: FieldProblem[] = [];
  const weekdays = weeklyHours.map((w) => w.weekday);
  if (new Set(weekdays).size !== weekdays.length) problems.push({ field: `${field}.weeklyHours`, message: 'lists a weekday twice', reason: 'DUPLICATE' });
  // The business calendar's checks: valid HH:MM, start before end, no overlaps; breaks likewise (as Monday's hours).
  const check = (spec: Record<number, { start: string; end: string }[]>, label: string) =>
    validateCalendar({ timeZone: 'UTC', workingHours: spec as never, holidays: [] })
      .filter((m) => !m.startsWith('The calendar has no working time'))
      .forEach((message) => problems.push({ field: `${field}.${label}`, message, reason: 'INVALID_PERIOD' }));
  check(hours, 'weeklyHours');
  if (breaks.length) check({ 0: [], 1: breaks, 2: [], 3: [], 4: [], 5: [], 6: [] }, 'breaks');
  return problems;
}

export function doctorSchedules(ctx: RequestContext, doctorId: string, storeId?: string | null): Promise<DoctorSchedule[]> {
  return getDoctor(ctx, doctorId).then(() => ctx.em.find(DoctorSchedule, { doctorId, ...(storeId ? { storeId } : {}) }, { orderBy: { storeId: 'asc' } }));
}

/** Sets a doctor's weekly hours at a store (creates the schedule the first time). */
export async function setDoctorSchedule(ctx: RequestContext, input: DoctorScheduleInput): Promise<DoctorSchedule> {
  const doctor = await getDoctor(ctx, input.doctorId);
  await getStore(ctx, input.storeId, doctor.franchiseId);
  const problems = periodProblems('input', input.weeklyHours, input.breaks);
  if (problems.length) throw new BadUserInputError(problems);
  let schedule = await ctx.em.findOne(DoctorSchedule, { doctorId: doctor.id, storeId: input.storeId });
  if (schedule && input.version != null) checkVersion(schedule, input.version, 'Schedule');
  const fields = {
    weeklyHours: [...input.weeklyHours].sort((a, b) => a.weekday - b.weekday).map((w) => ({ weekday: w.weekday, periods: w.periods.map(({ start, end }) => ({ start, end })) })),
    breaks: input.breaks.map(({ start, end }) => ({ start, end })),
    slotMinutes: input.slotMinutes,
  };
  if (schedule) applyUpdate(schedule, fields);
  else schedule = ctx.em.create(DoctorSchedule, { franchiseId: doctor.franchiseId, doctorId: doctor.id, storeId: input.storeId, ...fields });
  await ctx.em.flush();
  return schedule;
}

export async function listScheduleExceptions(ctx: RequestContext, doctorId: string, fromDate?: string | null, toDate?: string | null): Promise<ScheduleException[]> {
  await getDoctor(ctx, doctorId);
  return ctx.em.find(ScheduleException, { doctorId, ...(fromDate ? { toDate: { $gte: fromDate } } : {}), ...(toDate ? { fromDate: { $lte: toDate } } : {}) }, { orderBy: { fromDate: 'asc', id: 'asc' } });
}

export async function addScheduleException(ctx: RequestContext, input: ScheduleExceptionInput): Promise<ScheduleException> {
  const doctor = await getDoctor(ctx, input.doctorId);
  if (input.storeId) await getStore(ctx, input.storeId, doctor.franchiseId);
  const problems: FieldProblem[] = [];
  if (input.toDate < input.fromDate) problems.push({ field: 'input.toDate', message: `${input.toDate} is before ${input.fromDate}`, reason: 'BEFORE_START' });
  if (input.kind === ScheduleExceptionKind.HOURS && !input.periods.length) problems.push({ field: 'input.periods', message: 'one-off hours need at least one period', reason: 'REQUIRED' });
  problems.push(...periodProblems('input', [{ weekday: 1, periods: input.periods }], []).map((p) => ({ ...p, field: 'input.periods' })));
  if (problems.length) throw new BadUserInputError(problems);
  const exception = ctx.em.create(ScheduleException, {
    franchiseId: doctor.franchiseId,
    doctorId: doctor.id,
    storeId: input.storeId ?? null,
    kind: input.kind,
    fromDate: input.fromDate,
    toDate: input.toDate,
    periods: input.kind === ScheduleExceptionKind.HOURS ? input.periods.map(({ start, end }) => ({ start, end })) : [],
    reason: input.reason?.trim() || null,
  });
  await ctx.em.flush();
  return exception;
}

export async function removeScheduleException(ctx: RequestContext, id: string): Promise<ScheduleException> {
  const exception = await ctx.em.findOne(ScheduleException, { id });
  if (!exception || !(await findStaff(ctx, exception.doctorId))) throw new NotFoundError('Schedule exception', id);
  await ctx.em.remove(exception).flush();
  return exception;
}

// ---------------------------------------------------------------------------- settings

export function appointmentSettings(ctx: RequestContext, franchiseId: string): Promise<AppointmentSettings> {
  return readFranchiseSettings(ctx, AppointmentSettings, franchiseId);
}

export function updateAppointmentSettings(ctx: RequestContext, input: AppointmentSettingsInput): Promise<AppointmentSettings> {
  return updateFranchiseSettings(ctx, AppointmentSettings, 'Appointment settings of franchise', input, (settings) => {
    settings.noticeDays = input.noticeDays;
    settings.verifyWithinMinutes = input.verifyWithinMinutes;
  });
}

// ---------------------------------------------------------------------------- free slots

export interface SlotQuery {
  doctorId: string;
  storeId: string;
  serviceId: string;
  from: Date;
  to: Date;
  limit?: number;
  /** Ignore the doctor's appointments (is the time inside the schedule at all?). */
  ignoreBookings?: boolean;
}

/** What the free slots of a doctor at a store are computed from, besides the calendar: null without weekly hours there. */
interface ScheduleRow {
  weeklyHours: DoctorSchedule['weeklyHours'];
  breaks: DoctorSchedule['breaks'];
  slotMinutes: number;
  exceptions: { kind: ScheduleExceptionKind; fromDate: string; toDate: string; periods: { start: string; end: string }[] }[];
  /** The doctor's active appointments around [from, to) at any store ([] when bookings are ignored). */
  busy: { startsAt: string; blockedUntil: string }[];
}

/** The doctor's schedule at the store, its leave and one-off hours and the doctor's bookings over [from, to), as plain rows in one statement. */
async function readSchedule(ctx: RequestContext, doctorId: string, storeId: string, q: SlotQuery): Promise<ScheduleRow | undefined> {
  const busy = q.ignoreBookings
    ? `'[]'::json`
    : `(select coalesce(json_agg(json_build_object('startsAt', a.starts_at, 'blockedUntil', a.blocked_until)), '[]'::json) from appointment a
         where a.doctor_id = s.doctor_id and a.status in (${ACTIVE_STATUSES.map(() => '?').join(', ')}) and a.starts_at < ? and a.blocked_until > ?)`;
  const [row] = await readRows<ScheduleRow>(
    ctx.em,
    `select s.weekly_hours as "weeklyHours", s.breaks, s.slot_minutes as "slotMinutes",
            (select coalesce(json_agg(json_build_object('kind', x.kind, 'fromDate', x.from_date, 'toDate', x.to_date, 'periods', x.periods)), '[]'::json) from doctor_schedule_exception x
              where x.doctor_id = s.doctor_id and (x.store_id is null or x.store_id = s.store_id) and x.to_date >= ?::date and x.from_date <= ?::date) as exceptions,
            ${busy} as busy
       from doctor_schedule s where s.doctor_id = ? and s.store_id = ?`,
    [
      // Local dates a day either side: the store's zone is within a day of UTC.
      new Date(q.from.getTime() - DAY_MS).toISOString().slice(0, 10),
      new Date(q.to.getTime() + DAY_MS).toISOString().slice(0, 10),
      ...(q.ignoreBookings ? [] : [...ACTIVE_STATUSES, q.to, q.from]),
      doctorId,
      storeId,
    ],
  );
  return row;
}

/** `availableSlots`: free slots in [from, to) in the store's time zone, never in the past. */
export async function availableSlots(ctx: RequestContext, q: SlotQuery): Promise<Slot[]> {
  if (!(q.to > q.from)) throw new BadUserInputError({ field: 'to', message: 'must be after from', reason: 'BEFORE_START' });
  if (q.to.getTime() - q.from.getTime() > MAX_SLOT_RANGE_DAYS * DAY_MS)
    throw new BadUserInputError({ field: 'to', message: `slots are computed for at most ${MAX_SLOT_RANGE_DAYS} days at once`, reason: 'RANGE_TOO_LONG', params: { maxDays: MAX_SLOT_RANGE_DAYS } });
  const doctor = await getDoctor(ctx, q.doctorId);
  const store = await getStore(ctx, q.storeId, doctor.franchiseId);
  const service = await getHealthService(ctx, q.serviceId);
  if (service.franchiseId !== doctor.franchiseId) throw new NotFoundError('Service', q.serviceId);
  const schedule = await readSchedule(ctx, doctor.id, store.id, q);
  if (!schedule) return [];
  const policy = await policyFor(ctx.em, doctor.franchiseId, 'general');
  return computeSlots({
    timeZone: store.timeZone,
    weeklyHours: schedule.weeklyHours,
    breaks: schedule.breaks,
    slotMinutes: schedule.slotMinutes,
    holidays: policy.calendar.holidays,
    exceptions: schedule.exceptions,
    busy: schedule.busy.map((b) => ({ startsAt: new Date(b.startsAt), blockedUntil: new Date(b.blockedUntil) })),
    durationMinutes: service.durationMinutes,
    bufferMinutes: service.bufferMinutes,
    from: q.from,
    to: q.to,
    notBefore: clock.now(),
    limit: q.limit,
  });
}
