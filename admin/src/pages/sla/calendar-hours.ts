import type { Calendar, ExtraWorkday, Period } from './types';

const PERIOD = /^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "09:00-12:00, 13:30-18:00" ↔ periods; empty text is a day off. */
export const formatPeriods = (periods: Period[] | null | undefined) => (periods ?? []).map((p) => `${p.start}-${p.end}`).join(', ');

export function parsePeriods(text: string | undefined): Period[] | null {
  const parts = (text ?? '').split(/[,，]/).map((s) => s.trim()).filter(Boolean);
  const periods: Period[] = [];
  for (const part of parts) {
    const m = PERIOD.exec(part);
    if (!m) return null;
    periods.push({ start: m[1]!, end: m[2]! });
  }
  return periods;
}

export interface CalendarFormValues {
  name: string;
  timeZone: string;
  hours: Record<number, string>;
  holidays: string[];
  extraWorkdays: string[];
}

export function toFormValues(calendar?: Calendar): Partial<CalendarFormValues> {
  if (!calendar) return { timeZone: 'Asia/Shanghai', hours: { 1: '09:00-18:00', 2: '09:00-18:00', 3: '09:00-18:00', 4: '09:00-18:00', 5: '09:00-18:00' }, holidays: [], extraWorkdays: [] };
  return {
    name: calendar.name,
    timeZone: calendar.timeZone,
    hours: Object.fromEntries(calendar.workingDays.map((d) => [d.weekday, formatPeriods(d.periods)])),
    holidays: calendar.holidays,
    extraWorkdays: calendar.extraWorkdays.map((d) => d.date),
  };
}

/** The BusinessCalendarInput; make-up workdays keep the hours they had (else Monday's apply). */
export function toCalendarInput(values: CalendarFormValues, extraWorkdays: ExtraWorkday[] = []) {
  const workingDays = Object.entries(values.hours ?? {})
    .map(([weekday, text]) => ({ weekday: Number(weekday), periods: parsePeriods(text) ?? [] }))
    .filter((d) => d.periods.length)
    .sort((a, b) => a.weekday - b.weekday);
  const kept = new Map(extraWorkdays.map((d) => [d.date, d.periods]));
  return {
    name: values.name,
    timeZone: values.timeZone,
    workingDays,
    holidays: [...new Set(values.holidays ?? [])].sort(),
    extraWorkdays: [...new Set(values.extraWorkdays ?? [])].sort().map((date) => ({ date, ...(kept.get(date)?.length ? { periods: kept.get(date) } : {}) })),
  };
}
