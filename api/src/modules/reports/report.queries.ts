import type { RequestContext } from '../../core/context';
import { reportDays } from '../../core/read/report-period';
import { franchiseCondition } from '../../core/tenancy/scope';
import { getOrgUnit, orgScopeSql } from '../org/org.service';
import { satisfactionRates } from '../surveys/satisfaction-rates';
import { teamNameSql, teamOfAgentSql, teamsInScope } from '../teams/team.queries';
import { ReportMetric, SLA_BREACHED, SLA_MET } from './report-facts';
import { readReportRows } from './report-replica';
import { ReportGroupBy, ReportKind, ReportPeriod, type Report, type ReportInput, type ReportRow } from './report.types';

/**
 * Reports (the read path): one statement over the daily facts (report-facts.ts), never the hot
 * tables; periods are whole days, weeks (Monday first) or months of each franchise's local days,
 * each with the previous period's figure for the same group. On the replica when configured.
 */

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/** What each kind reads and how its value is made of a group's counts and sums. */
const KINDS: Record<ReportKind, { metrics: ReportMetric[]; value: (t: Totals) => { value: number | null; count: number; base: number | null } }> = {
  CASES: { metrics: [ReportMetric.CASES], value: (t) => counted(t, ReportMetric.CASES) },
  COMPLAINTS: { metrics: [ReportMetric.COMPLAINTS], value: (t) => counted(t, ReportMetric.COMPLAINTS) },
  ORDERS: { metrics: [ReportMetric.ORDERS], value: (t) => counted(t, ReportMetric.ORDERS) },
  ORDER_AMOUNT: { metrics: [ReportMetric.ORDERS], value: (t) => ({ value: t.sum(ReportMetric.ORDERS), count: t.count(ReportMetric.ORDERS), base: null }) },
  RETURNS: { metrics: [ReportMetric.RETURNS], value: (t) => counted(t, ReportMetric.RETURNS) },
  CALLBACKS_COMPLETED: { metrics: [ReportMetric.CALLBACKS_COMPLETED], value: (t) => counted(t, ReportMetric.CALLBACKS_COMPLETED) },
  APPOINTMENTS_BOOKED: { metrics: [ReportMetric.APPOINTMENTS_BOOKED], value: (t) => counted(t, ReportMetric.APPOINTMENTS_BOOKED) },
  APPOINTMENTS_COMPLETED: { metrics: [ReportMetric.APPOINTMENTS_COMPLETED], value: (t) => counted(t, ReportMetric.APPOINTMENTS_COMPLETED) },
  SLA_COMPLIANCE: {
    metrics: [ReportMetric.CASES_RESOLVED],
    value(t) {
      const met = t.count(ReportMetric.CASES_RESOLVED, SLA_MET);
      const base = met + t.count(ReportMetric.CASES_RESOLVED, SLA_BREACHED);
      return { value: base ? Math.round((met / base) * 10_000) / 10_000 : null, count: met, base };
    },
  },
  SATISFACTION: {
    metrics: [ReportMetric.SURVEYS_ANSWERED, ReportMetric.SURVEYS_RATED, ReportMetric.SURVEYS_SATISFIED, ReportMetric.SURVEYS_DISSATISFIED],
    value(t) {
      const rated = t.count(ReportMetric.SURVEYS_RATED);
      const satisfied = t.count(ReportMetric.SURVEYS_SATISFIED);
      const rates = satisfactionRates({ sent: 0, answered: t.count(ReportMetric.SURVEYS_ANSWERED), rated, satisfied, dissatisfied: t.count(ReportMetric.SURVEYS_DISSATISFIED), ratingSum: t.sum(ReportMetric.SURVEYS_RATED), npsAnswered: 0, promoters: 0, detractors: 0 });
      return { value: rates.satisfactionRate, count: satisfied, base: rated };
    },
  },
};

interface Totals {
  count(metric: ReportMetric, dimension?: string): number;
  sum(metric: ReportMetric, dimension?: string): number;
}

const counted = (t: Totals, metric: ReportMetric) => {
  const count = t.count(metric);
  return { value: count, count, base: null };
};

interface FactRow {
  bucket: string;
  key: string | null;
  label: string | null;
  metric: ReportMetric;
  dimension: string;
  count: number;
  sum: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY_MS);

/** The first day of the period holding `d` (weeks start on Monday). */
export function periodStart(period: ReportPeriod, d: Date): Date {
  if (period === ReportPeriod.WEEK) return addDays(d, -((d.getUTCDay() + 6) % 7));
  if (period === ReportPeriod.MONTH) return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  return d;
}

/** The first day of the period after (n = 1) or before (n = -1) the one starting on `start`. */
export function shiftPeriod(period: ReportPeriod, start: Date, n: number): Date {
  if (period === ReportPeriod.WEEK) return addDays(start, 7 * n);
  if (period === ReportPeriod.MONTH) return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + n, 1));
  return addDays(start, n);
}

const GROUPS: Record<ReportGroupBy, { key: string; label: (key: string) => string }> = {
  NONE: { key: 'null::text', label: () => 'null::text' },
  STORE: { key: 'f.store_id::text', label: (k) => `(select u.name from org_unit u where u.id = ${k}::uuid)` },
  AGENT: { key: 'f.agent_id::text', label: (k) => `(select s.display_name from staff_user s where s.id = ${k}::uuid)` },
  /** The agent's current team (a team with no figures still gets its row, below). */
  TEAM: { key: `${teamOfAgentSql('f.agent_id')}::text`, label: teamNameSql },
  DIMENSION: { key: 'f.dimension', label: (k) => k },
};

/**
 * Adds the caller's reach over `report_fact f` to a statement's conditions: its franchises, its
 * part of the organisation, and the store (and what is under it) the report asks for.
 */
export function factScope(ctx: RequestContext, store: { path: string } | null, conditions: string[], params: unknown[]): void {
  const inScope = franchiseCondition(ctx.scope, 'f.franchise_id');
  if (inScope) conditions.push(inScope.sql), params.push(inScope.param);
  const orgScope = orgScopeSql(ctx, 'f.store_id');
  if (orgScope) conditions.push(orgScope);
  if (store) conditions.push(`exists (select 1 from org_unit su where su.id = f.store_id and su.path like ?)`), params.push(`${store.path}%`);
}

export async function report(ctx: RequestContext, input: ReportInput): Promise<Report> {
  const { from, to } = reportDays(input, MAX_DAYS);
  const store = input.storeId ? await getOrgUnit(ctx, input.storeId, 'Store') : null;
  const first = periodStart(input.period, from);
  const last = addDays(shiftPeriod(input.period, periodStart(input.period, to), 1), -1);
  const readFrom = shiftPeriod(input.period, first, -1);
  const kind = KINDS[input.kind];
  const group = GROUPS[input.groupBy];
  const conditions = ['f.metric = any(?::text[])', 'f.day >= ?::date', 'f.day <= ?::date'];
  const params: unknown[] = [`{${kind.metrics.join(',')}}`, day(readFrom), day(last)];
  factScope(ctx, store, conditions, params);
  const rows = await readReportRows<FactRow>(
    ctx,
    `select g.bucket, g.key, ${group.label('g.key')} as label, g.metric, g.dimension, g.count, g.sum
       from (select to_char(date_trunc('${input.period.toLowerCase()}', f.day), 'YYYY-MM-DD') as bucket, ${group.key} as key, f.metric, f.dimension,
                    sum(f.count)::int as count, sum(f.sum)::text as sum
               from report_fact f
              where ${conditions.join(' and ')}
              group by 1, 2, 3, 4) g`,
    params,
  );
  // Counts by period and group, then each period's value beside the previous one's.
  const byBucket = new Map<string, Map<string | null, { label: string | null; facts: FactRow[] }>>();
  for (const r of rows) {
    const groups = byBucket.get(r.bucket) ?? byBucket.set(r.bucket, new Map()).get(r.bucket)!;
    const g = groups.get(r.key) ?? groups.set(r.key, { label: r.label, facts: [] }).get(r.key)!;
    g.facts.push(r);
  }
  const valueOf = (facts: FactRow[] | undefined) => {
    const pick = (metric: ReportMetric, dimension?: string) => (facts ?? []).filter((f) => f.metric === metric && (dimension === undefined || f.dimension === dimension));
    return kind.value({
      count: (m, d) => pick(m, d).reduce((a, f) => a + f.count, 0),
      sum: (m, d) => pick(m, d).reduce((a, f) => a + Number(f.sum), 0),
    });
  };
  // Every team in scope has its row, with zeros when it has no figures.
  const teams = input.groupBy === ReportGroupBy.TEAM ? await teamsInScope(ctx, store?.id) : [];
  const out: ReportRow[] = [];
  for (let start = first; start <= last; start = shiftPeriod(input.period, start, 1)) {
    const previous = shiftPeriod(input.period, start, -1);
    const now = byBucket.get(day(start)) ?? new Map();
    const before = byBucket.get(day(previous)) ?? new Map();
    for (const team of teams) if (!now.has(team.id)) now.set(team.id, { label: team.name, facts: [] });
    const keys = input.groupBy === ReportGroupBy.NONE ? [null] : [...new Set([...now.keys(), ...before.keys()])];
    const periodRows = keys.map((key) => {
      const current = valueOf(now.get(key)?.facts);
      return { period: day(start), previousPeriod: day(previous), key, label: now.get(key)?.label ?? before.get(key)?.label ?? null, ...current, previousValue: valueOf(before.get(key)?.facts).value };
    });
    periodRows.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || String(a.label ?? a.key).localeCompare(String(b.label ?? b.key)));
    out.push(...periodRows);
  }
  return { kind: input.kind, period: input.period, groupBy: input.groupBy, from: day(first), to: day(last), rows: out };
}
