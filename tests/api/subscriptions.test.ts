import { createClient as createV5Client } from 'graphql-ws-v5';
import WebSocket from 'ws';
import { startTestApp, takeFromSubscription, type TestApp } from '../support/app';

const SERVER_TIME = 'subscription Clock($every: Int!) { serverTime(intervalSeconds: $every) { now } }';

describe('subscriptions over graphql-ws', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('streams server time ticks to a graphql-ws v6 client', async () => {
    const started = Date.now();
    const ticks = await takeFromSubscription<{ serverTime: { now: string } }>(app.wsClient(), { query: SERVER_TIME, variables: { every: 1 } }, 2);
    const times = ticks.map((t) => Date.parse(t.data!.serverTime.now));
    expect(times[0]).toBeGreaterThanOrEqual(started - 1000);
    // one second apart, give or take scheduling
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
    expect(times[1]! - times[0]!).toBeLessThan(2500);
  });

  it('serves the graphql-ws v5 client the admin panel uses', async () => {
    const client = createV5Client({ url: app.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const [tick] = await takeFromSubscription<{ serverTime: { now: string } }>(client, { query: SERVER_TIME, variables: { every: 1 } }, 1);
      expect(Number.isNaN(Date.parse(tick!.data!.serverTime.now))).toBe(false);
    } finally {
      await client.dispose();
    }
  });

  it('refuses an out-of-range interval with BAD_USER_INPUT naming the argument (a graphql-ws error: the subscription never starts)', async () => {
    await expect(takeFromSubscription(app.wsClient(), { query: SERVER_TIME, variables: { every: 0 } }, 1)).rejects.toThrow(/"field":"intervalSeconds".*"code":"BAD_USER_INPUT"|"code":"BAD_USER_INPUT".*"field":"intervalSeconds"/);
  });

  it('rejects an unknown field with a validation error', async () => {
    await expect(
      takeFromSubscription(app.wsClient(), { query: 'subscription { serverTime { nope } }' }, 1),
    ).rejects.toThrow(/Cannot query field \\"nope\\".*GRAPHQL_VALIDATION_FAILED/);
  });

  it('serves queries over the socket too', async () => {
    const [result] = await takeFromSubscription<{ serverInfo: { version: string } }>(app.wsClient(), { query: '{ serverInfo { version } }' }, 1);
    expect(result!.data!.serverInfo.version).toBe(require('../../api/package.json').version);
  });
});

describe('subscription input errors', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('codes a syntax error and a variable of the wrong type', async () => {
    await expect(takeFromSubscription(app.wsClient(), { query: 'subscription { serverTime { now ' }, 1)).rejects.toThrow(/GRAPHQL_PARSE_FAILED/);
    await expect(takeFromSubscription(app.wsClient(), { query: SERVER_TIME, variables: { every: 'soon' } }, 1)).rejects.toThrow(/BAD_USER_INPUT/);
  });
});
