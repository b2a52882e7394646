import { inScopedTransaction, SYSTEM_SCOPE, verifyLedger } from '@pharmadesk/api';
import { startTestApp, takeFromSubscription, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { BALANCES, createProduct, createWarehouse, inDays, must, receive, type ProductRow, type WarehouseSetup } from '../inventory/support';
import { createOrder, DELIVERY, mustAct, mustCreateOrder, orderAction } from './support';

// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);

/** Orders through the API: server-side prices and totals, every transition of both workflows and the refusals, stock through inventory. */
describe('orders', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let agent: Caller;
  let keeper: Caller;
  let wh: WarehouseSetup;
  let customerId: string;
  let amox: ProductRow;
  let vitamin: ProductRow;
  let lots: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner, agent, keeper] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo'), signIn(app, 'warehouse@east.demo')]);
    wh = await createWarehouse(owner, 'EAST-ORD');
    amox = await createProduct(hq, { priceCents: 2350 });
    vitamin = await createProduct(hq, { genericName: '维生素C片', category: 'SUPPLEMENT', priceCents: 1200 });
    lots = await receive(owner, wh.warehouseId, [
      { productId: amox.id, zoneId: wh.normalZoneId, lotNo: 'AMX-LATE', expiryDate: inDays(400), quantity: 50 },
      { productId: amox.id, zoneId: wh.normalZoneId, lotNo: 'AMX-SOON', expiryDate: inDays(200), quantity: 4 },
      { productId: vitamin.id, zoneId: wh.normalZoneId, lotNo: 'VC-1', expiryDate: inDays(300), quantity: 30 },
    ]);
    const customers = await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }');
    customerId = customers.customers.nodes[0]!.id;
  }, 180_000);
  afterAll(() => app.stop());

  const online = (lines: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({ channel: 'WECHAT', customerId, warehouseId: wh.warehouseId, lines, ...DELIVERY, ...extra });
  const balances = async (productId: string) => {
    const { stockBalances } = await must<{ stockBalances: { nodes: { onHand: number; reserved: number; batch: { lotNo: string } }[] } }>(owner, BALANCES, { w: wh.warehouseId, p: productId });
    return Object.fromEntries(stockBalances.nodes.map((b) => [b.batch.lotNo, [b.onHand, b.reserved]]));
  };
  const orderCount = async () => (await must<{ orders: { totalCount: number } }>(owner, '{ orders { totalCount } }')).orders.totalCount;
  const outbox = (orderId: string) =>
    inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) =>
      em.execute<{ topic: string; payload: Record<string, unknown> }[]>(`select topic, payload from event_outbox where payload->>'orderId' = ? order by position`, [orderId]),
    );
  const ledger = () => inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => verifyLedger(em as never));

  it('prices the lines from the catalog and computes the totals in cents, numbering per franchise', async () => {
    const order = await mustCreateOrder(agent, online([
      { productId: amox.id, quantity: 3, discountCents: 100, unitPriceCents: 2350, dailyDose: 0.25 },
      { productId: vitamin.id, quantity: 2 },
    ], { expectedTotalCents: 3 * 2350 - 100 + 2 * 1200 }));
    expect(order).toMatchObject({ channel: 'WECHAT', state: 'RECEIVED', stage: 'NEW', stateLabel: '已接单 Received', paymentStatus: 'UNPAID', customerId, subtotalCents: 3 * 2350 + 2 * 1200, discountCents: 100, totalCents: 3 * 2350 - 100 + 2 * 1200 });
    expect(order.orderNo).toMatch(/^[A-Z]+-DD-\d{4}-\d{6}$/);
    expect(order.lines.map((l) => [l.lineNo, l.quantity, l.unitPriceCents, l.discountCents, l.lineTotalCents, l.dailyDose])).toEqual([[1, 3, 2350, 100, 6950, 0.25], [2, 2, 1200, 0, 2400, null]]);
    const next = await mustCreateOrder(agent, online([{ productId: vitamin.id, quantity: 1 }]));
    expect(Number(next.orderNo.slice(-6))).toBe(Number(order.orderNo.slice(-6)) + 1);
    // A franchise's own price wins over the list price.
    await must(owner, 'mutation($p: ID!) { setFranchiseProductTerms(input: { productId: $p, priceCents: 990 }) { id } }', { p: vitamin.id });
    const own = await mustCreateOrder(agent, online([{ productId: vitamin.id, quantity: 2 }]));
    expect([own.lines[0]!.unitPriceCents, own.totalCents]).toEqual([990, 1980]);
    await must(owner, 'mutation($p: ID!) { setFranchiseProductTerms(input: { productId: $p, priceCents: null }) { id } }', { p: vitamin.id });
    const { outbox: events } = { outbox: await outbox(order.id) };
    expect(events.map((e) => e.topic)).toEqual(['order.created']);
    expect(events[0]!.payload).toMatchObject({ orderNo: order.orderNo, totalCents: order.totalCents });
  });

  it.each([
    ['a negative quantity', () => online([{ productId: amox.id, quantity: -2 }]), 'BAD_USER_INPUT', 'order.lines.0.quantity'],
    ['an unknown product', () => online([{ productId: amox.id, quantity: 1 }, { productId: '00000000-0000-4000-8000-0000000000ff', quantity: 1 }]), 'NOT_FOUND', null],
    ['a zero unit price', () => online([{ productId: amox.id, quantity: 1, unitPriceCents: 0 }]), 'BAD_USER_INPUT', 'order.lines.0.unitPriceCents'],
    ['a lower unit price', () => online([{ productId: vitamin.id, quantity: 1 }, { productId: amox.id, quantity: 5, unitPriceCents: 1 }]), 'BAD_USER_INPUT', 'order.lines.1.unitPriceCents'],
    ['a client total that is not the server’s', () => online([{ productId: amox.id, quantity: 2 }], { expectedTotalCents: 1 }), 'BAD_USER_INPUT', 'order.expectedTotalCents'],
    ['a discount giving the line away', () => online([{ productId: amox.id, quantity: 1, discountCents: 2350 }]), 'BAD_USER_INPUT', 'order.lines.0.discountCents'],
    ['a negative discount', () => online([{ productId: amox.id, quantity: 1, discountCents: -5 }]), 'BAD_USER_INPUT', null],
    ['an online order without its address', () => online([{ productId: amox.id, quantity: 1 }], { deliveryAddress: null }), 'BAD_USER_INPUT', 'order.deliveryAddress'],
    ['an online order without a customer', () => online([{ productId: amox.id, quantity: 1 }], { customerId: null }), 'BAD_USER_INPUT', 'order.customerId'],
    ['no lines', () => online([]), 'BAD_USER_INPUT', null],
  ])('refuses %s with a code and writes nothing', async (_name, input, code, field) => {
    const before = await orderCount();
    const res = await createOrder(agent, input());
    expect(errorCodes(res)).toEqual([code]);
    if (field) expect(res.body.errors![0]!.extensions!.field).toBe(field);
    expect(await orderCount()).toBe(before);
  });

  it('names the reason of a price or total refusal and the server’s figure', async () => {
    const price = await createOrder(agent, online([{ productId: amox.id, quantity: 1, unitPriceCents: 0 }]));
    expect(price.body.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ reason: 'PRICE_MISMATCH', params: { expected: 2350, given: 0 } })]);
    const total = await createOrder(agent, online([{ productId: amox.id, quantity: 2 }], { expectedTotalCents: 0 }));
    expect(total.body.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ reason: 'TOTAL_MISMATCH', params: { expected: 4700, given: 0 } })]);
  });

  it('runs an online order received → review (reserves first expiry first) → picking → shipped → delivered → receipt confirmed', async () => {
    const before = await balances(amox.id);
    let order = await mustCreateOrder(agent, online([{ productId: amox.id, quantity: 6 }], { paymentStatus: 'PAID' }));
    order = await mustAct(agent, 'startOrderReview', { id: order.id, version: order.version });
    expect([order.state, order.stage]).toEqual(['UNDER_REVIEW', 'REVIEW']);
    order = await mustAct(agent, 'reviewOrder', { id: order.id, version: order.version });
    expect([order.state, order.stage, order.waitingReason]).toEqual(['APPROVED', 'FULFILLMENT', null]);
    // 4 from the lot expiring first, 2 from the next: reserved, still on hand.
    expect(await balances(amox.id)).toEqual({ 'AMX-SOON': [before['AMX-SOON']![0], before['AMX-SOON']![1]! + 4], 'AMX-LATE': [before['AMX-LATE']![0], before['AMX-LATE']![1]! + 2] });

    order = await mustAct(keeper, 'startOrderPicking', { id: order.id });
    expect(order.state).toBe('PICKING');
    expect(order.lines[0]!.picks).toEqual([
      { batchId: lots['AMX-SOON'], lotNo: 'AMX-SOON', expiryDate: inDays(200), quantity: 4 },
      { batchId: lots['AMX-LATE'], lotNo: 'AMX-LATE', expiryDate: inDays(400), quantity: 2 },
    ]);
    order = await mustAct(keeper, 'shipOrder', { id: order.id, carrier: '顺丰速运', trackingNo: 'SF1234567890', expectedDeliveryAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }, 'ShipOrderInput');
    expect([order.state, order.stage, order.carrier, order.trackingNo]).toEqual(['SHIPPED', 'SHIPPED', '顺丰速运', 'SF1234567890']);
    // Issued: off the shelf and no longer reserved (the emptied lot leaves the stock list).
    expect(before['AMX-SOON']).toEqual([4, 0]);
    expect(await balances(amox.id)).toEqual({ 'AMX-LATE': [before['AMX-LATE']![0]! - 2, before['AMX-LATE']![1]] });
    const moves = await must<{ stockMoves: { nodes: { kind: string; quantity: number; documentId: string; documentNo: string }[] } }>(owner, 'query($d: ID!) { stockMoves(filter: { documentId: { eq: $d } }) { nodes { kind quantity documentId documentNo } } }', { d: order.id });
    expect(moves.stockMoves.nodes.map((m) => [m.kind, m.quantity, m.documentNo]).sort()).toEqual([['ISSUE', -2, order.orderNo], ['ISSUE', -4, order.orderNo]]);

    order = await mustAct(keeper, 'deliverOrder', { id: order.id });
    expect([order.state, order.stage, order.lines[0]!.runsOutOn]).toEqual(['DELIVERED', 'DELIVERED', null]);
    order = await mustAct(agent, 'confirmOrderReceipt', { id: order.id, condition: 'GOOD' }, 'ConfirmOrderReceiptInput');
    expect([order.state, order.stage]).toEqual(['RECEIPT_CONFIRMED', 'COMPLETED']);

    const { order: read } = await must<{ order: { events: { kind: string; action: string | null; fromState: string | null; toState: string }[]; allowedActions: { action: string }[] } }>(owner, 'query($id: ID!) { order(id: $id) { events { kind action fromState toState } allowedActions { action } } }', { id: order.id });
    expect(read.events.map((e) => [e.kind, e.action, e.fromState, e.toState])).toEqual([
      ['CREATED', null, null, 'RECEIVED'],
      ['TRANSITION', 'start_review', 'RECEIVED', 'UNDER_REVIEW'],
      ['TRANSITION', 'review', 'UNDER_REVIEW', 'APPROVED'],
      ['TRANSITION', 'start_picking', 'APPROVED', 'PICKING'],
      ['TRANSITION', 'ship', 'PICKING', 'SHIPPED'],
      ['TRANSITION', 'deliver', 'SHIPPED', 'DELIVERED'],
      ['TRANSITION', 'confirm_receipt', 'DELIVERED', 'RECEIPT_CONFIRMED'],
    ]);
    expect(read.allowedActions).toEqual([]);
    expect((await outbox(order.id)).map((e) => e.topic)).toEqual(['order.created', ...Array(4).fill('order.transitioned'), 'order.shipped', 'order.transitioned', 'order.transitioned']);
    expect(await ledger()).toEqual([]);
  });

  it('sends an order short of stock to the customer with the reason, reserving nothing; the customer’s answer resumes the review', async () => {
    const before = await balances(vitamin.id);
    let order = await mustCreateOrder(agent, online([{ productId: amox.id, quantity: 1 }, { productId: vitamin.id, quantity: 500 }]));
    order = await mustAct(agent, 'startOrderReview', { id: order.id });
    order = await mustAct(agent, 'reviewOrder', { id: order.id });
    expect([order.state, order.stage, order.waitingReasonCode]).toEqual(['WAITING_CUSTOMER', 'WAITING_CUSTOMER', 'INSUFFICIENT_STOCK']);
    expect(order.waitingReason).toContain('asked 500');
    // The first line's reservation was undone with the attempt.
    const reservations = await must<{ stockReservations: { totalCount: number } }>(owner, 'query($d: ID!) { stockReservations(filter: { documentId: { eq: $d } }) { totalCount } }', { d: order.id });
    expect(reservations.stockReservations.totalCount).toBe(0);
    expect(await balances(vitamin.id)).toEqual(before);
    order = await mustAct(agent, 'resumeOrderReview', { id: order.id });
    expect([order.state, order.waitingReason, order.waitingReasonCode]).toEqual(['UNDER_REVIEW', null, null]);
    // A wrong address: the reviewer puts it on hold with the reason.
    order = await mustAct(agent, 'holdOrderForCustomer', { id: order.id, reason: '地址缺少门牌号，联系客户确认' }, 'ReasonedOrderActionInput');
    expect([order.state, order.waitingReason, order.waitingReasonCode]).toEqual(['WAITING_CUSTOMER', '地址缺少门牌号，联系客户确认', 'CUSTOMER_CONTACT']);
    order = await mustAct(agent, 'cancelOrder', { id: order.id, reason: '客户不再需要' }, 'ReasonedOrderActionInput');
    expect([order.state, order.stage, order.cancelReason, order.paymentStatus]).toEqual(['CANCELLED', 'CANCELLED', '客户不再需要', 'UNPAID']);
  });

  it('cancelling an approved order releases its reservation and makes a paid order’s refund due', async () => {
    const before = await balances(vitamin.id);
    let order = await mustCreateOrder(agent, online([{ productId: vitamin.id, quantity: 5 }], { paymentStatus: 'PAID' }));
    order = await mustAct(agent, 'startOrderReview', { id: order.id });
    order = await mustAct(agent, 'reviewOrder', { id: order.id });
    expect(order.state).toBe('APPROVED');
    expect(await balances(vitamin.id)).toEqual({ 'VC-1': [before['VC-1']![0], before['VC-1']![1]! + 5] });
    order = await mustAct(keeper, 'startOrderPicking', { id: order.id });
    order = await mustAct(agent, 'cancelOrder', { id: order.id, version: order.version, reason: '客户要求取消' }, 'ReasonedOrderActionInput');
    expect([order.state, order.paymentStatus]).toEqual(['CANCELLED', 'REFUND_PENDING']);
    expect(await balances(vitamin.id)).toEqual(before);
    const reservations = await must<{ stockReservations: { nodes: { status: string }[] } }>(owner, 'query($d: ID!) { stockReservations(filter: { documentId: { eq: $d } }) { nodes { status } } }', { d: order.id });
    expect(reservations.stockReservations.nodes).toEqual([{ status: 'RELEASED' }]);
    const cancelled = (await outbox(order.id)).find((e) => e.topic === 'order.cancelled');
    expect(cancelled?.payload).toMatchObject({ reason: '客户要求取消', refundDue: true });
    expect(await ledger()).toEqual([]);
  });

  it('runs an in-store receipt for a walk-in: receipt issued → paid (reserved) → handed over (issued, lots recorded)', async () => {
    const before = await balances(vitamin.id);
    let order = await mustCreateOrder(owner, { channel: 'IN_STORE', warehouseId: wh.warehouseId, lines: [{ productId: vitamin.id, quantity: 2, dailyDose: 0.5 }] });
    expect([order.state, order.stage, order.customerId, order.totalCents]).toEqual(['RECEIPT_ISSUED', 'NEW', null, 2400]);
    order = await mustAct(owner, 'payOrder', { id: order.id });
    expect([order.state, order.paymentStatus]).toEqual(['PAID', 'PAID']);
    expect(await balances(vitamin.id)).toEqual({ 'VC-1': [before['VC-1']![0], before['VC-1']![1]! + 2] });
    order = await mustAct(owner, 'handOverOrder', { id: order.id });
    expect([order.state, order.stage]).toEqual(['HANDED_OVER', 'COMPLETED']);
    expect(order.lines[0]!.picks).toEqual([{ batchId: lots['VC-1'], lotNo: 'VC-1', expiryDate: inDays(300), quantity: 2 }]);
    // Two units at half a unit a day: four days from today, and the refill callback's event.
    expect(order.lines[0]!.runsOutOn).toBe(inDays(4));
    expect((await outbox(order.id)).find((e) => e.topic === 'order.consumption')?.payload).toMatchObject({ lineId: order.lines[0]!.id, productId: vitamin.id, customerId: null, runsOutOn: inDays(4) });
    expect(await balances(vitamin.id)).toEqual({ 'VC-1': [before['VC-1']![0]! - 2, before['VC-1']![1]] });
    // In store, stock that is not there cannot be paid for: CONFLICT and the receipt stays as it was.
    const short = await mustCreateOrder(owner, { channel: 'IN_STORE', warehouseId: wh.warehouseId, lines: [{ productId: vitamin.id, quantity: 999 }] });
    const refused = await orderAction(owner, 'payOrder', { id: short.id });
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_STOCK', asked: 999 });
    const after = await must<{ order: { state: string; paymentStatus: string; version: number } }>(owner, 'query($id: ID!) { order(id: $id) { state paymentStatus version } }', { id: short.id });
    expect(after.order).toEqual({ state: 'RECEIPT_ISSUED', paymentStatus: 'UNPAID', version: short.version });
    const cancelled = await mustAct(owner, 'cancelOrder', { id: short.id, reason: '顾客放弃' }, 'ReasonedOrderActionInput');
    expect(cancelled.state).toBe('CANCELLED');
  });

  it('counts goods handed over or delivered as the customer’s purchase, two at once included, without touching the archive’s version', async () => {
    const SPEND = 'query($id: ID!) { customer(id: $id) { version totalSpend purchaseCount lastPurchaseAt } }';
    const before = (await must<{ customer: { version: number; totalSpend: number; purchaseCount: number } }>(owner, SPEND, { id: customerId })).customer;
    // Two counter receipts for the same customer handed over at the same moment.
    const receipts = await Promise.all([1, 2].map((quantity) => mustCreateOrder(owner, { channel: 'IN_STORE', customerId, warehouseId: wh.warehouseId, lines: [{ productId: vitamin.id, quantity }] })));
    for (const r of receipts) await mustAct(owner, 'payOrder', { id: r.id });
    const handed = await Promise.all(receipts.map((r) => orderAction(owner, 'handOverOrder', { id: r.id })));
    expect(handed.map((h) => h.body.errors)).toEqual([undefined, undefined]);
    // A paid online order on its way is not yet a purchase; delivered, it is.
    const online1 = await mustCreateOrder(agent, online([{ productId: amox.id, quantity: 1 }]));
    for (const m of ['startOrderReview', 'reviewOrder', 'startOrderPicking']) await mustAct(owner, m, { id: online1.id });
    await mustAct(owner, 'shipOrder', { id: online1.id, carrier: '顺丰速运', trackingNo: 'SF-SPEND-1' }, 'ShipOrderInput');
    const shipped = (await must<{ customer: { totalSpend: number; purchaseCount: number } }>(owner, SPEND, { id: customerId })).customer;
    expect([shipped.totalSpend, shipped.purchaseCount]).toEqual([before.totalSpend + 36, before.purchaseCount + 2]);
    await mustAct(owner, 'deliverOrder', { id: online1.id });
    await mustAct(owner, 'confirmOrderReceipt', { id: online1.id, condition: 'GOOD' }, 'ConfirmOrderReceiptInput'); // confirming later counts nothing twice
    const after = (await must<{ customer: { version: number; totalSpend: number; purchaseCount: number; lastPurchaseAt: string } }>(owner, SPEND, { id: customerId })).customer;
    expect(after).toMatchObject({ version: before.version, totalSpend: before.totalSpend + 36 + 23.5, purchaseCount: before.purchaseCount + 3 });
    expect(after.lastPurchaseAt).not.toBeNull();
  });

  it('refuses actions the state does not allow, naming the allowed ones; stale versions and missing permissions too', async () => {
    const order = await mustCreateOrder(agent, online([{ productId: vitamin.id, quantity: 1 }]));
    const cases: [string, Record<string, unknown>, string?][] = [
      ['reviewOrder', { id: order.id }],
      ['startOrderPicking', { id: order.id }],
      ['shipOrder', { id: order.id, carrier: 'x', trackingNo: 'y' }, 'ShipOrderInput'],
      ['deliverOrder', { id: order.id }],
      ['confirmOrderReceipt', { id: order.id, condition: 'GOOD' }, 'ConfirmOrderReceiptInput'],
      ['resumeOrderReview', { id: order.id }],
      ['payOrder', { id: order.id }],
      ['handOverOrder', { id: order.id }],
    ];
    for (const [mutation, input, type] of cases) {
      const res = await orderAction(owner, mutation, input, type);
      expect({ mutation, code: errorCodes(res) }).toEqual({ mutation, code: ['INVALID_TRANSITION'] });
      expect(res.body.errors![0]!.extensions).toMatchObject({ from: 'RECEIVED', allowed: ['start_review', 'cancel'] });
    }
    // Only the actions the caller may take are named.
    const keeperTry = await orderAction(keeper, 'deliverOrder', { id: order.id });
    expect(keeperTry.body.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', allowed: [] });
    const stale = await orderAction(agent, 'startOrderReview', { id: order.id, version: order.version + 1 });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(errorCodes(await orderAction(keeper, 'startOrderReview', { id: order.id }))).toEqual(['FORBIDDEN']);
    // Through the generic action: a required field missing is named.
    const noReason = await owner.graphql('mutation($id: ID!) { transitionOrder(input: { id: $id, action: "cancel" }) { id } }', { id: order.id });
    expect(noReason.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const unknown = await owner.graphql('mutation($id: ID!) { transitionOrder(input: { id: $id, action: "teleport" }) { id } }', { id: order.id });
    expect(unknown.body.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', allowed: ['start_review', 'cancel'] });
    // A review's stock check cannot be faked from outside.
    await mustAct(owner, 'startOrderReview', { id: order.id });
    const faked = await must<{ transitionOrder: { state: string } }>(owner, 'mutation($id: ID!) { transitionOrder(input: { id: $id, action: "review", fields: { stockShortage: { message: "x" } } }) { state } }', { id: order.id });
    expect(faked.transitionOrder.state).toBe('APPROVED');
    // Done and cancelled orders allow nothing.
    const done = await mustAct(owner, 'cancelOrder', { id: order.id, reason: '测试' }, 'ReasonedOrderActionInput');
    const again = await orderAction(owner, 'cancelOrder', { id: done.id, reason: '再次' }, 'ReasonedOrderActionInput');
    expect(again.body.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'CANCELLED', allowed: [] });
  });

  it('lists orders with filters and tells subscribers about changes live', async () => {
    const sub = takeFromSubscription<{ updatedOneOrder: { id: string; state: string } }>(app.wsClient({ authorization: owner.headers.authorization! }), { query: 'subscription { updatedOneOrder { id state } }' }, 1);
    await new Promise((r) => setTimeout(r, 300));
    const order = await mustCreateOrder(agent, online([{ productId: vitamin.id, quantity: 1 }]));
    await mustAct(agent, 'startOrderReview', { id: order.id });
    const [event] = await sub;
    expect(event!.data!.updatedOneOrder).toEqual({ id: order.id, state: 'UNDER_REVIEW' });
    const list = await must<{ orders: { totalCount: number; nodes: { id: string; state: string; customer: { id: string }; lines: { productId: string }[] }[] } }>(
      owner,
      'query($c: ID!) { orders(filter: { stage: { eq: REVIEW }, customerId: { eq: $c } }, sorting: [{ field: createdAt, direction: DESC }], paging: { limit: 5 }) { totalCount nodes { id state customer { id } lines { productId } } } }',
      { c: customerId },
    );
    expect(list.orders.nodes[0]).toEqual({ id: order.id, state: 'UNDER_REVIEW', customer: { id: customerId }, lines: [{ productId: vitamin.id }] });
    expect(list.orders.nodes.every((n) => n.state === 'UNDER_REVIEW')).toBe(true);
  });
});

