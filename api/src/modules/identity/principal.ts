import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { isHqOnlyPermission, isKnownPermission } from '../../core/auth/permissions';
import type { Scope } from '../../core/tenancy/scope';
import { OrgUnit, OrgUnitKind } from '../org/org-unit.entity';
import { Role } from './role.entity';

/** The HQ node's id is the first segment of every path. */
export function hqIdOf(path: string): string {
  return path.split('/')[1] ?? '';
}

/**
 * The scope of someone placed at `unit`: HQ staff reach every franchise and the whole
 * tree; everyone else their own franchise, and within it their unit and what is under it.
 */
export function scopeOfUnit(unit: OrgUnit): { scope: Scope; isHq: boolean } {
  const hqId = hqIdOf(unit.path);
  const isHq = unit.franchiseId === hqId || unit.kind === OrgUnitKind.HQ;
  return isHq
    ? { isHq, scope: { franchiseIds: 'all', orgPath: `/${hqId}/` } }
    : { isHq, scope: { franchiseIds: [unit.franchiseId], orgPath: unit.path } };
}

/** The permissions a set of roles grants someone, dropping HQ-only ones outside HQ and unknown names. */
export function effectivePermissions(roles: Role[], isHq: boolean): Set<string> {
  const permissions = new Set<string>();
  for (const role of roles)
    for (const p of role.permissions) if (isKnownPermission(p) && (isHq || !isHqOnlyPermission(p))) permissions.add(p);
  return permissions;
}

/** Builds the actor for a staff member (em must see all franchises: system scope). */
export async function staffActor(
  em: EntityManager,
  user: { id: string; email: string; franchiseId: string; orgUnitId: string; roleIds: string[] },
  sessionId?: string,
): Promise<Actor> {
  const [unit, roles] = await Promise.all([
    em.findOneOrFail(OrgUnit, { id: user.orgUnitId }),
    user.roleIds.length ? em.find(Role, { id: { $in: user.roleIds } }) : Promise.resolve([]),
  ]);
  const { scope, isHq } = scopeOfUnit(unit);
  return {
    kind: 'user',
    id: user.id,
    label: user.email,
    franchiseId: user.franchiseId,
    orgUnitId: user.orgUnitId,
    isHq,
    permissions: effectivePermissions(roles, isHq),
    scope,
    sessionId,
  };
}
