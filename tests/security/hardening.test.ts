import { getIntrospectionQuery } from 'graphql';
import type { Client as WsClient } from 'graphql-ws';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';

/** Adversarial documents: the introspection alias bomb and relatives that skipped the limits. */
const ALIAS_BOMB = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __schema { types { fields { type { fields { name } } } } }`).join(' ')} }`;
const SMALL_ALIAS_BOMB = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: __schema { types { fields { type { fields { name } } } } }`).join(' ')} }`;
const REPEATED_FIELD_BOMB = `{ ${'__schema { types { fields { type { fields { name } } } } } '.repeat(500)} }`;
const WIDE_SET_BOMB = `{ serverInfo { ${'version '.repeat(5000)} } }`;
const NESTED_INTROSPECTION = `{ __type(name: "Query") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }`;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: Math.round(performance.now() - started) };
}

/** Waits for one subscription's first outcome: its first result, or the error it was refused with. */
function firstOutcome(client: WsClient, query: string, variables?: Record<string, unknown>) {
  return new Promise<{ data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[]; closeCode?: number; refused?: { message: string; extensions?: Record<string, unknown> }[] }>((resolve) => {
    const stop = client.subscribe(
      { query, variables },
      {
        next: (result) => {
          stop();
          resolve(result as never);
        },
        error: (error) => resolve(Array.isArray(error) ? { refused: error } : { closeCode: (error as { code?: number }).code }),
        complete: () => undefined,
      },
    );
  });
}

describe('GraphQL hardening over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  });
  afterAll(() => app.stop());

  it('refuses introspection and field suggestions to anonymous callers in production', async () => {
    const introspection = await app.graphql(getIntrospectionQuery());
    expect(introspection.status).toBe(400);
    expect(errorCodes(introspection)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const typo = await app.graphql('{ serverInf { version } }');
    expect(typo.body.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('allows introspection (the full standard query) once signed in', async () => {
    const owner = await signIn(app, 'owner@east.demo');
    const res = await owner.graphql<{ __schema: { queryType: { name: string } } }>(getIntrospectionQuery());
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.__schema.queryType.name).toBe('Query');
  });

  it('limits depth, aliases and cost, naming the limit', async () => {
    const owner = await signIn(app, 'owner@east.demo');
    const deep = `{ orgUnits { nodes { ${'parent { '.repeat(12)} id ${'} '.repeat(12)} } } }`;
    const depth = await owner.graphql(deep);
    expect(depth.status).toBe(400);
    expect(depth.body.errors![0]!.message).toMatch(/depth .* exceeds the limit/i);

    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: serverInfo { version }`).join(' ');
    const many = await owner.graphql(`{ ${aliases} }`);
    expect(errorCodes(many)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    // Each staff list costs about 200 x (roles 20 x 2): three of them pass the limit of 20,000.
    const list = (alias: string) => `${alias}: staffUsers(paging: { limit: 200 }) { nodes { id roles { id permissions } } }`;
    const costly = await owner.graphql(`{ ${list('a')} ${list('b')} ${list('c')} }`);
    const affordable = await owner.graphql(`{ ${list('a')} }`);
    expect(affordable.body.errors).toBeUndefined();
    expect(errorCodes(costly)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(costly.body.errors![0]!.message).toMatch(/cost/i);
  });

  it('caps the page size with an input error naming the field', async () => {
    const owner = await signIn(app, 'owner@east.demo');
    const res = await owner.graphql('{ staffUsers(paging: { limit: 1000 }) { totalCount } }');
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paging.limit' });
  });
});

describe('limits on every document, HTTP and WebSocket alike', () => {
  let app: TestApp;
  let owner: Caller;
  const figures: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    owner = await signIn(app, 'owner@east.demo');
  });
  afterAll(async () => {
    console.log(`time to refuse each adversarial document:\n  ${figures.join('\n  ')}`);
    await app.stop();
  });

  it('refuses introspection bombs quickly, with a code naming the limit, to signed-in callers too', async () => {
    const cases: [string, string, string][] = [
      ['1,000 aliases of __schema (94 KB)', ALIAS_BOMB, 'GRAPHQL_PARSE_FAILED'],
      ['100 aliases of __schema', SMALL_ALIAS_BOMB, 'GRAPHQL_VALIDATION_FAILED'],
      ['500 copies of __schema without aliases', REPEATED_FIELD_BOMB, 'GRAPHQL_VALIDATION_FAILED'],
      ['5,000 copies of one field in a selection set', WIDE_SET_BOMB, 'GRAPHQL_VALIDATION_FAILED'],
      ['__type fields nested four deep', NESTED_INTROSPECTION, 'GRAPHQL_VALIDATION_FAILED'],
    ];
    for (const [label, query, code] of cases) {
      const { result, ms } = await timed(() => owner.graphql(query));
      figures.push(`HTTP  ${label}: ${ms} ms (${code})`);
      expect(errorCodes(result)).toEqual([code]);
      expect(result.status).toBe(400);
      expect(ms).toBeLessThan(1_000);
    }
    // The standard introspection query still fits its own budget, and the API still answers.
    expect((await owner.graphql(getIntrospectionQuery())).body.errors).toBeUndefined();
  });

  it('applies the same limits on the WebSocket, and refuses a 2 MB document before parsing it', async () => {
    const socket = app.wsClient({ authorization: owner.headers.authorization });
    for (const [label, query] of [['1,000 aliases of __schema', ALIAS_BOMB], ['__type fields nested four deep', NESTED_INTROSPECTION], ['12 levels deep', `{ orgUnits { nodes { ${'parent { '.repeat(12)} id ${'} '.repeat(12)} } } }`]] as const) {
      const { result, ms } = await timed(() => firstOutcome(socket, query));
      figures.push(`WS    ${label}: ${ms} ms (${result.refused?.[0]?.extensions?.code})`);
      expect(result.refused?.[0]?.extensions?.code).toMatch(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/);
    }
    const big = app.wsClient({ authorization: owner.headers.authorization });
    const { result, ms } = await timed(() => firstOutcome(big, `{ serverInfo { version } } # ${'x'.repeat(2 * 1024 * 1024)}`));
    figures.push(`WS    a 2 MB document: ${ms} ms (closed ${result.closeCode})`);
    expect(result.closeCode).toBe(1009);
    // The first socket was not affected.
    expect(((await firstOutcome(socket, '{ serverInfo { version } }')).data as { serverInfo: unknown }).serverInfo).toBeTruthy();
  });
});

describe('malformed ids and internal errors', () => {
  // Development mode is what `pnpm start` runs: it used to answer SQL, data values and the database host.
  let app: TestApp;
  let owner: Caller;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
    owner = await signIn(app, 'owner@east.demo');
  });
  afterAll(() => app.stop());

  it('answers a malformed id BAD_USER_INPUT naming the argument, never SQL; a well-formed unknown id stays null / NOT_FOUND', async () => {
    const literal = await owner.graphql('{ case(id: "not-a-uuid") { id } }');
    expect(literal.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const variable = await owner.graphql('query($id: ID!) { customer(id: $id) { id } }', { id: "1' or '1'='1" });
    expect(variable.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const nested = await owner.graphql('{ cases(filter: { or: [{ id: { in: ["00000000-0000-4000-8000-000000000000", "x"] } }] }) { totalCount } }');
    expect(nested.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.or[0].id.in[1]' });
    const action = await owner.graphql('mutation { claimCase(id: "42") { id } }');
    expect(action.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    for (const res of [literal, variable, nested, action]) {
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/select |invalid input syntax|127\.0\.0\.1|postgres|stacktrace/i);
    }
    const unknown = await owner.graphql('{ case(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(unknown.body).toEqual({ data: { case: null } });
  });
});

describe('refused subscriptions', () => {
  let app: TestApp;
  let production: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOG_LEVEL: 'silent' });
    production = await startTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await production.stop();
    await app.stop();
  });

  it('refuses an anonymous subscription UNAUTHENTICATED and another franchise’s queue view NOT_FOUND, as graphql-ws errors', async () => {
    const anonymous = await firstOutcome(app.wsClient(), 'subscription { createdCase { id } }');
    expect(anonymous.refused?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const east = await signIn(app, 'supervisor@east.demo');
    const view = await east.graphql<{ createOneCaseView: { id: string } }>(
      'mutation { createOneCaseView(input: { caseView: { name: "华东新工单", shared: true, filter: { stage: { eq: "NEW" } } } }) { id } }',
    );
    const viewId = view.body.data!.createOneCaseView.id;
    const west = await signIn(app, 'supervisor@west.demo');
    const QUEUE = 'subscription($v: ID!) { caseQueueChanged(viewId: $v) { change caseId } }';
    const foreign = await firstOutcome(app.wsClient({ authorization: west.headers.authorization }), QUEUE, { v: viewId });
    expect(foreign.refused?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await firstOutcome(app.wsClient({ authorization: west.headers.authorization }), QUEUE, { v: 'east-view' });
    expect(malformed.refused?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'viewId' });
  });

  it('closes a socket without credentials after the connection-init timeout where the server requires them (production)', async () => {
    const socket = production.wsClient();
    socket.subscribe({ query: 'subscription { serverTime(intervalSeconds: 60) { now } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    const closed = new Promise<{ code: number; at: number }>((resolve) => socket.on('closed', (e) => resolve({ code: (e as { code: number }).code, at: Date.now() })));
    const started = Date.now();
    const refused = await firstOutcome(socket, 'subscription { createdCase { id } }');
    expect(refused.refused?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { code, at } = await closed;
    expect(code).toBe(4401);
    expect(at - started).toBeGreaterThanOrEqual(2_500);
  });
});
