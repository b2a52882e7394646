/** The events the quality module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** A review was submitted (calibration reviews included, flagged). */
    'quality.reviewed': { reviewId: string; agentId: string; score: number | null; calibration: boolean };
    /** The agent disputed a review. */
    'quality.disputed': { reviewId: string; agentId: string };
    /** The reviewer answered a dispute; the review is final. */
    'quality.dispute_resolved': { reviewId: string; agentId: string; outcome: string; scoreBefore: number | null; score: number | null };
  }
}

export const qualityEventTypes = ['quality.reviewed', 'quality.disputed', 'quality.dispute_resolved'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
