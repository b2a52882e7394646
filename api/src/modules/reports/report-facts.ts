import { calendarDate } from '../../core/clock';
import type { AppRuntime, RequestContext } from '../../core/context';
import type { DomainEvent, DomainEventType } from '../../core/events/catalogue';
import { inFranchise } from '../../core/plugins/events';
import { onEvent, type EventHandler } from '../../core/plugins/plugin';
import { reportDays } from '../../core/read/report-period';
import { readRows } from '../../core/read/sql';
import { caseReportRows } from '../cases/case.queries';
import { orderReportRows } from '../orders/order.queries';
import { returnReportRows } from '../returns/return.queries';
import { callbackReportRows } from '../surveys/callback.queries';
import { isDissatisfied, isSatisfied } from '../surveys/satisfaction-rates';
import { subjectWords } from './subject-words';

/**
 * The reports' read model: daily facts per franchise, local day (the franchise's zone), store,
 * agent, metric and dimension, with a count and a sum (minor units, ratings). The ONE definition
 * of every metric is `FACTS` below: the event handlers (incremental) and the rebuild (the events
 * still in the outbox, replayed for a franchise and range) both go through `applyEvents`, so a
 * rebuild equals what the handlers kept. An event is applied once in effect: its id goes into
 * report_applied_event in the same transaction as the fact upserts (event_reaction is written in
 * a transaction of its own, so it cannot say so), and a replay finds it there and adds nothing.
 */

export enum ReportMetric {
  CASES = 'cases',
  COMPLAINTS = 'complaints',
  CASES_RESOLVED = 'cases.resolved',
  ORDERS = 'orders',
  RETURNS = 'returns',
  CALLBACKS_COMPLETED = 'callbacks.completed',
  APPOINTMENTS_BOOKED = 'appointments.booked',
  APPOINTMENTS_COMPLETED = 'appointments.completed',
  SURVEYS_ANSWERED = 'surveys.answered',
  SURVEYS_RATED = 'surveys.rated',
  SURVEYS_SATISFIED = 'surveys.satisfied',
  SURVEYS_DISSATISFIED = 'surveys.dissatisfied',
  /** A word of a case's subject (dimension: the word, subject-words.ts), once per case. */
  CASE_SUBJECT_WORDS = 'cases.subject_words',
  /** A knowledge article used on a case (dimension: the article's id). */
  KNOWLEDGE_USED = 'knowledge.used',
}

/** Dimensions of CASES_RESOLVED. */
export const SLA_MET = 'SLA_MET';
export const SLA_BREACHED = 'SLA_BREACHED';

export interface Fact {
  storeId: string | null;
  agentId: string | null;
  metric: ReportMetric;
  dimension: string;
  count: number;
  sum: number;
}

/** What a definition may look up about the records its events name (one statement per kind for a whole batch). */
interface Lookups {
  cases: Map<string, Awaited<ReturnType<typeof caseReportRows>>[number]>;
  orders: Map<string, Awaited<ReturnType<typeof orderReportRows>>[number]>;
  returns: Map<string, Awaited<ReturnType<typeof returnReportRows>>[number]>;
  callbacks: Map<string, Awaited<ReturnType<typeof callbackReportRows>>[number]>;
}

interface Definition<T extends DomainEventType> {
  /** The ids of records to look up for this event (by kind). */
  needs?: (e: DomainEvent<T>) => Partial<Record<keyof Lookups, string>>;
  facts(e: DomainEvent<T>, l: Lookups): Fact[];
}

const fact = (metric: ReportMetric, dimension: string, storeId: string | null, agentId: string | null, sum = 0): Fact => ({ storeId, agentId, metric, dimension, count: 1, sum });

/** Every metric's definition: which events count, on which store and agent, under which dimension. */
const FACTS: { [T in DomainEventType]?: Definition<T> } = {
  'case.created': {
    needs: (e) => ({ cases: e.caseId }),
    facts(e, l) {
      const c = l.cases.get(e.caseId);
      if (!c) return [];
      const out = [fact(ReportMetric.CASES, c.type, c.org_unit_id, c.agent_id)];
      if (c.type === 'COMPLAINT') out.push(fact(ReportMetric.COMPLAINTS, c.category ?? 'OTHER', c.org_unit_id, c.agent_id));
      for (const word of subjectWords(c.subject)) out.push(fact(ReportMetric.CASE_SUBJECT_WORDS, word, c.org_unit_id, c.agent_id));
      return out;
    },
  },
  'case.transitioned': {
    needs: (e) => (e.to === 'RESOLVED' ? { cases: e.caseId } : {}),
    facts(e, l) {
      const c = e.to === 'RESOLVED' ? l.cases.get(e.caseId) : undefined;
      return c ? [fact(ReportMetric.CASES_RESOLVED, c.sla_breached ? SLA_BREACHED : SLA_MET, c.org_unit_id, c.agent_id)] : [];
    },
  },
  'order.created': {
    needs: (e) => ({ orders: e.orderId }),
    facts(e, l) {
      const o = l.orders.get(e.orderId);
      return [fact(ReportMetric.ORDERS, e.channel, o?.org_unit_id ?? null, o?.created_by_id ?? e.actorId, e.totalCents)];
    },
  },
  'return.requested': {
    needs: (e) => ({ returns: e.returnId }),
    facts: (e, l) => [fact(ReportMetric.RETURNS, e.kind, l.returns.get(e.returnId)?.org_unit_id ?? null, e.actorId)],
  },
  'callback.outcome': {
    needs: (e) => (e.outcome === 'COMPLETED' ? { callbacks: e.taskId } : {}),
    facts(e, l) {
      if (e.outcome !== 'COMPLETED') return [];
      const t = l.callbacks.get(e.taskId);
      return [fact(ReportMetric.CALLBACKS_COMPLETED, e.kind, t?.org_unit_id ?? null, e.actorId ?? t?.assignee_id ?? null)];
    },
  },
  'appointment.booked': {
    facts: (e) => [fact(ReportMetric.APPOINTMENTS_BOOKED, e.channel, e.storeId, e.doctorId)],
  },
  'appointment.status_changed': {
    facts: (e) => (e.to === 'COMPLETED' ? [fact(ReportMetric.APPOINTMENTS_COMPLETED, '', e.storeId, e.doctorId)] : []),
  },
  'knowledge.articleUsed': {
    facts: (e) => [fact(ReportMetric.KNOWLEDGE_USED, e.articleId, e.caseOrgUnitId, e.actorId)],
  },
  'survey.answered': {
    facts(e) {
      const out = [fact(ReportMetric.SURVEYS_ANSWERED, '', e.orgUnitId, e.staffId)];
      if (e.rating != null) {
        out.push(fact(ReportMetric.SURVEYS_RATED, '', e.orgUnitId, e.staffId, e.rating));
        if (isSatisfied(e.rating)) out.push(fact(ReportMetric.SURVEYS_SATISFIED, '', e.orgUnitId, e.staffId));
        if (isDissatisfied(e.rating)) out.push(fact(ReportMetric.SURVEYS_DISSATISFIED, '', e.orgUnitId, e.staffId));
      }
      return out;
    },
  },
};

/** The events the read model counts. */
export const REPORTED_EVENTS = Object.keys(FACTS) as DomainEventType[];

/** One lock per franchise: handlers share it, a rebuild takes it alone (no handler adds to a range while it is rebuilt). */
const lockSql = (mode: 'shared' | 'exclusive') => `select ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtext('report_fact'), hashtext(?::text))`;

async function franchiseZone(ctx: RequestContext, franchiseId: string): Promise<string> {
  const [row] = await readRows<{ time_zone: string }>(ctx.em, `select time_zone from org_unit where id = ?`, [franchiseId]);
  return row?.time_zone ?? 'Asia/Shanghai';
}

export interface StoredEvent {
  id: string;
  event: DomainEvent;
}

/**
 * Applies events of one franchise in the caller's transaction: events already applied are
 * skipped, the others are marked and their facts added (one statement each for the lookups,
 * the markers and the upsert). `days` limits them to local days in a range (the rebuild).
 */
export async function applyEvents(ctx: RequestContext, franchiseId: string, events: readonly StoredEvent[], days?: { from: string; to: string }): Promise<number> {
  const zone = await franchiseZone(ctx, franchiseId);
  const dated = events
    .map((e) => ({ ...e, day: calendarDate(new Date(e.event.occurredAt), zone) }))
    .filter((e) => FACTS[e.event.type] && (!days || (e.day >= days.from && e.day <= days.to)));
  if (!dated.length) return 0;
  const fresh = new Set(
    (
      await readRows<{ event_id: string }>(
        ctx.em,
        `insert into report_applied_event (event_id, franchise_id, day)
           select * from unnest(?::uuid[], ?::uuid[], ?::date[]) on conflict (event_id) do nothing returning event_id`,
        [`{${dated.map((e) => e.id).join(',')}}`, `{${dated.map(() => franchiseId).join(',')}}`, `{${dated.map((e) => e.day).join(',')}}`],
      )
    ).map((r) => r.event_id),
  );
  const todo = dated.filter((e) => fresh.has(e.id));
  if (!todo.length) return 0;
  const wanted: Record<keyof Lookups, Set<string>> = { cases: new Set(), orders: new Set(), returns: new Set(), callbacks: new Set() };
  for (const { event } of todo)
    for (const [kind, id] of Object.entries((FACTS[event.type] as Definition<DomainEventType>).needs?.(event) ?? {})) if (id) wanted[kind as keyof Lookups].add(id);
  const byId = async <R extends { id: string }>(ids: Set<string>, read: (ctx: RequestContext, ids: string[]) => Promise<R[]>) =>
    new Map((ids.size ? await read(ctx, [...ids]) : []).map((r) => [r.id, r] as const));
  const lookups: Lookups = {
    cases: await byId(wanted.cases, caseReportRows),
    orders: await byId(wanted.orders, orderReportRows),
    returns: await byId(wanted.returns, returnReportRows),
    callbacks: await byId(wanted.callbacks, callbackReportRows),
  };
  // Summed per key here, so the upsert touches each row once.
  const sums = new Map<string, Fact & { day: string }>();
  for (const { event, day } of todo)
    for (const f of (FACTS[event.type] as Definition<DomainEventType>).facts(event, lookups)) {
      const key = [day, f.storeId, f.agentId, f.metric, f.dimension].join('|');
      const seen = sums.get(key);
      if (seen) (seen.count += f.count), (seen.sum += f.sum);
      else sums.set(key, { ...f, day });
    }
  if (!sums.size) return todo.length;
  const rows = [...sums.values()];
  const list = (values: (string | null)[]) => `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
  await readRows(
    ctx.em,
    `insert into report_fact (franchise_id, day, store_id, agent_id, metric, dimension, count, sum)
       select ?::uuid, * from unnest(?::date[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::int[], ?::bigint[])
     on conflict (franchise_id, day, store_id, agent_id, metric, dimension)
       do update set count = report_fact.count + excluded.count, sum = report_fact.sum + excluded.sum`,
    [
      franchiseId,
      list(rows.map((r) => r.day)),
      list(rows.map((r) => r.storeId)),
      list(rows.map((r) => r.agentId)),
      list(rows.map((r) => r.metric)),
      list(rows.map((r) => r.dimension)),
      `{${rows.map((r) => r.count).join(',')}}`,
      `{${rows.map((r) => r.sum).join(',')}}`,
    ],
  );
  return todo.length;
}

/** The module's reactions: each reported event, applied in the event's franchise once in effect. */
export const reportFactHandlers: readonly EventHandler<unknown>[] = REPORTED_EVENTS.map((type) =>
  onEvent({
    event: type,
    name: `report facts of ${type}`,
    async handle(event, { inFranchise: inOwnFranchise, eventId }) {
      await inOwnFranchise(async (ctx) => {
        await readRows(ctx.em, lockSql('shared'), [event.franchiseId]);
        await applyEvents(ctx, event.franchiseId, [{ id: eventId, event }]);
      });
    },
  }) as EventHandler<unknown>,
);

const REBUILD_MAX_DAYS = 731;
const REBUILD_BATCH = 2_000;

/**
 * Recomputes a franchise's facts for local days `from`–`to` from the events still in the outbox
 * (EVENT_RETENTION_DAYS; the demo's and a new definition's recent days): the range's facts and
 * markers are deleted and the events replayed through the same definitions, in one transaction
 * holding the franchise's lock (handlers wait; an event they then bring is already marked).
 */
export function rebuildReportFacts(runtime: AppRuntime, input: { franchiseId: string; from: string; to: string }): Promise<{ events: number }> {
  return inFranchise(runtime, input.franchiseId, (ctx) => rebuildReportFactsIn(ctx, input));
}

/** The rebuild in the caller's transaction (the demo seed's, which sees every franchise). */
export async function rebuildReportFactsIn(ctx: RequestContext, input: { franchiseId: string; from: string; to: string }): Promise<{ events: number }> {
  const { from, to, widened } = reportDays(input, REBUILD_MAX_DAYS);
  const days = { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  await readRows(ctx.em, lockSql('exclusive'), [input.franchiseId]);
  await readRows(ctx.em, `delete from report_fact where franchise_id = ? and day between ?::date and ?::date`, [input.franchiseId, days.from, days.to]);
  await readRows(ctx.em, `delete from report_applied_event where franchise_id = ? and day between ?::date and ?::date`, [input.franchiseId, days.from, days.to]);
  let applied = 0;
  for (let after = '0'; ; ) {
    const batch = await readRows<{ position: string; id: string; payload: DomainEvent }>(
      ctx.em,
      `select position, id, payload from event_outbox
        where franchise_id = ? and topic = any(?::text[]) and occurred_at >= ? and occurred_at < ? and position > ?::bigint
        order by position limit ${REBUILD_BATCH}`,
      [input.franchiseId, `{${REPORTED_EVENTS.join(',')}}`, widened.from, widened.to, after],
    );
    if (!batch.length) break;
    applied += await applyEvents(ctx, input.franchiseId, batch.map((r) => ({ id: r.id, event: r.payload })), days);
    after = batch[batch.length - 1]!.position;
  }
  return { events: applied };
}
