import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * People-facing numbers (health record no., case no., order no.): per franchise and
 * series, increasing with time, never reused. The counter row is locked by the
 * upsert, so concurrent creations get distinct numbers; a rolled-back creation
 * leaves its number unused but nobody else's.
 */
export async function nextNumber(em: EntityManager, franchiseId: string, series: string, year: number): Promise<number> {
  const [row] = await em.execute<{ value: number }[]>(
    `insert into numbering_sequence (franchise_id, series, year, value) values (?, ?, ?, 1)
     on conflict (franchise_id, series, year) do update set value = numbering_sequence.value + 1
     returning value`,
    [franchiseId, series, year],
  );
  return row!.value;
}

/** EAST-2026-000123: the franchise's code, the year, the sequence. */
export function formatNumber(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}
