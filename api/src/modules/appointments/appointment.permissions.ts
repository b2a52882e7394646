import { definePermissions } from '../../core/auth/permissions';

export const AppointmentPermission = definePermissions([
  {
    name: 'appointment:read',
    group: 'Appointments',
    description: 'See appointments, doctors’ schedules, services and free slots in one’s scope.',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'consulting', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'appointment:book',
    group: 'Appointments',
    description: 'Book appointments for customers (phone, in person, online requests), verify online requests, reschedule and cancel them before the notice period.',
    grantedTo: ['agent', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'appointment:attend',
    group: 'Appointments',
    description: 'Check customers in, complete their appointments or mark them as no-shows.',
    grantedTo: ['health_manager', 'pharmacist', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'appointment:late_change',
    group: 'Appointments',
    description: 'Reschedule or cancel an appointment inside the franchise’s notice period (by default: on the appointment’s day).',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'schedule:manage',
    group: 'Appointments',
    description: 'Keep the services offered, the doctors’ weekly hours, breaks, leave and one-off hours, and the franchise’s appointment rules.',
    grantedTo: ['health_manager', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'practitioner:verify',
    group: 'Appointments',
    description: 'Verify doctors’ qualifications (HQ): verified, rejected or suspended, with a note.',
    grantedTo: ['hq_admin'],
    hqOnly: true,
  },
] as const);
