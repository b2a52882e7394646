import { definePermissions } from '../../core/auth/permissions';

export const OrderPermission = definePermissions([
  {
    name: 'order:read',
    group: 'Orders',
    description: 'See orders in one’s scope: lines, picked lots, delivery, payment and the timeline.',
    // Quality analysts too: order accuracy is scored from the orders themselves.
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'supervisor', 'store_director', 'warehouse_keeper', 'franchise_owner', 'hq_admin', 'qa_analyst'],
  },
  {
    name: 'order:write',
    group: 'Orders',
    description: 'Enter orders (online channels and in-store receipts) for customers or walk-ins.',
    grantedTo: ['agent', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'order:review',
    group: 'Orders',
    description: 'Review orders (items, address, contact, stock: reserves it), put them on hold for the customer with a reason, and cancel them.',
    grantedTo: ['agent', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'order:fulfil',
    group: 'Orders',
    description: 'Pick (first expiry first), ship with carrier and tracking number, record delivery; take payment and hand over in store.',
    grantedTo: ['warehouse_keeper', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'order:track',
    group: 'Orders',
    description: 'Post carriers’ tracking events (a logistics partner’s API key); a delivery event records the delivery.',
    grantedTo: ['warehouse_keeper', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'order:quality',
    group: 'Orders',
    description: 'Record and withdraw order errors (wrong entry, wrong shipment) against the agent responsible; see the order KPIs (error rate, handling on time).',
    grantedTo: ['supervisor', 'qa_analyst', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'order:settings',
    group: 'Orders',
    description: 'Set the franchise’s order handling targets (review and shipping, on its business calendar).',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
] as const);
