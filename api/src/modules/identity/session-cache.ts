import type { Actor } from '../../core/auth/actor';
import type { AppRuntime, RequestContext } from '../../core/context';

/** How long a verified session is trusted without reading it again. */
export const SESSION_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  actor: Actor;
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
        for (const sessionId of event.sessionIds ?? []) {
          for (const [key, entry] of this.entries) if (entry.actor.sessionId === sessionId) this.entries.delete(key);
        }
      }
    })().catch((error: unknown) => runtime.logger.warn({ err: error }, 'session cache stopped listening for revocations'));
  }

  get(key: string): Actor | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.actor;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, actor: Actor, notAfter: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { actor, until: Math.min(Date.now() + SESSION_CACHE_MS, notAfter) });
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
