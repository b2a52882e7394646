import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../context';
import { ForbiddenError, UnauthenticatedError } from '../errors';

/**
 * `@Authorized()` needs a signed-in actor; `@Authorized('org:read', ...)` needs every
 * listed permission. Which records the actor may touch is the services' business.
 */
export const authChecker: AuthChecker<RequestContext, string> = ({ context }, permissions) => {
  const actor = context.actor;
  if (!actor) throw new UnauthenticatedError();
  const missing = permissions.filter((p) => !actor.permissions.has(p));
  if (missing.length) throw new ForbiddenError(`This needs the permission ${missing.join(', ')}`, { missing });
  return true;
};

/** For services: the actor, or UNAUTHENTICATED. */
export function requireActor(ctx: RequestContext) {
  if (!ctx.actor) throw new UnauthenticatedError();
  return ctx.actor;
}

export function requirePermission(ctx: RequestContext, permission: string) {
  const actor = requireActor(ctx);
  if (!actor.permissions.has(permission)) throw new ForbiddenError(`This needs the permission ${permission}`, { missing: [permission] });
  return actor;
}
