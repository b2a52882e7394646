import { definePermissions } from '../../core/auth/permissions';

export const InventoryPermission = definePermissions([
  {
    name: 'inventory:read',
    group: 'Warehouses and stock',
    description: 'Read products, suppliers, warehouses and zones, lots, stock on hand and the moves ledger in one’s scope.',
    grantedTo: ['stock_viewer', 'warehouse_keeper', 'product_manager', 'purchasing_approver', 'agent', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'catalog:manage',
    group: 'Warehouses and stock',
    description: 'Keep products and suppliers (HQ: the shared catalog; a franchise: its own) and a franchise’s availability and prices.',
    grantedTo: ['product_manager', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'warehouse:manage',
    group: 'Warehouses and stock',
    description: 'Open, edit and close warehouses and their storage zones (limits included), and set the franchise’s inventory rules.',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
  {
    name: 'stock:write',
    group: 'Warehouses and stock',
    description: 'Receive stock, post adjustments, hold, quarantine or release lots; request, pick, ship and receive branch requisitions; request and carry out destructions; sign inspections as the warehouse keeper.',
    grantedTo: ['warehouse_keeper', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'stock:recall',
    group: 'Warehouses and stock',
    description: 'Recall a lot: blocked at once everywhere it lies (HQ: in every franchise), with the list of who received it.',
    grantedTo: ['product_manager', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'stock:reserve',
    group: 'Warehouses and stock',
    description: 'Reserve stock for order lines (first expiry first), release reservations and issue them when shipping.',
    grantedTo: ['warehouse_keeper', 'agent', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'purchase:request',
    group: 'Warehouses and stock',
    description: 'Write purchase requests (with suggested quantities), send approved ones to the supplier and record their arrival; sign inspections as the product manager.',
    grantedTo: ['product_manager', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'purchase:approve',
    group: 'Warehouses and stock',
    description: 'Approve or reject purchase requests written by someone else.',
    grantedTo: ['purchasing_approver', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'purchase:inspect',
    group: 'Warehouses and stock',
    description: 'Record the inspection of arrived goods (accepted and rejected quantities, lots and dates), sign it, and put accepted goods away.',
    grantedTo: ['warehouse_keeper', 'product_manager', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'stock:approve',
    group: 'Warehouses and stock',
    description: 'Approve or reject branch requisitions and the destruction of expired or damaged goods requested by someone else.',
    grantedTo: ['purchasing_approver', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'storage:record',
    group: 'Warehouses and stock',
    description: 'Record temperature and humidity readings of storage zones (staff, or a sensor partner’s API key).',
    grantedTo: ['warehouse_keeper', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'stocktake:count',
    group: 'Warehouses and stock',
    description: 'See count sheets and enter counts and recounts; on blind sheets without stocktake:manage, book quantities and variances stay hidden.',
    grantedTo: ['stock_counter', 'warehouse_keeper', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'stocktake:manage',
    group: 'Warehouses and stock',
    description: 'Open count sheets, see book quantities and variances, ask for recounts, approve (counts of others) and post them as adjustments, cancel.',
    grantedTo: ['warehouse_keeper', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'recall:contact',
    group: 'Warehouses and stock',
    description: 'See who received a recalled lot and record what came of reaching them (contacted, returned, unreachable).',
    grantedTo: ['agent', 'supervisor', 'store_director', 'product_manager', 'warehouse_keeper', 'franchise_owner', 'hq_admin'],
  },
] as const);
