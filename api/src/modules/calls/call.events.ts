declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** A call was recorded or its state moved on (partner events or an agent's log); state is the call's state now. */
    'call.recorded': { callId: string; direction: string; state: string; agentId: string | null; customerId: string | null; orgUnitId: string; offeredAt: string };
    /** An agent edited a call (customer, disposition, note, links). */
    'call.updated': { callId: string; customerId: string | null; disposition: string | null };
    /** A supervisor or the quality team marked a call for review. */
    'call.review_requested': { callId: string; agentId: string | null; reason: string };
    /** A supervisor made an outbound plan (its tasks made, one per target). */
    'outbound.plan_created': { planId: string; purpose: string; targetCount: number };
    /** More targets were added to an outbound plan. */
    'outbound.targets_added': { planId: string; created: number };
    /** An agent recorded an outbound task's call and outcome (a follow-up task made when followUpAt is set). */
    'outbound.task_completed': { taskId: string; planId: string; customerId: string; assigneeId: string; outcome: string; callId: string; followUpAt: string | null };
  }
}

export const callEventTypes = ['call.recorded', 'call.updated', 'call.review_requested', 'outbound.plan_created', 'outbound.targets_added', 'outbound.task_completed'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
