import os from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Client } from 'pg';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { generateScaleCases } from '@pharmadesk/seeds';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { report, type Figures } from './measure';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
/** Sign-ins the sockets are spread over (one session's subscriptions share an event's authorization and result). */
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);
const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 50);
const CASES = Number(process.env.BENCH_EVENT_CASES ?? 10_000);
/** How long one event may take to reach every subscriber before it counts as lost. */
const DELIVERY_TIMEOUT_MS = 60_000;

const SUBSCRIPTION = 'subscription { updatedOneCase { id version priority updatedAt } }';
const UPDATE = 'mutation($i: UpdateOneCaseInput!) { updateOneCase(input: $i) { id version priority } }';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * The subscribers, in a process of their own so that receiving 1,000 messages neither
 * shares the API's event loop nor its memory: `open` connects sockets (graphql-ws, one
 * `updatedOneCase` subscription each, all with the same access token); every event is
 * stamped on arrival; `wait` answers once every socket has the given case version (or on
 * timeout) with the arrival times.
 */
const SUBSCRIBER_SCRIPT = `
const cfg = JSON.parse(process.argv[1]);
const { createClient } = require(cfg.graphqlWs);
const WebSocket = require(cfg.ws);
const wallNow = () => performance.timeOrigin + performance.now();
const clients = [];
const arrivals = new Map(); // version -> arrival times
const waiters = new Map(); // version -> resolve
let errors = 0, firstError;
function arrived(version) {
  const list = arrivals.get(version) ?? [];
  list.push(wallNow());
  arrivals.set(version, list);
  if (list.length === clients.length) waiters.get(version)?.();
}
function openOne() {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url: cfg.url, webSocketImpl: WebSocket, connectionParams: { authorization: 'Bearer ' + cfg.tokens[clients.length % cfg.tokens.length] }, retryAttempts: 0, lazy: true,
      on: { connected: () => resolve(), closed: (e) => { if (e && e.code !== 1000) { errors++; firstError ??= 'closed ' + e.code + ' ' + e.reason; } } },
    });
    clients.push(client);
    client.subscribe({ query: cfg.query }, {
      next: (result) => {
        const c = result.data && result.data.updatedOneCase;
        if (c && c.id === cfg.caseId) arrived(c.version);
        else if (result.errors) { errors++; firstError ??= JSON.stringify(result.errors); }
      },
      error: (e) => { errors++; firstError ??= String(e && (e.message || e.reason || e)); reject(e); },
      complete: () => undefined,
    });
  });
}
process.on('message', async (m) => {
  if (m.type === 'open') {
    for (let i = 0; i < m.count; i += 50) await Promise.all(Array.from({ length: Math.min(50, m.count - i) }, openOne));
    process.send({ type: 'opened', sockets: clients.length, errors, firstError });
  } else if (m.type === 'wait') {
    const done = () => { waiters.delete(m.version); clearTimeout(timer); process.send({ type: 'waited', version: m.version, times: arrivals.get(m.version) ?? [], errors, firstError }); arrivals.delete(m.version); };
    const timer = setTimeout(done, m.timeoutMs);
    waiters.set(m.version, done);
    if ((arrivals.get(m.version) ?? []).length === clients.length) done();
  } else if (m.type === 'close') {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    process.send({ type: 'closed' });
  }
});
process.send({ type: 'ready' });
`;

class Subscribers {
  private readonly child: ChildProcess;
  private readonly replies: ((m: Record<string, unknown>) => void)[] = [];
  constructor(cfg: Record<string, unknown>) {
    this.child = spawn(process.execPath, ['--max-old-space-size=2048', '-e', SUBSCRIBER_SCRIPT, JSON.stringify(cfg)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m) => this.replies.shift()?.(m as Record<string, unknown>));
  }
  private reply<T>(): Promise<T> {
    return new Promise((resolve) => this.replies.push(resolve as never));
  }
  ready = this.reply<{ type: 'ready' }>();
  async ask<T>(message: Record<string, unknown>): Promise<T> {
    const answer = this.reply<T>();
    this.child.send(message);
    return answer;
  }
  stop(): void {
    this.child.kill();
  }
}

function figuresOf(name: string, values: number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { name, runs: sorted.length, p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), p99Ms: round(at(0.99)), meanMs: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)) };
}

/** A full collection, when the process lets us ask for one (V8 flag set at run time). */
function collector(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/**
 * Live case events at fan-out: 1,000 graphql-ws sockets of east supervisors (spread over
 * BENCH_SESSIONS sign-ins, 50 by default: a team's boards, several tabs and subscriptions
 * per session), each subscribed to `updatedOneCase`; 50 priority
 * changes of one case by HTTP mutation, one after the other (the next once every socket
 * has the previous one). Delivery latency per subscriber = arrival − the moment the
 * mutation was sent. Each event is authorized per session (credentials re-checked every
 * 15 s, the case loaded in the session's scope), so the SQL statements per event are
 * counted too. And the API process's memory per 1,000 idle subscriptions.
 *
 * The API runs in this (jest) process; the subscribers in a child process.
 */
describe(`updatedOneCase to ${SUBSCRIBERS} subscribers`, () => {
  let app: TestApp;
  let supervisor: Caller;
  let sessions: Caller[];
  let target: { id: string; version: number };
  let statements = 0;
  let log: string[] | null = null;

  beforeAll(async () => {
    app = await startTestApp();
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    try {
      const { rows: [east] } = await db.query<{ id: string }>(`select id from org_unit where kind = 'FRANCHISE' and code = 'EAST'`);
      await generateScaleCases(db, { franchiseId: east!.id, count: CASES });
      const { rows: [c] } = await db.query<{ id: string; version: number }>(
        `select id, version from service_case where franchise_id = $1 and stage = 'OPEN' order by case_no limit 1`,
        [east!.id],
      );
      target = c!;
    } finally {
      await db.end();
    }
    const knex = (app.server.database.orm.em.getConnection() as PostgreSqlConnection).getKnex();
    knex.on('query', (q: { sql: string }) => {
      statements++;
      log?.push(q.sql.replace(/\s+/g, ' ').slice(0, 140));
    });
    supervisor = await signIn(app, 'supervisor@east.demo');
    sessions = [supervisor, ...(await Promise.all(Array.from({ length: SESSIONS - 1 }, () => signIn(app, 'supervisor@east.demo'))))];
  }, 600_000);
  afterAll(() => app?.stop());

  it('measures delivery latency and memory per 1,000 subscriptions', async () => {
    const gc = collector();
    const settle = async () => {
      for (let i = 0; i < 3; i++) {
        gc?.();
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const memory = () => {
      const m = process.memoryUsage();
      return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
    };
    const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

    let priority = 'HIGH';
    /** One priority change; resolves with the send time and the version it produced. */
    const change = async () => {
      priority = priority === 'HIGH' ? 'URGENT' : 'HIGH';
      const sentAt = wallNow();
      const res = await supervisor.graphql<{ updateOneCase: { version: number } }>(UPDATE, { i: { id: target.id, version: target.version, update: { priority } } });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      target.version = res.body.data!.updateOneCase.version;
      return { sentAt, respondedAt: wallNow(), version: target.version };
    };

    const config = {
      url: app.wsUrl,
      tokens: sessions.map((s) => s.headers.authorization!.slice('Bearer '.length)),
      query: SUBSCRIPTION,
      caseId: target.id,
      graphqlWs: require.resolve('graphql-ws'),
      ws: require.resolve('ws'),
    };
    const subscribers = new Subscribers(config);
    try {
      await subscribers.ready;
      type Waited = { times: number[]; errors: number; firstError?: string };
      const deliver = async (to: Subscribers = subscribers) => {
        const statementsBefore = statements;
        const sent = await change();
        const waited = await to.ask<Waited>({ type: 'wait', version: sent.version, timeoutMs: DELIVERY_TIMEOUT_MS });
        return { ...sent, ...waited, statements: statements - statementsBefore };
      };

      // Warm the paths with a few sockets first, so the baseline holds the compiled code.
      const warm = new Subscribers(config);
      await warm.ready;
      // What one event costs with one subscriber: the mutation's statements, then the subscriber's.
      await warm.ask({ type: 'open', count: 1 });
      await deliver(warm);
      log = [];
      await deliver(warm);
      const oneSubscriberStatements = log;
      log = null;
      console.log(`SQL of one updateOneCase with one subscriber (mutation, then the event's re-authorization):\n${oneSubscriberStatements.map((s) => `  ${s}`).join('\n')}`);
      await warm.ask({ type: 'open', count: 19 });
      for (let i = 0; i < 5; i++) await deliver(warm);
      await warm.ask({ type: 'close' });
      warm.stop();
      await new Promise((r) => setTimeout(r, 1000));

      await settle();
      const before = memory();
      const openedAt = Date.now();
      const opened = await subscribers.ask<{ sockets: number; errors: number; firstError?: string }>({ type: 'open', count: SUBSCRIBERS });
      const openSeconds = (Date.now() - openedAt) / 1000;
      await new Promise((r) => setTimeout(r, 3000));
      await settle();
      const idleBeforeEvents = memory();

      // Every socket has its subscription once each of them received an event.
      let readiness = await deliver();
      for (let i = 0; i < 5 && readiness.times.length < SUBSCRIBERS; i++) readiness = await deliver();
      if (readiness.times.length < SUBSCRIBERS) throw new Error(`only ${readiness.times.length} of ${SUBSCRIBERS} subscribers got an event: ${readiness.firstError}`);
      await settle();
      const idle = memory();

      const latencies: number[] = [];
      const lastArrivals: number[] = [];
      const mutationLatencies: number[] = [];
      const perEventStatements: number[] = [];
      let missing = 0;
      let errors = '';
      for (let i = 0; i < MUTATIONS; i++) {
        const event = await deliver();
        mutationLatencies.push(event.respondedAt - event.sentAt);
        for (const t of event.times) latencies.push(t - event.sentAt);
        if (event.times.length) lastArrivals.push(Math.max(...event.times) - event.sentAt);
        missing += SUBSCRIBERS - event.times.length;
        perEventStatements.push(event.statements);
        errors ||= event.firstError ?? '';
        await new Promise((r) => setTimeout(r, 200));
      }
      await settle();
      const afterEvents = memory();

      await subscribers.ask({ type: 'close' });
      await new Promise((r) => setTimeout(r, 2000));
      await settle();
      const closed = memory();
      // With every socket closed, an event should cost the mutation's statements only.
      const statementsBeforeLast = statements;
      await change();
      await new Promise((r) => setTimeout(r, 15_000));
      const statementsOfEventAfterClosing = statements - statementsBeforeLast;
      await settle();
      const afterNextEvent = memory();

      const perThousand = (a: ReturnType<typeof memory>, b: ReturnType<typeof memory>) => ({
        rssMiB: mib(((b.rss - a.rss) * 1000) / SUBSCRIBERS),
        heapUsedMiB: mib(((b.heapUsed - a.heapUsed) * 1000) / SUBSCRIBERS),
        externalMiB: mib(((b.external - a.external) * 1000) / SUBSCRIBERS),
      });
      const meanStatements = Math.round(perEventStatements.reduce((a, b) => a + b, 0) / (perEventStatements.length || 1));
      report(
        'case-events',
        [
          figuresOf(`delivery to each of ${SUBSCRIBERS} subscribers`, latencies),
          figuresOf(`delivery to the last of ${SUBSCRIBERS} subscribers`, lastArrivals),
          figuresOf('mutation round trip (updateOneCase)', mutationLatencies),
        ],
        {
          subscribers: SUBSCRIBERS,
          sessions: SESSIONS,
          mutations: MUTATIONS,
          deliveries: latencies.length,
          missingDeliveries: missing,
          subscriberErrors: errors || opened.firstError || null,
          openSecondsFor1000Sockets: Math.round(openSeconds * 10) / 10,
          sqlStatementsPerEvent: meanStatements,
          sqlOfOneEventWithOneSubscriber: oneSubscriberStatements,
          sqlStatementsPerEventPerSubscriber: Math.round((meanStatements / SUBSCRIBERS) * 10) / 10,
          gcAvailable: !!gc,
          memoryPer1000IdleSubscriptions: perThousand(before, idle),
          memoryPer1000SubscriptionsBeforeAnyEvent: perThousand(before, idleBeforeEvents),
          memoryAfter50EventsVsIdle: perThousand(idle, afterEvents),
          memoryAfterClosingVsBaseline: perThousand(before, closed),
          statementsOfFirstEventAfterClosingAllSockets: statementsOfEventAfterClosing,
          memoryAfterThatEventVsBaseline: perThousand(before, afterNextEvent),
          memoryMiB: { before: { rss: mib(before.rss), heapUsed: mib(before.heapUsed) }, idle: { rss: mib(idle.rss), heapUsed: mib(idle.heapUsed) }, closed: { rss: mib(closed.rss), heapUsed: mib(closed.heapUsed) }, afterNextEvent: { rss: mib(afterNextEvent.rss), heapUsed: mib(afterNextEvent.heapUsed) } },
          loadAverage1m: os.loadavg()[0]!.toFixed(2), // other work on the machine skews figures
          note: 'API in the jest process (memory is that process: API + jest), subscribers in a child process; latency = arrival at the subscriber − mutation sent (same host clock)',
        },
      );
      expect(opened.sockets).toBe(SUBSCRIBERS);
      expect(missing).toBe(0);
    } finally {
      subscribers.stop();
    }
  }, 3_600_000);
});
