import { startTestApp, type TestApp } from '../support/app';

/** Requests that never reach a resolver still get a GraphQL error document with a code, and the server keeps serving. */
describe('GraphQL-over-HTTP error responses', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ REQUEST_BODY_LIMIT: '2kb' });
  });
  afterAll(() => app.stop());

  async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
    const response = await fetch(app.graphqlUrl, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), json: JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] } };
  }

  async function stillServing() {
    const res = await app.graphql('{ serverInfo { version } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toBeTruthy();
  }

  const cases: [string, () => ReturnType<typeof post>, number, string, RegExp][] = [
    ['malformed JSON', () => post('{"query": "{ serverInfo { version } }"'), 400, 'BAD_REQUEST', /not valid JSON/],
    ['a JSON body that is not a GraphQL request', () => post('{"hello":"world"}'), 400, 'BAD_REQUEST', /non-empty `query`/],
    ['a GraphQL syntax error', () => post('{"query":"{ serverInfo { version "}'), 400, 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
    ['an unknown field', () => post('{"query":"{ serverInfo { colour } }"}'), 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "colour"/],
    ['a body that is not JSON at all', () => post('query { serverInfo { version } }', { 'content-type': 'text/plain' }), 415, 'BAD_REQUEST', /as JSON/],
    ['a batch of operations', () => post('[{"query":"{ serverInfo { version } }"}]'), 400, 'BAD_REQUEST', /batching/],
    ['a body over the size limit', () => post(JSON.stringify({ query: `{ serverInfo { version } } #${'x'.repeat(4000)}` })), 413, 'BAD_REQUEST', /larger than/],
    ['a variable of the wrong type', () => post(JSON.stringify({ query: 'query($show: Boolean!) { serverInfo @include(if: $show) { version } }', variables: { show: 'ten' } })), 400, 'BAD_USER_INPUT', /\$show/],
  ];

  it.each(cases)('%s', async (_name, send, status, code, message) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.contentType).toMatch(/application\/(graphql-response\+)?json/);
    expect(res.json.errors).toHaveLength(1);
    expect(res.json.errors[0]!.extensions.code).toBe(code);
    expect(res.json.errors[0]!.message).toMatch(message);
    // no stack traces outside development
    expect(JSON.stringify(res.json)).not.toMatch(/stacktrace|at .*\.js:\d+/);
    await stillServing();
  });

  it('answers with the GraphQL response media type when the client asks for it', async () => {
    const res = await post('{"query":"{ nope }"}', { 'content-type': 'application/json', accept: 'application/graphql-response+json' });
    expect(res.contentType).toMatch(/application\/graphql-response\+json/);
    expect(res.status).toBe(400);
  });

  it('blocks a simple cross-site GET (CSRF prevention) but serves one with a preflight header', async () => {
    const url = `${app.graphqlUrl}?query=${encodeURIComponent('{ serverInfo { version } }')}`;
    const blocked = await fetch(url);
    expect(blocked.status).toBe(400);
    expect(((await blocked.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    const allowed = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
  });
});
