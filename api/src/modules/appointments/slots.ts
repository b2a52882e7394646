import { calendarDate } from '../../core/clock';
import { instantAt } from '../cases/business-time';
import { ScheduleExceptionKind } from './appointment.entity';

/**
 * Free slots of one doctor at one store, computed from the weekly hours, the daily breaks,
 * leave and one-off hours, the franchise's holidays and the doctor's active appointments (at
 * any store, each holding its time plus its service's buffer). Local dates and times are the
 * store's time zone. Pure: the service loads what it needs and passes it in.
 */

interface Period {
  start: string;
  end: string;
}

export interface SlotInput {
  timeZone: string;
  weeklyHours: { weekday: number; periods: Period[] }[];
  breaks: Period[];
  slotMinutes: number;
  /** Local dates (YYYY-MM-DD) that are days off. */
  holidays: readonly string[];
  exceptions: readonly { kind: ScheduleExceptionKind; fromDate: string; toDate: string; periods: Period[] }[];
  /** Times the doctor is taken: [start, blockedUntil) of each active appointment. */
  busy: readonly { startsAt: Date; blockedUntil: Date }[];
  durationMinutes: number;
  bufferMinutes: number;
  /** Slots starting in [from, to), and not before `notBefore` (now). */
  from: Date;
  to: Date;
  notBefore?: Date;
  limit?: number;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const minutes = (hhmm: string): number => (hhmm === '24:00' ? 1440 : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)));

/** The periods minus the breaks, as [start, end) minutes of the day. */
function workingMinutes(periods: Period[], breaks: Period[]): [number, number][] {
  let open: [number, number][] = periods.map((p) => [minutes(p.start), minutes(p.end)]);
  for (const b of breaks) {
    const [bs, be] = [minutes(b.start), minutes(b.end)];
    open = open.flatMap(([s, e]): [number, number][] => (be <= s || bs >= e ? [[s, e]] : ([[s, bs], [be, e]] as [number, number][]).filter(([a, z]) => z > a)));
  }
  return open.sort((a, b) => a[0] - b[0]);
}

/** Local dates from one to another, inclusive. */
function* dates(first: string, last: string): Generator<string> {
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY) yield new Date(t).toISOString().slice(0, 10);
}

export function computeSlots(input: SlotInput): Slot[] {
  const { timeZone, durationMinutes, bufferMinutes, slotMinutes } = input;
  const notBefore = Math.max(input.from.getTime(), input.notBefore?.getTime() ?? -Infinity);
  const busy = [...input.busy].map((b) => [b.startsAt.getTime(), b.blockedUntil.getTime()] as const);
  const holidays = new Set(input.holidays);
  const slots: Slot[] = [];
  for (const date of dates(calendarDate(input.from, timeZone), calendarDate(new Date(input.to.getTime() - 1), timeZone))) {
    if (holidays.has(date)) continue;
    const covering = input.exceptions.filter((e) => e.fromDate <= date && date <= e.toDate);
    if (covering.some((e) => e.kind === ScheduleExceptionKind.LEAVE)) continue;
    const oneOff = covering.find((e) => e.kind === ScheduleExceptionKind.HOURS);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const periods = oneOff ? oneOff.periods : (input.weeklyHours.find((d) => d.weekday === weekday)?.periods ?? []);
    for (const [start, end] of workingMinutes(periods, input.breaks)) {
      for (let m = start; m + durationMinutes <= end; m += slotMinutes) {
        const startsAt = instantAt(timeZone, date, m).getTime();
        if (startsAt < notBefore || startsAt >= input.to.getTime()) continue;
        const endsAt = startsAt + durationMinutes * MINUTE;
        const blockedUntil = endsAt + bufferMinutes * MINUTE;
        if (busy.some(([s, e]) => startsAt < e && blockedUntil > s)) continue;
        slots.push({ startsAt: new Date(startsAt), endsAt: new Date(endsAt) });
        if (input.limit && slots.length >= input.limit) return slots;
      }
    }
  }
  return slots;
}
