import { definePermissions } from '../../core/auth/permissions';

export const ReportPermission = definePermissions([
  {
    name: 'report:read',
    group: 'Reports',
    description: 'See the report center: trends of cases, complaints, orders, returns, callbacks and appointments, SLA compliance, satisfaction and common questions, within one’s part of the organisation.',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'report:rebuild',
    group: 'Reports',
    description: 'Recompute a franchise’s report figures for a range of days from the recorded events.',
    grantedTo: ['hq_admin'],
  },
]);
