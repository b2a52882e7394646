import { requireActor } from '../auth/authorization';
import type { RequestContext } from '../context';
import { NotFoundError } from '../errors';
import { canSeeFranchise } from '../tenancy/scope';
import type { FranchiseSettings } from '../tenancy/tenant-entity';
import { checkVersion } from './updates';

/** A franchise's settings row; never saved, the entity's defaults at version 0 (the first update creates the row). */
export async function readFranchiseSettings<S extends FranchiseSettings<string>>(ctx: RequestContext, entity: new () => S, franchiseId: string): Promise<S> {
  if (!canSeeFranchise(ctx.scope, franchiseId)) throw new NotFoundError('Franchise', franchiseId);
  const found = (await ctx.em.findOne(entity, { franchiseId } as never)) as S | null;
  return found ?? Object.assign(new entity(), { franchiseId, version: 0 });
}

/**
 * Updates a franchise's settings (the caller's own franchise unless one is named), creating the
 * row on first save; a stale `version` is a CONFLICT. `apply` sets the fields given.
 */
export async function updateFranchiseSettings<S extends FranchiseSettings<string>>(
  ctx: RequestContext,
  entity: new () => S,
  label: string,
  input: { franchiseId?: string | null; version?: number | null },
  apply: (settings: S) => void,
): Promise<S> {
  const franchiseId = input.franchiseId ?? requireActor(ctx).franchiseId;
  if (!canSeeFranchise(ctx.scope, franchiseId)) throw new NotFoundError('Franchise', franchiseId);
  let settings = (await ctx.em.findOne(entity, { franchiseId } as never)) as S | null;
  if (settings && input.version != null) checkVersion({ id: franchiseId, version: settings.version }, input.version, label);
  settings ??= ctx.em.create(entity, { franchiseId } as never) as S;
  apply(settings);
  await ctx.em.flush();
  return settings;
}
