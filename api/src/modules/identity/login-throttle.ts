import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Failed sign-ins counted per account (the email typed) and per client address, in
 * PostgreSQL so every API instance shares the count. Past the limit within the window,
 * the key is locked for the window's length, even for the right password.
 */
export interface ThrottleRule {
  maxFailures: number;
  windowMinutes: number;
}

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

/** Seconds until the latest lock among these keys ends, or 0 when none is locked. */
export async function lockedForSeconds(em: EntityManager, keys: string[]): Promise<number> {
  const [row] = await em.execute<{ seconds: number | null }[]>(
    `select ceil(extract(epoch from max(locked_until) - now()))::int as seconds
       from auth_throttle where key in (${keys.map(() => '?').join(', ')}) and locked_until > now()`,
    keys,
  );
  return row?.seconds ?? 0;
}

/** Counts one failure; returns the failures now counted in the window. */
export async function recordFailure(em: EntityManager, key: string, rule: ThrottleRule): Promise<number> {
  const window = `${rule.windowMinutes} minutes`;
  const [row] = await em.execute<{ failures: number }[]>(
    `insert into auth_throttle (key, failures, window_started_at, locked_until)
       values (?, 1, now(), case when 1 >= ? then now() + ?::interval end)
     on conflict (key) do update set
       failures = case when auth_throttle.window_started_at < now() - ?::interval then 1 else auth_throttle.failures + 1 end,
       window_started_at = case when auth_throttle.window_started_at < now() - ?::interval then now() else auth_throttle.window_started_at end,
       locked_until = case
         when (case when auth_throttle.window_started_at < now() - ?::interval then 1 else auth_throttle.failures + 1 end) >= ?
         then now() + ?::interval else auth_throttle.locked_until end
     returning failures`,
    [key, rule.maxFailures, window, window, window, window, rule.maxFailures, window],
  );
  return row!.failures;
}

export async function clearFailures(em: EntityManager, key: string): Promise<void> {
  await em.execute('delete from auth_throttle where key = ?', [key]);
}
