import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';

/** A list query's SQL statement count must not grow with its page size: relations load through dataloaders. */
describe('list queries batch their relations', () => {
  let app: TestApp;
  let hq: Caller;
  let statements = 0;
  beforeAll(async () => {
    app = await startTestApp();
    hq = await signIn(app, 'admin@hq.demo');
    const knex = (app.server.database.orm.em.getConnection() as PostgreSqlConnection).getKnex();
    knex.on('query', () => statements++);
  });
  afterAll(() => app.stop());

  async function count(query: string): Promise<number> {
    const before = statements;
    const res = await hq.graphql(query);
    expect(res.body.errors).toBeUndefined();
    return statements - before;
  }

  it.each([
    ['staffUsers with org units, parents and roles', (n: number) => `{ staffUsers(paging: { limit: ${n} }) { nodes { email orgUnit { name parent { name } } roles { name } } } }`],
    ['orgUnits with parents', (n: number) => `{ orgUnits(paging: { limit: ${n} }) { nodes { name parent { name parent { name } } } } }`],
    ['customers with store, doctor and health manager', (n: number) => `{ customers(paging: { limit: ${n} }) { nodes { name orgUnit { name } doctor { displayName } healthManager { displayName } } } }`],
    ['customer search with stores', (n: number) => `{ searchCustomers(query: "138", limit: ${n}) { customer { name orgUnit { name } healthManager { displayName } } } }`],
  ])('%s', async (_name, query) => {
    const small = await count(query(2));
    const large = await count(query(20));
    // Data shape may save a round (a page whose parents are all loaded already), never add one per row.
    expect(large).toBeLessThanOrEqual(small);
  });
});
