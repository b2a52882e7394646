import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive, type WarehouseSetup } from './support';

const RESERVE = 'mutation($w: ID!, $p: ID!, $o: ID!, $q: Int!) { reserveStock(input: { warehouseId: $w, documentId: $o, lines: [{ productId: $p, quantity: $q }] }) { id } }';
const RECALL = 'mutation($p: ID!, $l: String!) { recallBatch(input: { productId: $p, lotNo: $l, reason: "药监局通报：含量不合格" }) { id franchiseId lotsBlocked status } }';


// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);
/** A recall blocks the lot everywhere at once and lists who received it. */
describe('recall', () => {
  let app: TestApp;
  let hq: Caller;
  let eastOwner: Caller;
  let westOwner: Caller;
  let east: WarehouseSetup;
  let west: WarehouseSetup;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, eastOwner, westOwner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo'), signIn(app, 'owner@west.demo')]);
    [east, west] = await Promise.all([createWarehouse(eastOwner, 'EAST-RC'), createWarehouse(westOwner, 'WEST-RC')]);
  }, 120_000); // starting the app on a busy machine
  afterAll(() => app.stop());

  it('HQ’s recall blocks the lot in every franchise at once: no reservation, no shipping, and lists the orders that received it', async () => {
    const product = await createProduct(hq);
    const eastLots = await receive(eastOwner, east.warehouseId, [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'RC-1', expiryDate: inDays(400), quantity: 10 }]);
    await receive(westOwner, west.warehouseId, [{ productId: product.id, zoneId: west.normalZoneId, lotNo: 'RC-1', expiryDate: inDays(400), quantity: 10 }]);
    const order = '00000000-0000-4000-8000-0000000c0001';
    const shipped = (await must<{ reserveStock: { id: string }[] }>(eastOwner, RESERVE, { w: east.warehouseId, p: product.id, o: order, q: 2 })).reserveStock[0]!;
    await must(eastOwner, 'mutation($id: ID!) { issueStockReservation(input: { id: $id, documentNo: "CK-RC-1" }) { reservation { id } } }', { id: shipped.id });
    const waiting = (await must<{ reserveStock: { id: string }[] }>(eastOwner, RESERVE, { w: east.warehouseId, p: product.id, o: '00000000-0000-4000-8000-0000000c0002', q: 3 })).reserveStock[0]!;

    const { recallBatch } = await must<{ recallBatch: { id: string; franchiseId: string | null; lotsBlocked: number; status: string } }>(hq, RECALL, { p: product.id, l: 'RC-1' });
    expect(recallBatch).toMatchObject({ franchiseId: null, lotsBlocked: 2, status: 'OPEN' });

    for (const [caller, setup] of [[eastOwner, east], [westOwner, west]] as const) {
      const res = await caller.graphql(RESERVE, { w: setup.warehouseId, p: product.id, o: '00000000-0000-4000-8000-0000000c0003', q: 1 });
      expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_STOCK', available: 0 });
    }
    const ship = await eastOwner.graphql('mutation($id: ID!) { issueStockReservation(input: { id: $id }) { reservation { id } } }', { id: waiting.id });
    expect(ship.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LOT_UNAVAILABLE', status: 'RECALLED', batchId: eastLots['RC-1'] });
    const hold = await eastOwner.graphql('mutation($id: ID!) { releaseBatch(input: { id: $id, reason: "想放行" }) { id } }', { id: eastLots['RC-1'] });
    expect(errorCodes(hold)).toEqual(['CONFLICT']);

    const RECIPIENTS = 'query($id: ID!) { recallRecipients(recallId: $id) { franchiseId documentType documentId documentNo quantity customerId } }';
    const eastSees = await must<{ recallRecipients: unknown[] }>(eastOwner, RECIPIENTS, { id: recallBatch.id });
    expect(eastSees.recallRecipients).toEqual([{ franchiseId: expect.any(String), documentType: 'ORDER', documentId: order, documentNo: 'CK-RC-1', quantity: 2, customerId: null }]);
    expect((await must<{ recallRecipients: unknown[] }>(westOwner, RECIPIENTS, { id: recallBatch.id })).recallRecipients).toEqual([]);
    expect((await must<{ recallRecipients: unknown[] }>(hq, RECIPIENTS, { id: recallBatch.id })).recallRecipients).toHaveLength(1);

    const again = await hq.graphql(RECALL, { p: product.id, l: 'RC-1' });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    const listed = await must<{ batchRecalls: { nodes: { id: string; lotNo: string; product: { id: string } }[] } }>(westOwner, '{ batchRecalls { nodes { id lotNo product { id } } } }');
    expect(listed.batchRecalls.nodes.map((r) => r.id)).toContain(recallBatch.id);
  });

  it('a lot recalled before it arrives is received RECALLED, never available; a franchise’s own recall stays its own', async () => {
    const product = await createProduct(hq);
    const { recallBatch } = await must<{ recallBatch: { lotsBlocked: number } }>(hq, RECALL, { p: product.id, l: 'RC-EARLY' });
    expect(recallBatch.lotsBlocked).toBe(0);
    const lots = await receive(westOwner, west.warehouseId, [{ productId: product.id, zoneId: west.normalZoneId, lotNo: 'RC-EARLY', expiryDate: inDays(400), quantity: 5 }]);
    expect((await must<{ batch: { status: string } }>(westOwner, 'query($id: ID!) { batch(id: $id) { status } }', { id: lots['RC-EARLY'] })).batch.status).toBe('RECALLED');

    await receive(eastOwner, east.warehouseId, [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'RC-OWN', expiryDate: inDays(400), quantity: 5 }]);
    const westLots = await receive(westOwner, west.warehouseId, [{ productId: product.id, zoneId: west.normalZoneId, lotNo: 'RC-OWN', expiryDate: inDays(400), quantity: 5 }]);
    const own = await must<{ recallBatch: { id: string; lotsBlocked: number } }>(eastOwner, RECALL, { p: product.id, l: 'RC-OWN' });
    expect(own.recallBatch.lotsBlocked).toBe(1);
    expect((await must<{ batch: { status: string } }>(westOwner, 'query($id: ID!) { batch(id: $id) { status } }', { id: westLots['RC-OWN'] })).batch.status).toBe('AVAILABLE');
    const westList = await must<{ batchRecalls: { nodes: { id: string }[] } }>(westOwner, '{ batchRecalls(paging: { limit: 200 }) { nodes { id } } }');
    expect(westList.batchRecalls.nodes.map((r) => r.id)).not.toContain(own.recallBatch.id);
  });
});
