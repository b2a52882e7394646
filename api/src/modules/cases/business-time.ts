/**
 * Business-time arithmetic for SLA clocks: working minutes and working days on a
 * calendar of weekly working hours, holidays and make-up working days (调休), in the
 * calendar's own IANA time zone. Pure and dependency-free; every function takes and
 * returns instants (Date) and never mutates its inputs.
 *
 * Working periods are half-open local intervals [start, end); an end of '24:00' means
 * the following local midnight. Local times that a DST change skips are moved forward
 * by the gap, and ambiguous ones (clocks turned back) take the earlier instant, so a
 * 09:00–17:00 day stays 09:00–17:00 on the wall clock whatever the UTC offset.
 * Iteration is per local day and period, never per minute.
 */

/** A working period in local wall-clock time, 'HH:MM' (24h); start < end, end may be '24:00'. */
export interface WorkingPeriod {
  start: string;
  end: string;
}

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface BusinessCalendarSpec {
  /** IANA time zone, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday (local weekday); an empty array is a day off. */
  workingHours: Record<Weekday, WorkingPeriod[]>;
  /** 'YYYY-MM-DD' local dates that are days off. They win over an extra working day on the same date. */
  holidays: string[];
  /** Make-up working days (e.g. a worked Saturday); periods default to Monday's hours. */
  extraWorkdays?: { date: string; periods?: WorkingPeriod[] }[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Days without any working time after which a search gives up (about three years). */
const MAX_IDLE_DAYS = 3 * 366;
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const weekdays = (periods: WorkingPeriod[]): Record<Weekday, WorkingPeriod[]> => ({ 0: [], 1: periods, 2: periods, 3: periods, 4: periods, 5: periods, 6: [] });

/** Asia/Shanghai, Monday to Friday 09:00–12:00 and 13:00–18:00, no holidays. */
export const DEFAULT_CALENDAR: BusinessCalendarSpec = deepFreeze({
  timeZone: 'Asia/Shanghai',
  workingHours: weekdays([
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ]),
  holidays: [],
});

const allDay = (): WorkingPeriod[] => [{ start: '00:00', end: '24:00' }];

/** Open around the clock (Asia/Shanghai): business time equals wall-clock time. */
export const ALWAYS_OPEN: BusinessCalendarSpec = deepFreeze({
  timeZone: 'Asia/Shanghai',
  workingHours: { 0: allDay(), 1: allDay(), 2: allDay(), 3: allDay(), 4: allDay(), 5: allDay(), 6: allDay() },
  holidays: [],
});

// ---------------------------------------------------------------- time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for an unknown time zone. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall-clock reading of an instant, as milliseconds of a UTC-based timeline. */
function wallClock(timeZone: string, instant: number): number {
  const hour = Math.floor(instant / HOUR);
  const offsets = hourOffsets.get(timeZone);
  let offset = offsets?.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR;
    const last = start + HOUR - 1000;
    const atStart = formattedWallClock(timeZone, start) - start; // throws for an unknown zone, before anything is kept
    offset = atStart === formattedWallClock(timeZone, last) - last ? atStart : NaN;
    if (!offsets) hourOffsets.set(timeZone, new Map([[hour, offset]]));
    else {
      if (offsets.size >= 100_000) offsets.clear();
      offsets.set(hour, offset);
    }
  }
  return Number.isNaN(offset) ? formattedWallClock(timeZone, instant) : instant + offset;
}

/**
 * UTC offsets by time zone and hour (an hour holds at most one change of offset, so one whose
 * first and last second agree has a single offset; NaN marks an hour with a change in it).
 * Formatting an instant in a zone is the SLA arithmetic's main cost.
 */
const HOUR = 3_600_000;
const hourOffsets = new Map<string, Map<number, number>>();

function formattedWallClock(timeZone: string, instant: number): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + ms;
}

const offsetAt = (timeZone: string, instant: number): number => wallClock(timeZone, instant) - instant;

/** Local day number (days since 1970-01-01) of an instant. */
const localDay = (timeZone: string, instant: number): number => Math.floor(wallClock(timeZone, instant) / DAY);

/** The instant of a local wall-clock time (ms on the UTC-based timeline); gaps move forward, overlaps take the earlier instant. */
function instantOf(timeZone: string, wall: number): number {
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  if (before === after) return wall - before;
  const early = wall - before;
  const late = wall - after;
  const earlyOk = offsetAt(timeZone, early) === before;
  const lateOk = offsetAt(timeZone, late) === after;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (lateOk) return late;
  return early; // valid, or in a gap: read with the offset before the change, i.e. shifted forward
}

/** The instant of a minute of a local date in a zone ('2026-12-17', 9 * 60: 09:00 there); skipped local times move forward. */
export function instantAt(timeZone: string, date: string, minute: number): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(instantOf(timeZone, Date.UTC(y!, m! - 1, d!) + minute * MINUTE));
}

// ---------------------------------------------------------------- calendar

interface Compiled {
  timeZone: string;
  weekly: [number, number][][]; // per weekday, [startMinute, endMinute] sorted
  holidays: Set<string>;
  extra: Map<string, [number, number][]>;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseTime(text: unknown): number | undefined {
  if (typeof text !== 'string' || !TIME.test(text)) return undefined;
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

function isDate(text: unknown): text is string {
  const m = typeof text === 'string' ? DATE.exec(text) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** Parsed periods plus the problems found in them. */
function checkPeriods(periods: unknown, where: string, problems: string[]): [number, number][] {
  if (!Array.isArray(periods)) {
    problems.push(`${where}: working periods must be an array`);
    return [];
  }
  const parsed: [number, number][] = [];
  periods.forEach((p: Partial<WorkingPeriod> | undefined, i) => {
    const start = parseTime(p?.start);
    const end = parseTime(p?.end);
    const label = `${where} period ${i + 1}`;
    if (start === undefined || start === 1440) problems.push(`${label}: start ${JSON.stringify(p?.start)} is not a valid HH:MM time`);
    if (end === undefined) problems.push(`${label}: end ${JSON.stringify(p?.end)} is not a valid HH:MM time`);
    if (start === undefined || start === 1440 || end === undefined) return;
    if (start >= end) problems.push(`${label}: start ${p!.start} is not before end ${p!.end}`);
    else parsed.push([start, end]);
  });
  parsed.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < parsed.length; i++) {
    const [prev, cur] = [parsed[i - 1]!, parsed[i]!];
    if (cur[0] < prev[1]) problems.push(`${where}: periods ${hhmm(prev[0])}–${hhmm(prev[1])} and ${hhmm(cur[0])}–${hhmm(cur[1])} overlap`);
  }
  return parsed;
}

const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function inspect(cal: BusinessCalendarSpec): { problems: string[]; compiled: Compiled } {
  const problems: string[] = [];
  try {
    if (typeof cal.timeZone !== 'string') throw new RangeError();
    formatter(cal.timeZone);
  } catch {
    problems.push(`Unknown time zone ${JSON.stringify(cal.timeZone)}`);
  }
  const weekly: [number, number][][] = [];
  for (let day = 0; day < 7; day++) {
    const periods = cal.workingHours?.[day as Weekday];
    const where = `workingHours[${day}] (${WEEKDAY_NAMES[day]})`;
    if (periods === undefined) problems.push(`${where} is missing`);
    weekly.push(periods === undefined ? [] : checkPeriods(periods, where, problems));
  }
  if (weekly.every((periods) => periods.length === 0)) problems.push('The calendar has no working time in any day of the week');

  const holidays = new Set<string>();
  (cal.holidays ?? []).forEach((date, i) => {
    if (isDate(date)) holidays.add(date);
    else problems.push(`holidays[${i}]: ${JSON.stringify(date)} is not a valid YYYY-MM-DD date`);
  });

  const extra = new Map<string, [number, number][]>();
  (cal.extraWorkdays ?? []).forEach((entry, i) => {
    const where = `extraWorkdays[${i}]`;
    if (!isDate(entry?.date)) {
      problems.push(`${where}: ${JSON.stringify(entry?.date)} is not a valid YYYY-MM-DD date`);
      return;
    }
    if (extra.has(entry.date)) problems.push(`${where}: ${entry.date} is listed more than once`);
    if (holidays.has(entry.date)) problems.push(`${where}: ${entry.date} is also a holiday`);
    const periods = entry.periods === undefined ? weekly[1]! : checkPeriods(entry.periods, `${where} (${entry.date})`, problems);
    if (periods.length === 0) problems.push(`${where}: ${entry.date} has no working periods (and Monday has none to default to)`);
    extra.set(entry.date, periods);
  });
  return { problems, compiled: { timeZone: cal.timeZone, weekly, holidays, extra } };
}

/** Human-readable problems with a calendar; empty when it is valid. */
export function validateCalendar(cal: BusinessCalendarSpec): string[] {
  return inspect(cal).problems;
}

function compile(cal: BusinessCalendarSpec): Compiled {
  const { problems, compiled } = inspect(cal);
  if (problems.length) throw new Error(`Invalid business calendar: ${problems.join('; ')}`);
  return compiled;
}

/** Working intervals [start, end) as instants (ms) of one local day, in order; empty on a day off. */
function intervalsOf(c: Compiled, day: number): [number, number][] {
  const date = new Date(day * DAY).toISOString().slice(0, 10);
  const periods = c.holidays.has(date) ? [] : (c.extra.get(date) ?? c.weekly[(((day + 4) % 7) + 7) % 7]!);
  const out: [number, number][] = [];
  for (const [start, end] of periods) {
    const from = instantOf(c.timeZone, day * DAY + start * MINUTE);
    const to = instantOf(c.timeZone, day * DAY + end * MINUTE);
    if (to > from) out.push([from, to]); // a period wholly inside a DST gap is empty
  }
  return out;
}

const noWorkingTime = (day: number): Error =>
  new Error(`Business calendar has no working time in the ${MAX_IDLE_DAYS} days before ${new Date(day * DAY).toISOString().slice(0, 10)}; check its working hours and holidays`);

/**
 * Working intervals ending after `from`, in order, one local day at a time. Throws when
 * about three years pass without any working time.
 */
function* intervalsAfter(c: Compiled, from: number): Generator<[number, number]> {
  let idle = 0;
  for (let day = localDay(c.timeZone, from); ; day++) {
    let found = false;
    for (const interval of intervalsOf(c, day)) {
      found = true;
      if (interval[1] > from) yield interval;
    }
    idle = found ? 0 : idle + 1;
    if (idle > MAX_IDLE_DAYS) throw noWorkingTime(day);
  }
}

function instant(value: Date, name: string): number {
  const t = value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(t)) throw new RangeError(`${name} must be a valid Date`);
  return t;
}

// ---------------------------------------------------------------- API

/** Whether `at` falls inside a working period. */
export function isWorkingTime(cal: BusinessCalendarSpec, at: Date): boolean {
  const c = compile(cal);
  const t = instant(at, 'at');
  for (const [start, end] of intervalsOf(c, localDay(c.timeZone, t))) if (start <= t && t < end) return true;
  return false;
}

/** `at` itself when inside working time, else the start of the next working period. */
export function nextWorkingTime(cal: BusinessCalendarSpec, at: Date): Date {
  const t = instant(at, 'at');
  const [start] = intervalsAfter(compile(cal), t).next().value as [number, number];
  return new Date(Math.max(start, t));
}

/**
 * The instant at which `minutes` (≥ 0, fractions allowed, ms precision) of working time
 * have elapsed after `start`. Outside working time the clock starts at the next opening;
 * a deadline that uses up a period exactly is that period's closing time.
 */
export function addBusinessMinutes(cal: BusinessCalendarSpec, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a finite number ≥ 0, got ${minutes}`);
  const t = instant(start, 'start');
  let remaining = Math.round(minutes * MINUTE);
  for (const [from, to] of intervalsAfter(compile(cal), t)) {
    const begin = Math.max(from, t);
    if (remaining <= to - begin) return new Date(begin + remaining);
    remaining -= to - begin;
  }
  throw new Error('unreachable');
}

/** Working minutes in [from, to); 0 when `to` is not after `from`. */
export function businessMinutesBetween(cal: BusinessCalendarSpec, from: Date, to: Date): number {
  const c = compile(cal);
  const a = instant(from, 'from');
  const b = instant(to, 'to');
  if (b <= a) return 0;
  let total = 0;
  for (let day = localDay(c.timeZone, a), last = localDay(c.timeZone, b); day <= last; day++) {
    for (const [start, end] of intervalsOf(c, day)) total += Math.max(0, Math.min(end, b) - Math.max(start, a));
  }
  return total / MINUTE;
}

/**
 * "Within N working days": the closing time of the `days`-th working day after the local
 * day containing `start` (that day itself does not count). `days` is an integer ≥ 1.
 */
export function endOfWorkingDays(cal: BusinessCalendarSpec, start: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be an integer ≥ 1, got ${days}`);
  const c = compile(cal);
  let idle = 0;
  let counted = 0;
  for (let day = localDay(c.timeZone, instant(start, 'start')) + 1; ; day++) {
    const intervals = intervalsOf(c, day);
    if (intervals.length === 0) {
      if (++idle > MAX_IDLE_DAYS) throw noWorkingTime(day);
      continue;
    }
    idle = 0;
    if (++counted === days) return new Date(intervals[intervals.length - 1]![1]);
  }
}

const ALL_DAY: WorkingPeriod[] = [{ start: '00:00', end: '24:00' }];

/** The calendar with each working day open all day: "24 h" counts the whole of working days only (return reviews, order shipping). */
export function workingDaysAllDay(calendar: BusinessCalendarSpec): BusinessCalendarSpec {
  const hours = Object.fromEntries(Object.entries(calendar.workingHours).map(([day, periods]) => [day, periods.length ? ALL_DAY : []])) as BusinessCalendarSpec['workingHours'];
  return { timeZone: calendar.timeZone, workingHours: hours, holidays: calendar.holidays, extraWorkdays: (calendar.extraWorkdays ?? []).map((d) => ({ date: d.date, periods: ALL_DAY })) };
}
