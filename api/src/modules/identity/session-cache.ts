import type { Actor } from '../../core/auth/actor';
import type { AppRuntime, RequestContext } from '../../core/context';

/** How long a verified session is trusted without reading it again. */
export const SESSION_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  /** The lookup, shared by concurrent requests of the session (one query however many arrive at once). */
  actor: Promise<Actor | null>;
  sessionId: string;
  until: number;
}

/**
 * Verified sessions (access token's user + session → actor) kept for a few seconds, so a
 * request does not open a transaction of its own just to authenticate. What ends or changes
 * a session is honoured at once: revocations (`auth.revoked`, every instance) drop the
 * session, and changes to roles, staff placement or plugin enablement (`everyone`) drop all.
 */
class SessionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(runtime: AppRuntime) {
    void (async () => {
      for await (const event of runtime.pubsub.subscribe('auth.revoked')) {
        if (event.everyone) this.entries.clear();
        const ended = new Set(event.sessionIds ?? []);
        if (ended.size) for (const [key, entry] of this.entries) if (ended.has(entry.sessionId)) this.entries.delete(key);
      }
    })().catch((error: unknown) => runtime.logger.warn({ err: error }, 'session cache stopped listening for revocations'));
  }

  /** The cached actor of (user, session), or `load`'s, kept until `notAfter` at most (never a failed or ended one). */
  get(userId: string, sessionId: string, notAfter: number, load: () => Promise<Actor | null>): Promise<Actor | null> {
    const key = `${userId}:${sessionId}`;
    const entry = this.entries.get(key);
    if (entry && entry.until > Date.now()) return entry.actor;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const actor = load();
    const fresh: Entry = { actor, sessionId, until: Math.min(Date.now() + SESSION_CACHE_MS, notAfter) };
    this.entries.set(key, fresh);
    const forget = () => this.entries.get(key) === fresh && this.entries.delete(key);
    actor.then((a) => a ?? forget(), forget);
    return actor;
  }
}

const caches = new WeakMap<AppRuntime, SessionCache>();

export function sessionCache(runtime: AppRuntime): SessionCache {
  let cache = caches.get(runtime);
  if (!cache) caches.set(runtime, (cache = new SessionCache(runtime)));
  return cache;
}

/** After commit: who holds which permissions or scope changed (roles, staff, plugins), so no cached session may be reused. */
export function principalsChanged(ctx: RequestContext): void {
  ctx.afterCommit.push(() => ctx.pubsub.publish('auth.revoked', { everyone: true }));
}
