/** The events the cases module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    'case.created': { caseId: string; caseNo: string; queue: string; isVip: boolean };
    'case.transitioned': { caseId: string; caseNo: string; action: string; from: string; to: string };
  }
}

export const caseEventTypes = ['case.created', 'case.transitioned'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
