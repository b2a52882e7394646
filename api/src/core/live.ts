import type { Actor } from './auth/actor';
import { createRequestContext, type AppRuntime, type RequestContext } from './context';
import { canSeeFranchise } from './tenancy/scope';
import { inOperation } from './tenancy/request-transaction';
import { isClientError } from './errors';
import { filter, pipe } from '@graphql-yoga/subscription';

/** What every live event carries: which record changed and whose it is. Never the record itself. */
export interface LiveEvent {
  id: string;
  franchiseId: string;
}

/**
 * How long a socket's credentials are trusted between checks. Revoked sessions and keys
 * (sign-out, refresh-token reuse, a disabled account, a revoked key) are evicted at once
 * (`forgetLiveCredentials`) and their sockets closed; role changes reach live events within this time.
 */
export const LIVE_RECHECK_MS = 15_000;

interface CheckedCredential {
  actor: Promise<Actor | null>;
  checkedAt: number;
}

const checkedCredentials = new WeakMap<AppRuntime, Map<string, CheckedCredential>>();
/** Per event: the loads already done, by subscriber credential and load key (see authorizeLiveEvent). */
const loadsByEvent = new WeakMap<object, Map<string, Promise<unknown>>>();
const delivered = new WeakMap<RequestContext, WeakMap<object, unknown>>();

/** A stable key for the credentials kept on a socket (the token or key itself). */
export function credentialKey(credentials: unknown): string {
  const c = credentials as { token?: string; key?: string } | null | undefined;
  return c ? (c.token ?? c.key ?? JSON.stringify(c)) : '';
}

/**
 * The subscriber's actor, checked against the database at most every LIVE_RECHECK_MS per
 * credential: a thousand sockets of one session share one check per interval.
 */
export function liveActor(ctx: RequestContext): Promise<Actor | null> {
  if (ctx.credentials === undefined) return Promise.resolve(ctx.actor);
  let cache = checkedCredentials.get(ctx.runtime);
  if (!cache) checkedCredentials.set(ctx.runtime, (cache = new Map()));
  const key = credentialKey(ctx.credentials);
  const now = Date.now();
  const known = cache.get(key);
  if (known && now - known.checkedAt < LIVE_RECHECK_MS) return known.actor;
  if (cache.size > 10_000) for (const [k, v] of cache) if (now - v.checkedAt >= LIVE_RECHECK_MS) cache.delete(k);
  const entry: CheckedCredential = { checkedAt: now, actor: Promise.resolve(null) };
  entry.actor = ctx.runtime.authenticate(ctx.credentials).catch((error: unknown) => {
    // Credentials that fail are remembered; a check that could not run (database down) is retried with the next event.
    if (!isClientError(error) && cache.get(key) === entry) cache.delete(key);
    return null;
  });
  cache.set(key, entry);
  const actor = entry.actor;
  return actor;
}

const actorKeys = new WeakMap<Actor, string>();

/**
 * Who a load is done for: everything of the actor that a load in their scope depends on
 * (not the session), so a team's many sessions of one user share one load per event.
 */
function actorKey(actor: Actor): string {
  let key = actorKeys.get(actor);
  if (key === undefined) {
    const { sessionId: _session, permissions, ...rest } = actor;
    key = JSON.stringify({ ...rest, permissions: [...permissions].sort() });
    actorKeys.set(actor, key);
  }
  return key;
}

/** Drops cached credentials of revoked sessions or API keys, so no further event reaches them. */
export async function forgetLiveCredentials(runtime: AppRuntime, holderIds: readonly string[]): Promise<void> {
  const cache = checkedCredentials.get(runtime);
  if (!cache || !holderIds.length) return;
  const holders = new Set(holderIds);
  for (const [key, entry] of cache) {
    const actor = await entry.actor;
    if (!actor || holders.has(actor.sessionId ?? actor.id)) cache.delete(key);
  }
}

/**
 * Authorizes one live event for one subscriber: the subscriber's credentials must still
 * hold (see liveActor), the event's franchise must be in their scope and they must hold
 * `permission`; then the record is loaded in a transaction in their scope (null when they
 * may not see it) and kept for the subscription resolver (see `deliveredRecord`).
 *
 * Subscribers acting as the same actor (any of their sessions, with the same scope and
 * permissions) share the load of an event: pass `loadKey` when the load depends on more than
 * the event and the subscriber (a subscription argument, say).
 */
export async function authorizeLiveEvent<T>(
  ctx: RequestContext,
  event: LiveEvent,
  permission: string,
  load: (eventCtx: RequestContext) => Promise<T | null>,
  loadKey = '',
): Promise<boolean> {
  const actor = await liveActor(ctx);
  if (!actor || !actor.permissions.has(permission) || !canSeeFranchise(actor.scope, event.franchiseId)) return false;
  let loads = loadsByEvent.get(event);
  if (!loads) loadsByEvent.set(event, (loads = new Map()));
  const key = `${actorKey(actor)}\u0000${permission}\u0000${loadKey}`;
  let record = loads.get(key) as Promise<T | null> | undefined;
  if (!record) {
    const eventCtx = createRequestContext(ctx.runtime, { actor, requestId: ctx.requestId });
    record = inOperation(eventCtx, () => load(eventCtx));
    loads.set(key, record);
  }
  const loaded = await record;
  if (!loaded) return false;
  if (!delivered.has(ctx)) delivered.set(ctx, new WeakMap());
  delivered.get(ctx)!.set(event, loaded);
  return true;
}

/** The record authorizeLiveEvent loaded for this subscriber and event. */
export function deliveredRecord<T>(ctx: RequestContext, event: LiveEvent): T {
  return delivered.get(ctx)?.get(event) as T;
}

/**
 * A live subscription that is checked once when it starts (say, that a queue view named in its
 * arguments is visible to the caller): a failing check refuses the subscription with its error
 * (NOT_FOUND...) instead of leaving a stream open that can never deliver. Then each event of
 * `topic` passes `keep` (usually authorizeLiveEvent). Use as type-graphql's `subscribe` option.
 */
export function checkedLiveSubscription<TArgs, TPayload>(
  topic: string,
  check: (ctx: RequestContext, args: TArgs) => Promise<unknown>,
  keep: (ctx: RequestContext, payload: TPayload, args: TArgs) => Promise<boolean>,
) {
  return async ({ args, context }: { args: unknown; context: unknown }) => {
    const ctx = context as RequestContext;
    await inOperation(ctx, () => check(ctx, args as TArgs));
    return pipe(ctx.pubsub.subscribe(topic) as AsyncIterable<TPayload>, filter((payload: TPayload) => keep(ctx, payload, args as TArgs)));
  };
}
