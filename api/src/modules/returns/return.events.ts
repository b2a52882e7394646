/** The events the returns module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    'return.requested': { returnId: string; returnNo: string; orderId: string; orderNo: string; customerId: string | null; kind: string; reason: string; reviewDueAt: string };
    'return.transitioned': { returnId: string; returnNo: string; orderId: string; customerId: string | null; action: string; from: string; to: string; reason: string | null };
    /** Inspected: what went back into stock and what to the non-conforming area, and what is due to the customer. */
    'return.inspected': { returnId: string; returnNo: string; orderId: string; restocked: number; quarantined: number; refundCents: number; refundDueAt: string };
    /** The refund was paid out (the customer is told). */
    'return.refunded': { returnId: string; returnNo: string; orderId: string; customerId: string | null; refundCents: number };
    /** The replacement of an exchange was entered (it reserves its stock through the order's review). */
    'return.exchanged': { returnId: string; returnNo: string; orderId: string; replacementOrderId: string; customerId: string | null };
    /** A clock passed its target: the return is escalated one level. */
    'return.sla_breached': { returnId: string; returnNo: string; clock: string; dueAt: string; escalationLevel: string };
  }
}

export const returnEventTypes = ['return.requested', 'return.transitioned', 'return.inspected', 'return.refunded', 'return.exchanged', 'return.sla_breached'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
