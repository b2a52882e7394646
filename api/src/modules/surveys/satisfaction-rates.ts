/**
 * The one definition of the satisfaction figures (documented on SatisfactionFigure in the
 * schema); the report, the callback desk and the demo all compute rates here.
 */
export interface SatisfactionCounts {
  sent: number;
  answered: number;
  /** Answered with a 1–5 answer to the satisfaction question. */
  rated: number;
  /** Rated 4 or 5. */
  satisfied: number;
  /** Rated 1 or 2. */
  dissatisfied: number;
  /** Sum of the 1–5 ratings (for the mean). */
  ratingSum: number;
  npsAnswered: number;
  /** NPS 9–10. */
  promoters: number;
  /** NPS 0–6. */
  detractors: number;
}

export interface SatisfactionRates {
  satisfactionRate: number | null;
  dissatisfactionRate: number | null;
  nps: number | null;
  responseRate: number | null;
  averageRating: number | null;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const ratio = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);

export function satisfactionRates(c: SatisfactionCounts): SatisfactionRates {
  return {
    satisfactionRate: ratio(c.satisfied, c.rated),
    dissatisfactionRate: ratio(c.dissatisfied, c.rated),
    nps: c.npsAnswered > 0 ? round((100 * (c.promoters - c.detractors)) / c.npsAnswered, 1) : null,
    responseRate: ratio(c.answered, c.sent),
    averageRating: c.rated > 0 ? round(c.ratingSum / c.rated, 2) : null,
  };
}

/** The counts, summed (totals over groups). */
export function addCounts(all: SatisfactionCounts[]): SatisfactionCounts {
  const sum: SatisfactionCounts = { sent: 0, answered: 0, rated: 0, satisfied: 0, dissatisfied: 0, ratingSum: 0, npsAnswered: 0, promoters: 0, detractors: 0 };
  for (const c of all) for (const key of Object.keys(sum) as (keyof SatisfactionCounts)[]) sum[key] += c[key];
  return sum;
}

export const isPromoter = (nps: number) => nps >= 9;
export const isDetractor = (nps: number) => nps <= 6;

/** A 1–5 satisfaction answer that counts as satisfied (4 or 5) or dissatisfied (1 or 2); the report's SQL says the same (rating >= 4, <= 2). */
export const isSatisfied = (rating: number) => rating >= 4;
export const isDissatisfied = (rating: number) => rating <= 2;
