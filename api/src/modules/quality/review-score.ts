import { QaScale, type QaCategory, type QaCriterion } from './scorecard.entity';

/** The ratings a scale allows, lowest (worst) to highest. */
export const SCALE_RANGE: Record<QaScale, readonly [number, number]> = {
  [QaScale.BINARY]: [0, 1],
  [QaScale.THREE_POINT]: [1, 3],
  [QaScale.FOUR_POINT]: [1, 4],
  [QaScale.FIVE_POINT]: [1, 5],
};

/** A criterion's rating; null is N/A (skipped, counts neither way). */
export interface CriterionRating {
  criterionKey: string;
  rating: number | null;
}

export interface ReviewScore {
  /** Each category's score 0–100 (mean of its rated criteria), null when all were N/A. */
  categoryScores: { key: string; score: number | null }[];
  /** Weighted mean of the rated categories, 0–100, one decimal; 0 when a critical criterion failed; null when nothing was rated. */
  score: number | null;
  /** Keys of critical criteria rated at their lowest. */
  criticalMisses: string[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A rating as 0–100 on its scale. */
export function ratingPercent(criterion: Pick<QaCriterion, 'scale'>, rating: number): number {
  const [low, high] = SCALE_RANGE[criterion.scale];
  return ((rating - low) / (high - low)) * 100;
}

/**
 * The review score, one definition (documented in the schema on QaReview.score): category score =
 * mean of its rated criteria (0–100); review score = categories' scores weighted by their weights,
 * over the categories with anything rated (N/A skipped); any critical criterion at its lowest
 * rating fails the review: score 0.
 */
export function scoreReview(categories: readonly QaCategory[], ratings: readonly CriterionRating[]): ReviewScore {
  const byKey = new Map(ratings.map((r) => [r.criterionKey, r.rating]));
  const criticalMisses: string[] = [];
  let weighted = 0;
  let weights = 0;
  const categoryScores = categories.map((category) => {
    const rated = category.criteria.flatMap((criterion) => {
      const rating = byKey.get(criterion.key);
      if (rating == null) return [];
      if (criterion.critical && rating === SCALE_RANGE[criterion.scale][0]) criticalMisses.push(criterion.key);
      return [ratingPercent(criterion, rating)];
    });
    if (!rated.length) return { key: category.key, score: null };
    const score = rated.reduce((a, b) => a + b, 0) / rated.length;
    weighted += category.weight * score;
    weights += category.weight;
    return { key: category.key, score: round1(score) };
  });
  const score = weights > 0 ? (criticalMisses.length ? 0 : round1(weighted / weights)) : null;
  return { categoryScores, score, criticalMisses };
}
