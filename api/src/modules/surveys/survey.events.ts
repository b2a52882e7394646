/** The events the surveys module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** A survey's answers were recorded; rating is the 1–5 satisfaction answer, if given. */
    'survey.answered': { requestId: string; customerId: string; staffId: string | null; orgUnitId: string | null; rating: number | null; npsScore: number | null };
  }
}

export const surveyEventTypes = ['survey.answered'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
