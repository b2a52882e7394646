import type { EntityManager } from '@mikro-orm/postgresql';
import { addBusinessMinutes, businessMinutesBetween, endOfWorkingDays, workingDaysAllDay, type BusinessCalendarSpec } from '../cases/business-time';
import { SlaStatus } from '../cases/case.entity';
import { policyFor } from '../cases/sla.service';
import { ReturnClock, type ReturnRequest } from './return.entity';

/**
 * The two clocks of a return, on the franchise's business calendar (its default SLA policy's,
 * the one its cases count on): the review within 24 hours of working days (weekends and
 * holidays do not count, make-up workdays do), and the refund or exchange within 3 working
 * days after the inspection (the closing time of the third working day). Each warns at the
 * policy's threshold share (80 % by default) and, when breached, escalates the return.
 */

export const REVIEW_HOURS = 24;
export const REFUND_WORKING_DAYS = 3;

interface Schedule {
  dueAt: Date;
  warnAt: Date;
}

export async function franchiseClockPolicy(em: EntityManager, franchiseId: string): Promise<{ calendar: BusinessCalendarSpec; warningThreshold: number }> {
  const policy = await policyFor(em, franchiseId, 'general');
  return { calendar: policy.calendar, warningThreshold: policy.warningThreshold };
}

export function reviewSchedule(calendar: BusinessCalendarSpec, warningThreshold: number, from: Date): Schedule {
  const days = workingDaysAllDay(calendar);
  return { dueAt: addBusinessMinutes(days, from, REVIEW_HOURS * 60), warnAt: addBusinessMinutes(days, from, REVIEW_HOURS * 60 * warningThreshold) };
}

export function refundSchedule(calendar: BusinessCalendarSpec, warningThreshold: number, from: Date): Schedule {
  const dueAt = endOfWorkingDays(calendar, from, REFUND_WORKING_DAYS);
  return { dueAt, warnAt: addBusinessMinutes(calendar, from, businessMinutesBetween(calendar, from, dueAt) * warningThreshold) };
}

/** Starts a clock: the return's running clock, due and warning times. */
export async function startReturnClock(em: EntityManager, r: ReturnRequest, clock: ReturnClock, now: Date): Promise<void> {
  const { calendar, warningThreshold } = await franchiseClockPolicy(em, r.franchiseId);
  const { dueAt, warnAt } = (clock === ReturnClock.REVIEW ? reviewSchedule : refundSchedule)(calendar, warningThreshold, now);
  if (clock === ReturnClock.REVIEW) r.reviewDueAt = dueAt;
  else r.refundDueAt = dueAt;
  Object.assign(r, { slaClock: clock, slaDueAt: dueAt, slaWarnAt: warnAt, slaWarnedAt: null, slaStatus: SlaStatus.OK });
}

/** Stops the running clock as met (the review answered, the refund paid, the return closed). */
export function meetReturnClock(r: ReturnRequest, now: Date): void {
  if (!r.slaClock) return;
  if (r.slaClock === ReturnClock.REVIEW) r.reviewMetAt = now;
  else r.refundMetAt = now;
  Object.assign(r, { slaClock: null, slaDueAt: null, slaWarnAt: null, slaWarnedAt: null, slaStatus: null });
}
