import { clock, flagExpiredBatches, inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { BALANCES, createProduct, createWarehouse, inDays, must, receive, staffWith as staffWithTemplate, type WarehouseSetup } from './support';


// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);
/** Lots that expire with nobody acting, and what each inventory role template may do. */
describe('expiry and inventory roles', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let east: WarehouseSetup;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
    east = await createWarehouse(owner, 'EAST-EXP');
  }, 120_000); // starting the app on a busy machine
  afterAll(() => app.stop());

  it('a lot past its expiry date is unavailable at once (never reserved), and the nightly job flags it', async () => {
    const product = await createProduct(hq);
    // Received a year ago, when the lot still had months to run; it expired three days ago.
    const yearAgo = new Date(clock.nowMs() - 365 * 86_400_000);
    const expired = inDays(-3);
    const lots = await clock.at(yearAgo, () =>
      receive(owner, east.warehouseId, [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'OLD-1', manufactureDate: inDays(-300), expiryDate: expired, quantity: 10 }]),
    );
    Object.assign(lots, await receive(owner, east.warehouseId, [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'NEW-1', expiryDate: inDays(400), quantity: 2 }]));

    const BATCH = 'query($id: ID!) { batch(id: $id) { status effectiveStatus } }';
    expect((await must<{ batch: unknown }>(owner, BATCH, { id: lots['OLD-1'] })).batch).toEqual({ status: 'AVAILABLE', effectiveStatus: 'EXPIRED' });
    const { stockBalances } = await must<{ stockBalances: { nodes: { batchStatus: string; daysToExpiry: number; batch: { lotNo: string } }[] } }>(owner, BALANCES, { w: east.warehouseId, p: product.id });
    expect(stockBalances.nodes.map((b) => [b.batch.lotNo, b.batchStatus, b.daysToExpiry])).toEqual([['OLD-1', 'EXPIRED', -3], ['NEW-1', 'AVAILABLE', 400]]);

    const res = await owner.graphql('mutation($w: ID!, $p: ID!) { reserveStock(input: { warehouseId: $w, documentId: "00000000-0000-4000-8000-0000000e0001", lines: [{ productId: $p, quantity: 3 }] }) { id } }', { w: east.warehouseId, p: product.id });
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_STOCK', asked: 3, available: 2 });
    const released = await owner.graphql('mutation($id: ID!) { releaseBatch(input: { id: $id, reason: "x" }) { id } }', { id: lots['OLD-1'] });
    expect(errorCodes(released)).toEqual(['CONFLICT']);

    const flagged = await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => flagExpiredBatches(em as never));
    expect(flagged).toBeGreaterThanOrEqual(1);
    expect((await must<{ batch: unknown }>(owner, BATCH, { id: lots['OLD-1'] })).batch).toEqual({ status: 'EXPIRED', effectiveStatus: 'EXPIRED' });
    expect((await must<{ batch: unknown }>(owner, BATCH, { id: lots['NEW-1'] })).batch).toEqual({ status: 'AVAILABLE', effectiveStatus: 'AVAILABLE' });
  });

  it('refuses to receive goods that have already expired', async () => {
    const product = await createProduct(hq);
    const res = await owner.graphql('mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { documentId } }', {
      i: { warehouseId: east.warehouseId, documentNo: 'RK-EXP', lines: [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'GONE', manufactureDate: inDays(-400), expiryDate: inDays(-1), quantity: 1 }] },
    });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0]!.extensions!.field).toBe('lines.0.expiryDate');
  });

  describe('role templates', () => {
    const staffWith = (template: string, email: string) => staffWithTemplate(app, owner, template, email);

    it('a warehouse keeper receives, holds and reserves but does not open warehouses or edit the catalog; a stock viewer only reads', async () => {
      const product = await createProduct(hq);
      const keeper = await staffWith('warehouse_keeper', 'keeper@east.demo');
      const viewer = await staffWith('stock_viewer', 'viewer@east.demo');
      const lots = await receive(keeper, east.warehouseId, [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'K-1', expiryDate: inDays(500), quantity: 5 }]);
      await must(keeper, 'mutation($id: ID!) { holdBatch(input: { id: $id, status: QUARANTINED, reason: "待验" }) { id } }', { id: lots['K-1'] });
      await must(keeper, 'mutation($id: ID!) { releaseBatch(input: { id: $id, reason: "验收合格" }) { id } }', { id: lots['K-1'] });
      await must(keeper, 'mutation($w: ID!, $p: ID!) { reserveStock(input: { warehouseId: $w, documentId: "00000000-0000-4000-8000-0000000e0002", lines: [{ productId: $p, quantity: 1 }] }) { id } }', { w: east.warehouseId, p: product.id });
      const keeperRefused = await keeper.graphql('mutation($id: ID!) { createOneStorageZone(input: { storageZone: { warehouseId: $id, code: "K", name: "x", storageClass: NORMAL } }) { id } }', { id: east.warehouseId });
      expect(errorCodes(keeperRefused)).toEqual(['FORBIDDEN']);
      expect(errorCodes(await keeper.graphql('mutation($id: ID!) { setProductStatus(input: { id: $id, status: DISCONTINUED }) { id } }', { id: product.id }))).toEqual(['FORBIDDEN']);

      const seen = await must<{ stockBalances: { totalCount: number }; stockMoves: { totalCount: number } }>(viewer, 'query($p: ID!) { stockBalances(filter: { productId: { eq: $p } }) { totalCount } stockMoves(filter: { productId: { eq: $p } }) { totalCount } }', { p: product.id });
      expect(seen).toEqual({ stockBalances: { totalCount: 1 }, stockMoves: { totalCount: 1 } });
      const viewerRefused = await viewer.graphql('mutation($w: ID!, $z: ID!, $b: ID!) { adjustStock(input: { warehouseId: $w, zoneId: $z, batchId: $b, quantity: 1, reason: "x" }) { id } }', { w: east.warehouseId, z: east.normalZoneId, b: lots['K-1'] });
      expect(errorCodes(viewerRefused)).toEqual(['FORBIDDEN']);
    });
  });
});
