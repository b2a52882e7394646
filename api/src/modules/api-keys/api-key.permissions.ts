import { definePermissions } from '../../core/auth/permissions';

export const ApiKeyPermission = definePermissions([
  {
    name: 'apikey:manage',
    group: 'Partners',
    description: 'Create, rotate and revoke partner API keys for one’s scope, with permissions one holds.',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
] as const);
