import { definePermissions } from '../../core/auth/permissions';

export const IdentityPermission = definePermissions([
  {
    name: 'staff:read',
    group: 'Staff',
    description: 'See staff profiles in one’s scope (doctors’ public profiles included).',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin', 'qa_analyst', 'health_manager'],
  },
  {
    name: 'staff:manage',
    group: 'Staff',
    description: 'Create staff accounts, edit profiles, assign roles, disable and enable accounts in one’s scope.',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
  {
    name: 'staff:pii',
    group: 'Staff',
    description: 'See staff members’ personal phone numbers unmasked.',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
  {
    name: 'role:read',
    group: 'Staff',
    description: 'See role templates and the franchise’s own roles.',
    grantedTo: ['franchise_owner', 'hq_admin', 'store_director'],
  },
  {
    name: 'role:manage',
    group: 'Staff',
    description: 'Create, edit and delete the franchise’s own roles from permissions one holds.',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
] as const);
