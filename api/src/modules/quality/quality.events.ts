/** The events the quality module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** A review was submitted (calibration reviews included, flagged). */
    'quality.reviewed': { reviewId: string; agentId: string; score: number | null; calibration: boolean };
    /** The agent disputed a review. */
    'quality.disputed': { reviewId: string; agentId: string };
    /** The reviewer answered a dispute; the review is final. */
    'quality.dispute_resolved': { reviewId: string; agentId: string; outcome: string; scoreBefore: number | null; score: number | null };
    /** A cycle was opened with an appraisal per agent in scope. */
    'appraisal.cycle_opened': { cycleId: string; kind: string; period: string; appraisals: number };
    /** A supervisor recorded an agent's result (immutable from then on). */
    'appraisal.finalized': { appraisalId: string; agentId: string; kind: string; period: string; score: number | null; band: string; consequence: string };
    /** The agent acknowledged their result. */
    'appraisal.acknowledged': { appraisalId: string; agentId: string };
  }
}

export const qualityEventTypes = ['quality.reviewed', 'quality.disputed', 'quality.dispute_resolved', 'appraisal.cycle_opened', 'appraisal.finalized', 'appraisal.acknowledged'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
