/** The events of satisfaction analyses and improvement actions (their part of the typed catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** An analysis was made, with the review flags the rules proposed. */
    'analysis.created': { analysisId: string; storeId: string | null; periodFrom: string; periodTo: string; flags: { kind: string; agentId: string | null }[] };
    /** An analysis was closed (every action of it closed). */
    'analysis.closed': { analysisId: string };
    /** An improvement action was set, or its status changed (OPEN, IN_PROGRESS, DONE, CLOSED). */
    'improvement.changed': { actionId: string; analysisId: string; ownerId: string; status: string; change: 'created' | 'progress' | 'done' | 'closed' | 'reopened' };
    /** An action passed its due date undone: escalated once to the owner's superior. */
    'improvement.overdue': { actionId: string; analysisId: string; ownerId: string; dueDate: string; notifiedIds: string[] };
  }
}

export const analysisEventTypes = ['analysis.created', 'analysis.closed', 'improvement.changed', 'improvement.overdue'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
