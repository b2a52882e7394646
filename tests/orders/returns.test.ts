import { clock, inScopedTransaction, SYSTEM_SCOPE, verifyLedger } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive, type ProductRow, type WarehouseSetup } from '../inventory/support';
import { mustAct, mustCreateOrder } from './support';
import { deliveredOrder, mustRequestReturn, mustReturnAct, requestReturn, returnAction, RETURN_FIELDS, stockByPlace, type ReturnRow } from './returns-support';

// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);

const PHOTO = { url: 'https://img.example.com/rma/box-crushed.jpg', contentType: 'image/jpeg', size: 204_800, name: '外盒破损.jpg' };

/** Returns and exchanges through the API: eligibility, every transition and the refusals, inspection into stock through inventory, refunds and replacements. */
describe('returns', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let agent: Caller;
  let supervisor: Caller;
  let keeper: Caller;
  let wh: WarehouseSetup;
  let customerId: string;
  let amox: ProductRow;
  let vitamin: ProductRow;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner, agent, supervisor, keeper] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo'), signIn(app, 'supervisor@east.demo'), signIn(app, 'warehouse@east.demo')]);
    wh = await createWarehouse(owner, 'EAST-RMA');
    amox = await createProduct(hq, { priceCents: 2350 });
    vitamin = await createProduct(hq, { genericName: '维生素C片', category: 'SUPPLEMENT', priceCents: 1200 });
    await receive(owner, wh.warehouseId, [
      { productId: amox.id, zoneId: wh.normalZoneId, lotNo: 'AMX-LATE', expiryDate: inDays(400), quantity: 50 },
      { productId: amox.id, zoneId: wh.normalZoneId, lotNo: 'AMX-SOON', expiryDate: inDays(200), quantity: 4 },
      { productId: vitamin.id, zoneId: wh.normalZoneId, lotNo: 'VC-1', expiryDate: inDays(300), quantity: 60 },
    ]);
    const customers = await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }');
    customerId = customers.customers.nodes[0]!.id;
  }, 180_000);
  afterAll(() => app.stop());

  const order = (lines: Record<string, unknown>[], ship: Record<string, unknown> = {}) => deliveredOrder(owner, { customerId, warehouseId: wh.warehouseId, lines }, ship);
  const returnCount = async () => (await must<{ returns: { totalCount: number } }>(owner, '{ returns { totalCount } }')).returns.totalCount;
  const outbox = (returnId: string) =>
    inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) =>
      em.execute<{ topic: string; payload: Record<string, unknown> }[]>(`select topic, payload from event_outbox where payload->>'returnId' = ? order by position`, [returnId]),
    );
  const inspectAll = (r: ReturnRow, each: (line: ReturnRow['lines'][number]) => Record<string, unknown>) =>
    returnAction(keeper, 'inspectReturn', { id: r.id, version: r.version, lines: r.lines.map((l) => ({ returnLineId: l.id, ...each(l) })) }, 'InspectReturnInput');
  const toReceived = async (r: ReturnRow) => {
    await mustReturnAct(supervisor, 'approveReturn', { id: r.id });
    await mustReturnAct(agent, 'shipReturnBack', { id: r.id, carrier: '中通快递', trackingNo: `ZT${r.returnNo}` }, 'ShipReturnBackInput');
    return mustReturnAct(keeper, 'receiveReturn', { id: r.id });
  };

  it('takes a quality return through review, shipping back, inspection (resalable units back into their lot, damaged ones to the non-conforming area) and refund', async () => {
    // 6 units leave first expiry first: the 4 of AMX-SOON, then 2 of AMX-LATE; 50 cents off the line.
    const o = await order([{ productId: amox.id, quantity: 6, discountCents: 600 }, { productId: vitamin.id, quantity: 2 }]);
    const amoxLine = o.lines[0]!;
    expect(amoxLine.picks.map((p) => [p.lotNo, p.quantity])).toEqual([['AMX-SOON', 4], ['AMX-LATE', 2]]);
    const before = await stockByPlace(owner, wh.warehouseId, amox.id);

    const r = await mustRequestReturn(agent, { orderId: o.id, kind: 'REFUND', reason: 'DAMAGED', source: 'WECHAT', description: '外盒压坏，两板药破损', evidence: [PHOTO], lines: [{ orderLineId: amoxLine.id, quantity: 5 }] });
    expect(r).toMatchObject({ orderNo: o.orderNo, state: 'REQUESTED', stage: 'NEW', stateLabel: '已申请 Requested', kind: 'REFUND', reason: 'DAMAGED', reasonCategory: 'QUALITY', shippingPaidBy: 'STORE', source: 'WECHAT', slaClock: 'REVIEW', slaStatus: 'OK', escalationLevel: 'AGENT' });
    expect(r.returnNo).toMatch(/^[A-Z]+-TH-\d{4}-\d{6}$/);
    expect(r.evidence).toEqual([PHOTO]);
    // Split over the lots the line left with, first expiry first; what the customer paid per unit (discount shared out).
    expect(r.lines.map((l) => [l.lotNo, l.quantity, l.unitPaidCents])).toEqual([['AMX-SOON', 4, 2250], ['AMX-LATE', 1, 2250]]);
    expect(new Date(r.reviewDueAt!).getTime()).toBeGreaterThan(clock.nowMs());
    expect(r.slaDueAt).toBe(r.reviewDueAt);

    // The agent who took the request cannot review it (only cancel it); the supervisor can.
    expect(r.allowedActions.map((a) => a.action)).toEqual(['cancel']);
    const started = await mustReturnAct(supervisor, 'startReturnReview', { id: r.id, version: r.version });
    expect(started).toMatchObject({ state: 'UNDER_REVIEW', stage: 'REVIEW', slaClock: 'REVIEW' });
    expect(started.allowedActions.map((a) => a.action)).toEqual(['approve', 'reject', 'cancel']);
    const approved = await mustReturnAct(supervisor, 'approveReturn', { id: r.id, version: started.version });
    expect(approved).toMatchObject({ state: 'APPROVED', slaClock: null, slaStatus: null });
    expect(approved.reviewMetAt).not.toBeNull();
    const shipped = await mustReturnAct(agent, 'shipReturnBack', { id: r.id, carrier: '中通快递', trackingNo: 'ZT7788990011' }, 'ShipReturnBackInput');
    expect(shipped).toMatchObject({ state: 'SHIPPED_BACK', stage: 'RETURNING', returnCarrier: '中通快递', returnTrackingNo: 'ZT7788990011' });
    const received = await mustReturnAct(keeper, 'receiveReturn', { id: r.id });
    expect(received).toMatchObject({ state: 'RECEIVED', stage: 'RECEIVED' });

    // SOON: 3 fine in intact packs, 1 crushed; LATE: the one unit arrived with a torn box.
    const res = await returnAction(keeper, 'inspectReturn', {
      id: r.id,
      version: received.version,
      lines: [
        { returnLineId: received.lines[0]!.id, acceptedQuantity: 3, damagedQuantity: 1, packagingIntact: true, note: '一盒压扁' },
        { returnLineId: received.lines[1]!.id, acceptedQuantity: 1, damagedQuantity: 0, packagingIntact: false },
      ],
    }, 'InspectReturnInput');
    expect(res.body.errors).toBeUndefined();
    const inspected = res.body.data!.inspectReturn!;
    // The store's fault: every received unit is refunded (5 × 2250), only 3 can be sold again.
    expect(inspected).toMatchObject({ state: 'REFUND_PENDING', stage: 'SETTLEMENT', refundCents: 5 * 2250, slaClock: 'REFUND', slaStatus: 'OK' });
    expect(inspected.lines.map((l) => [l.lotNo, l.restockedQuantity, l.quarantinedQuantity, l.refundCents])).toEqual([['AMX-SOON', 3, 1, 4 * 2250], ['AMX-LATE', 0, 1, 2250]]);
    const after = await stockByPlace(owner, wh.warehouseId, amox.id);
    const zone = 'A';
    expect(after[`AMX-SOON@${zone}`]![0] - (before[`AMX-SOON@${zone}`]?.[0] ?? 0)).toBe(3);
    expect(after[`AMX-LATE@${zone}`]![0] - before[`AMX-LATE@${zone}`]![0]).toBe(0);
    const quarantined = Object.entries(after).filter(([k]) => k.includes('@BHG'));
    expect(Object.fromEntries(quarantined.map(([k, v]) => [k.split('@')[0], v[0]]))).toEqual({ 'AMX-SOON': 1, 'AMX-LATE': 1 });
    // The non-resalable units wait for a destruction (its own approval and witness).
    const { stockDestructions } = await must<{ stockDestructions: { nodes: { status: string; reason: string; lines: { quantity: number }[] }[] } }>(owner, '{ stockDestructions(paging: { limit: 50 }) { nodes { status reason lines { quantity } } } }');
    expect(stockDestructions.nodes.find((d) => d.reason.includes(r.returnNo))).toMatchObject({ status: 'REQUESTED', lines: [{ quantity: 1 }, { quantity: 1 }] });

    const SPEND = 'query($id: ID!) { customer(id: $id) { totalSpend purchaseCount } customerTimeline(customerId: $id, first: 10) { nodes { title amount } } }';
    type Spend = { customer: { totalSpend: number; purchaseCount: number }; customerTimeline: { nodes: { title: string; amount: number | null }[] } };
    const spent = (await must<Spend>(owner, SPEND, { id: customerId })).customer;
    const refunded = await mustReturnAct(supervisor, 'refundReturn', { id: r.id, reference: 'WXPAY-REF-0001' }, 'RefundReturnInput');
    expect(refunded).toMatchObject({ state: 'REFUNDED', stage: 'COMPLETED', refundReference: 'WXPAY-REF-0001', slaClock: null, allowedActions: [] });
    // The money back comes off the customer's spend; it is not a purchase, and it shows on the timeline.
    const afterRefund = await must<Spend>(owner, SPEND, { id: customerId });
    expect([afterRefund.customer.totalSpend, afterRefund.customer.purchaseCount]).toEqual([spent.totalSpend - 112.5, spent.purchaseCount]);
    expect(afterRefund.customerTimeline.nodes).toContainEqual({ title: `退款：退货单 ${r.returnNo}`, amount: -112.5 });
    expect(refunded.refundMetAt).not.toBeNull();

    const detail = await must<{ return: { events: { kind: string; action: string | null; toState: string | null }[]; order: { id: string; returns: { id: string; state: string }[] } } }>(
      owner,
      'query($id: ID!) { return(id: $id) { events { kind action toState } order { id returns { id state } } } }',
      { id: r.id },
    );
    expect(detail.return.events.map((e) => e.action ?? e.kind)).toEqual(['CREATED', 'start_review', 'approve', 'ship_back', 'receive', 'inspect', 'refund']);
    expect(detail.return.order.returns).toEqual([{ id: r.id, state: 'REFUNDED' }]);
    const topics = (await outbox(r.id)).map((e) => e.topic);
    expect(topics).toEqual(['return.requested', ...Array(4).fill('return.transitioned'), 'return.transitioned', 'return.inspected', 'return.transitioned', 'return.refunded']);
    expect((await outbox(r.id)).find((e) => e.topic === 'return.inspected')!.payload).toMatchObject({ restocked: 3, quarantined: 2, refundCents: 11250 });
    const ledger = await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => verifyLedger(em as never));
    expect(ledger).toEqual([]);
  });

  it('refuses actions the state does not allow, naming the allowed ones, and a rejection without its reason', async () => {
    const o = await order([{ productId: vitamin.id, quantity: 2 }]);
    const r = await mustRequestReturn(agent, { orderId: o.id, kind: 'REFUND', reason: 'WRONG_ITEM', source: 'PHONE', lines: [{ orderLineId: o.lines[0]!.id, quantity: 2 }] });
    for (const [mutation, type, extra] of [
      ['refundReturn', 'RefundReturnInput', {}],
      ['receiveReturn', 'ReturnActionInput', {}],
      ['exchangeReturn', 'ReturnActionInput', {}],
      ['shipReturnBack', 'ShipReturnBackInput', { carrier: 'x', trackingNo: 'y' }],
    ] as const) {
      const res = await returnAction(owner, mutation, { id: r.id, ...extra }, type);
      expect({ mutation, code: errorCodes(res) }).toEqual({ mutation, code: ['INVALID_TRANSITION'] });
      expect(res.body.errors![0]!.extensions).toMatchObject({ from: 'REQUESTED', allowed: ['start_review', 'approve', 'reject', 'cancel'] });
    }
    const inspect = await returnAction(owner, 'inspectReturn', { id: r.id, version: r.version, lines: [{ returnLineId: r.lines[0]!.id, acceptedQuantity: 2, damagedQuantity: 0, packagingIntact: true }] }, 'InspectReturnInput');
    expect(inspect.body.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', allowed: ['start_review', 'approve', 'reject', 'cancel'] });
    // Without the permission: the agent may only cancel.
    expect((await returnAction(agent, 'transitionReturn', { id: r.id, action: 'approve' }, 'TransitionReturnInput')).body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const blank = await returnAction(supervisor, 'transitionReturn', { id: r.id, action: 'reject', fields: { reason: ' ' } }, 'TransitionReturnInput');
    expect(blank.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const rejected = await mustReturnAct(supervisor, 'rejectReturn', { id: r.id, reason: '照片显示药品与订单一致' }, 'ReasonedReturnActionInput');
    expect(rejected).toMatchObject({ state: 'REJECTED', stage: 'REJECTED', rejectionReason: '照片显示药品与订单一致', slaClock: null, allowedActions: [] });
    const again = await returnAction(supervisor, 'approveReturn', { id: r.id });
    expect(again.body.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', allowed: [] });
    // A rejected request that never came back frees the units for another request.
    await mustRequestReturn(agent, { orderId: o.id, kind: 'REFUND', reason: 'WRONG_ITEM', source: 'PHONE', lines: [{ orderLineId: o.lines[0]!.id, quantity: 2 }] });
    // A stale version is a conflict.
    const stale = await returnAction(supervisor, 'approveReturn', { id: r.id, version: r.version });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
  });

  it('is cancelled by the customer before the goods are received, never after', async () => {
    const o = await order([{ productId: vitamin.id, quantity: 3 }]);
    const first = await mustRequestReturn(agent, { orderId: o.id, kind: 'REFUND', reason: 'CUSTOMER_REASON', source: 'APP', lines: [{ orderLineId: o.lines[0]!.id, quantity: 1 }] });
    await mustReturnAct(supervisor, 'approveReturn', { id: first.id });
    await mustReturnAct(agent, 'shipReturnBack', { id: first.id, carrier: '中通快递', trackingNo: 'ZT0001' }, 'ShipReturnBackInput');
    const cancelled = await mustReturnAct(agent, 'cancelReturn', { id: first.id, reason: '客户决定不退了' }, 'ReasonedReturnActionInput');
    expect(cancelled).toMatchObject({ state: 'CANCELLED', stage: 'CANCELLED', cancelReason: '客户决定不退了', allowedActions: [] });

    const second = await mustRequestReturn(agent, { orderId: o.id, kind: 'REFUND', reason: 'CUSTOMER_REASON', source: 'APP', lines: [{ orderLineId: o.lines[0]!.id, quantity: 3 }] });
    const received = await toReceived(second);
    const late = await returnAction(agent, 'cancelReturn', { id: second.id, reason: '客户决定不退了' }, 'ReasonedReturnActionInput');
    expect(late.body.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'RECEIVED', allowed: [] });
    expect((await returnAction(owner, 'cancelReturn', { id: second.id, reason: 'x' }, 'ReasonedReturnActionInput')).body.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', allowed: ['inspect'] });

    // The customer's own reason: the customer pays the shipping, opened packs are not refunded.
    expect(received.shippingPaidBy).toBe('CUSTOMER');
    const before = await stockByPlace(owner, wh.warehouseId, vitamin.id);
    const res = await inspectAll(received, () => ({ acceptedQuantity: 3, damagedQuantity: 0, packagingIntact: false }));
    expect(res.body.data!.inspectReturn).toMatchObject({ state: 'INSPECTION_FAILED', stage: 'REJECTED', refundCents: 0, slaClock: null });
    const after = await stockByPlace(owner, wh.warehouseId, vitamin.id);
    const quarantine = (s: Record<string, [number, number]>) => Object.entries(s).filter(([k]) => k.includes('@BHG')).reduce((n, [, v]) => n + v[0], 0);
    expect(quarantine(after) - quarantine(before)).toBe(3);
  });

  it('refuses bad requests with codes and writes nothing', async () => {
    const o = await order([{ productId: amox.id, quantity: 2 }, { productId: vitamin.id, quantity: 1 }]);
    await mustRequestReturn(agent, { orderId: o.id, kind: 'REFUND', reason: 'SPOILED', source: 'ORDER_PAGE', lines: [{ orderLineId: o.lines[0]!.id, quantity: 1 }] });
    const notDelivered = await mustCreateOrder(agent, { channel: 'WECHAT', customerId, warehouseId: wh.warehouseId, lines: [{ productId: vitamin.id, quantity: 1 }], deliveryName: '王芳', deliveryPhone: '13800138000', deliveryAddress: '上海市浦东新区世纪大道 100 号' });
    const westOwner = await signIn(app, 'owner@west.demo');
    const westWh = await createWarehouse(westOwner, 'WEST-RMA');
    await receive(westOwner, westWh.warehouseId, [{ productId: vitamin.id, zoneId: westWh.normalZoneId, lotNo: 'VC-W', expiryDate: inDays(300), quantity: 5 }]);
    const westOrder = await mustCreateOrder(westOwner, { channel: 'IN_STORE', warehouseId: westWh.warehouseId, lines: [{ productId: vitamin.id, quantity: 1 }] });
    await mustAct(westOwner, 'payOrder', { id: westOrder.id });
    const handed = await mustAct(westOwner, 'handOverOrder', { id: westOrder.id });

    const line = (quantity: number, orderLineId = o.lines[0]!.id) => [{ orderLineId, quantity }];
    const base = { orderId: o.id, kind: 'REFUND', reason: 'SPOILED', source: 'WECHAT' };
    const cases: [string, Record<string, unknown>, string, string | null, string | null][] = [
      ['more than was delivered (2, 1 already being returned)', { ...base, lines: line(2) }, 'BAD_USER_INPUT', 'lines.0.quantity', 'MORE_THAN_DELIVERED'],
      ['more than the line ever had', { ...base, lines: line(5, o.lines[1]!.id) }, 'BAD_USER_INPUT', 'lines.0.quantity', 'MORE_THAN_DELIVERED'],
      ['a line of another order', { ...base, lines: line(1, handed.lines[0]!.id) }, 'BAD_USER_INPUT', 'lines.0.orderLineId', 'UNKNOWN_LINE'],
      ['an unknown line', { ...base, lines: line(1, '00000000-0000-4000-8000-0000000000aa') }, 'BAD_USER_INPUT', 'lines.0.orderLineId', 'UNKNOWN_LINE'],
      ['a zero quantity', { ...base, lines: line(0) }, 'BAD_USER_INPUT', null, null],
      ['an order not delivered yet', { ...base, orderId: notDelivered.id, lines: line(1, notDelivered.lines[0]!.id) }, 'BAD_USER_INPUT', 'orderId', 'NOT_DELIVERED'],
      ['another franchise’s order', { ...base, orderId: westOrder.id, lines: line(1, handed.lines[0]!.id) }, 'NOT_FOUND', null, null],
      ['a lateness claim for an order without a promise', { ...base, reason: 'LATE_DELIVERY', lines: line(1, o.lines[1]!.id) }, 'BAD_USER_INPUT', 'reason', 'NOT_LATE'],
      ['a case request without its case', { ...base, source: 'CASE', lines: line(1, o.lines[1]!.id) }, 'BAD_USER_INPUT', 'caseId', 'REQUIRED'],
      ['evidence that is not a file', { ...base, evidence: [{ url: 'not a url', contentType: 'image/jpeg', size: 10 }], lines: line(1, o.lines[1]!.id) }, 'BAD_USER_INPUT', null, null],
    ];
    for (const [name, input, code, field, reason] of cases) {
      const before = await returnCount();
      const res = await requestReturn(agent, input);
      expect({ name, codes: errorCodes(res) }).toEqual({ name, codes: [code] });
      if (field) expect({ name, field: res.body.errors![0]!.extensions!.field }).toEqual({ name, field });
      if (reason) expect({ name, reason: (res.body.errors![0]!.extensions!.fields as { reason: string }[])[0]!.reason }).toEqual({ name, reason });
      expect(await returnCount()).toBe(before);
    }
    // Past the franchise's window (7 days by default; here set to 3).
    await must(owner, 'mutation { updateReturnSettings(input: { windowDays: 3 }) { windowDays } }');
    try {
      clock.travelTo(clock.nowMs() + 4 * 86_400_000);
      const res = await requestReturn(agent, { ...base, lines: line(1, o.lines[1]!.id) });
      expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderId', fields: [{ reason: 'RETURN_WINDOW_CLOSED', params: { windowDays: 3 } }] });
    } finally {
      clock.reset();
      await must(owner, 'mutation { updateReturnSettings(input: { windowDays: 7 }) { windowDays } }');
    }
  });

  it('makes a late delivery eligible for a delivery return, and an on-time one not', async () => {
    const promisedPast = new Date(clock.nowMs() - 3_600_000).toISOString();
    const late = await order([{ productId: vitamin.id, quantity: 2 }], { expectedDeliveryAt: promisedPast });
    const r = await mustRequestReturn(agent, { orderId: late.id, kind: 'REFUND', reason: 'LATE_DELIVERY', source: 'PHONE', lines: [{ orderLineId: late.lines[0]!.id, quantity: 2 }] });
    expect(r).toMatchObject({ reasonCategory: 'DELIVERY', shippingPaidBy: 'STORE', state: 'REQUESTED' });
    const onTime = await order([{ productId: vitamin.id, quantity: 1 }], { expectedDeliveryAt: new Date(clock.nowMs() + 86_400_000).toISOString() });
    const refused = await requestReturn(agent, { orderId: onTime.id, kind: 'REFUND', reason: 'LATE_DELIVERY', source: 'PHONE', lines: [{ orderLineId: onTime.lines[0]!.id, quantity: 1 }] });
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason', fields: [{ reason: 'NOT_LATE' }] });
  });

  it('exchanges: the replacement is an order of the returned units through the order service, reserving its stock', async () => {
    const o = await order([{ productId: vitamin.id, quantity: 2 }]);
    const r = await mustRequestReturn(agent, { orderId: o.id, kind: 'EXCHANGE', reason: 'DAMAGED_IN_TRANSIT', source: 'ORDER_PAGE', lines: [{ orderLineId: o.lines[0]!.id, quantity: 2 }] });
    const received = await toReceived(r);
    const inspected = (await inspectAll(received, () => ({ acceptedQuantity: 0, damagedQuantity: 2, packagingIntact: false }))).body.data!.inspectReturn!;
    expect(inspected).toMatchObject({ state: 'EXCHANGE_PENDING', stage: 'SETTLEMENT', refundCents: 0, slaClock: 'REFUND' });
    const exchanged = await mustReturnAct(supervisor, 'exchangeReturn', { id: r.id });
    expect(exchanged).toMatchObject({ state: 'EXCHANGED', stage: 'COMPLETED', slaClock: null });
    const { order: replacement } = await must<{ order: { state: string; paymentStatus: string; customerId: string; note: string; lines: { productId: string; quantity: number }[] } }>(owner, 'query($id: ID!) { order(id: $id) { state paymentStatus customerId note lines { productId quantity } } }', { id: exchanged.replacementOrderId });
    expect(replacement).toMatchObject({ state: 'APPROVED', paymentStatus: 'PAID', customerId, lines: [{ productId: vitamin.id, quantity: 2 }] });
    expect(replacement.note).toContain(r.returnNo);
    const { stockReservations } = await must<{ stockReservations: { nodes: { status: string; quantity: number }[] } }>(owner, 'query($id: ID!) { stockReservations(filter: { documentId: { eq: $id } }) { nodes { status quantity } } }', { id: exchanged.replacementOrderId });
    expect(stockReservations.nodes).toEqual([{ status: 'ACTIVE', quantity: 2 }]);
  });

  it('lets one of two concurrent inspections through; the other is a version conflict and restocks nothing', async () => {
    const o = await order([{ productId: vitamin.id, quantity: 4 }]);
    const r = await mustRequestReturn(agent, { orderId: o.id, kind: 'REFUND', reason: 'SPOILED', source: 'WECHAT', lines: [{ orderLineId: o.lines[0]!.id, quantity: 4 }] });
    const received = await toReceived(r);
    const before = await stockByPlace(owner, wh.warehouseId, vitamin.id);
    const [a, b] = await Promise.all([inspectAll(received, () => ({ acceptedQuantity: 4, damagedQuantity: 0, packagingIntact: true })), inspectAll(received, () => ({ acceptedQuantity: 2, damagedQuantity: 2, packagingIntact: true }))]);
    const codes = [errorCodes(a), errorCodes(b)].map((c) => c.join()).sort();
    expect(codes).toEqual(['', 'CONFLICT']);
    const winner = (a.body.data?.inspectReturn ?? b.body.data?.inspectReturn)!;
    const after = await stockByPlace(owner, wh.warehouseId, vitamin.id);
    const total = (s: Record<string, [number, number]>) => Object.values(s).reduce((n, v) => n + v[0], 0);
    expect(total(after) - total(before)).toBe(4);
    expect(winner.lines[0]!.restockedQuantity! + winner.lines[0]!.quarantinedQuantity!).toBe(4);
  });

  it('sends a refund above the refund-approval threshold to approval first (four eyes), then refunds it', async () => {
    // East runs refund-approval at 500 yuan: a 600-yuan kit returned is a real refund above it.
    const kit = await createProduct(hq, { genericName: '血糖仪套装', category: 'OTC', priceCents: 60_000 });
    await receive(owner, wh.warehouseId, [{ productId: kit.id, zoneId: wh.normalZoneId, lotNo: 'KIT-1', expiryDate: inDays(700), quantity: 3 }]);
    const o = await order([{ productId: kit.id, quantity: 1 }]);
    const r = await mustRequestReturn(agent, { orderId: o.id, kind: 'REFUND', reason: 'DAMAGED', source: 'APP', lines: [{ orderLineId: o.lines[0]!.id, quantity: 1 }] });
    const received = await toReceived(r);
    const inspected = (await returnAction(supervisor, 'inspectReturn', { id: r.id, version: received.version, lines: [{ returnLineId: received.lines[0]!.id, acceptedQuantity: 0, damagedQuantity: 1, packagingIntact: true }] }, 'InspectReturnInput')).body.data!.inspectReturn!;
    expect(inspected).toMatchObject({ state: 'AWAITING_REFUND_APPROVAL', stage: 'SETTLEMENT', refundCents: 60_000, slaClock: 'REFUND' });
    expect((await returnAction(supervisor, 'refundReturn', { id: r.id }, 'RefundReturnInput')).body.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', allowed: ['approve_refund', 'reject_refund'] });
    const own = await returnAction(supervisor, 'transitionReturn', { id: r.id, action: 'approve_refund' }, 'TransitionReturnInput');
    expect(own.body.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'OWN_REFUND_REQUEST' });
    const approved = await mustReturnAct(owner, 'transitionReturn', { id: r.id, action: 'approve_refund' }, 'TransitionReturnInput');
    expect(approved).toMatchObject({ state: 'REFUND_PENDING', slaClock: 'REFUND' });
    expect(await mustReturnAct(supervisor, 'refundReturn', { id: r.id }, 'RefundReturnInput')).toMatchObject({ state: 'REFUNDED', refundCents: 60_000 });
  });

  it('lists the queue with filters on stage, SLA status and order', async () => {
    const { returns } = await must<{ returns: { totalCount: number; nodes: { returnNo: string; stage: string; slaStatus: string | null; order: { orderNo: string } | null; lines: { product: { id: string } | null }[] }[] } }>(
      owner,
      `{ returns(filter: { stage: { in: [NEW, REVIEW] }, slaStatus: { eq: OK } }, sorting: [{ field: slaDueAt, direction: ASC }], paging: { limit: 50 }) { totalCount nodes { returnNo stage slaStatus order { orderNo } lines { product { id } } } } }`,
    );
    expect(returns.totalCount).toBeGreaterThan(0);
    expect(returns.nodes.every((n) => ['NEW', 'REVIEW'].includes(n.stage) && n.slaStatus === 'OK' && n.order?.orderNo && n.lines.every((l) => l.product?.id))).toBe(true);
    expect(RETURN_FIELDS).toContain('slaStatus');
  });
});
