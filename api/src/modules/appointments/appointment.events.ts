/** The events the appointments module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    'appointment.booked': { appointmentId: string; appointmentNo: string; customerId: string; doctorId: string; storeId: string; serviceId: string; channel: string; status: string; startsAt: string; rescheduledFromId: string | null };
    /** A status change: confirmed (verified), checked in, completed, no-show, cancelled or rescheduled (then `rescheduledToId`). */
    'appointment.status_changed': { appointmentId: string; appointmentNo: string; customerId: string; doctorId: string; storeId: string; from: string; to: string; reason: string | null; rescheduledToId: string | null; late: boolean };
    /** An online request was not verified within its time: escalated. */
    'appointment.verification_overdue': { appointmentId: string; appointmentNo: string; storeId: string; dueAt: string; escalationLevel: string };
  }
}

export const appointmentEventTypes = ['appointment.booked', 'appointment.status_changed', 'appointment.verification_overdue'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
