import type { EntityManager } from '@mikro-orm/postgresql';
import { allRoleTemplates, templatePermissions } from '../../core/auth/permissions';
import { Role } from './role.entity';

/**
 * Keeps the built-in role rows (franchiseId null) equal to the templates the
 * permission registry describes; runs at start-up, so a module or plugin granting a
 * template a new permission takes effect on the next start. Needs a scope of 'all'.
 */
export async function syncRoleTemplates(em: EntityManager): Promise<Map<string, Role>> {
  const existing = await em.find(Role, { templateKey: { $ne: null } });
  const byKey = new Map(existing.map((r) => [r.templateKey!, r]));
  for (const { key, ...template } of allRoleTemplates()) {
    const permissions = templatePermissions(key);
    const role = byKey.get(key);
    if (!role) {
      byKey.set(key, em.create(Role, { templateKey: key, name: template.name, description: template.description, permissions, builtIn: true, franchiseId: null }));
    } else if (role.permissions.join() !== permissions.join() || role.name !== template.name) {
      role.permissions = permissions;
      role.name = template.name;
      role.description = template.description;
    }
  }
  await em.flush();
  return byKey;
}
