import { inScopedTransaction, SYSTEM_SCOPE, verifyLedger } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn } from '../support/actors';
import { BALANCES, createProduct, createWarehouse, inDays, must, receive } from '../inventory/support';
import { DELIVERY, mustAct, mustCreateOrder, orderAction, type OrderRow } from './support';

/** Reviews reserve stock under concurrency: no order approved without its stock, none refused while stock is free. */
describe('order review under concurrency', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  }, 120_000);
  afterAll(() => app.stop());

  it('200 orders for 10 units reviewed at once: exactly 10 approved, 190 waiting for the customer with the shortage, stock reserved exactly', async () => {
    const [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
    const wh = await createWarehouse(owner, 'EAST-HOT');
    const product = await createProduct(hq, { priceCents: 4500 });
    await receive(owner, wh.warehouseId, [
      { productId: product.id, zoneId: wh.normalZoneId, lotNo: 'HOT-A', expiryDate: inDays(200), quantity: 6 },
      { productId: product.id, zoneId: wh.normalZoneId, lotNo: 'HOT-B', expiryDate: inDays(300), quantity: 4 },
    ]);
    const customerId = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!.id;
    const orders: OrderRow[] = [];
    for (let batch = 0; batch < 10; batch++)
      orders.push(...(await Promise.all(Array.from({ length: 20 }, async () => {
        const order = await mustCreateOrder(owner, { channel: 'APP', customerId, warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity: 1 }], ...DELIVERY });
        return mustAct(owner, 'startOrderReview', { id: order.id });
      }))));

    // Like a client honouring Retry-After: on a busy machine 200 requests may wait longer for one of the pool's
    // connections than the pool allows, and are answered 503 before anything ran (a retry at the same version is safe).
    const review = async (o: OrderRow) => {
      for (let attempt = 1; ; attempt++) {
        const res = await orderAction(owner, 'reviewOrder', { id: o.id, version: o.version });
        if (res.status !== 503 || attempt === 10) return res;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    };
    const results = await Promise.all(orders.map(review));
    expect(results.filter((r) => r.body.errors)).toEqual([]);
    const reviewed = results.map((r) => r.body.data!.reviewOrder!);
    expect(reviewed.filter((o) => o.state === 'APPROVED')).toHaveLength(10);
    const waiting = reviewed.filter((o) => o.state === 'WAITING_CUSTOMER');
    expect(waiting).toHaveLength(190);
    expect(new Set(waiting.map((o) => o.waitingReasonCode))).toEqual(new Set(['INSUFFICIENT_STOCK']));

    const { stockBalances } = await must<{ stockBalances: { nodes: { onHand: number; reserved: number }[] } }>(owner, BALANCES, { w: wh.warehouseId, p: product.id });
    expect(stockBalances.nodes.map((b) => [b.onHand, b.reserved])).toEqual([[6, 6], [4, 4]]);
    const reservations = await must<{ stockReservations: { totalCount: number } }>(owner, 'query($w: ID!) { stockReservations(filter: { warehouseId: { eq: $w }, status: { eq: ACTIVE } }) { totalCount } }', { w: wh.warehouseId });
    expect(reservations.stockReservations.totalCount).toBe(10);
    expect(await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => verifyLedger(em as never))).toEqual([]);
    // 200 requests through a pool of 10 connections queue on one lot's row lock: allow for a busy machine.
  }, 300_000);
});
