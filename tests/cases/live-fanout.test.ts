import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type { Client as WsClient } from 'graphql-ws';
import { signAccessToken, verifyAccessToken } from '@pharmadesk/api/src/core/auth/tokens';
import { forgetLiveCredentials } from '@pharmadesk/api/src/core/live';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { testAuthSecret } from '../support/test-env';
import { caseAction, collectFromSubscription, openCase, type CaseRow } from './support';

type Updated = { data: { updatedOneCase: { id: string; version: number; subject: string } } };
const SUBSCRIPTION = 'subscription { updatedOneCase { id version subject } }';

/**
 * Live events at fan-out: a supervisor's board holds many subscriptions on one session, so an
 * event is authorized and resolved once per session and shared; sockets that close stop costing
 * anything at once; a socket whose access token expires is closed so the client reconnects.
 */
describe('live case events at fan-out', () => {
  let app: TestApp;
  let supervisor: Caller;
  let agent: Caller;
  let statements = 0;
  /** Transactions begun (a scoped BEGIN goes out with its set_config in one statement). */
  let transactions = 0;
  let target: CaseRow;

  beforeAll(async () => {
    app = await startTestApp();
    [supervisor, agent] = (await Promise.all(['supervisor@east.demo', 'agent@east.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller];
    const knex = (app.server.database.orm.em.getConnection() as PostgreSqlConnection).getKnex();
    knex.on('query', (q: { sql: string }) => {
      statements++;
      if (/^\s*begin\b/i.test(q.sql)) transactions++;
    });
    target = await openCase(agent);
  });
  afterAll(() => app.stop());

  let edits = 0;
  let transactionsBefore = 0;
  /** Waits until no statement has run for half a second (deliveries in flight are done; a busy machine is slow). */
  async function quiet(): Promise<void> {
    for (let seen = -1; seen !== statements; ) {
      seen = statements;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  /** Opens `sockets` sockets (spread over the sessions given), each subscribed; edits the case; returns the SQL statements the delivery cost. */
  async function deliveryStatements(sockets: number, sessions: Caller[] = [supervisor]): Promise<number> {
    const clients = Array.from({ length: sockets }, (_, i) => app.wsClient({ authorization: sessions[i % sessions.length]!.headers.authorization! }));
    // A new subject every time: an edit to the same subject changes nothing and costs less (no activity, no update).
    const subject = `edit ${++edits} for ${sockets} sockets`;
    const subscribed = clients.map(() => false);
    const received = clients.map((ws, i) =>
      collectFromSubscription<Updated>(ws, { query: SUBSCRIPTION }, 1, (r) => {
        subscribed[i] = true;
        return r.data.updatedOneCase.subject === subject;
      }, 60_000),
    );
    // A socket's credentials are checked again every LIVE_RECHECK_MS: forgotten now, they are checked
    // with the first event below, so that check never falls inside the counted window (on a slow
    // machine it could, by its timing alone).
    const sessionIds = await Promise.all(sessions.map(async (s) => (await verifyAccessToken(testAuthSecret(), s.headers.authorization!.replace(/^Bearer /, ''))).sid));
    await forgetLiveCredentials(app.server.app.runtime, sessionIds);
    // Every subscription is registered once it hears a local "look again" (this instance only, no outbox row).
    while (!subscribed.every(Boolean)) {
      app.server.app.pubsub.publish('cases.changed', { id: target.id, franchiseId: target.franchiseId, change: 'updated' });
      await new Promise((r) => setTimeout(r, 200));
    }
    await quiet(); // those deliveries' statements are behind us
    // The agent's credentials are cached for 5 s: checked here, not inside the window (it is the edit's cost, not the delivery's).
    await agent.graphql('{ me { id } }');
    // Counted from before the edit: the outbox's NOTIFY goes out at commit, so delivery can start
    // before the mutation's response arrives. The edit itself costs the same in every call.
    const before = statements;
    transactionsBefore = transactions;
    const res = await caseAction(agent, 'updateOneCase', { id: target.id, version: target.version, update: { subject } });
    target = { ...target, version: res.data!.version };
    await Promise.all(received);
    await quiet(); // the last delivery's transaction ends
    const cost = statements - before;
    await Promise.all(clients.map((c) => c.dispose()));
    return cost;
  }

  it('delivers to every subscription of a session for the SQL cost of one', async () => {
    await deliveryStatements(1); // warm: credentials checked once per interval
    const one = await deliveryStatements(1);
    const twenty = await deliveryStatements(20);
    expect(one).toBeGreaterThan(0);
    // Shared per session: 20 sockets cost what 1 does, not 20 times as much (230 vs 11 statements before sharing).
    expect(twenty).toBe(one);
  });

  it('delivers to several sessions of one user for the SQL cost of one, in no transaction beyond the record’s load', async () => {
    const sessions = [supervisor, ...(await Promise.all(Array.from({ length: 4 }, () => signIn(app, 'supervisor@east.demo'))))];
    const one = await deliveryStatements(1);
    // The edit's transaction and the one that loads the case in the subscriber's scope: the
    // fields asked for are the loaded record's, so resolving them opens none.
    expect(transactions - transactionsBefore).toBe(2);
    const five = await deliveryStatements(10, sessions);
    expect(five).toBe(one);
    expect(transactions - transactionsBefore).toBe(2);
  });

  it('costs nothing once the subscriber’s socket has closed', async () => {
    const ws = app.wsClient({ authorization: supervisor.headers.authorization! });
    const live = collectFromSubscription<Updated>(ws, { query: SUBSCRIPTION }, 1, () => true);
    await new Promise((r) => setTimeout(r, 300));
    app.server.app.pubsub.publish('cases.changed', { id: target.id, franchiseId: target.franchiseId, change: 'updated' });
    await live; // the subscription worked while open
    await ws.dispose();
    await new Promise((r) => setTimeout(r, 200));
    const before = statements;
    app.server.app.pubsub.publish('cases.changed', { id: target.id, franchiseId: target.franchiseId, change: 'updated' });
    await new Promise((r) => setTimeout(r, 500));
    expect(statements - before).toBe(0);
  });

  it('closes a socket when its access token expires (4440, so clients reconnect with a fresh token)', async () => {
    const claims = await verifyAccessToken(testAuthSecret(), supervisor.headers.authorization!.replace(/^Bearer /, ''));
    const { token } = await signAccessToken(testAuthSecret(), claims, 2);
    const ws: WsClient = app.wsClient({ authorization: `Bearer ${token}` });
    const closed = new Promise<number>((resolve) => ws.on('closed', (event) => resolve((event as { code: number }).code)));
    const subscription = collectFromSubscription<Updated>(ws, { query: SUBSCRIPTION }, 1, () => true, 10_000).catch((e: unknown) => e);
    expect(await closed).toBe(4440);
    expect(await subscription).toBeTruthy(); // the client is told, not left waiting
  });
});
