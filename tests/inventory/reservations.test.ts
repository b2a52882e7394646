import { inScopedTransaction, SYSTEM_SCOPE, verifyLedger } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { BALANCES, createProduct, createWarehouse, inDays, must, receive, type ProductRow, type WarehouseSetup } from './support';

const RESERVE = `mutation($i: ReserveStockInput!) { reserveStock(input: $i) { id status quantity productId deliveryDate allocations { batchId zoneId quantity } } }`;

interface Reservation {
  id: string;
  status: string;
  quantity: number;
  allocations: { batchId: string; zoneId: string; quantity: number }[];
}

let orders = 0;
const orderId = () => `00000000-0000-4000-8000-${String(++orders).padStart(12, '0')}`;


// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);
/** Reservations per order line, first-expiry-first allocation, release and issue, under concurrency. */
describe('stock reservations', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let east: WarehouseSetup;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
    east = await createWarehouse(owner, 'EAST-RES');
  }, 120_000); // starting the app on a busy machine
  afterAll(() => app.stop());

  const ledger = () => inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => verifyLedger(em as never));
  const reserve = (productId: string, quantity: number, extra: Record<string, unknown> = {}) =>
    owner.graphql<{ reserveStock: Reservation[] }>(RESERVE, { i: { warehouseId: east.warehouseId, documentId: orderId(), lines: [{ lineId: '1', productId, quantity }], ...extra } });

  describe('first expiry first', () => {
    let product: ProductRow;
    let lots: Record<string, string>;

    beforeAll(async () => {
      product = await createProduct(hq);
      lots = await receive(owner, east.warehouseId, [
        { productId: product.id, zoneId: east.normalZoneId, lotNo: 'LATE-200', expiryDate: inDays(200), quantity: 10 },
        { productId: product.id, zoneId: east.normalZoneId, lotNo: 'SOON-100', expiryDate: inDays(100), quantity: 4 },
        { productId: product.id, zoneId: east.normalZoneId, lotNo: 'SHORT-30', expiryDate: inDays(30), quantity: 50 },
        { productId: product.id, zoneId: east.normalZoneId, lotNo: 'QUAR-110', expiryDate: inDays(110), quantity: 50 },
        { productId: product.id, zoneId: east.normalZoneId, lotNo: 'HOLD-120', expiryDate: inDays(120), quantity: 50 },
      ]);
      await must(owner, 'mutation($id: ID!) { holdBatch(input: { id: $id, status: QUARANTINED, reason: "待验" }) { status } }', { id: lots['QUAR-110'] });
      await must(owner, 'mutation($id: ID!) { holdBatch(input: { id: $id, status: ON_HOLD, reason: "包装存疑" }) { status } }', { id: lots['HOLD-120'] });
    });

    it('takes the earliest valid lot first, skipping too-short-dated, quarantined and held lots, spilling into the next', async () => {
      const res = await reserve(product.id, 6);
      const [reservation] = res.body.data!.reserveStock;
      expect(Object.fromEntries(reservation!.allocations.map((a) => [a.batchId, a.quantity]))).toEqual({ [lots['SOON-100']!]: 4, [lots['LATE-200']!]: 2 });
      const { stockBalances } = await must<{ stockBalances: { nodes: { reserved: number; available: number; batch: { lotNo: string } }[] } }>(owner, BALANCES, { w: east.warehouseId, p: product.id });
      expect(Object.fromEntries(stockBalances.nodes.map((b) => [b.batch.lotNo, b.reserved]))).toEqual({ 'SHORT-30': 0, 'SOON-100': 4, 'QUAR-110': 0, 'HOLD-120': 0, 'LATE-200': 2 });
      await must(owner, 'mutation($id: ID!) { releaseStockReservation(input: { id: $id, reason: "订单取消" }) { status } }', { id: reservation!.id });
    });

    it('refuses more than the valid lots hold, naming what was available to it (not what is on the shelf)', async () => {
      const res = await reserve(product.id, 15);
      expect(errorCodes(res)).toEqual(['CONFLICT']);
      expect(res.body.errors![0]!.extensions).toMatchObject({ reason: 'INSUFFICIENT_STOCK', productId: product.id, warehouseId: east.warehouseId, asked: 15, available: 14 });
    });

    it('keeps the minimum remaining shelf life at delivery, per franchise', async () => {
      // Delivered in 80 days, a lot expiring in 100 has 20 days left: below 90, so only LATE-200 qualifies.
      const later = await reserve(product.id, 3, { deliveryDate: inDays(80) });
      expect(later.body.data!.reserveStock[0]!.allocations.map((a) => a.batchId)).toEqual([lots['LATE-200']]);
      await must(owner, 'mutation($id: ID!) { releaseStockReservation(input: { id: $id }) { status } }', { id: later.body.data!.reserveStock[0]!.id });
      // A franchise that accepts 20 days: the 30-day lot comes first.
      await must(owner, 'mutation { updateInventorySettings(input: { minRemainingShelfLifeDays: 20 }) { minRemainingShelfLifeDays } }');
      const short = await reserve(product.id, 3);
      expect(short.body.data!.reserveStock[0]!.allocations.map((a) => a.batchId)).toEqual([lots['SHORT-30']]);
      await must(owner, 'mutation($id: ID!) { releaseStockReservation(input: { id: $id }) { status } }', { id: short.body.data!.reserveStock[0]!.id });
      await must(owner, 'mutation { updateInventorySettings(input: { minRemainingShelfLifeDays: 90 }) { minRemainingShelfLifeDays } }');
    });

    it('picks a released lot again, and never a lot put on hold after stock was received', async () => {
      await must(owner, 'mutation($id: ID!) { holdBatch(input: { id: $id, status: ON_HOLD, reason: "温控异常" }) { status } }', { id: lots['SOON-100'] });
      const held = await reserve(product.id, 2);
      expect(held.body.data!.reserveStock[0]!.allocations.map((a) => a.batchId)).toEqual([lots['LATE-200']]);
      await must(owner, 'mutation($id: ID!) { releaseBatch(input: { id: $id, reason: "复核合格" }) { status } }', { id: lots['SOON-100'] });
      const released = await reserve(product.id, 2);
      expect(released.body.data!.reserveStock[0]!.allocations.map((a) => a.batchId)).toEqual([lots['SOON-100']]);
      for (const r of [held, released]) await must(owner, 'mutation($id: ID!) { releaseStockReservation(input: { id: $id }) { status } }', { id: r.body.data!.reserveStock[0]!.id });
    });
  });

  describe('release and issue', () => {
    it('releases stock back, issues it as ISSUE moves against the order, and refuses to do either twice', async () => {
      const product = await createProduct(hq);
      const lots = await receive(owner, east.warehouseId, [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'ISS-1', expiryDate: inDays(300), quantity: 8 }]);
      const order = orderId();
      const made = await must<{ reserveStock: Reservation[] }>(owner, RESERVE, {
        i: { warehouseId: east.warehouseId, documentId: order, lines: [{ lineId: 'L1', productId: product.id, quantity: 3 }, { lineId: 'L2', productId: product.id, quantity: 2 }] },
      });
      const [first, second] = made.reserveStock;
      const again = await owner.graphql(RESERVE, { i: { warehouseId: east.warehouseId, documentId: order, lines: [{ lineId: 'L1', productId: product.id, quantity: 1 }] } });
      expect(errorCodes(again)).toEqual(['CONFLICT']);

      await must(owner, 'mutation($id: ID!) { releaseStockReservation(input: { id: $id, reason: "客户取消" }) { status } }', { id: second!.id });
      const issued = await must<{ issueStockReservation: { reservation: { status: string }; moves: { kind: string; quantity: number; onHandAfter: number; documentId: string; documentNo: string; batchId: string }[] } }>(
        owner, 'mutation($id: ID!) { issueStockReservation(input: { id: $id, documentNo: "CK-0001" }) { reservation { status } moves { kind quantity onHandAfter documentId documentNo batchId } } }', { id: first!.id },
      );
      expect(issued.issueStockReservation).toEqual({ reservation: { status: 'ISSUED' }, moves: [{ kind: 'ISSUE', quantity: -3, onHandAfter: 5, documentId: order, documentNo: 'CK-0001', batchId: lots['ISS-1'] }] });
      const { stockBalances } = await must<{ stockBalances: { nodes: { onHand: number; reserved: number }[] } }>(owner, BALANCES, { w: east.warehouseId, p: product.id });
      expect(stockBalances.nodes).toEqual([expect.objectContaining({ onHand: 5, reserved: 0 })]);
      for (const [mutation, id] of [['releaseStockReservation', first!.id], ['issueStockReservation', second!.id]] as const) {
        const twice = await owner.graphql(`mutation($id: ID!) { ${mutation}(input: { id: $id }) { __typename } }`, { id });
        expect(errorCodes(twice)).toEqual(['CONFLICT']);
      }
      expect(await ledger()).toEqual([]);
    });

    it('refuses an adjustment that would take reserved stock', async () => {
      const product = await createProduct(hq);
      const lots = await receive(owner, east.warehouseId, [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'ADJ-R', expiryDate: inDays(300), quantity: 5 }]);
      await must(owner, RESERVE, { i: { warehouseId: east.warehouseId, documentId: orderId(), lines: [{ productId: product.id, quantity: 4 }] } });
      const res = await owner.graphql('mutation($w: ID!, $z: ID!, $b: ID!) { adjustStock(input: { warehouseId: $w, zoneId: $z, batchId: $b, quantity: -2, reason: "破损" }) { id } }', { w: east.warehouseId, z: east.normalZoneId, b: lots['ADJ-R'] });
      expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_STOCK', asked: 2, available: 1 });
    });
  });

  it('200 concurrent reservations for 10 units: exactly 10 succeed, the rest INSUFFICIENT_STOCK, balances never negative, ledger equals balances', async () => {
    const product = await createProduct(hq);
    await receive(owner, east.warehouseId, [
      { productId: product.id, zoneId: east.normalZoneId, lotNo: 'HOT-A', expiryDate: inDays(200), quantity: 6 },
      { productId: product.id, zoneId: east.normalZoneId, lotNo: 'HOT-B', expiryDate: inDays(300), quantity: 4 },
    ]);
    const results = await Promise.all(Array.from({ length: 200 }, () => reserve(product.id, 1)));
    const succeeded = results.filter((r) => r.body.data?.reserveStock);
    const refused = results.filter((r) => r.body.errors);
    expect(succeeded).toHaveLength(10);
    expect(refused).toHaveLength(190);
    expect(new Set(refused.map((r) => `${r.body.errors![0]!.extensions!.code}/${r.body.errors![0]!.extensions!.reason}`))).toEqual(new Set(['CONFLICT/INSUFFICIENT_STOCK']));
    const { stockBalances } = await must<{ stockBalances: { nodes: { onHand: number; reserved: number; available: number }[] } }>(owner, BALANCES, { w: east.warehouseId, p: product.id });
    expect(stockBalances.nodes.map((b) => [b.onHand, b.reserved, b.available])).toEqual([[6, 6, 0], [4, 4, 0]]);
    expect(await ledger()).toEqual([]);
    // 200 requests through a pool of 10 connections queue on one lot's row lock: allow for a busy machine.
  }, 180_000);
});
