/**
 * The call center's KPIs, defined once: the SQL that counts (CALL_COUNTS) and the rates made of
 * the counts (callKpis). Documented to users on CallKpiRow (CALL_KPI_DEFINITIONS).
 *
 * - offered: inbound calls that reached an agent's queue and finished ringing (answered, ended,
 *   abandoned, missed or failed), less the short abandons;
 * - short abandon: an inbound call the caller hung up within the franchise's shortAbandonSeconds
 *   (default 5) of waiting: misdials and second thoughts, neither offered nor abandoned;
 * - answered: inbound calls answered; answer rate = answered ÷ offered (target ≥ 90 %);
 * - average talk time = talk seconds (answered → ended, less hold) ÷ calls talked, both directions
 *   (target ≤ 180 s); average handle time = (talk + hold + wrap-up) ÷ calls talked.
 * A call counts in the day, week (Monday first) or month it was offered, in its franchise's zone.
 */

export const CALL_KPI_DEFINITIONS =
  'Answer rate = inbound calls answered ÷ inbound calls offered, short abandons (the caller hung up within the franchise’s shortAbandonSeconds, default 5) excluded; target ≥ 90 %. Average talk time = talk seconds (answered to ended, less hold) ÷ calls talked, inbound and outbound; target ≤ 180 s. Average handle time = (talk + hold + wrap-up seconds) ÷ calls talked. A call counts in the day, week (from Monday) or month it was offered, in its franchise’s time zone.';

export const DEFAULT_SHORT_ABANDON_SECONDS = 5;
export const DEFAULT_ANSWER_RATE_TARGET = 0.9;
export const DEFAULT_AVERAGE_TALK_SECONDS_TARGET = 180;

/** Count columns over calls `c` with the short-abandon threshold in `threshold` (SQL expression). */
export function callCountsSql(threshold: string): string {
  const shortAbandon = `c.state = 'ABANDONED' and coalesce(c.wait_seconds, 0) < ${threshold}`;
  return `count(*) filter (where c.direction = 'INBOUND' and c.state <> 'RINGING' and not (${shortAbandon})) as offered,
          count(*) filter (where c.direction = 'INBOUND' and c.answered_at is not null) as answered,
          count(*) filter (where c.direction = 'INBOUND' and c.state = 'ABANDONED' and not (${shortAbandon})) as abandoned,
          count(*) filter (where c.direction = 'INBOUND' and ${shortAbandon}) as short_abandoned,
          count(*) filter (where c.direction = 'INBOUND' and c.state = 'MISSED') as missed,
          count(*) filter (where c.direction = 'OUTBOUND') as outbound,
          count(c.talk_seconds) as talked,
          coalesce(sum(c.talk_seconds), 0) as talk_seconds,
          coalesce(sum(c.talk_seconds + coalesce(c.hold_seconds, 0) + coalesce(c.wrap_up_seconds, 0)) filter (where c.talk_seconds is not null), 0) as handle_seconds`;
}

export interface CallCounts {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  missed: number;
  outbound: number;
  talked: number;
  talkSeconds: number;
  handleSeconds: number;
}

export interface CallTargets {
  answerRateTarget: number;
  averageTalkSecondsTarget: number;
}

export interface CallKpiValues {
  /** answered ÷ offered, 0–1; null with nothing offered. */
  answerRate: number | null;
  averageTalkSeconds: number | null;
  averageHandleSeconds: number | null;
  answerRateBelowTarget: boolean;
  averageTalkAboveTarget: boolean;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function callKpis(c: CallCounts, t: CallTargets | null): CallKpiValues {
  const answerRate = ratio(c.answered, c.offered);
  const averageTalkSeconds = ratio(c.talkSeconds, c.talked);
  return {
    answerRate,
    averageTalkSeconds,
    averageHandleSeconds: ratio(c.handleSeconds, c.talked),
    answerRateBelowTarget: !!t && answerRate != null && answerRate < t.answerRateTarget,
    averageTalkAboveTarget: !!t && averageTalkSeconds != null && averageTalkSeconds > t.averageTalkSecondsTarget,
  };
}

export function addCallCounts(list: readonly CallCounts[]): CallCounts {
  const total: CallCounts = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, missed: 0, outbound: 0, talked: 0, talkSeconds: 0, handleSeconds: 0 };
  for (const c of list) for (const k of Object.keys(total) as (keyof CallCounts)[]) total[k] += c[k];
  return total;
}
