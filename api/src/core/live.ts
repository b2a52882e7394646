import { createRequestContext, type RequestContext } from './context';
import { canSeeFranchise } from './tenancy/scope';
import { inOperation } from './tenancy/request-transaction';

/** What every live event carries: which record changed and whose it is. Never the record itself. */
export interface LiveEvent {
  id: string;
  franchiseId: string;
}

const delivered = new WeakMap<RequestContext, WeakMap<object, unknown>>();

/**
 * Authorizes one live event for one subscriber, afresh: their credentials are checked
 * again (a revoked session or key gets nothing), the event's franchise must be in their
 * scope and they must hold `permission`; then the record is loaded in a transaction in
 * their scope (null when they may not see it). The loaded record is kept for the
 * subscription resolver (see `deliveredRecord`).
 */
export async function authorizeLiveEvent<T>(
  ctx: RequestContext,
  event: LiveEvent,
  permission: string,
  load: (eventCtx: RequestContext) => Promise<T | null>,
): Promise<boolean> {
  const actor = ctx.credentials !== undefined ? await ctx.runtime.authenticate(ctx.credentials).catch(() => null) : ctx.actor;
  if (!actor || !actor.permissions.has(permission) || !canSeeFranchise(actor.scope, event.franchiseId)) return false;
  const eventCtx = createRequestContext(ctx.runtime, { actor, requestId: ctx.requestId });
  const record = await inOperation(eventCtx, () => load(eventCtx));
  if (!record) return false;
  if (!delivered.has(ctx)) delivered.set(ctx, new WeakMap());
  delivered.get(ctx)!.set(event, record);
  return true;
}

/** The record authorizeLiveEvent loaded for this subscriber and event. */
export function deliveredRecord<T>(ctx: RequestContext, event: LiveEvent): T {
  return delivered.get(ctx)?.get(event) as T;
}
