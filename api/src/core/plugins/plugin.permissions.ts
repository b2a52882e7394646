import { definePermissions } from '../auth/permissions';

export const PluginPermission = definePermissions([
  {
    name: 'plugin:manage',
    group: 'Plugins',
    description: 'Enable, disable and configure plugins for a franchise (HQ: any franchise; an owner: their own, where HQ allows it).',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
] as const);
