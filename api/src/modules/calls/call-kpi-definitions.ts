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
 * - sales-type calls: calls made for a task of a SALES outbound plan, calls with the disposition
 *   SALES, and calls that led to an order (an order linked to the call); order conversion =
 *   sales-type calls that led to an order (linked, or the task's outcome CONVERTED) ÷ sales-type
 *   calls (target ≥ 55 %).
 * A call counts in the day, week (Monday first) or month it was offered, in its franchise's zone.
 */

export const CALL_KPI_DEFINITIONS =
  'Answer rate = inbound calls answered ÷ inbound calls offered, short abandons (the caller hung up within the franchise’s shortAbandonSeconds, default 5) excluded; target ≥ 90 %. Average talk time = talk seconds (answered to ended, less hold) ÷ calls talked, inbound and outbound; target ≤ 180 s. Average handle time = (talk + hold + wrap-up seconds) ÷ calls talked. Order conversion = sales-type calls that led to an order ÷ sales-type calls (a call for a SALES outbound task, with the disposition SALES, or with an order linked; it led to an order when an order is linked or the task ended CONVERTED); target ≥ 55 %. A call counts in the day, week (from Monday) or month it was offered, in its franchise’s time zone.';

export const DEFAULT_SHORT_ABANDON_SECONDS = 5;
export const DEFAULT_ANSWER_RATE_TARGET = 0.9;
export const DEFAULT_AVERAGE_TALK_SECONDS_TARGET = 180;
export const DEFAULT_CONVERSION_RATE_TARGET = 0.55;

/** The sales outbound tasks' calls (join as `sales` on sales.call_id = c.id): few rows, hashed once. */
export const SALES_TASK_CALLS_SQL = `(select t.call_id, bool_or(t.outcome = 'CONVERTED') as converted
     from outbound_task t join outbound_plan p on p.id = t.plan_id
    where p.purpose = 'SALES' and t.call_id is not null group by t.call_id)`;

/**
 * Count columns over calls `c` with the short-abandon threshold in `threshold` (SQL expression)
 * and the sales tasks' calls joined as `sales` (SALES_TASK_CALLS_SQL).
 */
export function callCountsSql(threshold: string): string {
  const shortAbandon = `c.state = 'ABANDONED' and coalesce(c.wait_seconds, 0) < ${threshold}`;
  const salesType = `(sales.call_id is not null or c.disposition = 'SALES' or c.order_id is not null)`;
  return `count(*) filter (where c.direction = 'INBOUND' and c.state <> 'RINGING' and not (${shortAbandon})) as offered,
          count(*) filter (where c.direction = 'INBOUND' and c.answered_at is not null) as answered,
          count(*) filter (where c.direction = 'INBOUND' and c.state = 'ABANDONED' and not (${shortAbandon})) as abandoned,
          count(*) filter (where c.direction = 'INBOUND' and ${shortAbandon}) as short_abandoned,
          count(*) filter (where c.direction = 'INBOUND' and c.state = 'MISSED') as missed,
          count(*) filter (where c.direction = 'OUTBOUND') as outbound,
          count(c.talk_seconds) as talked,
          coalesce(sum(c.talk_seconds), 0) as talk_seconds,
          coalesce(sum(c.talk_seconds + coalesce(c.hold_seconds, 0) + coalesce(c.wrap_up_seconds, 0)) filter (where c.talk_seconds is not null), 0) as handle_seconds,
          count(*) filter (where ${salesType}) as sales_calls,
          count(*) filter (where ${salesType} and (c.order_id is not null or sales.converted)) as converted_calls`;
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
  salesCalls: number;
  convertedCalls: number;
}

export interface CallTargets {
  answerRateTarget: number;
  averageTalkSecondsTarget: number;
  conversionRateTarget: number;
}

export interface CallKpiValues {
  /** answered ÷ offered, 0–1; null with nothing offered. */
  answerRate: number | null;
  averageTalkSeconds: number | null;
  averageHandleSeconds: number | null;
  /** converted ÷ sales-type calls, 0–1; null without sales-type calls. */
  conversionRate: number | null;
  answerRateBelowTarget: boolean;
  averageTalkAboveTarget: boolean;
  conversionRateBelowTarget: boolean;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function callKpis(c: CallCounts, t: CallTargets | null): CallKpiValues {
  const answerRate = ratio(c.answered, c.offered);
  const averageTalkSeconds = ratio(c.talkSeconds, c.talked);
  const conversionRate = ratio(c.convertedCalls, c.salesCalls);
  return {
    answerRate,
    averageTalkSeconds,
    averageHandleSeconds: ratio(c.handleSeconds, c.talked),
    answerRateBelowTarget: !!t && answerRate != null && answerRate < t.answerRateTarget,
    averageTalkAboveTarget: !!t && averageTalkSeconds != null && averageTalkSeconds > t.averageTalkSecondsTarget,
    conversionRate,
    conversionRateBelowTarget: !!t && conversionRate != null && conversionRate < t.conversionRateTarget,
  };
}

export function addCallCounts(list: readonly CallCounts[]): CallCounts {
  const total: CallCounts = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, missed: 0, outbound: 0, talked: 0, talkSeconds: 0, handleSeconds: 0, salesCalls: 0, convertedCalls: 0 };
  for (const c of list) for (const k of Object.keys(total) as (keyof CallCounts)[]) total[k] += c[k];
  return total;
}
