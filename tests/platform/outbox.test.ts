import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createLogger, createSharedPubSub, relayOutboxOnResume } from '@pharmadesk/api';
import { startTestApp, takeFromSubscription, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { API_MAIN, spawnEntry, waitForListening } from '../support/process';
import { enablePlugin, franchiseIds } from '../plugins/support';
import { until } from '../support/until';

/** The test plugin (plain JS, so a spawned built API loads it too): its handlers append to EVENT_RECORDER_FILE. */
const PLUGINS = 'refund-approval,pharmacist-review,vip-care,./tests/platform/fixtures/event-recorder.js';
const CREATE = `mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { id caseNo } }`;
const complaint = (subject: string) => ({ c: { type: 'COMPLAINT', channel: 'PHONE', subject, description: '事件测试', category: 'DELIVERY_DAMAGED' } });

const recorded = (file: string, caseId: string) => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.endsWith(caseId));

async function sql<T = Record<string, unknown>>(database: TestDatabase, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('events through the transactional outbox', () => {
  let file: string;
  beforeAll(() => {
    file = path.join(os.tmpdir(), `pharmadesk-events-${randomBytes(4).toString('hex')}.log`);
    fs.writeFileSync(file, '');
    process.env.EVENT_RECORDER_FILE = file; // for the plugin in this process's apps
  });
  afterAll(() => {
    delete process.env.EVENT_RECORDER_FILE;
    fs.rmSync(file, { force: true });
  });

  it('a process killed (SIGKILL) right after a committed write: the live message still arrives, and each handler runs once after restart', async () => {
    const database = await createTestDatabase();
    // The writer is its own process and runs no jobs: nothing reacts there before it dies.
    const writer = spawnEntry(API_MAIN, { DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', JOBS_ENABLED: 'false', PLUGINS, EVENT_RECORDER_FILE: file, LOG_LEVEL: 'info' });
    const apps: TestApp[] = [];
    try {
      const writerUrl = await waitForListening(writer, 60_000);
      const writerApp = { graphql: (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) =>
        fetch(`${writerUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) }).then(async (r) => ({ status: r.status, headers: r.headers, body: await r.json() })) } as unknown as TestApp;
      // A second instance, where a supervisor watches new cases live.
      const watcher = await startTestApp({ PLUGINS }, { database });
      apps.push(watcher);
      const hq = await signIn(watcher, 'admin@hq.demo');
      const { east } = await franchiseIds(hq);
      expect((await enablePlugin(hq, east, 'event-recorder', {})).body.errors).toBeUndefined();
      const supervisor = await signIn(watcher, 'supervisor@east.demo');
      const live = takeFromSubscription<{ createdCase: { id: string } }>(watcher.wsClient({ authorization: `Bearer ${supervisor.tokens.accessToken}` }), { query: 'subscription { createdCase { id } }' }, 1, 20_000);
      await new Promise((r) => setTimeout(r, 500));

      const agent = await signIn(writerApp, 'agent@east.demo');
      const made = await agent.graphql<{ createOneCase: { id: string } }>(CREATE, complaint('SIGKILL 之后的工单'));
      writer.child.kill('SIGKILL'); // the answer came after commit; nothing after it runs
      await writer.exited;
      const created = made.body.data!.createOneCase;

      const [message] = await live;
      expect(message!.data!.createdCase.id).toBe(created.id);
      expect(recorded(file, created.id)).toEqual([]);
      const [row] = await sql<{ dispatched_at: Date | null }>(database, `select dispatched_at from event_outbox where topic = 'case.created' and payload->>'caseId' = $1`, [created.id]);
      expect(row).toEqual({ dispatched_at: null });

      // Restart with jobs: the reactions run from the outbox, once each.
      const restarted = await startTestApp({ PLUGINS, JOBS_ENABLED: 'true' }, { database });
      apps.push(restarted);
      await until('the handlers after restart', async () => recorded(file, created.id).length > 0);
      await until('every reaction done', async () => {
        const rows = await sql<{ status: string }>(database, `select r.status from event_reaction r join event_outbox e on e.id = r.event_id where e.payload->>'caseId' = $1 and r.handler like 'event-recorder/%'`, [created.id]);
        return rows.length === 2 && rows.every((r) => r.status === 'DONE'); // record created, fails on FAIL (which passes here)
      });
      await restarted.stop();
      apps.pop();
      // Another restart finds nothing left to do.
      const again = await startTestApp({ PLUGINS, JOBS_ENABLED: 'true' }, { database });
      apps.push(again);
      await new Promise((r) => setTimeout(r, 3_000));
      expect(recorded(file, created.id)).toEqual([`record-created case.created ${created.id}`]);
      const reactions = await sql<{ handler: string; attempts: number }>(database, `select r.handler, r.attempts from event_reaction r join event_outbox e on e.id = r.event_id where e.payload->>'caseId' = $1 and r.handler like 'event-recorder/%' order by r.handler`, [created.id]);
      expect(reactions).toEqual([
        { handler: 'event-recorder/fails on FAIL', attempts: 1 },
        { handler: 'event-recorder/record created', attempts: 1 },
      ]);
    } finally {
      if (writer.child.exitCode === null && writer.child.signalCode === null) writer.child.kill('SIGKILL');
      for (const app of apps.reverse()) await app.stop();
      await database.drop();
    }
  }, 180_000);

  it('an event committed while the LISTEN connection was cut reaches subscribers once it reconnects (the relay re-reads the outbox)', async () => {
    const app = await startTestApp({ PLUGINS });
    const logger = createLogger({ LOG_LEVEL: 'silent' });
    // A listener that waits 1.5 s before reconnecting, so the write surely lands while it is down.
    const pubsub = await createSharedPubSub(app.server.database.appUrl, logger, { minRetryMs: 1_500, maxRetryMs: 1_500 });
    const stopRelay = relayOutboxOnResume({ orm: app.server.database.orm, pubsub, logger });
    const seen: string[] = [];
    const iterator = pubsub.subscribe('cases.changed')[Symbol.asyncIterator]();
    void (async () => {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) seen.push((next.value as { id: string }).id);
    })();
    try {
      const agent = await signIn(app, 'agent@east.demo');
      const before = (await agent.graphql<{ createOneCase: { id: string } }>(CREATE, complaint('连接正常时'))).body.data!.createOneCase;
      await until('the live message while connected', async () => seen.includes(before.id), 10_000);

      const cut = await sql<{ pid: number }>(app.database, `select pg_terminate_backend(pid) as pid from pg_stat_activity where datname = current_database() and application_name = 'pharmadesk-events'`);
      expect(cut.length).toBeGreaterThan(0);
      const during = (await agent.graphql<{ createOneCase: { id: string } }>(CREATE, complaint('连接断开时'))).body.data!.createOneCase;
      expect(pubsub.connected).toBe(false);
      expect(seen).not.toContain(during.id);

      // This instance's own direct publish while cut is kept and sent once the connection is back.
      pubsub.publish('cases.changed', { id: 'published-while-cut', franchiseId: 'none', change: 'updated' });
      await until('the relay to deliver what was missed', async () => seen.includes(during.id), 15_000);
      await until('the publish made while cut', async () => seen.includes('published-while-cut'), 5_000);
      expect(seen.filter((id) => id === during.id)).toHaveLength(1);
      expect(seen.filter((id) => id === before.id)).toHaveLength(1); // the catch-up skips what already arrived
    } finally {
      await iterator.return?.();
      stopRelay();
      await pubsub.close();
      await app.stop();
    }
  }, 90_000);

  it('a connection busy with a burst of publishes while the event loop is blocked longer than a heartbeat is kept, and every event arrives once', async () => {
    const app = await startTestApp({ PLUGINS });
    const logger = createLogger({ LOG_LEVEL: 'silent' });
    const pubsub = await createSharedPubSub(app.server.database.appUrl, logger, { heartbeatMs: 200, minRetryMs: 50, maxRetryMs: 50 });
    let reconnects = 0;
    const stopCounting = pubsub.onResumed(() => void reconnects++);
    const seen = new Map<string, number>();
    const iterator = pubsub.subscribe('cases.changed')[Symbol.asyncIterator]();
    void (async () => {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const { id } = next.value as { id: string };
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    })();
    const block = (ms: number) => {
      for (const until = Date.now() + ms; Date.now() < until; );
    };
    try {
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 1_000; i++) pubsub.publish('cases.changed', { id: `burst-${round}-${i}`, franchiseId: 'none', change: 'updated' });
        block(700); // three and a half heartbeats without the loop turning
        await new Promise((r) => setTimeout(r, 250));
      }
      await until('every event of the bursts', async () => seen.size === 3_000, 30_000);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      expect(reconnects).toBe(0);
      expect(pubsub.connected).toBe(true);
    } finally {
      stopCounting();
      await iterator.return?.();
      await pubsub.close();
      await app.stop();
    }
  }, 90_000);

  it('a connection that goes silent (packets no longer answered) is noticed within two heartbeats and replaced', async () => {
    const app = await startTestApp({ PLUGINS });
    const target = new URL(app.server.database.appUrl);
    // A TCP relay to PostgreSQL that can freeze the connections it carries, as a dead network path does.
    const carried: net.Socket[] = [];
    const relay = net.createServer((inbound) => {
      const outbound = net.connect(Number(target.port), target.hostname);
      inbound.pipe(outbound).pipe(inbound);
      inbound.on('error', () => outbound.destroy());
      outbound.on('error', () => inbound.destroy());
      carried.push(inbound, outbound);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const viaRelay = new URL(target);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String((relay.address() as net.AddressInfo).port);
    const pubsub = await createSharedPubSub(viaRelay.toString(), createLogger({ LOG_LEVEL: 'silent' }), { heartbeatMs: 300, minRetryMs: 50, maxRetryMs: 50 });
    let resumed = 0;
    const stop = pubsub.onResumed(() => void resumed++);
    try {
      for (const socket of carried.splice(0)) {
        socket.unpipe();
        socket.pause();
      }
      const frozenAt = Date.now();
      await until('the silent connection to be replaced', async () => resumed > 0, 10_000);
      expect(Date.now() - frozenAt).toBeLessThan(3 * 300 + 1_000);
      expect(pubsub.connected).toBe(true);
    } finally {
      stop();
      await pubsub.close();
      for (const socket of carried) socket.destroy();
      relay.close();
      await app.stop();
    }
  }, 60_000);

  describe('a failing handler', () => {
    let app: TestApp;
    let hq: Caller;
    let agent: Caller;
    beforeAll(async () => {
      app = await startTestApp({ PLUGINS, JOBS_ENABLED: 'true', EVENT_RETRY_LIMIT: '2', EVENT_RETRY_DELAY_SECONDS: '1' });
      hq = await signIn(app, 'admin@hq.demo');
      agent = await signIn(app, 'agent@east.demo');
      const { east } = await franchiseIds(hq);
      expect((await enablePlugin(hq, east, 'event-recorder', {})).body.errors).toBeUndefined();
    });
    afterAll(() => app.stop());

    const DEAD = `{ eventReactions(paging: { limit: 50 }) { totalCount nodes { id eventType handler status attempts lastError payload } } }`;
    type Dead = { eventReactions: { totalCount: number; nodes: { id: string; eventType: string; handler: string; status: string; attempts: number; lastError: string; payload: { caseId: string } }[] } };

    it('retries with backoff, then shows in HQ’s dead-letter list; the change it reacted to is intact', async () => {
      const made = (await agent.graphql<{ createOneCase: { id: string; caseNo: string } }>(CREATE, complaint('FAIL 处理器会失败'))).body.data!.createOneCase;
      const dead = await until('the dead letter', async () => {
        const res = await hq.graphql<Dead>(DEAD);
        return res.body.data!.eventReactions.nodes.find((n) => n.payload.caseId === made.id);
      }, 60_000);
      expect(dead).toMatchObject({ eventType: 'case.created', handler: 'event-recorder/fails on FAIL', status: 'DEAD', attempts: 3 });
      expect(dead.lastError).toBe(`cannot handle case ${made.caseNo}: the subject says FAIL`);
      // The write stands, and the other handler of the same event ran once.
      const stored = await agent.graphql<{ case: { id: string; subject: string } }>('query($id: ID!) { case(id: $id) { id subject } }', { id: made.id });
      expect(stored.body.data!.case).toEqual({ id: made.id, subject: 'FAIL 处理器会失败' });
      expect(recorded(file, made.id)).toEqual([`record-created case.created ${made.id}`]);

      // HQ sends it back: it runs again (and fails again, so it is dead once more, with one more attempt each retry).
      const retried = await hq.graphql<{ retryEventReaction: { status: string } }>('mutation($id: ID!) { retryEventReaction(id: $id) { status } }', { id: dead.id });
      expect(retried.body.data!.retryEventReaction.status).toBe('RETRY');
      await until('the retried reaction to fail for good again', async () => {
        const res = await hq.graphql<Dead>(DEAD);
        const again = res.body.data!.eventReactions.nodes.find((n) => n.id === dead.id);
        return again && again.attempts > 3 && again.status === 'DEAD';
      }, 60_000);
    }, 150_000);

    it('is HQ’s to see: a franchise owner is refused', async () => {
      const owner = await signIn(app, 'owner@east.demo');
      const res = await owner.graphql(DEAD);
      expect(res.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    });
  });
});
