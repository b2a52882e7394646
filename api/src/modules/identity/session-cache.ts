import type { Actor } from '../../core/auth/actor';
import type { AppRuntime, RequestContext } from '../../core/context';
import type { Topics } from '../../core/pubsub';

type Revocation = Topics['auth.revoked'][0];

/** How long a verified session is trusted without reading it again. */
export const SESSION_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  /** The lookup, shared by concurrent requests of the credential (one query however many arrive at once). */
  value: Promise<T | null>;
  /** The session or API key id that revocations name. */
  holderId: string;
  until: number;
}

/**
 * Verified credentials (an access token's user + session, or an API key) kept for a few
 * seconds, so a request does not open a transaction of its own just to authenticate. What
 * ends or changes a credential is honoured at once: revocations (`auth.revoked`, every
 * instance) drop the session or key, and changes to roles, staff placement or plugin
 * enablement (`everyone`) drop all.
 */
export class CredentialCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(runtime: AppRuntime) {
    void (async () => {
      for await (const revocation of runtime.pubsub.subscribe('auth.revoked')) this.forget(revocation);
    })().catch((error: unknown) => runtime.logger.warn({ err: error }, 'credential cache stopped listening for revocations'));
  }

  /** Drops what a revocation names (all entries for `everyone`). */
  forget(revocation: Revocation): void {
    if (revocation.everyone) this.entries.clear();
    const ended = new Set([...(revocation.sessionIds ?? []), ...(revocation.apiKeyIds ?? [])]);
    // A lookup still under way (holder not known yet) may have read the credential before it ended.
    if (ended.size) for (const [key, entry] of this.entries) if (ended.has(entry.holderId) || !entry.holderId) this.entries.delete(key);
  }

  /**
   * The cached value under `key`, or `load`'s, kept until `notAfter` at most (never a failed or
   * null one). `holderId` is what a revocation names; a load may tell it only once it ran.
   */
  get(key: string, holderId: string | null, notAfter: number, load: () => Promise<T | null>, holderOf?: (value: T) => string): Promise<T | null> {
    const entry = this.entries.get(key);
    if (entry && entry.until > Date.now()) return entry.value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = load();
    const fresh: Entry<T> = { value, holderId: holderId ?? '', until: Math.min(Date.now() + SESSION_CACHE_MS, notAfter) };
    this.entries.set(key, fresh);
    const forget = () => this.entries.get(key) === fresh && this.entries.delete(key);
    value.then((v) => {
      if (v == null) return forget();
      if (holderOf) fresh.holderId = holderOf(v);
    }, forget);
    return value;
  }
}

const caches = new WeakMap<AppRuntime, Map<string, CredentialCache<unknown>>>();

/** The runtime's cache of one kind of credential. */
export function credentialCache<T>(runtime: AppRuntime, kind: 'session' | 'apiKey'): CredentialCache<T> {
  let byKind = caches.get(runtime);
  if (!byKind) caches.set(runtime, (byKind = new Map()));
  let cache = byKind.get(kind);
  if (!cache) byKind.set(kind, (cache = new CredentialCache(runtime)));
  return cache as CredentialCache<T>;
}

/**
 * Credentials ended: this instance forgets them at once, so the very next request is refused,
 * and every instance does on the broadcast (its NOTIFY comes back here too, harmlessly).
 */
export function announceRevocation(runtime: AppRuntime, revocation: Revocation): void {
  for (const cache of caches.get(runtime)?.values() ?? []) cache.forget(revocation);
  runtime.pubsub.publish('auth.revoked', revocation);
}

/** After commit: who holds which permissions or scope changed (roles, staff, plugins), so no cached session may be reused. */
export function principalsChanged(ctx: RequestContext): void {
  ctx.afterCommit.push(() => announceRevocation(ctx.runtime, { everyone: true }));
}
