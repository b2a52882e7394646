import { startTestApp, takeFromSubscription, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive, type WarehouseSetup } from './support';

// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);

const RESERVE = 'mutation($w: ID!, $p: ID!, $o: ID!, $q: Int!) { reserveStock(input: { warehouseId: $w, documentId: $o, lines: [{ productId: $p, quantity: $q }] }) { id } }';
const RELEASE = 'mutation($id: ID!) { releaseStockReservation(input: { id: $id }) { id } }';
const MINIMUM = 'mutation($w: ID!, $p: ID!, $q: Int!) { setStockMinimum(input: { warehouseId: $w, productId: $p, minQuantity: $q }) { id minQuantity lowSince version } }';

/** A minimum per product and warehouse: falling below it raises one LOW_STOCK alert, live, until it is met again. */
describe('low stock', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller & { tokens: { accessToken: string } };
  let east: WarehouseSetup;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
    east = await createWarehouse(owner, 'EAST-LOW');
  }, 120_000);
  afterAll(() => app.stop());

  it('alerts once when usable stock falls below the minimum, and again only after it was met', async () => {
    const product = await createProduct(hq, { genericName: '硝苯地平控释片' });
    await receive(owner, east.warehouseId, [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'LOW-1', expiryDate: inDays(400), quantity: 8 }]);
    const set = await must<{ setStockMinimum: { minQuantity: number; lowSince: string | null } }>(owner, MINIMUM, { w: east.warehouseId, p: product.id, q: 5 });
    expect(set.setStockMinimum).toMatchObject({ minQuantity: 5, lowSince: null });

    const live = takeFromSubscription<{ stockAlertRaised: { kind: string; productId: string; message: string } }>(app.wsClient({ authorization: `Bearer ${owner.tokens.accessToken}` }), { query: 'subscription($w: ID) { stockAlertRaised(kinds: [LOW_STOCK], warehouseId: $w) { kind productId message } }', variables: { w: east.warehouseId } }, 1, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    const first = (await must<{ reserveStock: { id: string }[] }>(owner, RESERVE, { w: east.warehouseId, p: product.id, o: '00000000-0000-4000-8000-0000000c1001', q: 4 })).reserveStock[0]!;
    const [event] = await live;
    expect(event!.data!.stockAlertRaised).toMatchObject({ kind: 'LOW_STOCK', productId: product.id, message: expect.stringContaining('可用库存 4，低于最低库存 5') });

    const alerts = async () => (await must<{ stockAlerts: { totalCount: number } }>(owner, 'query($p: ID!) { stockAlerts(filter: { productId: { eq: $p }, kind: { eq: LOW_STOCK } }) { totalCount } }', { p: product.id })).stockAlerts.totalCount;
    const second = (await must<{ reserveStock: { id: string }[] }>(owner, RESERVE, { w: east.warehouseId, p: product.id, o: '00000000-0000-4000-8000-0000000c1002', q: 1 })).reserveStock[0]!;
    expect(await alerts()).toBe(1);
    // Met again after the releases, then below once more: a second alert.
    await must(owner, RELEASE, { id: first.id });
    await must(owner, RELEASE, { id: second.id });
    const minimums = await must<{ stockMinimums: { nodes: { lowSince: string | null }[] } }>(owner, 'query($p: ID!) { stockMinimums(filter: { productId: { eq: $p } }) { nodes { lowSince } } }', { p: product.id });
    expect(minimums.stockMinimums.nodes).toEqual([{ lowSince: null }]);
    await must(owner, 'mutation($w: ID!, $z: ID!, $b: ID!) { adjustStock(input: { warehouseId: $w, zoneId: $z, batchId: $b, quantity: -4, reason: "破损" }) { id } }', {
      w: east.warehouseId,
      z: east.normalZoneId,
      b: (await must<{ batches: { nodes: { id: string }[] } }>(owner, 'query($p: ID!) { batches(filter: { productId: { eq: $p } }) { nodes { id } } }', { p: product.id })).batches.nodes[0]!.id,
    });
    expect(await alerts()).toBe(2);

    // Setting a minimum above what is there alerts at once; a negative one is refused.
    expect(errorCodes(await owner.graphql(MINIMUM, { w: east.warehouseId, p: product.id, q: -1 }))).toEqual(['BAD_USER_INPUT']);
    const off = await must<{ setStockMinimum: { lowSince: string | null } }>(owner, MINIMUM, { w: east.warehouseId, p: product.id, q: 0 });
    expect(off.setStockMinimum.lowSince).toBeNull();
  });
});
