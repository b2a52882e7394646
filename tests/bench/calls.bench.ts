import os from 'node:os';
import { Client, Pool } from 'pg';
import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { apiKeyCaller, signIn, type Caller } from '../support/actors';
import { generateScaleCases } from '@pharmadesk/seeds';
import { createBenchFranchise, type BenchFranchise } from './bench-franchise';
import { countStatementsOfApi, load, measure, profiled, report, type Figures } from './measure';

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const BATCH = 50;
const AGENTS = 30;
/** Tuesday 15 December 2026, 08:00 in Shanghai; the calls fill the 90 days before. */
const NOW = '2026-12-15T08:00:00+08:00';

const KPIS = `query($i: CallKpisInput!) { callKpis(input: $i) { rows { period key label offered answered answerRate averageTalkSeconds answerRateBelowTarget } totals { offered answered answerRate averageTalkSeconds averageHandleSeconds } } }`;
const AGENT_KPIS = `query($i: AgentKpisInput!) { agentKpis(input: $i) { rows { key label belowTarget calls { offered answered answerRate averageTalkSeconds conversionRate } cases { cases consultations complaints resolutionRate averageFirstResponseSeconds consultationReplyOnTimeRate complaintOnTimeRate } orders { ordersEntered errorRate onTimeRate } satisfaction { dissatisfactionRate } } totals { calls { offered } cases { cases } } } }`;
const RECORD = `mutation($e: [CallEventInput!]!) { recordCallEvents(input: { events: $e }) { applied unchanged rejected { index reason } } }`;

/** November by agent in plain SQL: the counts the product's report draws (short abandons and rates left out). */
const PLAIN_MONTH_BY_AGENT = `
  select c.agent_id, count(*) filter (where c.direction = 'INBOUND') as offered,
         count(*) filter (where c.direction = 'INBOUND' and c.answered_at is not null) as answered,
         count(*) filter (where c.talk_seconds is not null) as talked, sum(c.talk_seconds) as talk_seconds
    from call_record c
   where c.franchise_id = $1 and c.offered_at >= '2026-10-31T16:00:00Z' and c.offered_at < '2026-11-30T16:00:00Z'
   group by 1`;

/** November by agent in plain SQL over the cases: the counts the agent KPI board draws from them. */
const PLAIN_CASES_MONTH_BY_AGENT = `
  select coalesce(c.owner_id, c.created_by_id) as agent, count(*) as cases, count(*) filter (where c.type = 'CONSULTATION') as consultations,
         count(*) filter (where c.type = 'COMPLAINT') as complaints, count(c.resolved_at) as resolved, count(c.first_responded_at) as responded,
         sum(extract(epoch from c.first_responded_at - c.created_at)) as first_response_seconds
    from service_case c
   where c.franchise_id = $1 and c.created_at >= '2026-10-31T16:00:00Z' and c.created_at < '2026-11-30T16:00:00Z'
   group by 1`;

/**
 * The call center at scale, in a franchise with 1,000,000 calls over 90 days (written with SQL)
 * and 30 agents: the KPI report (November by agent, November by day and store, the quarter by
 * month; p50 / p95 over HTTP, statements per report) beside November by agent in plain pg; and a
 * telephony partner posting new calls in batches of 50 with 32 clients (events per second)
 * beside plain multi-row inserts of the same calls. Figures go to tests/bench/results/calls.json.
 */
describe('call center at scale', () => {
  let app: TestApp;
  let owner: Caller;
  let bench: BenchFranchise;
  const figures: Figures[] = [];
  const notes: Record<string, unknown> = {};

  beforeAll(async () => {
    clock.freezeAt(NOW);
    app = await startTestApp({ LOG_LEVEL: 'warn' });
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    try {
      bench = await createBenchFranchise(db, { customers: 2_000, agents: AGENTS });
      const started = Date.now();
      await db.query(`select setseed(0.19)`);
      // 80 % inbound; of those 85 % answered (talk 30 s – 8 min), the rest abandoned after 2–60 s or missed.
      await db.query(
        `insert into call_record (id, franchise_id, version, created_at, updated_at, partner_call_id, source, direction, org_unit_id, line, caller_number, callee_number,
                                  agent_id, state, offered_at, answered_at, ended_at, wait_seconds, talk_seconds, last_event_at)
         select gen_random_uuid(), $1, 1, x.offered_at, x.offered_at, 'BENCH-' || x.i, 'PARTNER', x.direction, ($2::uuid[])[1 + x.i % 3], 'hotline',
                case when x.direction = 'INBOUND' then '139' || lpad((x.i % 100000000)::text, 8, '0') else '4008000000' end,
                case when x.direction = 'INBOUND' then '4008000000' else '139' || lpad((x.i % 100000000)::text, 8, '0') end,
                case when x.answered then ($3::uuid[])[1 + x.i % array_length($3::uuid[], 1)] end,
                case when x.answered then 'ENDED' when x.direction = 'INBOUND' and x.r < 0.95 then 'ABANDONED' else 'MISSED' end,
                x.offered_at, case when x.answered then x.offered_at + x.wait * interval '1 second' end,
                x.offered_at + (x.wait + x.talk) * interval '1 second', x.wait, case when x.answered then x.talk end, x.offered_at + (x.wait + x.talk) * interval '1 second'
           from (select i, $4::timestamptz - (random() * 90) * interval '1 day' as offered_at, case when random() < 0.8 then 'INBOUND' else 'OUTBOUND' end as direction,
                        random() < 0.85 as answered, random() as r, 2 + floor(random() * 58)::int as wait, 30 + floor(random() * 450)::int as talk
                   from generate_series(1, $5::int) i) x`,
        [bench.franchiseId, bench.storeIds, bench.agents.map((a) => a.id), new Date(NOW), CALLS],
      );
      await db.query('analyze call_record');
      notes.generateSeconds = Math.round((Date.now() - started) / 100) / 10;
      // The same franchise's cases over the same 90 days, owned by the same agents.
      const casesStarted = Date.now();
      if (CASES > 0) await generateScaleCases(db, { franchiseId: bench.franchiseId, count: CASES, now: new Date(NOW), years: 90 / 365, ownerIds: bench.agents.map((a) => a.id) });
      notes.generateCasesSeconds = Math.round((Date.now() - casesStarted) / 100) / 10;
    } finally {
      await db.end();
    }
    owner = await signIn(app, 'owner@bench.demo');
  }, 1_800_000);

  afterAll(async () => {
    clock.reset();
    await app?.stop();
    report('calls', figures, { ...notes, calls: CALLS, cases: CASES, clients: CLIENTS, batch: BATCH, loadAverage1m: os.loadavg()[0]!.toFixed(2) });
  });

  it('draws the monthly KPI report over 1,000,000 calls, beside plain pg', async () => {
    const statements = countStatementsOfApi();
    const ask = (input: Record<string, unknown>) => async () => {
      const res = await owner.graphql<{ callKpis: { totals: { offered: number } } }>(KPIS, { i: input });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      return res.body.data!.callKpis;
    };
    const quarter = await ask({ from: '2026-09-16', to: '2026-12-14', period: 'MONTH' })();
    expect(quarter.totals.offered).toBeGreaterThan(CALLS * 0.75);
    const before = statements();
    figures.push(await measure('KPIs: November by agent', RUNS, ask({ from: '2026-11-01', to: '2026-11-30', period: 'MONTH', groupBy: 'AGENT' }), 3));
    notes.statementsPerReport = Math.round(((statements() - before) / (RUNS + 3)) * 10) / 10;
    figures.push(await measure('KPIs: November by day and store', RUNS, ask({ from: '2026-11-01', to: '2026-11-30', period: 'DAY', groupBy: 'STORE' }), 3));
    figures.push(await measure('KPIs: the quarter by month', RUNS, ask({ from: '2026-09-16', to: '2026-12-14', period: 'MONTH' }), 3));
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    try {
      figures.push(await measure('plain pg: November by agent', RUNS, () => db.query(PLAIN_MONTH_BY_AGENT, [bench.franchiseId]), 3));
    } finally {
      await db.end();
    }
  });

  it('draws the monthly agent KPI board over 1,000,000 calls and 1,000,000 cases, beside plain pg', async () => {
    const statements = countStatementsOfApi();
    const ask = (input: Record<string, unknown>) => async () => {
      const res = await owner.graphql<{ agentKpis: { totals: { calls: { offered: number }; cases: { cases: number } } } }>(AGENT_KPIS, { i: input });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      return res.body.data!.agentKpis;
    };
    const november = await ask({ from: '2026-11-01', to: '2026-11-30', period: 'MONTH', groupBy: 'AGENT' })();
    expect(november.totals.calls.offered).toBeGreaterThan(0);
    if (CASES > 0) expect(november.totals.cases.cases).toBeGreaterThan(CASES * 0.2);
    notes.novemberCases = november.totals.cases.cases;
    const before = statements();
    figures.push(await measure('agent KPI board: November by agent', RUNS, ask({ from: '2026-11-01', to: '2026-11-30', period: 'MONTH', groupBy: 'AGENT' }), 3));
    notes.statementsPerAgentBoard = Math.round(((statements() - before) / (RUNS + 3)) * 10) / 10;
    figures.push(await measure('agent KPI board: November by day and store', RUNS, ask({ from: '2026-11-01', to: '2026-11-30', period: 'DAY', groupBy: 'STORE' }), 3));
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    try {
      figures.push(
        await measure('plain pg: November by agent, calls then cases', RUNS, async () => {
          await db.query(PLAIN_MONTH_BY_AGENT, [bench.franchiseId]);
          await db.query(PLAIN_CASES_MONTH_BY_AGENT, [bench.franchiseId]);
        }, 3),
      );
    } finally {
      await db.end();
    }
  });

  it('takes a partner’s new calls in batches of 50 with 32 clients, beside plain inserts', async () => {
    const partner = await apiKeyCaller(app, owner, { permissions: ['call:ingest'], rateLimitPerMinute: 100_000 });
    const event = (n: number, prefix: string) => {
      const offered = new Date(Date.parse(NOW) - 3_600_000 + (n % 3_000) * 1000);
      const ended = new Date(offered.getTime() + 200_000);
      return { callId: `${prefix}-${n}`, occurredAt: ended.toISOString(), state: 'ENDED', direction: 'INBOUND', callerNumber: `138${String(n % 1e8).padStart(8, '0')}`, calleeNumber: '4008000000',
        offeredAt: offered.toISOString(), answeredAt: new Date(offered.getTime() + 10_000).toISOString(), endedAt: ended.toISOString(), line: 'hotline', storeId: bench.storeIds[n % 3] };
    };
    let next = 0;
    let firstError: unknown;
    const posted = await profiled('ingest', () => load('recordCallEvents, 32 clients, 50 new calls a batch', CLIENTS, SECONDS, async () => {
      const first = (next += BATCH) - BATCH;
      const res = await partner.graphql<{ recordCallEvents: { applied: number; rejected: unknown[] } }>(RECORD, { e: Array.from({ length: BATCH }, (_, i) => event(first + i, 'LIVE')) });
      const ok = !res.body.errors && res.body.data!.recordCallEvents.applied === BATCH;
      if (!ok) firstError ??= res.body.errors ?? res.body.data?.recordCallEvents.rejected;
      return ok;
    }));
    figures.push(posted);
    notes.ingestedEventsPerSecond = Math.round(posted.perSecond * BATCH);
    if (firstError) notes.firstIngestError = firstError;
    expect(posted.failed).toBe(0);

    const pool = new Pool({ connectionString: app.database.url, max: CLIENTS });
    let plainNext = 0;
    try {
      const plain = await load('plain pg insert, 32 clients, 50 calls a statement', CLIENTS, SECONDS, async () => {
        const first = (plainNext += BATCH) - BATCH;
        const rows = Array.from({ length: BATCH }, (_, i) => event(first + i, 'PLAIN'));
        await pool.query(
          `insert into call_record (id, franchise_id, version, created_at, updated_at, partner_call_id, source, direction, org_unit_id, line, caller_number, callee_number, state, offered_at, answered_at, ended_at, wait_seconds, talk_seconds, last_event_at)
           select gen_random_uuid(), $1, 1, now(), now(), e."callId", 'PARTNER', e.direction, e."storeId", e.line, e."callerNumber", e."calleeNumber", e.state, e."offeredAt", e."answeredAt", e."endedAt",
                  extract(epoch from e."answeredAt" - e."offeredAt")::int, extract(epoch from e."endedAt" - e."answeredAt")::int, e."occurredAt"
             from json_to_recordset($2::json) as e("callId" text, direction text, "storeId" uuid, line text, "callerNumber" text, "calleeNumber" text, state text, "offeredAt" timestamptz, "answeredAt" timestamptz, "endedAt" timestamptz, "occurredAt" timestamptz)
           on conflict (franchise_id, partner_call_id) do nothing`,
          [bench.franchiseId, JSON.stringify(rows)],
        );
        return true;
      });
      figures.push(plain);
      notes.plainEventsPerSecond = Math.round(plain.perSecond * BATCH);
      notes.ingestToPlainRatio = Math.round((posted.perSecond / plain.perSecond) * 100) / 100;
    } finally {
      await pool.end();
    }
  });
});
