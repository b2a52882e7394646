import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { isHqOnlyPermission, isKnownPermission, permissionPlugin } from '../../core/auth/permissions';
import type { Scope } from '../../core/tenancy/scope';
import { OrgUnit, OrgUnitKind } from '../org/org-unit.entity';

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

/**
 * The permissions roles grant someone, dropping HQ-only ones outside HQ, unknown names,
 * and (outside HQ) those of plugins their franchise has not enabled.
 */
export function effectivePermissions(granted: Iterable<string>, isHq: boolean, enabledPlugins: readonly string[] = []): Set<string> {
  const permissions = new Set<string>();
  for (const p of granted) {
    const plugin = permissionPlugin(p);
    if (isKnownPermission(p) && (isHq || (!isHqOnlyPermission(p) && (!plugin || enabledPlugins.includes(plugin))))) permissions.add(p);
  }
  return permissions;
}

/** Names of the plugins a franchise enabled, as a column of the principal query. */
export const ENABLED_PLUGINS_SQL = `coalesce((select array_agg(fp.plugin) from franchise_plugin fp where fp.franchise_id = u.franchise_id and fp.enabled), '{}')`;

function actorFrom(row: { id: string; email: string; franchise_id: string; org_unit_id: string; path: string; kind: OrgUnitKind; permissions: string[]; enabled_plugins: string[]; plugin_options: Record<string, unknown> | null }, sessionId?: string): Actor {
  const { scope, isHq } = scopeOfUnit({ path: row.path, kind: row.kind, franchiseId: row.franchise_id } as OrgUnit);
  return {
    kind: 'user',
    id: row.id,
    label: row.email,
    franchiseId: row.franchise_id,
    orgUnitId: row.org_unit_id,
    orgUnitKind: row.kind,
    isHq,
    permissions: effectivePermissions(row.permissions, isHq, row.enabled_plugins),
    scope,
    sessionId,
    enabledPluginOptions: row.plugin_options ?? {},
  };
}

const PRINCIPAL_SQL = `
  select u.id, u.email, u.franchise_id, u.org_unit_id, o.path, o.kind,
         coalesce((select array_agg(distinct p) from role r, unnest(r.permissions) p where r.id::text = any(u.role_ids)), '{}') as permissions,
         ${ENABLED_PLUGINS_SQL} as enabled_plugins,
         (select json_object_agg(fp.plugin, fp.options) from franchise_plugin fp where fp.franchise_id = u.franchise_id and fp.enabled) as plugin_options
    from staff_user u join org_unit o on o.id = u.org_unit_id`;

/**
 * The actor behind a live session, in one statement: null when the session ended or
 * expired or the account is disabled. em must see all franchises (system scope).
 */
export async function sessionActor(em: EntityManager, userId: string, sessionId: string): Promise<Actor | null> {
  const [row] = await em.execute(
    `${PRINCIPAL_SQL}
      join auth_session s on s.user_id = u.id
     where s.id = ? and u.id = ? and s.status = 'ACTIVE' and s.expires_at > now() and u.status = 'ACTIVE'`,
    [sessionId, userId],
  );
  return row ? actorFrom(row as Parameters<typeof actorFrom>[0], sessionId) : null;
}

/** Builds the actor for a staff member (em must see all franchises: system scope). */
export async function staffActor(em: EntityManager, user: { id: string }, sessionId?: string): Promise<Actor> {
  const [row] = await em.execute(`${PRINCIPAL_SQL} where u.id = ?`, [user.id]);
  return actorFrom(row as Parameters<typeof actorFrom>[0], sessionId);
}
