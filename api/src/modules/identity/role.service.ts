import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { requireActor } from '../../core/auth/authorization';
import { isHqOnlyPermission, isKnownPermission, isQualification } from '../../core/auth/permissions';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../core/errors';
import type { ListArgs } from '../../core/graphql/list';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { SortDirection } from '../../core/graphql/sorting';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { canSeeFranchise } from '../../core/tenancy/scope';
import { Role } from './role.entity';
import { StaffUser } from './staff-user.entity';
import type { RoleInput, RoleUpdate } from './identity.types';
import { principalsChanged } from './session-cache';

/**
 * No escalation: one can hand out (in a role, to a key) only permissions one holds,
 * and HQ-only permissions only inside HQ. Professional qualifications (case:expert...) are the
 * exception for roles, which people hold: those who manage staff or roles give them to the
 * pharmacists and doctors they hire. A key (`forKey`) never gets one its maker lacks.
 */
export function assertGrantable(actor: Actor, permissions: readonly string[], field: string, targetIsHq: boolean, forKey = false): void {
  const unknown = permissions.filter((p) => !isKnownPermission(p));
  if (unknown.length) throw new BadUserInputError({ field, message: `unknown permission ${unknown.join(', ')}` });
  const mayQualify = !forKey && (actor.permissions.has('staff:manage') || actor.permissions.has('role:manage'));
  const notHeld = permissions.filter((p) => !actor.permissions.has(p) && !(mayQualify && isQualification(p)));
  if (notHeld.length) throw new ForbiddenError(`You can only grant permissions you hold yourself; you do not hold ${notHeld.join(', ')}`, { missing: notHeld, reason: 'PERMISSION_ESCALATION', params: { permissions: notHeld } });
  const hqOnly = permissions.filter((p) => isHqOnlyPermission(p));
  if (hqOnly.length && !targetIsHq) throw new BadUserInputError({ field, message: `${hqOnly.join(', ')} can only be held inside HQ` });
}

/** Roles as plain rows (the read path). */
const ROLE_READ: ReadSpec<Role> = { entity: Role, always: ['id', 'franchiseId'] };

export function listRoles(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, ROLE_READ, args, selection, { defaultSort: [{ field: 'name', direction: SortDirection.ASC }] });
}

export async function findRole(ctx: RequestContext, id: string): Promise<Role | null> {
  const role = await ctx.em.findOne(Role, { id });
  return role && (role.franchiseId === null || role.franchiseId === undefined || canSeeFranchise(ctx.scope, role.franchiseId)) ? role : null;
}

async function getCustomRole(ctx: RequestContext, id: string): Promise<Role> {
  const role = await findRole(ctx, id);
  if (!role) throw new NotFoundError('Role', id);
  if (role.builtIn) throw new ForbiddenError('Built-in role templates cannot be changed; create a role of your own from them');
  return role;
}

async function assertNameFree(ctx: RequestContext, franchiseId: string, name: string, exceptId?: string) {
  const taken = await ctx.em.findOne(Role, { franchiseId, name, ...(exceptId ? { id: { $ne: exceptId } } : {}) } as FilterQuery<Role>);
  if (taken) throw new ConflictError(`A role named ${name} already exists in this franchise`, { field: 'name' });
}

export async function createRole(ctx: RequestContext, input: RoleInput): Promise<Role> {
  const actor = requireActor(ctx);
  const franchiseId = input.franchiseId ?? actor.franchiseId;
  if (!actor.isHq && franchiseId !== actor.franchiseId) throw new NotFoundError('Franchise', franchiseId);
  assertGrantable(actor, input.permissions, 'role.permissions', actor.isHq && franchiseId === actor.franchiseId);
  await assertNameFree(ctx, franchiseId, input.name);
  const role = ctx.em.create(Role, { franchiseId, name: input.name, description: input.description ?? null, permissions: [...new Set(input.permissions)].sort(), builtIn: false });
  await ctx.em.flush();
  return role;
}

export async function updateRole(ctx: RequestContext, id: string, version: number, update: RoleUpdate): Promise<Role> {
  const actor = requireActor(ctx);
  const role = await getCustomRole(ctx, id);
  checkVersion(role, version, 'Role');
  if (update.permissions) {
    // Only the permissions being added need to be held; removing is always allowed.
    const added = update.permissions.filter((p) => !role.permissions.includes(p));
    assertGrantable(actor, added, 'update.permissions', actor.isHq && role.franchiseId === actor.franchiseId);
    update.permissions = [...new Set(update.permissions)].sort();
  }
  if (update.name && update.name !== role.name) await assertNameFree(ctx, role.franchiseId!, update.name, role.id);
  applyUpdate(role, update as Partial<Role>);
  principalsChanged(ctx);
  await ctx.em.flush();
  return role;
}

export async function deleteRole(ctx: RequestContext, id: string): Promise<Role> {
  const role = await getCustomRole(ctx, id);
  const holders = await ctx.em.count(StaffUser, { roleIds: { $contains: [role.id] } });
  if (holders) throw new ConflictError(`${holders} staff member(s) still hold the role ${role.name}; take it from them first`, { holders });
  ctx.em.remove(role);
  await ctx.em.flush();
  return role;
}
