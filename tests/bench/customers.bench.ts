import { Client } from 'pg';
import { createRequestContext, type RequestContext } from '@pharmadesk/api';
import { inOperation } from '@pharmadesk/api/src/core/tenancy/request-transaction';
import { searchCustomers } from '@pharmadesk/api/src/modules/customers/customer-search';
import { listCustomers } from '@pharmadesk/api/src/modules/customers/customer.queries';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { createBenchFranchise } from './bench-franchise';
import { measure, report } from './measure';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 200_000);
const RUNS = 200;

/**
 * Customer search at scale: one franchise with 200,000 archives. Fuzzy search (2 characters
 * of a name, 4 phone digits, card digits) and structured filters, p50/p95 over 200 runs,
 * measured end to end over HTTP (authentication and the scoped transaction included).
 */
describe('customer search on a 200,000-customer franchise', () => {
  let app: TestApp;
  let owner: Caller;
  let sample: { names: string[]; phones: string[]; cards: string[] };
  let storeIds: string[];
  let generateMs = 0;

  beforeAll(async () => {
    app = await startTestApp();
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    try {
      const bench = await createBenchFranchise(db, { customers: CUSTOMERS });
      ({ storeIds, sample, generateMs } = bench);
    } finally {
      await db.end();
    }
    owner = await signIn(app, 'owner@bench.demo');
  }, 600_000);
  afterAll(() => app.stop());

  it('measures fuzzy search and structured filters', async () => {
    const SEARCH = `query($q: String!) { searchCustomers(query: $q, limit: 20) { score customer { id name recordNo } } }`;
    const pick = <T>(list: T[], i: number) => list[(i * 7919) % list.length]!;
    let i = 0;
    const names = await measure('fuzzy: 2 characters of a name', RUNS, async () => {
      const name = pick(sample.names, i++);
      const res = await owner.graphql<{ searchCustomers: unknown[] }>(SEARCH, { q: name.slice(-2) });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    });
    const phones = await measure('fuzzy: last 4 phone digits', RUNS, async () => {
      const res = await owner.graphql(SEARCH, { q: pick(sample.phones, i++).slice(-4) });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    });
    const cards = await measure('fuzzy: 6 digits of a card number', RUNS, async () => {
      const res = await owner.graphql(SEARCH, { q: pick(sample.cards, i++).slice(3, 9) });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    });
    const LIST = `query($f: CustomerFilter, $s: [CustomerSort!]) { customers(filter: $f, sorting: $s, paging: { limit: 20 }) { totalCount nodes { id name recordNo age tags totalSpend lastServiceAt } } }`;
    const filters = [
      (n: number) => ({ f: { orgUnitId: { eq: storeIds[n % 3] }, tags: { containsAll: ['chronic'] }, age: { gte: 60 } }, s: [{ field: 'lastServiceAt', direction: 'DESC' }] }),
      (n: number) => ({ f: { birthMonth: { eq: (n % 12) + 1 }, orgUnitId: { eq: storeIds[n % 3] } }, s: [{ field: 'name', direction: 'ASC' }] }),
      (n: number) => ({ f: { totalSpend: { between: { lower: 1000 + n, upper: 5000 } }, tags: { containsAny: ['vip'] } }, s: [{ field: 'totalSpend', direction: 'DESC' }] }),
      (n: number) => ({ f: { lastServiceAt: { lt: new Date(Date.now() - (90 + n) * 86_400_000).toISOString() }, age: { between: { lower: 50, upper: 70 } } }, s: [{ field: 'lastServiceAt', direction: 'ASC' }] }),
    ];
    const structured = await measure('structured filter (store, tags, age, birthday month, spend, last service)', RUNS, async () => {
      const n = i++;
      const res = await owner.graphql(LIST, filters[n % filters.length]!(n));
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    });
    const baseline = await measure('baseline: serverInfo as the same user', RUNS, () => owner.graphql('{ serverInfo { version } }'));

    // The same work without HTTP and JSON: the service in its scoped transaction, as a resolver runs it.
    const runtime = app.server.app.runtime;
    const actor = await runtime.authenticate({ kind: 'bearer', token: owner.headers.authorization!.slice(7) });
    const inService = async (work: (ctx: RequestContext) => Promise<unknown>) => {
      const ctx = createRequestContext(runtime, { actor });
      await inOperation(ctx, () => work(ctx));
    };
    const serviceNames = await measure('service: 2 characters of a name', RUNS, () => inService((ctx) => searchCustomers(ctx, pick(sample.names, i++).slice(-2))));
    const servicePhones = await measure('service: last 4 phone digits', RUNS, () => inService((ctx) => searchCustomers(ctx, pick(sample.phones, i++).slice(-4))));
    const serviceLists = await measure('service: structured filter', RUNS, () =>
      inService((ctx) => {
        const n = i++;
        const { f, s } = filters[n % filters.length]!(n);
        return listCustomers(ctx, { filter: f as never, sorting: s as never, paging: { limit: 20 } });
      }),
    );
    report('customers', [names, phones, cards, structured, baseline, serviceNames, servicePhones, serviceLists], {
      customers: CUSTOMERS,
      generateSeconds: Math.round(generateMs / 100) / 10,
      note: 'end-to-end HTTP latency including authentication (see baseline)',
    });
    expect(names.runs).toBe(RUNS);
  });
});
