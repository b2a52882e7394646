import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../core/errors';
import type { ListArgs } from '../../core/graphql/list';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { SortDirection } from '../../core/graphql/sorting';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { isWithinOrgPath } from '../../core/tenancy/scope';
import { OrgUnit, OrgUnitKind, OrgUnitStatus } from './org-unit.entity';
import { orgUnitLoader } from './org.loaders';
import type { ChangeFranchiseStatusInput, FranchiseInput, FranchiseUpdate, OrgUnitInput, OrgUnitUpdate } from './org.types';

/** Org units the actor may see: their own and everything under it. */
function visibleUnits(ctx: RequestContext): FilterQuery<OrgUnit> {
  const actor = requireActor(ctx);
  return { path: { $like: `${actor.scope.orgPath}%` } };
}

/** Whether the actor sits at HQ or a franchise node, so row-level security alone bounds what they see. */
export function seesWholeFranchise(actor: Actor): boolean {
  return actor.isHq || actor.orgUnitKind === OrgUnitKind.FRANCHISE || actor.orgUnitKind === OrgUnitKind.HQ;
}

/**
 * SQL condition "the org unit in `column` is within the actor's part of the tree", for the
 * read path's embedded relations; null when the actor's whole franchise is in scope.
 */
export function orgScopeSql(ctx: RequestContext, column: string): string | null {
  const actor = requireActor(ctx);
  if (seesWholeFranchise(actor)) return null;
  if (!/^[0-9a-f/-]*$/i.test(actor.scope.orgPath)) throw new Error('an org path holds only uuids and slashes');
  return `exists (select 1 from org_unit scope_unit where scope_unit.id = ${column} and scope_unit.path like '${actor.scope.orgPath}%')`;
}

/**
 * The org units whose records the actor may see, for `orgUnitId in (...)` conditions:
 * null when the actor sits at HQ or a franchise (their whole franchise is in scope and
 * row-level security already narrows to it).
 */
export async function scopedOrgUnitIds(ctx: RequestContext): Promise<string[] | null> {
  const actor = requireActor(ctx);
  if (seesWholeFranchise(actor)) return null;
  const own = actor.orgUnitKind ? null : await orgUnitLoader(ctx).load(actor.orgUnitId);
  if (own?.kind === OrgUnitKind.FRANCHISE) return null;
  const units = await ctx.em.find(OrgUnit, { path: { $like: `${actor.scope.orgPath}%` } }, { fields: ['id'] });
  return units.map((u) => u.id);
}

/** `{ orgUnitId: { $in: [...] } }` for the actor's scope, or {} when the whole franchise is theirs. */
export async function orgUnitScopeCondition(ctx: RequestContext): Promise<{ orgUnitId?: { $in: string[] } }> {
  const ids = await scopedOrgUnitIds(ctx);
  return ids ? { orgUnitId: { $in: ids } } : {};
}

/** Org units as plain rows (the read path): what their field resolvers follow (org.queries embeds them elsewhere). */
const ORG_UNIT_LIST: ReadSpec<OrgUnit> = { entity: OrgUnit, always: ['id', 'franchiseId', 'parentId', 'path', 'kind'] };

export function listOrgUnits(ctx: RequestContext, args: ListArgs, only?: OrgUnitKind, selection: Selection | null = null) {
  const where: FilterQuery<OrgUnit> = only ? { $and: [visibleUnits(ctx), { kind: only }] } : visibleUnits(ctx);
  return readPage(ctx.em, ORG_UNIT_LIST, args, selection, { where, defaultSort: [{ field: 'name', direction: SortDirection.ASC }] });
}

/** The org unit, or null when it does not exist or is outside the actor's scope. */
export async function findOrgUnit(ctx: RequestContext, id: string): Promise<OrgUnit | null> {
  const unit = await orgUnitLoader(ctx).load(id);
  // System work (a job, a reaction) has no actor: its scope is the whole tree of what RLS lets it see.
  const scope = ctx.actor?.scope ?? (ctx.scope.orgPath === '/' ? ctx.scope : requireActor(ctx).scope);
  return unit && isWithinOrgPath(scope, unit.path) ? unit : null;
}

export async function getOrgUnit(ctx: RequestContext, id: string, label = 'Org unit'): Promise<OrgUnit> {
  const unit = await findOrgUnit(ctx, id);
  if (!unit) throw new NotFoundError(label, id);
  return unit;
}

export async function findFranchise(ctx: RequestContext, id: string): Promise<OrgUnit | null> {
  const unit = await findOrgUnit(ctx, id);
  return unit?.kind === OrgUnitKind.FRANCHISE ? unit : null;
}

async function getFranchise(ctx: RequestContext, id: string): Promise<OrgUnit> {
  const unit = await findFranchise(ctx, id);
  if (!unit) throw new NotFoundError('Franchise', id);
  return unit;
}

function requireHq(ctx: RequestContext, what: string): void {
  if (!requireActor(ctx).isHq) throw new ForbiddenError(`Only HQ can ${what}`);
}

async function assertCodeFree(ctx: RequestContext, franchiseId: string, code: string | null | undefined, exceptId?: string) {
  if (!code) return;
  const taken = await ctx.em.findOne(OrgUnit, { franchiseId, code, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (taken) throw new ConflictError(`The code ${code} is already used by ${taken.name}`, { field: 'code' });
}

export async function createFranchise(ctx: RequestContext, input: FranchiseInput): Promise<OrgUnit> {
  requireHq(ctx, 'create franchises');
  const hq = await getOrgUnit(ctx, requireActor(ctx).orgUnitId);
  if (input.code && (await ctx.em.findOne(OrgUnit, { kind: OrgUnitKind.FRANCHISE, code: input.code })))
    throw new ConflictError(`Another franchise already uses the code ${input.code}`, { field: 'code' });
  const franchise = ctx.em.create(OrgUnit, {
    ...input,
    kind: OrgUnitKind.FRANCHISE,
    parentId: hq.id,
    timeZone: input.timeZone ?? hq.timeZone,
  } as OrgUnit);
  franchise.franchiseId = franchise.id; // a franchise owns itself
  franchise.path = `${hq.path}${franchise.id}/`;
  await ctx.em.flush();
  return franchise;
}

export async function updateFranchise(ctx: RequestContext, id: string, version: number, update: FranchiseUpdate): Promise<OrgUnit> {
  requireHq(ctx, 'edit franchise contracts');
  const franchise = await getFranchise(ctx, id);
  checkVersion(franchise, version, 'Franchise');
  applyUpdate(franchise, update as Partial<OrgUnit>);
  await ctx.em.flush();
  return franchise;
}

export async function changeFranchiseStatus(ctx: RequestContext, input: ChangeFranchiseStatusInput): Promise<OrgUnit> {
  requireHq(ctx, 'change a franchise’s status');
  const franchise = await getFranchise(ctx, input.id);
  if (franchise.status === input.status) throw new BadUserInputError({ field: 'status', message: `the franchise is already ${input.status}` });
  franchise.status = input.status;
  await ctx.em.flush();
  return franchise;
}

/** Which kinds may sit under which: stores and branch centers under a franchise or HQ; departments anywhere. */
const ALLOWED_PARENTS: Partial<Record<OrgUnitKind, OrgUnitKind[]>> = {
  [OrgUnitKind.STORE]: [OrgUnitKind.FRANCHISE, OrgUnitKind.HQ],
  [OrgUnitKind.BRANCH_CENTER]: [OrgUnitKind.FRANCHISE, OrgUnitKind.HQ],
  [OrgUnitKind.DEPARTMENT]: [OrgUnitKind.HQ, OrgUnitKind.FRANCHISE, OrgUnitKind.STORE, OrgUnitKind.BRANCH_CENTER, OrgUnitKind.DEPARTMENT],
};

export async function createOrgUnit(ctx: RequestContext, input: OrgUnitInput): Promise<OrgUnit> {
  const allowed = ALLOWED_PARENTS[input.kind];
  if (!allowed) throw new BadUserInputError({ field: 'orgUnit.kind', message: `use createOneFranchise for ${input.kind}; here: STORE, BRANCH_CENTER or DEPARTMENT` });
  const parent = await getOrgUnit(ctx, input.parentId, 'Parent org unit');
  if (!allowed.includes(parent.kind))
    throw new BadUserInputError({ field: 'orgUnit.parentId', message: `a ${input.kind} can sit under ${allowed.join(' or ')}, not under a ${parent.kind}` });
  if (parent.status !== OrgUnitStatus.ACTIVE) throw new ConflictError(`${parent.name} is ${parent.status}; new units cannot be added under it`);
  await assertCodeFree(ctx, parent.franchiseId, input.code);
  const unit = ctx.em.create(OrgUnit, { ...input, franchiseId: parent.franchiseId, timeZone: parent.timeZone } as OrgUnit);
  unit.path = `${parent.path}${unit.id}/`;
  await ctx.em.flush();
  return unit;
}

export async function updateOrgUnit(ctx: RequestContext, id: string, version: number, update: OrgUnitUpdate): Promise<OrgUnit> {
  const unit = await getOrgUnit(ctx, id);
  if (unit.kind === OrgUnitKind.FRANCHISE || unit.kind === OrgUnitKind.HQ)
    throw new BadUserInputError({ field: 'id', message: `${unit.kind} units are edited with updateOneFranchise (HQ only)` });
  checkVersion(unit, version, 'Org unit');
  await assertCodeFree(ctx, unit.franchiseId, update.code, unit.id);
  applyUpdate(unit, update as Partial<OrgUnit>);
  await ctx.em.flush();
  return unit;
}
