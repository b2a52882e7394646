/** The events the journey module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    'journey.test_ordered': { testOrderId: string; testOrderNo: string; customerId: string; doctorId: string; appointmentId: string | null; totalCents: number };
    /** A step of the test order's journey (the workflow's action, from and to state). */
    'journey.test_order_transitioned': { testOrderId: string; testOrderNo: string; customerId: string; action: string; from: string; to: string; reason: string | null };
    /** The consulting department released the lab report: the doctor and health manager can see it. */
    'journey.report_released': { testOrderId: string; testOrderNo: string; customerId: string; doctorId: string };
    /** The paper report reached the customer (sent or collected): drives the report-delivered callbacks. */
    'journey.report_delivered': { testOrderId: string; testOrderNo: string; customerId: string; orgUnitId: string; method: string; deliveredAt: string };
  }
}

export const journeyEventTypes = ['journey.test_ordered', 'journey.test_order_transitioned', 'journey.report_released', 'journey.report_delivered'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];

declare module '../../core/events/catalogue' {
  interface DomainEvents {
    'journey.consultation_recorded': { recordId: string; recordNo: string; customerId: string; doctorId: string; appointmentId: string | null };
    'journey.products_prescribed': { prescriptionId: string; prescriptionNo: string; customerId: string; doctorId: string };
    'journey.doctor_rated': { ratingId: string; appointmentId: string; doctorId: string; customerId: string; rating: number };
  }
}

export const careEventTypes = ['journey.consultation_recorded', 'journey.products_prescribed', 'journey.doctor_rated'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
