import type { EntityManager } from '@mikro-orm/postgresql';
import { calendarDate } from '../clock';

/**
 * People-facing numbers (health record no., case no., order no.): per franchise and
 * series, increasing with time, never reused. The counter row is locked by the
 * upsert, so concurrent creations get distinct numbers; a rolled-back creation
 * leaves its number unused but nobody else's. `count` takes that many at once (the last is
 * returned).
 */
export async function nextNumber(em: EntityManager, franchiseId: string, series: string, year: number, count = 1): Promise<number> {
  const [row] = await em.execute<{ value: number }[]>(
    `insert into numbering_sequence (franchise_id, series, year, value) values (?, ?, ?, ?)
     on conflict (franchise_id, series, year) do update set value = numbering_sequence.value + excluded.value
     returning value`,
    [franchiseId, series, year, count],
  );
  return row!.value;
}

/**
 * The year a number is filed under: the calendar year at `at` where the franchise is (its
 * time zone), so a case opened at 00:30 on 1 January in Shanghai is numbered in the new year
 * although it is still the old one in UTC.
 */
export function numberingYear(at: Date, timeZone: string): number {
  return Number(calendarDate(at, timeZone).slice(0, 4));
}

/** EAST-2026-000123: the franchise's code, the year, the sequence. */
export function formatNumber(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}
