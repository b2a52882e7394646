import { definePermissions } from '../../core/auth/permissions';

/**
 * The service journey's permissions, per the role table of the center's specification: the
 * doctor (药师/医生 template) prescribes tests, writes the summary and interprets the report;
 * the health manager ships kits, takes samples on site and hands over the paper report; the
 * consulting department receives and checks samples, reviews and releases reports and has the
 * paper report made. Records are seen within the caller's part of the org tree.
 */
export const JourneyPermission = definePermissions([
  {
    name: 'test:read',
    group: 'Service journey',
    description: 'See the test catalogue, test orders, their steps and lab reports in one’s scope.',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'consulting', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'test:catalog',
    group: 'Service journey',
    description: 'Keep the test catalogue (code, name, price, sampling guide, turnaround); HQ keeps the shared items.',
    grantedTo: ['product_manager', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'test:prescribe',
    group: 'Service journey',
    description: 'Prescribe test items for a customer, write the summary report and interpret it with the customer; cancel a test order before testing.',
    grantedTo: ['pharmacist', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'test:sample',
    group: 'Service journey',
    description: 'Ship sampling kits or take samples on site, and send or hand over the paper report.',
    grantedTo: ['health_manager', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'test:lab',
    group: 'Service journey',
    description: 'Receive and check samples (accept, or reject with a reason), review and release lab reports, and have the paper report made (consulting department).',
    grantedTo: ['consulting', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'lab:report',
    group: 'Partners',
    description: 'Post a lab partner’s results and report files for a test order (a lab partner’s API key); idempotent by the lab’s report id.',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
] as const);

/** The doctor's records of the visit, prescriptions and the customers' ratings of doctors. */
export const CarePermission = definePermissions([
  {
    name: 'consultation:read',
    group: 'Service journey',
    description: 'See consultation records and prescriptions of customers in one’s scope.',
    grantedTo: ['health_manager', 'pharmacist', 'consulting', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'consultation:write',
    group: 'Service journey',
    description: 'Enter consultation records during the visit and prescribe products with a daily amount (doctor).',
    grantedTo: ['pharmacist', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'prescription:order',
    group: 'Service journey',
    description: 'Turn a prescription into an order (through the orders, with the prescribed daily amounts).',
    grantedTo: ['health_manager', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'rating:write',
    group: 'Service journey',
    description: 'Record a customer’s rating of the doctor (1–5 with a comment) after a completed appointment.',
    grantedTo: ['agent', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
] as const);
