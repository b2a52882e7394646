import { definePermissions } from '../auth/permissions';

export const AuditPermission = definePermissions([
  {
    name: 'audit:read',
    group: 'Audit',
    description: 'Read the audit log of one’s franchise (all franchises for HQ).',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
] as const);
