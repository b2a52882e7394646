import { BadUserInputError, type FieldProblem } from '../../core/errors';
import type { CallKpiValues, CallTargets } from '../calls/call-kpi-definitions';
import { AppraisalConsequence, AppraisalSource, type AppraisalBand, type AppraisalFormCategory, type AppraisalPart, type AppraisalRating, type AppraisalWeights } from './appraisal.entity';

/**
 * The appraisal's rules, defined once: weights, forms, the data mapping, the weighted result,
 * bands and consequences. The service reads the figures; everything here is plain arithmetic.
 */

export const SOURCES: readonly { source: AppraisalSource; key: keyof AppraisalWeights }[] = [
  { source: AppraisalSource.SELF, key: 'self' },
  { source: AppraisalSource.SUPERVISOR, key: 'supervisor' },
  { source: AppraisalSource.CUSTOMER, key: 'customer' },
  { source: AppraisalSource.QA, key: 'qa' },
  { source: AppraisalSource.DATA, key: 'data' },
];

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Weights as stored, or BAD_USER_INPUT naming the field: whole numbers 0–100 that sum to 100. */
export function checkWeights(field: string, weights: AppraisalWeights): AppraisalWeights {
  const problems: FieldProblem[] = [];
  for (const { key } of SOURCES) {
    const w = weights[key];
    if (!Number.isInteger(w) || w < 0 || w > 100) problems.push({ field: `${field}.${key}`, message: `${key} takes a whole percent from 0 to 100`, reason: 'OUT_OF_RANGE', params: { min: 0, max: 100 } });
  }
  const total = SOURCES.reduce((sum, { key }) => sum + (weights[key] ?? 0), 0);
  if (!problems.length && total !== 100) problems.push({ field, message: `the sources’ weights sum to ${total}; they must sum to 100`, reason: 'WEIGHTS_NOT_100', params: { total } });
  if (problems.length) throw new BadUserInputError(problems);
  return { self: weights.self, supervisor: weights.supervisor, customer: weights.customer, qa: weights.qa, data: weights.data };
}

/** Form categories as stored (keys unique, weights summing to 100), or BAD_USER_INPUT naming the field. */
export function checkFormCategories(field: string, categories: AppraisalFormCategory[]): AppraisalFormCategory[] {
  const problems: FieldProblem[] = [];
  const keys = new Set<string>();
  categories.forEach((c, i) => {
    if (keys.has(c.key)) problems.push({ field: `${field}.${i}.key`, message: `the key ${c.key} is used twice`, reason: 'DUPLICATE' });
    keys.add(c.key);
  });
  const total = categories.reduce((sum, c) => sum + c.weight, 0);
  if (total !== 100) problems.push({ field: `${field}.weight`, message: `the form categories’ weights sum to ${total}; they must sum to 100`, reason: 'WEIGHTS_NOT_100', params: { total } });
  if (problems.length) throw new BadUserInputError(problems);
  return categories.map((c) => ({ key: c.key, name: c.name.trim(), weight: c.weight }));
}

/** Bands highest first, or BAD_USER_INPUT: keys and lower bounds distinct, one band from 0. */
export function checkBands(field: string, bands: AppraisalBand[]): AppraisalBand[] {
  const problems: FieldProblem[] = [];
  const keys = new Set<string>();
  const mins = new Set<number>();
  bands.forEach((b, i) => {
    if (keys.has(b.key)) problems.push({ field: `${field}.${i}.key`, message: `the key ${b.key} is used twice`, reason: 'DUPLICATE' });
    if (mins.has(b.minScore)) problems.push({ field: `${field}.${i}.minScore`, message: `two bands start at ${b.minScore}`, reason: 'DUPLICATE' });
    keys.add(b.key);
    mins.add(b.minScore);
  });
  if (!mins.has(0)) problems.push({ field, message: 'one band must start at 0 so that every result has a band', reason: 'NO_LOWEST_BAND' });
  if (problems.length) throw new BadUserInputError(problems);
  return [...bands].map((b) => ({ key: b.key, name: b.name.trim(), minScore: b.minScore, consequence: b.consequence })).sort((a, b) => b.minScore - a.minScore);
}

/** A form's ratings checked against its categories (every category rated 0–100) and its score: Σ weight × score ÷ 100. */
export function scoreForm(field: string, categories: readonly AppraisalFormCategory[], ratings: readonly AppraisalRating[]): { ratings: AppraisalRating[]; score: number } {
  const problems: FieldProblem[] = [];
  const byKey = new Map<string, AppraisalRating>();
  ratings.forEach((r, i) => {
    if (!categories.some((c) => c.key === r.key)) problems.push({ field: `${field}.${i}.key`, message: `the form has no category ${r.key}`, reason: 'UNKNOWN' });
    else if (byKey.has(r.key)) problems.push({ field: `${field}.${i}.key`, message: `${r.key} is rated twice`, reason: 'DUPLICATE' });
    if (!(r.score >= 0 && r.score <= 100)) problems.push({ field: `${field}.${i}.score`, message: 'a score runs from 0 to 100', reason: 'OUT_OF_RANGE', params: { min: 0, max: 100 } });
    byKey.set(r.key, { key: r.key, score: r.score });
  });
  categories.forEach((c) => {
    if (!byKey.has(c.key)) problems.push({ field, message: `${c.name} (${c.key}) is not rated`, reason: 'REQUIRED', params: { key: c.key } });
  });
  if (problems.length) throw new BadUserInputError(problems);
  const ordered = categories.map((c) => byKey.get(c.key)!);
  return { ratings: ordered, score: round1(categories.reduce((sum, c) => sum + (c.weight * byKey.get(c.key)!.score) / 100, 0)) };
}

/**
 * The data part (documented mapping of the call KPIs against the franchise's targets to 0–100):
 * answer rate → min(100, 100 × rate ÷ target); average talk time → 100 at or under its target,
 * else 100 × target ÷ average; the data score is the mean of those the agent has (null: no calls).
 */
export const DATA_MAPPING =
  'Data score = mean of the agent’s KPI scores for the period: answer rate → min(100, 100 × answer rate ÷ target); average talk time → 100 at or under its target, else 100 × target ÷ average talk time. Null when the agent had no calls.';

export function dataScore(k: Pick<CallKpiValues, 'answerRate' | 'averageTalkSeconds'>, t: CallTargets): number | null {
  const scores: number[] = [];
  if (k.answerRate != null) scores.push(t.answerRateTarget > 0 ? Math.min(100, (100 * k.answerRate) / t.answerRateTarget) : 100);
  if (k.averageTalkSeconds != null) scores.push(k.averageTalkSeconds <= t.averageTalkSecondsTarget ? 100 : (100 * t.averageTalkSecondsTarget) / k.averageTalkSeconds);
  return scores.length ? round1(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
}

/** The parts with the cycle's weights; the result Σ weight × score ÷ Σ weight over the parts scored (null: none). */
export function combine(weights: AppraisalWeights, scores: Partial<Record<AppraisalSource, { score: number | null; basis?: string | null }>>): { parts: AppraisalPart[]; score: number | null } {
  const parts = SOURCES.map(({ source, key }) => ({ source, weight: weights[key], score: scores[source]?.score ?? null, basis: scores[source]?.basis ?? null }));
  const counted = parts.filter((p) => p.score != null && p.weight > 0);
  const weight = counted.reduce((s, p) => s + p.weight, 0);
  return { parts, score: weight > 0 ? round1(counted.reduce((s, p) => s + p.weight * p.score!, 0) / weight) : null };
}

/** The band a score falls in (bands highest first). */
export function bandOf(bands: readonly AppraisalBand[], score: number): AppraisalBand {
  return bands.find((b) => score >= b.minScore) ?? bands[bands.length - 1]!;
}

/**
 * The suggestion: the band's consequence, or PROMOTION_PRIORITY when this result is excellent (the
 * top band) and the previous cycles of the kind, newest first, make `promotionAfter` excellent in a row.
 */
export function suggest(bands: readonly AppraisalBand[], promotionAfter: number, score: number, previousBandKeys: readonly (string | null)[]): { band: AppraisalBand; consequence: AppraisalConsequence; streak: number } {
  const band = bandOf(bands, score);
  const top = bands[0]!;
  if (band.key !== top.key) return { band, consequence: band.consequence, streak: 0 };
  let streak = 1;
  for (const key of previousBandKeys) {
    if (key !== top.key) break;
    streak += 1;
  }
  return { band, consequence: promotionAfter > 0 && streak >= promotionAfter ? AppraisalConsequence.PROMOTION_PRIORITY : band.consequence, streak };
}

/** The local period's first and last days: YYYY-MM → that month, YYYY → that year; BAD_USER_INPUT on `period` otherwise. */
export function periodDays(kind: 'MONTHLY' | 'ANNUAL', period: string): { firstDay: string; lastDay: string; nextDay: string } {
  const monthly = kind === 'MONTHLY';
  const match = monthly ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period) : /^(\d{4})$/.exec(period);
  if (!match) throw new BadUserInputError({ field: 'period', message: monthly ? 'a monthly cycle’s period is YYYY-MM' : 'an annual cycle’s period is YYYY', reason: 'INVALID_PERIOD' });
  const year = Number(match[1]);
  const month = monthly ? Number(match[2]) : 1;
  const first = new Date(Date.UTC(year, month - 1, 1));
  const next = monthly ? new Date(Date.UTC(year, month, 1)) : new Date(Date.UTC(year + 1, 0, 1));
  const last = new Date(next.getTime() - 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { firstDay: day(first), lastDay: day(last), nextDay: day(next) };
}

/** The period before (for repeated excellence): 2026-01 → 2025-12, 2026 → 2025. */
export function previousPeriod(kind: 'MONTHLY' | 'ANNUAL', period: string): string {
  if (kind === 'ANNUAL') return String(Number(period) - 1);
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
