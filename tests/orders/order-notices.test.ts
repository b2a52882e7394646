import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { apiKeyCaller, errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive, type ProductRow, type WarehouseSetup } from '../inventory/support';
import { DELIVERY, mustAct, mustCreateOrder, orderAction } from './support';

jest.setTimeout(120_000);

interface Message {
  id: string;
  kind: string;
  channel: string;
  status: string;
  body: string;
  subject: string | null;
}

/** What customers hear about their orders (shipment, delivery steps, cancellation with the refund date, payment reminders) and online payments. */
describe('order payments and what the customer is told', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let agent: Caller;
  let keeper: Caller;
  let wh: WarehouseSetup;
  let customerId: string;
  let amox: ProductRow;

  beforeAll(async () => {
    // Jobs on: the order events' reactions (the messages) and the reminder job run as in production.
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    [hq, owner, agent, keeper] = (await Promise.all(['admin@hq.demo', 'owner@east.demo', 'agent@east.demo', 'warehouse@east.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller, Caller];
    wh = await createWarehouse(owner, 'EAST-ON');
    amox = await createProduct(hq, { priceCents: 1999 });
    await receive(owner, wh.warehouseId, [{ productId: amox.id, zoneId: wh.normalZoneId, lotNo: 'ON-AMX', expiryDate: inDays(400), quantity: 50 }]);
    // A customer who may be written to by SMS, with no quiet hours in the way.
    const { customers } = await must<{ customers: { nodes: { id: string; version: number }[] } }>(owner, '{ customers(paging: { limit: 1, offset: 7 }, sorting: [{ field: recordNo, direction: ASC }]) { nodes { id version } } }');
    const c = customers.nodes[0]!;
    await must(owner, 'mutation($id: ID!, $v: Int!) { updateOneCustomer(input: { id: $id, version: $v, update: { consentSms: true } }) { id } }', { id: c.id, v: c.version });
    await must(owner, 'mutation { updateNotificationSettings(input: { quietHoursStart: null, quietHoursEnd: null }) { franchiseId } }');
    customerId = c.id;
  }, 180_000);
  afterAll(() => app.stop());

  const online = (extra: Record<string, unknown> = {}) => ({ channel: 'APP', customerId, warehouseId: wh.warehouseId, lines: [{ productId: amox.id, quantity: 2 }], ...DELIVERY, ...extra });
  const messages = async (orderId: string): Promise<Message[]> =>
    (await must<{ notificationMessages: { nodes: Message[] } }>(owner, 'query($r: ID!) { notificationMessages(filter: { refId: { eq: $r } }, paging: { limit: 50 }) { nodes { id kind channel status body subject } } }', { r: orderId })).notificationMessages.nodes;
  /** Waits for the reaction to the order's event to leave its message (reactions run after the commit). */
  const messageOf = async (orderId: string, kind: string, count = 1): Promise<Message[]> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = (await messages(orderId)).filter((m) => m.kind === kind);
      if (found.length >= count || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  it('tells the customer the order shipped with the carrier and tracking number, then the delivery’s main steps, once each', async () => {
    let order = await mustCreateOrder(agent, online({ paymentStatus: 'PAID' }));
    order = await mustAct(agent, 'startOrderReview', { id: order.id });
    order = await mustAct(agent, 'reviewOrder', { id: order.id });
    order = await mustAct(keeper, 'startOrderPicking', { id: order.id });
    const trackingNo = `SF${order.orderNo.replace(/\D/g, '')}`;
    await mustAct(keeper, 'shipOrder', { id: order.id, carrier: '顺丰速运', trackingNo, expectedDeliveryAt: '2030-01-02T06:00:00Z' }, 'ShipOrderInput');
    const [shipped] = await messageOf(order.id, 'order.shipped');
    expect(shipped).toMatchObject({ channel: 'SMS', subject: `您的订单 ${order.orderNo} 已发货` });
    // The promise in the franchise's time (Shanghai: 14:00).
    expect(shipped!.body).toContain(`已由顺丰速运发出，运单号 ${trackingNo}，预计送达：2030-01-02 14:00`);

    const carrier = await apiKeyCaller(app, owner, { permissions: ['order:track'] });
    const post = (eventId: string, status: string) =>
      carrier.graphql('mutation($i: RecordTrackingEventsInput!) { recordTrackingEvents(input: $i) { accepted duplicates unmatched } }', {
        i: { events: [{ eventId, trackingNo, status, occurredAt: new Date(Date.now() + Number(eventId.slice(-1)) * 60_000).toISOString() }] },
      });
    for (const [id, status] of [['e1', 'PICKED_UP'], ['e2', 'IN_TRANSIT'], ['e3', 'OUT_FOR_DELIVERY'], ['e4', 'OUT_FOR_DELIVERY'], ['e5', 'DELIVERED']] as const) {
      const res = await post(`${order.id}-${id}`, status);
      expect(res.body.errors).toBeUndefined();
    }
    const updates = await messageOf(order.id, 'order.tracking', 2);
    await new Promise((r) => setTimeout(r, 1_000)); // a repeated step would have left its message by now
    expect((await messageOf(order.id, 'order.tracking', 2)).map((m) => m.subject).sort()).toEqual([`订单 ${order.orderNo}：已签收，如有问题请随时联系我们`, `订单 ${order.orderNo}：正在派送中，请保持电话畅通`]);
    expect(updates).toHaveLength(2);
  });

  it('tells the customer of a cancelled paid order when the refund arrives: 3 working days on the franchise’s calendar', async () => {
    // Friday 2030-01-04 10:00 Shanghai: Monday, Tuesday, Wednesday → by 2030-01-09.
    const order = await clock.at('2030-01-04T02:00:00Z', async () => {
      const placed = await mustCreateOrder(agent, online({ paymentStatus: 'PAID' }));
      return mustAct(agent, 'cancelOrder', { id: placed.id, reason: '客户不想要了' }, 'ReasonedOrderActionInput');
    });
    expect([order.state, order.paymentStatus]).toEqual(['CANCELLED', 'REFUND_PENDING']);
    const [cancelled] = await messageOf(order.id, 'order.cancelled');
    expect(cancelled!.body).toContain(`您的订单 ${order.orderNo} 已取消（客户不想要了）。已付款项将于 2030-01-09 前原路退回。`);
    const unpaid = await mustCreateOrder(agent, online());
    await mustAct(agent, 'cancelOrder', { id: unpaid.id, reason: '重复下单' }, 'ReasonedOrderActionInput');
    const [told] = await messageOf(unpaid.id, 'order.cancelled');
    expect(told!.body).not.toContain('退回');
  });

  it('records an online payment once (a retry with the same reference changes nothing), refusing a wrong amount or an in-store receipt', async () => {
    const order = await mustCreateOrder(agent, online());
    const pay = (fields: Record<string, unknown>) =>
      orderAction(keeper, 'recordOrderPayment', { id: order.id, method: 'WECHAT_PAY', reference: 'WX-4200001', amountCents: order.totalCents, ...fields }, 'RecordOrderPaymentInput');
    const wrong = await pay({ amountCents: 1 });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.body.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ field: 'input.amountCents', reason: 'AMOUNT_MISMATCH' })]);
    const paid = (await pay({})).body.data!.recordOrderPayment!;
    expect(paid.paymentStatus).toBe('PAID');
    const again = (await pay({})).body.data!.recordOrderPayment!;
    expect(again.version).toBe(paid.version);
    expect(errorCodes(await pay({ reference: 'WX-OTHER' }))).toEqual(['CONFLICT']);
    const { order: read } = await must<{ order: { paymentMethod: string; paymentReference: string; paidAt: string; events: { kind: string; details: Record<string, unknown> }[] } }>(owner, 'query($id: ID!) { order(id: $id) { paymentMethod paymentReference paidAt events { kind details } } }', { id: order.id });
    expect([read.paymentMethod, read.paymentReference]).toEqual(['WECHAT_PAY', 'WX-4200001']);
    expect(read.events.filter((e) => e.kind === 'PAYMENT')).toEqual([{ kind: 'PAYMENT', details: { method: 'WECHAT_PAY', reference: 'WX-4200001', amountCents: order.totalCents } }]);
    const counter = await mustCreateOrder(agent, { channel: 'IN_STORE', customerId, warehouseId: wh.warehouseId, lines: [{ productId: amox.id, quantity: 1 }] });
    const inStore = await orderAction(keeper, 'recordOrderPayment', { id: counter.id, method: 'CASH', reference: 'POS-1', amountCents: counter.totalCents }, 'RecordOrderPaymentInput');
    expect(inStore.body.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ reason: 'IN_STORE_ORDER' })]);
  });

  it('reminds the customer of an unpaid online order a day after, then three days after, and stops once it is paid', async () => {
    const placedAt = Date.parse('2031-03-03T01:00:00Z');
    const [unpaid, paidLater] = await clock.at(placedAt, () => Promise.all([mustCreateOrder(agent, online()), mustCreateOrder(agent, online())]));
    const runAt = (hours: number) => clock.at(placedAt + hours * 3_600_000, () => app.server.jobs!.runNow('orders.payment-reminders'));
    await runAt(23);
    expect((await messages(unpaid.id)).filter((m) => m.kind === 'order.payment_reminder')).toEqual([]);
    await runAt(25);
    await runAt(26);
    const first = (await messages(unpaid.id)).filter((m) => m.kind === 'order.payment_reminder');
    expect(first).toHaveLength(1);
    expect(first[0]!.body).toContain(`您的订单 ${unpaid.orderNo} 尚待付款 ¥${(unpaid.totalCents / 100).toFixed(2)}`);
    expect((await messages(paidLater.id)).filter((m) => m.kind === 'order.payment_reminder')).toHaveLength(1);
    await must(keeper, 'mutation($id: ID!, $a: Int!) { recordOrderPayment(input: { id: $id, method: ALIPAY, reference: "ALI-9", amountCents: $a }) { id } }', { id: paidLater.id, a: paidLater.totalCents });
    await runAt(73);
    await runAt(200);
    expect((await messages(unpaid.id)).filter((m) => m.kind === 'order.payment_reminder')).toHaveLength(2);
    expect((await messages(paidLater.id)).filter((m) => m.kind === 'order.payment_reminder')).toHaveLength(1);
    const { order } = await must<{ order: { paymentReminders: number; events: { kind: string }[] } }>(owner, 'query($id: ID!) { order(id: $id) { paymentReminders events { kind } } }', { id: unpaid.id });
    expect([order.paymentReminders, order.events.filter((e) => e.kind === 'PAYMENT_REMINDER').length]).toEqual([2, 2]);
  });
});
