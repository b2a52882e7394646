import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

const sessionIdOf = (accessToken: string) => (JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;

/**
 * The database dies under live subscriptions and comes back: two API instances (events
 * published through one reach sockets on the other) keep serving without a restart.
 */
// Skipped at integration: with the read path's 5 s session cache (issue 13) a signed-in request during the outage answers 400, not 503,
// and the second case cannot sign in afterwards. Issue 12 stays open until this passes again.
describe('a database outage', () => {
  let pg: PrivatePostgres;
  let a: TestApp;
  let b: TestApp;
  let owner: Caller;
  let doctorId: string;
  let managerId: string;
  let orgUnitId: string;
  let phone = 13300005000;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    a = await startTestApp({}, { database: pg.database });
    b = await startTestApp({}, { database: pg.database });
    owner = await signIn(a, 'owner@east.demo');
    const staff = await owner.graphql<{ staffUsers: { nodes: { id: string; jobTitle: string; orgUnitId: string }[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id jobTitle orgUnitId } } }');
    const manager = staff.body.data!.staffUsers.nodes.find((s) => s.jobTitle === 'HEALTH_MANAGER')!;
    doctorId = staff.body.data!.staffUsers.nodes.find((s) => s.jobTitle === 'DOCTOR')!.id;
    managerId = manager.id;
    orgUnitId = manager.orgUnitId;
  }, 300_000); // initdb, migrations and the demo seed on a machine that may be busy
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await pg?.stop();
  });

  const createCustomer = (name: string) =>
    owner.graphql<{ createOneCustomer: { id: string } }>(`mutation($c: CustomerInput!) { createOneCustomer(input: { customer: $c }) { id } }`, {
      c: { name, age: 40, phone: String(phone++), doctorId, healthManagerId: managerId, orgUnitId, sourceChannel: 'APP' },
    });

  /** Names of customers created, as seen live by a supervisor's socket on instance b. */
  function watchCreatedCustomers(authorization: string) {
    const seen: { name: string; at: number }[] = [];
    b.wsClient({ authorization }).subscribe<{ createdCustomer: { name: string } }>(
      { query: 'subscription { createdCustomer { name } }' },
      { next: (r) => r.data && seen.push({ name: r.data.createdCustomer.name, at: Date.now() }), error: () => undefined, complete: () => undefined },
    );
    return seen;
  }

  const readiness = async (app: TestApp) => (await fetch(`${app.url}/readyz`)).status;

  it('delivers live events again after the database is killed and restarted, and a logout still closes its socket', async () => {
    const supervisor = await signIn(a, 'supervisor@east.demo');
    const seen = watchCreatedCustomers(supervisor.headers.authorization!);
    const agent = await signIn(a, 'agent@east.demo');
    const agentSocket = b.wsClient({ authorization: agent.headers.authorization });
    const agentClosed = new Promise<number>((resolve) => agentSocket.on('closed', (e) => resolve((e as { code: number }).code)));
    await new Promise<void>((resolve) => agentSocket.subscribe({ query: 'subscription { serverTime(intervalSeconds: 60) { now } }' }, { next: () => resolve(), error: () => undefined, complete: () => undefined }));

    await sleep(200);
    expect((await createCustomer('停电前客户')).body.errors).toBeUndefined();
    await waitFor('the event before the outage', async () => seen.some((s) => s.name === '停电前客户'));

    await pg.kill();
    await waitFor('b not ready', async () => (await readiness(b)) === 503);
    expect(await readiness(a)).toBe(503);
    // Requests meanwhile: 503 with Retry-After and a code, signed in or not, and nothing about the database's address.
    for (const during of [await owner.graphql('{ me { permissions } }'), await a.graphql('mutation { login(email: "owner@east.demo", password: "x") { accessToken } }')]) {
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBe('5');
      expect(during.body.errors![0]!.extensions!.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(during.body)).not.toMatch(/127\.0\.0\.1|ECONN|postgres|Context creation/i);
    }
    await sleep(3_000);

    await pg.restart();
    const restartedAt = Date.now();
    // Write until a change made through a reaches b's subscriber: b's event listener is back.
    let attempt = 0;
    const first = await waitFor(
      'a live event after the restart',
      async () => {
        await createCustomer(`恢复后客户${++attempt}`);
        return seen.find((s) => s.name.startsWith('恢复后客户'));
      },
      20_000,
      100,
    );
    const firstEventMs = first.at - restartedAt;
    console.log(`database restart -> first live event delivered: ${firstEventMs} ms`);
    expect(firstEventMs).toBeLessThan(10_000);
    await waitFor('both instances ready again', async () => (await readiness(a)) === 200 && (await readiness(b)) === 200);

    expect((await agent.graphql('mutation { logout }')).body.errors).toBeUndefined();
    expect(await agentClosed).toBe(4401);
  }, 60_000);

  it('closes sockets of sessions revoked while the event listener was down (re-read from the session table)', async () => {
    const agent = await signIn(a, 'agent2@east.demo');
    const socket = b.wsClient({ authorization: agent.headers.authorization });
    const closed = new Promise<number>((resolve) => socket.on('closed', (e) => resolve((e as { code: number }).code)));
    await new Promise<void>((resolve) => socket.subscribe({ query: 'subscription { serverTime(intervalSeconds: 60) { now } }' }, { next: () => resolve(), error: () => undefined, complete: () => undefined }));

    // The revocation's notification is lost (as when it is sent while b's listener is down)...
    await pg.sql(`update auth_session set status = 'REVOKED', revoked_reason = 'test' where id = $1`, [sessionIdOf(agent.tokens.accessToken)]);
    // ...and b's listener connection drops and comes back.
    const { rows } = await pg.sql(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'pharmadesk-events'`);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(await closed).toBe(4401);
  }, 30_000);
});
