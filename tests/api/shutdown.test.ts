import http from 'node:http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { API_MAIN, spawnEntry, waitForListening, type SpawnedServer } from '../support/process';

describe('graceful shutdown on SIGTERM', () => {
  let database: TestDatabase;
  let server: SpawnedServer;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = spawnEntry(API_MAIN, { DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1' });
    url = await waitForListening(server);
  });
  afterAll(async () => {
    server.child.kill('SIGKILL');
    await database.drop();
  });

  it('finishes the in-flight request, closes sockets with 1001, refuses new connections and exits 0 within 10 s', async () => {
    // A subscription that is live when the signal arrives.
    const socketClosed = new Promise<number>((resolve) => {
      const client = createClient({
        url: `${url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        on: { closed: (event) => resolve((event as { code: number }).code) },
      });
      client.subscribe({ query: 'subscription { serverTime { now } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    await new Promise((r) => setTimeout(r, 300));

    // An HTTP request whose body is only half sent when the signal arrives.
    const body = JSON.stringify({ query: '{ serverInfo { version databaseVersion } }' });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      (globalThis as { finishRequest?: () => void }).finishRequest = () => req.end(body.slice(10));
    });
    await new Promise((r) => setTimeout(r, 200));

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));

    // New connections are refused while draining.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    (globalThis as { finishRequest?: () => void }).finishRequest!();
    const result = await response;
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text).data.serverInfo.version).toBeTruthy();

    expect(await socketClosed).toBe(1001);
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(server.logLines().some((l) => l.msg === 'shutdown complete')).toBe(true);
  });
});
