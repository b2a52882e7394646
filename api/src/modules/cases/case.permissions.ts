import { definePermissions } from '../../core/auth/permissions';

export const CasePermission = definePermissions([
  {
    name: 'case:read',
    group: 'Cases',
    description: 'See cases, their threads and history, queues and agent presence in one’s scope.',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'consulting', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin', 'qa_analyst'],
  },
  {
    name: 'case:write',
    group: 'Cases',
    description: 'Open cases, edit their details, reply to customers and write internal notes.',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'case:work',
    group: 'Cases',
    description: 'Take cases from the queue and move one’s own cases through their workflow; set one’s availability.',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'case:escalate',
    group: 'Cases',
    description: 'Escalate a case (supervisor → director → HQ) or refer it to a pharmacist or doctor.',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'case:assign',
    group: 'Cases',
    description: 'Assign queued cases to staff and transfer anyone’s case (with a reason).',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'case:manage',
    group: 'Cases',
    description: 'Act on any case in scope as its handler (escalations), and manage shared queue views.',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'case:expert',
    group: 'Cases',
    description: 'Answer medication consultations and cases referred for a medical opinion (pharmacists and doctors).',
    grantedTo: ['pharmacist'],
    qualification: true,
  },
  {
    name: 'sla:manage',
    group: 'Cases',
    description: 'SLA policies, business calendars and case settings (auto-assignment, feedback limits) of one’s franchise.',
    grantedTo: ['supervisor', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'feedback:answer',
    group: 'Cases',
    description: 'Answer and resolve cross-department feedback raised to one’s department.',
    grantedTo: ['consulting', 'pharmacist', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
] as const);
