declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** A call was recorded or its state moved on (partner events or an agent's log); state is the call's state now. */
    'call.recorded': { callId: string; direction: string; state: string; agentId: string | null; customerId: string | null; orgUnitId: string; offeredAt: string };
    /** An agent edited a call (customer, disposition, note, links). */
    'call.updated': { callId: string; customerId: string | null; disposition: string | null };
    /** A supervisor or the quality team marked a call for review. */
    'call.review_requested': { callId: string; agentId: string | null; reason: string };
  }
}

export const callEventTypes = ['call.recorded', 'call.updated', 'call.review_requested'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
