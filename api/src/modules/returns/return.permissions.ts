import { definePermissions } from '../../core/auth/permissions';

export const ReturnPermission = definePermissions([
  {
    name: 'return:read',
    group: 'Returns',
    description: 'See returns and exchanges in one’s scope: lines, evidence, inspection, refund and the timeline.',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'supervisor', 'store_director', 'warehouse_keeper', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'return:request',
    group: 'Returns',
    description: 'Request a return or exchange for a customer (from their channel, a case or the order page), and cancel it before the goods are received.',
    grantedTo: ['agent', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'return:review',
    group: 'Returns',
    description: 'Review return requests (within 24 h): approve, or reject with a reason.',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'return:receive',
    group: 'Returns',
    description: 'Record the goods coming back and inspect them per line (resalable units restock, the rest go to the non-conforming area).',
    grantedTo: ['warehouse_keeper', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'return:refund',
    group: 'Returns',
    description: 'Pay out the refund of an inspected return, or send the replacement of an exchange (within 3 working days).',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'return:settings',
    group: 'Returns',
    description: 'Set the franchise’s return window.',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
] as const);
