import { definePermissions } from '../../core/auth/permissions';

export const OrgPermission = definePermissions([
  {
    name: 'org:read',
    group: 'Organization',
    description: 'See the org units (franchise, stores, branch centers, departments) in one’s scope.',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'consulting', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin', 'qa_analyst'],
  },
  {
    name: 'org:manage',
    group: 'Organization',
    description: 'Create and edit stores, branch centers and departments within one’s scope.',
    grantedTo: ['store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'franchise:manage',
    group: 'Organization',
    description: 'Create franchises and edit their contract data and status (HQ only).',
    grantedTo: ['hq_admin'],
    hqOnly: true,
  },
] as const);
