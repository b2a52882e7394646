import { Client } from 'pg';
import { apiConnectionUrl, clock, createLogger, reportReplicaStatements } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { testAuthSecret } from '../support/test-env';
import { franchiseIds } from '../plugins/support';
import { until } from '../support/until';

/**
 * The report center on known data: events at a month boundary land on each franchise's local
 * day (east in Asia/Shanghai, west moved to Europe/Berlin), week and month grouping, the previous
 * period beside each, a replayed event counted once, a rebuild equal to what the handlers kept,
 * reads through the replica (the API role's own URL) with west's facts invisible to east.
 */

const CREATE = `mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { id caseNo } }`;
const REPORT = `query($i: ReportInput!) { report(input: $i) { from to rows { period previousPeriod key label value previousValue count base } } }`;
const REBUILD = `mutation($i: RebuildReportInput!) { rebuildReports(input: $i) { events } }`;

type Row = { period: string; previousPeriod: string; key: string | null; label: string | null; value: number | null; previousValue: number | null; count: number; base: number | null };

describe('reports: daily facts kept by the events, by local day, period and group', () => {
  let app: TestApp;
  let primary: TestApp;
  let db: Client;
  let hq: Caller;
  let eastOwner: Caller;
  let westOwner: Caller;
  let ids: { east: string; west: string };
  let eastStore: string;
  let westStore: string;

  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows as T[];
  const run = async (caller: Caller, input: Record<string, unknown>) => {
    const res = await caller.graphql<{ report: { from: string; to: string; rows: Row[] } }>(REPORT, { i: input });
    if (!res.body.data?.report) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data.report;
  };
  /** An event as a module writes it (the outbox row), at an instant. */
  const publish = (franchiseId: string, type: string, payload: Record<string, unknown>, at: string) =>
    sql(`insert into event_outbox (franchise_id, topic, payload, occurred_at) values ($1, $2, $3::jsonb, $4)`, [
      franchiseId,
      type,
      JSON.stringify({ type, franchiseId, actorId: null, occurredAt: new Date(at).toISOString(), ...payload }),
      at,
    ]);
  const reactionsDone = () =>
    until('the report reactions', async () => {
      const [row] = await sql<{ waiting: string; events: string }>(
        `select (select count(*) from event_reaction where handler like 'core/report facts%' and status <> 'DONE') as waiting,
                (select count(*) from event_outbox where dispatched_at is null) as events`,
      );
      return row!.waiting === '0' && row!.events === '0';
    });
  const facts = () => sql(`select franchise_id, day::text, store_id, agent_id, metric, dimension, count, sum::text from report_fact order by 1, 2, 3, 4, 5, 6`);

  beforeAll(async () => {
    const logger = createLogger({ LOG_LEVEL: 'silent' });
    primary = await startTestApp({ JOBS_ENABLED: 'true' });
    // The replica: the same database through the API role's own URL (row-level security applies there too).
    const replicaUrl = await apiConnectionUrl({ ownerUrl: primary.database.url, secret: testAuthSecret(), logger });
    app = await startTestApp({ DATABASE_REPLICA_URL: replicaUrl }, { database: primary.database });
    db = new Client({ connectionString: primary.database.url });
    await db.connect();
    hq = await signIn(app, 'admin@hq.demo');
    ids = await franchiseIds(hq);
    await sql(`update org_unit set time_zone = 'Europe/Berlin' where id = $1`, [ids.west]);
    const storeOf = async (franchiseId: string) => (await sql<{ id: string }>(`select id from org_unit where franchise_id = $1 and kind = 'STORE' order by path limit 1`, [franchiseId]))[0]!.id;
    [eastStore, westStore] = [await storeOf(ids.east), await storeOf(ids.west)];
    eastOwner = await signIn(app, 'owner@east.demo');
    westOwner = await signIn(app, 'owner@west.demo');

    const eastAgent = await signIn(primary, 'agent@east.demo');
    const westAgent = await signIn(primary, 'agent@west.demo');
    const complaint = (subject: string) => ({ c: { type: 'COMPLAINT', channel: 'PHONE', subject, description: '报表测试', category: 'DELIVERY_DAMAGED' } });
    // 2026-03-31 23:30 in Shanghai: east's March.
    clock.freezeAt('2026-03-31T15:30:00Z');
    expect((await eastAgent.graphql(CREATE, { c: { type: 'CONSULTATION', channel: 'PHONE', subject: '月末咨询', description: '报表测试' } })).body.errors).toBeUndefined();
    // 2026-04-01 00:30 in Shanghai (east's April), 2026-03-31 18:30 in Berlin (west's March).
    clock.freezeAt('2026-03-31T16:30:00Z');
    expect((await eastAgent.graphql(CREATE, complaint('月初投诉'))).body.errors).toBeUndefined();
    expect((await westAgent.graphql(CREATE, complaint('月末投诉'))).body.errors).toBeUndefined();
    // Survey answers (the surveys module's event as it writes it): 5, 4, 1 and one without a rating, east, 2026-04-02.
    for (const rating of [5, 4, 1, null])
      await publish(ids.east, 'survey.answered', { requestId: crypto.randomUUID(), customerId: crypto.randomUUID(), staffId: null, orgUnitId: eastStore, rating, npsScore: null }, '2026-04-02T02:00:00Z');
    // Appointments booked in west on its 2026-04-06 (a Monday) and the week before.
    await publish(ids.west, 'appointment.booked', { appointmentId: crypto.randomUUID(), appointmentNo: 'A1', customerId: crypto.randomUUID(), doctorId: crypto.randomUUID(), storeId: westStore, serviceId: crypto.randomUUID(), channel: 'PHONE', status: 'CONFIRMED', startsAt: '2026-04-10T02:00:00Z', rescheduledFromId: null }, '2026-04-05T22:30:00Z');
    await publish(ids.west, 'appointment.booked', { appointmentId: crypto.randomUUID(), appointmentNo: 'A2', customerId: crypto.randomUUID(), doctorId: crypto.randomUUID(), storeId: westStore, serviceId: crypto.randomUUID(), channel: 'ONLINE', status: 'CONFIRMED', startsAt: '2026-04-10T03:00:00Z', rescheduledFromId: null }, '2026-04-05T21:30:00Z');
    clock.reset();
    await reactionsDone();
  }, 120_000);

  afterAll(async () => {
    clock.reset();
    await db?.end();
    await app?.stop();
    await primary?.stop();
  });

  it('each event lands on its franchise’s local day: east’s 00:30 complaint in April, west’s same instant in March', async () => {
    const east = await run(eastOwner, { kind: 'COMPLAINTS', period: 'DAY', from: '2026-03-31', to: '2026-04-01', groupBy: 'DIMENSION' });
    expect(east.rows.map((r) => [r.period, r.key, r.value, r.previousValue])).toEqual([['2026-04-01', 'DELIVERY_DAMAGED', 1, 0]]);
    const west = await run(westOwner, { kind: 'COMPLAINTS', period: 'DAY', from: '2026-03-31', to: '2026-04-01', groupBy: 'DIMENSION' });
    expect(west.rows.map((r) => [r.period, r.key, r.value, r.previousValue])).toEqual([
      ['2026-03-31', 'DELIVERY_DAMAGED', 1, 0],
      ['2026-04-01', 'DELIVERY_DAMAGED', 0, 1],
    ]);
  });

  it('months in the franchise’s zone, each beside the previous month', async () => {
    const east = await run(eastOwner, { kind: 'CASES', period: 'MONTH', from: '2026-03-15', to: '2026-04-10' });
    expect([east.from, east.to]).toEqual(['2026-03-01', '2026-04-30']);
    expect(east.rows.map((r) => [r.period, r.previousPeriod, r.value, r.previousValue])).toEqual([
      ['2026-03-01', '2026-02-01', 1, 0],
      ['2026-04-01', '2026-03-01', 1, 1],
    ]);
    const byType = await run(eastOwner, { kind: 'CASES', period: 'MONTH', from: '2026-04-01', to: '2026-04-30', groupBy: 'DIMENSION' });
    expect(byType.rows.map((r) => [r.key, r.value, r.previousValue]).sort()).toEqual([['COMPLAINT', 1, 0], ['CONSULTATION', 0, 1]]);
  });

  it('weeks start on Monday of the local calendar: west’s Sunday-night booking is the week before, its Monday-00:30 booking the week of 6 April', async () => {
    const west = await run(westOwner, { kind: 'APPOINTMENTS_BOOKED', period: 'WEEK', from: '2026-03-30', to: '2026-04-12' });
    expect(west.rows.map((r) => [r.period, r.value, r.previousValue])).toEqual([
      ['2026-03-30', 1, 0],
      ['2026-04-06', 1, 1],
    ]);
    const byStore = await run(westOwner, { kind: 'APPOINTMENTS_BOOKED', period: 'WEEK', from: '2026-04-06', to: '2026-04-12', groupBy: 'STORE' });
    expect(byStore.rows).toEqual([expect.objectContaining({ key: westStore, label: expect.any(String), value: 1, previousValue: 1 })]);
  });

  it('groups by team (班组): east’s agent’s cases under 客服一组, every other team listed with zeros, west’s teams never', async () => {
    const byTeam = await run(eastOwner, { kind: 'CASES', period: 'MONTH', from: '2026-04-01', to: '2026-04-30', groupBy: 'TEAM' });
    expect(byTeam.rows.map((r) => [r.label, r.value, r.previousValue])).toEqual([
      ['客服一组', 1, 1],
      ['客服二组', 0, 0],
      ['门店健康服务组', 0, 0],
    ]);
    const westTeams = await run(westOwner, { kind: 'CASES', period: 'MONTH', from: '2026-04-01', to: '2026-04-30', groupBy: 'TEAM' });
    expect(westTeams.rows.map((r) => r.key).filter((k) => byTeam.rows.some((e) => e.key === k))).toEqual([]);
    expect(westTeams.rows.map((r) => r.label).sort()).toEqual(['客服一组', '客服二组', '门店健康服务组'].sort());
    // Within a store: that store's team only.
    const [storeTeam] = await sql<{ org_unit_id: string }>(`select org_unit_id from team where franchise_id = $1 and name = '门店健康服务组'`, [ids.east]);
    const inStore = await run(eastOwner, { kind: 'CASES', period: 'MONTH', from: '2026-04-01', to: '2026-04-30', groupBy: 'TEAM', storeId: storeTeam!.org_unit_id });
    expect(inStore.rows.map((r) => [r.label, r.value])).toEqual([['门店健康服务组', 0]]);
  });

  it('satisfaction with the surveys’ definition: satisfied (4–5) of those rated; SLA compliance of resolved cases', async () => {
    const sat = await run(eastOwner, { kind: 'SATISFACTION', period: 'DAY', from: '2026-04-02', to: '2026-04-02' });
    expect(sat.rows).toEqual([expect.objectContaining({ period: '2026-04-02', value: 0.6667, count: 2, base: 3 })]);
    const sla = await run(eastOwner, { kind: 'SLA_COMPLIANCE', period: 'DAY', from: '2026-04-02', to: '2026-04-02' });
    expect(sla.rows).toEqual([expect.objectContaining({ value: null, count: 0, base: 0 })]);
  });

  it('reads go to the replica when configured, and east never sees west’s facts there', async () => {
    const before = reportReplicaStatements();
    const east = await run(eastOwner, { kind: 'COMPLAINTS', period: 'MONTH', from: '2026-03-01', to: '2026-04-30', groupBy: 'STORE' });
    expect(reportReplicaStatements()).toBe(before + 1);
    expect(east.rows.every((r) => r.key !== westStore)).toBe(true);
    expect(east.rows.filter((r) => r.period === '2026-03-01').map((r) => r.value)).toEqual([]);
    // HQ sees both (March holds west's complaint).
    const all = await run(hq, { kind: 'COMPLAINTS', period: 'MONTH', from: '2026-03-01', to: '2026-04-30' });
    expect(all.rows.map((r) => [r.period, r.value])).toEqual([['2026-03-01', 1], ['2026-04-01', 1]]);
    // The primary instance (no replica) reads the same figures in the operation's transaction.
    const onPrimary = await run(await signIn(primary, 'admin@hq.demo'), { kind: 'COMPLAINTS', period: 'MONTH', from: '2026-03-01', to: '2026-04-30' });
    expect(onPrimary.rows).toEqual(all.rows);
    expect(reportReplicaStatements()).toBe(before + 2);
  });

  it('a replayed event is counted once, and a rebuild from the outbox equals what the handlers kept', async () => {
    const kept = await facts();
    expect(kept.length).toBeGreaterThan(0);
    // At least once: HQ sends every done reaction of the read model back; each runs again.
    const again = await sql(`update event_reaction set status = 'RETRY' where handler like 'core/report facts%' returning id`);
    expect(again.length).toBeGreaterThanOrEqual(9);
    await until('the replayed reactions', async () => (await sql(`select 1 from event_reaction where handler like 'core/report facts%' and (status <> 'DONE' or attempts < 2)`)).length === 0);
    expect(await facts()).toEqual(kept);
    // Rebuilt for both franchises (a range wider than the data): the same rows.
    for (const franchiseId of [ids.east, ids.west]) {
      const res = await hq.graphql<{ rebuildReports: { events: number } }>(REBUILD, { i: { franchiseId, from: '2026-03-01', to: '2026-04-30' } });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.rebuildReports.events).toBeGreaterThan(0);
    }
    expect(await facts()).toEqual(kept);
    // A rebuild of one day only leaves the others alone.
    await hq.graphql(REBUILD, { i: { franchiseId: ids.east, from: '2026-04-01', to: '2026-04-01' } });
    expect(await facts()).toEqual(kept);
  }, 60_000);

  it('the demo’s history is in the facts (rebuilt at seed time): months of cases, by agent too, for both franchises', async () => {
    const to = clock.now().toISOString().slice(0, 10);
    const from = new Date(clock.now().getTime() - 80 * 86_400_000).toISOString().slice(0, 10);
    for (const owner of [eastOwner, westOwner]) {
      const cases = await run(owner, { kind: 'CASES', period: 'MONTH', from, to });
      expect(cases.rows.filter((r) => (r.value ?? 0) > 0).length).toBeGreaterThanOrEqual(2);
      const byAgent = await run(owner, { kind: 'CASES', period: 'MONTH', from, to, groupBy: 'AGENT' });
      expect(byAgent.rows.some((r) => r.key && r.label)).toBe(true);
    }
  });

  it('bad inputs: to before from, a range too long, another franchise’s store, and callers without report:read', async () => {
    const bad = await eastOwner.graphql(REPORT, { i: { kind: 'CASES', from: '2026-04-02', to: '2026-04-01' } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(bad.body.errors)).toContain('"field":"to"');
    expect(errorCodes(await eastOwner.graphql(REPORT, { i: { kind: 'CASES', from: '2025-01-01', to: '2026-04-01' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await eastOwner.graphql(REPORT, { i: { kind: 'CASES', from: '2026-13-01', to: '2026-04-01' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await eastOwner.graphql(REPORT, { i: { kind: 'CASES', from: '2026-04-01', to: '2026-04-01', storeId: westStore } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await (await signIn(app, 'agent@east.demo')).graphql(REPORT, { i: { kind: 'CASES', from: '2026-04-01', to: '2026-04-01' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await eastOwner.graphql(REBUILD, { i: { franchiseId: ids.east, from: '2026-04-01', to: '2026-04-01' } }))).toEqual(['FORBIDDEN']);
  });
});
