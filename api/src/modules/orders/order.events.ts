/** The events the orders module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    'order.created': { orderId: string; orderNo: string; channel: string; customerId: string | null; totalCents: number };
    'order.transitioned': { orderId: string; orderNo: string; action: string; from: string; to: string; reason: string | null };
    /** Goods left the warehouse: the customer is told the carrier, tracking number and expected delivery. */
    'order.shipped': { orderId: string; orderNo: string; customerId: string | null; carrier: string; trackingNo: string; expectedDeliveryAt: string | null };
    /** The carrier's latest status changed (logistics updates to the customer). */
    'order.tracking': { orderId: string; orderNo: string; customerId: string | null; status: string; occurredAt: string; eta: string | null };
    /** A line with a prescribed daily dose reached the customer: the day it runs out (a refill callback before then). */
    'order.consumption': { orderId: string; orderNo: string; lineId: string; customerId: string | null; productId: string; runsOutOn: string };
    /** Cancelled with a reason; `refundDue` when the customer had paid (the refund is on its way). */
    'order.cancelled': { orderId: string; orderNo: string; customerId: string | null; reason: string; refundDue: boolean };
    /** An order error was recorded against the agent responsible (the order error rate). */
    'order.error_recorded': { orderId: string; orderNo: string; errorId: string; kind: string; agentId: string; lineId: string | null };
    /** A recorded order error was withdrawn: it no longer counts. */
    'order.error_withdrawn': { orderId: string; orderNo: string; errorId: string; kind: string; agentId: string; reason: string };
  }
}

export const orderEventTypes = ['order.created', 'order.transitioned', 'order.shipped', 'order.tracking', 'order.consumption', 'order.cancelled', 'order.error_recorded', 'order.error_withdrawn'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
