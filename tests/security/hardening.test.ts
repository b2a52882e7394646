import { getIntrospectionQuery } from 'graphql';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn } from '../support/actors';

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
