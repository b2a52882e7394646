/** The events the knowledge module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** An agent used a published article on a case (linked it to the case's reply; once per case and article). */
    'knowledge.articleUsed': { articleId: string; caseId: string; caseOrgUnitId: string };
  }
}

export const knowledgeEventTypes = ['knowledge.articleUsed'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
