import { requireActor } from '../../core/auth/authorization';
import { checkPasswordStrength, hashPassword } from '../../core/auth/passwords';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../core/errors';
import { findPage, type ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { findOrgUnit, getOrgUnit, orgUnitScopeCondition } from '../org/org.service';
import { revokeSessions } from './auth.service';
import { roleLoader, staffLoader } from './identity.loaders';
import type { SetStaffRolesInput, StaffUserInput, StaffUserUpdate } from './identity.types';
import { scopeOfUnit } from './principal';
import { assertGrantable } from './role.service';
import { StaffStatus, StaffUser } from './staff-user.entity';
import { principalsChanged } from './session-cache';

export async function findStaff(ctx: RequestContext, id: string): Promise<StaffUser | null> {
  const user = await staffLoader(ctx).load(id);
  return user && (await findOrgUnit(ctx, user.orgUnitId)) ? user : null;
}

async function getStaff(ctx: RequestContext, id: string): Promise<StaffUser> {
  const user = await findStaff(ctx, id);
  if (!user) throw new NotFoundError('Staff member', id);
  return user;
}

/** Roles must be visible (templates or the staff member's franchise) and grantable by the actor. */
async function checkRoles(ctx: RequestContext, roleIds: string[], staffFranchiseId: string, staffIsHq: boolean, field: string): Promise<string[]> {
  const unique = [...new Set(roleIds)];
  const roles = await roleLoader(ctx).loadMany(unique);
  const permissions = new Set<string>();
  unique.forEach((id, i) => {
    const role = roles[i];
    if (!role || role instanceof Error || (role.franchiseId && role.franchiseId !== staffFranchiseId))
      throw new BadUserInputError({ field, message: `role ${id} does not exist or belongs to another franchise` });
    role.permissions.forEach((p) => permissions.add(p));
  });
  assertGrantable(requireActor(ctx), [...permissions], field, staffIsHq);
  return unique;
}

async function assertEmailFree(ctx: RequestContext, email: string): Promise<void> {
  // Email is unique across PharmaDesk; a clash outside the caller's scope is caught by the unique constraint.
  if (await ctx.em.count(StaffUser, { email })) throw new ConflictError(`The email ${email} is already used by another account`, { field: 'email', reason: 'EMAIL_TAKEN', params: { email } });
}

export async function createStaff(ctx: RequestContext, input: StaffUserInput): Promise<StaffUser> {
  const unit = await getOrgUnit(ctx, input.orgUnitId);
  const { isHq } = scopeOfUnit(unit);
  const email = input.email.trim().toLowerCase();
  checkPasswordStrength('staffUser.password', input.password, [email.split('@')[0]!, input.displayName]);
  const roleIds = await checkRoles(ctx, input.roleIds, unit.franchiseId, isHq, 'staffUser.roleIds');
  await assertEmailFree(ctx, email);
  const { password, ...fields } = input;
  const user = ctx.em.create(StaffUser, {
    ...fields,
    email,
    franchiseId: unit.franchiseId,
    roleIds,
    passwordHash: await hashPassword(password),
    specialties: input.specialties ?? [],
    certificates: input.certificates ?? [],
  } as StaffUser);
  await ctx.em.flush();
  return user;
}

export async function updateStaff(ctx: RequestContext, id: string, version: number, update: StaffUserUpdate): Promise<StaffUser> {
  const user = await getStaff(ctx, id);
  checkVersion(user, version, 'Staff member');
  if (update.orgUnitId && update.orgUnitId !== user.orgUnitId) {
    const unit = await getOrgUnit(ctx, update.orgUnitId);
    if (unit.franchiseId !== user.franchiseId) throw new BadUserInputError({ field: 'update.orgUnitId', message: 'staff can only move within their franchise' });
  }
  applyUpdate(user, update as Partial<StaffUser>);
  principalsChanged(ctx);
  await ctx.em.flush();
  return user;
}

export async function setStaffRoles(ctx: RequestContext, input: SetStaffRolesInput): Promise<StaffUser> {
  const actor = requireActor(ctx);
  const user = await getStaff(ctx, input.id);
  checkVersion(user, input.version, 'Staff member');
  if (user.id === actor.id) throw new ForbiddenError('You cannot change your own roles; ask someone above you');
  const unit = await getOrgUnit(ctx, user.orgUnitId);
  user.roleIds = await checkRoles(ctx, input.roleIds, user.franchiseId, scopeOfUnit(unit).isHq, 'roleIds');
  principalsChanged(ctx);
  await ctx.em.flush();
  return user;
}

export async function setStaffStatus(ctx: RequestContext, id: string, status: StaffStatus): Promise<StaffUser> {
  const actor = requireActor(ctx);
  const user = await getStaff(ctx, id);
  if (user.id === actor.id) throw new ForbiddenError('You cannot disable or enable your own account');
  if (user.status === status) throw new BadUserInputError({ field: 'id', message: `the account is already ${status}` });
  user.status = status;
  if (status === StaffStatus.DISABLED) await revokeSessions(ctx, { userId: user.id }, 'account disabled');
  principalsChanged(ctx);
  await ctx.em.flush();
  return user;
}
