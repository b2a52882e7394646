import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig, startServer, type RunningServer } from '@pharmadesk/api';
import { createTestDatabase, type TestDatabase } from './database';
import { testAuthSecret } from './test-env';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
  };
}

export interface TestApp {
  url: string;
  graphqlUrl: string;
  wsUrl: string;
  database: TestDatabase;
  server: RunningServer;
  /** POSTs an operation as JSON over real HTTP. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** A graphql-ws (v6) client on this app; closed by stop(). */
  wsClient(connectionParams?: Record<string, unknown>): WsClient;
  stop(): Promise<void>;
}

/** Starts the real app (HTTP + WebSocket) on a free port, on a fresh database cloned from the template. */
export async function startTestApp(env: Record<string, string> = {}, options: { database?: TestDatabase } = {}): Promise<TestApp> {
  // A second app on the same database is a second API instance (its stop() leaves the database).
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url, AUTH_SECRET: testAuthSecret(), JOBS_ENABLED: 'false', ...env });
  const server = await startServer(config);
  const graphqlUrl = `${server.url}/graphql`;
  const wsUrl = graphqlUrl.replace(/^http/, 'ws');
  const clients: WsClient[] = [];
  return {
    url: server.url,
    graphqlUrl,
    wsUrl,
    database,
    server,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<never>["body"] };
    },
    wsClient(connectionParams) {
      const client = createWsClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.dispose()));
      await server.stop();
      // pg-boss checks once a second (an unawaited loop in its manager's offWork) that its stopped workers
      // ended; a check outliving the suite throws in the next suite of the same jest worker.
      if (config.JOBS_ENABLED) await new Promise((resolve) => setTimeout(resolve, 1_100));
      if (!options.database) await database.drop();
    },
  };
}

/** Collects `count` results of a subscription, then unsubscribes. Rejects on error or timeout. */
export function takeFromSubscription<T = Record<string, unknown>>(
  client: { subscribe: WsClient['subscribe'] },
  payload: { query: string; variables?: Record<string, unknown> },
  count: number,
  timeoutMs = 10_000,
): Promise<{ data?: T | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }[]> {
  return new Promise((resolve, reject) => {
    const results: { data?: T | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }[] = [];
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`subscription gave ${results.length} of ${count} results in ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = client.subscribe<T>(payload, {
      next: (result) => {
        results.push(result as never);
        if (results.length === count) {
          clearTimeout(timer);
          unsubscribe();
          resolve(results);
        }
      },
      error: (error) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
      },
      complete: () => {
        clearTimeout(timer);
        resolve(results);
      },
    });
  });
}
