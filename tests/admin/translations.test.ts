import { allPermissions, allRoleTemplates } from '@pharmadesk/api/src/core/auth/permissions';
import { installAppModules } from '@pharmadesk/api/src/modules';

/**
 * The fast half of the language scan: every permission, permission group and role template the
 * API's modules define has its Chinese name in the panel, so a module that adds one cannot show
 * its English description on the roles page. (Plugins ship their own admin translations.)
 */
type Named = { name?: string; description?: string };
type Dictionary = { permissions: Record<string, Named>; permissionGroups: Record<string, string>; roleTemplates: Record<string, Named> };

describe('zh-CN translations of what the modules define', () => {
  let dictionary: Dictionary;
  beforeAll(async () => {
    installAppModules();
    // The panel is an ES module package: load its dictionary the way a CommonJS test can.
    dictionary = (await import('../../admin/src/i18n/zh-CN.js')).zhCN as unknown as Dictionary;
  });

  it('names and describes every permission and names every permission group', () => {
    const missing = allPermissions()
      .filter((p) => !dictionary.permissions[p.name]?.name || !dictionary.permissions[p.name]?.description)
      .map((p) => p.name);
    const missingGroups = [...new Set(allPermissions().map((p) => p.group))].filter((g) => !dictionary.permissionGroups[g]);
    expect({ missing, missingGroups }).toEqual({ missing: [], missingGroups: [] });
  });

  it('names and describes every built-in role template', () => {
    const missing = allRoleTemplates().filter((t) => !t.plugin && (!dictionary.roleTemplates[t.key]?.name || !dictionary.roleTemplates[t.key]?.description)).map((t) => t.key);
    expect(missing).toEqual([]);
  });
});
