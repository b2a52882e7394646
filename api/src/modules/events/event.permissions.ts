import { definePermissions } from '../../core/auth/permissions';

export const EventPermission = definePermissions([
  {
    name: 'events:manage',
    group: 'Platform',
    description: 'See event reactions that failed for good (the dead-letter list) and run them again (HQ only).',
    grantedTo: ['hq_admin'],
    hqOnly: true,
  },
]);
