import type { RequestContext } from '../../core/context';
import { byPeriodThenKey, groupLabels, groupRowKey, type GroupRow } from '../../core/read/period-groups';
import { NO_CASE_KPI_COUNTS, caseKpiRows, type CaseKpiCounts } from '../cases/case-kpis';
import { addCallCounts, callKpis, type CallCounts, type CallTargets } from '../calls/call-kpi-definitions';
import { callCountRows, callSettings, callTargets, kpiWindowOf } from '../calls/call-kpis';
import { orderKpiRows, orderRates, type OrderKpiCounts } from '../orders/order-kpis';
import { satisfactionFactRows, type SatisfactionFactCounts } from '../reports/satisfaction-facts';
import { satisfactionRates } from '../surveys/satisfaction-rates';
import type { AgentKpiReport, AgentKpiRow, AgentKpisInput } from './agent-kpi.types';

/**
 * The agent KPI board (坐席考核): each source counts by period and group in one statement of its
 * own module (calls, cases, orders, the survey facts), the rows are joined here by (period,
 * franchise, key) and the rates made of the counts by each module's definitions, marked against
 * the franchise's targets. Four statements whatever the range and grouping, plus the labels and
 * targets.
 */

interface Counts {
  calls: CallCounts;
  cases: CaseKpiCounts;
  orders: OrderKpiCounts;
  satisfaction: SatisfactionFactCounts;
}

const none = (): Counts => ({
  calls: addCallCounts([]),
  cases: { ...NO_CASE_KPI_COUNTS },
  orders: { ordersEntered: 0, ordersReviewed: 0, reviewsTimed: 0, reviewsOnTime: 0, ordersHandled: 0, orderErrors: 0 },
  satisfaction: { rated: 0, satisfied: 0, dissatisfied: 0 },
});

function addInto<T extends object>(into: T, add: T): void {
  for (const k of Object.keys(into) as (keyof T)[]) (into[k] as number) += add[k] as number;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

function figures(head: Pick<AgentKpiRow, 'period' | 'franchiseId' | 'key' | 'label'>, c: Counts, t: CallTargets | null): AgentKpiRow {
  const call = callKpis(c.calls, t);
  const rates = satisfactionRates({ sent: 0, answered: 0, rated: c.satisfaction.rated, satisfied: c.satisfaction.satisfied, dissatisfied: c.satisfaction.dissatisfied, ratingSum: 0, npsAnswered: 0, promoters: 0, detractors: 0 });
  const k = c.cases;
  const o = c.orders;
  return {
    ...head,
    calls: {
      ...head,
      ...c.calls,
      ...call,
      answerRateTarget: t?.answerRateTarget ?? null,
      averageTalkSecondsTarget: t?.averageTalkSecondsTarget ?? null,
      conversionRateTarget: t?.conversionRateTarget ?? null,
    },
    cases: {
      ...k,
      resolutionRate: ratio(k.resolved, k.cases),
      averageFirstResponseSeconds: k.responded > 0 ? Math.round(k.firstResponseSeconds / k.responded) : null,
      consultationReplyOnTimeRate: ratio(k.consultationRepliesOnTime, k.consultationRepliesTimed),
      complaintOnTimeRate: ratio(k.complaintsOnTime, k.complaintsTimed),
    },
    orders: { ordersEntered: o.ordersEntered, ordersReviewed: o.ordersReviewed, ordersHandled: o.ordersHandled, reviewsTimed: o.reviewsTimed, reviewsOnTime: o.reviewsOnTime, errors: o.orderErrors, ...orderRates({ errors: o.orderErrors, handled: o.ordersHandled, reviewsOnTime: o.reviewsOnTime, reviewsTimed: o.reviewsTimed }) },
    satisfaction: { ...c.satisfaction, dissatisfactionRate: rates.dissatisfactionRate, satisfactionRate: rates.satisfactionRate },
    belowTarget: call.answerRateBelowTarget || call.averageTalkAboveTarget || call.conversionRateBelowTarget,
  };
}

export async function agentKpiReport(ctx: RequestContext, input: AgentKpisInput): Promise<AgentKpiReport> {
  const w = await kpiWindowOf(ctx, input);
  const [calls, cases, orders, satisfaction] = [await callCountRows(ctx, w), await caseKpiRows(ctx, w), await orderKpiRows(ctx, w), await satisfactionFactRows(ctx, w)];
  const groups = new Map<string, GroupRow & { counts: Counts }>();
  const at = (r: GroupRow) => {
    const id = groupRowKey(r);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { period: r.period, franchise_id: r.franchise_id, key: r.key, counts: none() }));
    return g.counts;
  };
  for (const { period, franchise_id, key, ...c } of calls) addInto(at({ period, franchise_id, key }).calls, c);
  for (const { period, franchise_id, key, ...c } of cases) addInto(at({ period, franchise_id, key }).cases, c);
  for (const { period, franchise_id, key, ...c } of orders) addInto(at({ period, franchise_id, key }).orders, c);
  for (const { period, franchise_id, key, ...c } of satisfaction) addInto(at({ period, franchise_id, key }).satisfaction, c);
  const rows = [...groups.values()].sort(byPeriodThenKey);
  const labels = await groupLabels(ctx, input.groupBy, rows.map((r) => r.key));
  const targets = await callTargets(ctx, rows.map((r) => r.franchise_id));
  const franchises = [...targets.keys()];
  const one = franchises.length === 1 ? franchises[0]! : input.franchiseId ?? null;
  const oneTargets = one ? (targets.get(one) ?? (await callSettings(ctx, one))) : null;
  const total = none();
  for (const r of rows) for (const part of Object.keys(total) as (keyof Counts)[]) addInto(total[part], r.counts[part] as never);
  return {
    from: input.from,
    to: input.to,
    period: input.period,
    groupBy: input.groupBy,
    rows: rows.map((r) => figures({ period: r.period, franchiseId: r.franchise_id, key: r.key, label: r.key ? (labels.get(r.key) ?? null) : null }, r.counts, targets.get(r.franchise_id)!)),
    totals: figures({ period: null, franchiseId: one, key: null, label: null }, total, oneTargets),
  };
}
