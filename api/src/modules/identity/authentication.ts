import type { Actor } from '../../core/auth/actor';
import type { AppRuntime } from '../../core/context';
import { inScopedTransaction, SYSTEM_SCOPE } from '../../core/tenancy/scope';
import { actorFromApiKey } from '../api-keys/api-key.service';
import { actorFromAccessToken } from './auth.service';

export { credentialsFrom, type Credentials } from '../../core/auth/credentials';
import type { Credentials } from '../../core/auth/credentials';

/** The actor for the credentials (null for none). Fails with UNAUTHENTICATED or RATE_LIMITED. */
export function authenticate(runtime: AppRuntime, credentials: Credentials | null): Promise<Actor | null> {
  if (!credentials) return Promise.resolve(null);
  return credentials.kind === 'bearer' ? actorFromAccessToken(runtime, credentials.token) : actorFromApiKey(runtime, credentials.key);
}

/**
 * Of these session and API key ids, the ones that no longer authenticate: a session revoked,
 * expired or of a disabled account, a key revoked or expired, or an id that matches neither.
 * One statement, without counting against a key's rate limit (live sockets re-check with it).
 */
export async function endedCredentials(runtime: AppRuntime, holderIds: readonly string[]): Promise<string[]> {
  if (!holderIds.length) return [];
  const ids = holderIds.join(',');
  const rows = await inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, (em) =>
    em.execute<{ id: string }[]>(
      `select s.id from auth_session s join staff_user u on u.id = s.user_id
        where s.id = any(string_to_array(?, ',')::uuid[]) and s.status = 'ACTIVE' and s.expires_at > now() and u.status = 'ACTIVE'
       union all
       select k.id from api_key k
        where k.id = any(string_to_array(?, ',')::uuid[]) and k.revoked_at is null and (k.expires_at is null or k.expires_at > now())`,
      [ids, ids],
    ),
  );
  const live = new Set(rows.map((r) => r.id));
  return holderIds.filter((id) => !live.has(id));
}
