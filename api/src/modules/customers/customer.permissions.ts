import { definePermissions } from '../../core/auth/permissions';

export const CustomerPermission = definePermissions([
  {
    name: 'customer:read',
    group: 'Customers',
    description: 'Find and read customer archives and timelines in one’s scope (personal data masked).',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'consulting', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin', 'qa_analyst'],
  },
  {
    name: 'customer:write',
    group: 'Customers',
    description: 'Create and edit customer archives.',
    grantedTo: ['agent', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'customer:pii',
    group: 'Customers',
    description: 'See customers’ phone, ID number and address unmasked (each read is audited).',
    grantedTo: ['health_manager', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'customer:care',
    group: 'Customers',
    description: 'Birthday and greeting lists, marketing lists (consent respected), care reminders.',
    grantedTo: ['health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'customer:analyze',
    group: 'Customers',
    description: 'Segments, top spenders, and recomputing segments on demand.',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'customer:merge',
    group: 'Customers',
    description: 'Merge two archives of the same person, moving everything attached (HQ only).',
    grantedTo: ['hq_admin'],
    hqOnly: true,
  },
] as const);
