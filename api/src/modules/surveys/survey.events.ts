/** The events the surveys module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** A survey's answers were recorded; rating is the 1–5 satisfaction answer, if given. */
    'survey.answered': { requestId: string; customerId: string; staffId: string | null; orgUnitId: string | null; rating: number | null; npsScore: number | null };
  }
}

export const surveyEventTypes = ['survey.answered'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];

declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** A callback's outcome was recorded (COMPLETED, RETRY, REFUSED, WRONG_NUMBER, DO_NOT_CALL). */
    'callback.outcome': { taskId: string; customerId: string; kind: string; outcome: string; attempts: number; surveyId: string | null };
    /** A case was raised from a callback (linked). */
    'callback.case_raised': { taskId: string; customerId: string; caseId: string; caseNo: string };
  }
}

export const callbackEventTypes = ['callback.outcome', 'callback.case_raised'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
