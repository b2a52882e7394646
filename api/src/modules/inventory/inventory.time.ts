import { calendarDate, clock } from '../../core/clock';

/** "Now" for the inventory module: the platform's injectable clock. */
export const now = (): Date => clock.now();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export const localDate = (at: Date, timeZone: string): string => calendarDate(at, timeZone);

/** A calendar date plus (or minus) whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An org unit's time zone when none is known (OrgUnit's default). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
