import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive, type ProductRow, type WarehouseSetup } from '../inventory/support';
import { DELIVERY, mustAct, mustCreateOrder, orderAction, type OrderRow } from './support';

jest.setTimeout(120_000);

const CASE_FIELDS = `id version caseNo type category state customerId ownerId tags orderRef productRef batchRef orderId orderLineId productId lotId
  order { id orderNo state stateLabel } orderLine { id lineNo } product { id genericName } lot { id lotNo expiryDate }`;

interface CaseRow {
  id: string;
  version: number;
  caseNo: string;
  type: string;
  category: string | null;
  state: string;
  customerId: string | null;
  ownerId: string | null;
  tags: string[];
  orderRef: string | null;
  productRef: string | null;
  batchRef: string | null;
  orderId: string | null;
  orderLineId: string | null;
  productId: string | null;
  lotId: string | null;
  order: { id: string; orderNo: string; state: string; stateLabel: string } | null;
  orderLine: { id: string; lineNo: number } | null;
  product: { id: string; genericName: string } | null;
  lot: { id: string; lotNo: string; expiryDate: string } | null;
}

/** Cases and orders linked both ways: checked links, the order's live status on the case, the cases orders open, orders on the customer's timeline. */
describe('orders and cases', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let agent: Caller;
  let keeper: Caller;
  let westOwner: Caller;
  let agentId: string;
  let wh: WarehouseSetup;
  let customerId: string;
  let otherCustomerId: string;
  let amox: ProductRow;
  let vitamin: ProductRow;
  let lots: Record<string, string>;

  beforeAll(async () => {
    // Jobs on: the contact case for an order on hold is a reaction to the order's event.
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    [hq, owner, agent, keeper, westOwner] = (await Promise.all(['admin@hq.demo', 'owner@east.demo', 'agent@east.demo', 'warehouse@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller, Caller, Caller];
    agentId = (await must<{ me: { user: { id: string } } }>(agent, '{ me { user { id } } }')).me.user.id;
    wh = await createWarehouse(owner, 'EAST-OC');
    amox = await createProduct(hq, { priceCents: 2350 });
    vitamin = await createProduct(hq, { genericName: '维生素C片', category: 'SUPPLEMENT', priceCents: 1200 });
    lots = await receive(owner, wh.warehouseId, [
      { productId: amox.id, zoneId: wh.normalZoneId, lotNo: 'OC-AMX', expiryDate: inDays(400), quantity: 40 },
      { productId: vitamin.id, zoneId: wh.normalZoneId, lotNo: 'OC-VC-1', expiryDate: inDays(200), quantity: 1 },
      { productId: vitamin.id, zoneId: wh.normalZoneId, lotNo: 'OC-VC-2', expiryDate: inDays(300), quantity: 30 },
    ]);
    const customers = await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 2 }) { nodes { id } } }');
    [customerId, otherCustomerId] = customers.customers.nodes.map((c) => c.id) as [string, string];
  }, 180_000);
  afterAll(() => app.stop());

  const online = (lines: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({ channel: 'WECHAT', customerId, warehouseId: wh.warehouseId, lines, ...DELIVERY, ...extra });
  const createCase = (caller: Caller, fields: Record<string, unknown>) =>
    caller.graphql<{ createOneCase: CaseRow }>(`mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { ${CASE_FIELDS} } }`, { c: { type: 'ORDER_INQUIRY', channel: 'PHONE', subject: '订单什么时候到', description: '客户来电询问订单', ...fields } });
  const mustCreateCase = async (caller: Caller, fields: Record<string, unknown>) => {
    const res = await createCase(caller, fields);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.createOneCase;
  };
  const readCase = async (id: string) => (await must<{ case: CaseRow }>(owner, `query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`, { id })).case;
  const orderCases = async (id: string) =>
    (await must<{ order: { cases: { id: string; caseNo: string; type: string; category: string | null; tags: string[]; ownerId: string | null; orderLineId: string | null; lotId: string | null }[] } }>(
      owner,
      'query($id: ID!) { order(id: $id) { cases { id caseNo type category tags ownerId orderLineId lotId } } }',
      { id },
    )).order.cases;
  /** The reaction to the hold opens the contact case just after the commit: waits for it. */
  const orderCasesSoon = async (id: string, count = 1) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const cases = await orderCases(id);
      if (cases.length >= count || Date.now() > deadline) return cases;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const caseCount = async () => (await must<{ cases: { totalCount: number } }>(owner, '{ cases { totalCount } }')).cases.totalCount;
  /** An online order picked and shipped: its lines have left with their lots. */
  const shippedOrder = async (lines: Record<string, unknown>[]): Promise<OrderRow> => {
    let order = await mustCreateOrder(agent, online(lines));
    order = await mustAct(agent, 'startOrderReview', { id: order.id });
    order = await mustAct(agent, 'reviewOrder', { id: order.id });
    order = await mustAct(keeper, 'startOrderPicking', { id: order.id });
    order = await mustAct(keeper, 'shipOrder', { id: order.id, carrier: '顺丰速运', trackingNo: `SF${Date.now()}` }, 'ShipOrderInput');
    return mustAct(keeper, 'deliverOrder', { id: order.id });
  };

  it('links a case to an order: the number, the order’s customer, its live status on the case and the case on the order', async () => {
    const order = await mustCreateOrder(agent, online([{ productId: amox.id, quantity: 1 }]));
    const c = await mustCreateCase(agent, { orderId: order.id });
    expect(c).toMatchObject({ orderId: order.id, orderRef: order.orderNo, customerId, order: { id: order.id, orderNo: order.orderNo, state: 'RECEIVED', stateLabel: '已接单 Received' } });
    await mustAct(agent, 'startOrderReview', { id: order.id });
    expect((await readCase(c.id)).order).toMatchObject({ state: 'UNDER_REVIEW', stateLabel: '审核中 Under review' });
    expect((await orderCases(order.id)).map((x) => x.id)).toEqual([c.id]);
  });

  it('links an order number the customer quoted; a number from elsewhere stays text', async () => {
    const order = await mustCreateOrder(agent, online([{ productId: amox.id, quantity: 1 }]));
    const quoted = await mustCreateCase(agent, { orderRef: order.orderNo });
    expect([quoted.orderId, quoted.customerId, quoted.order?.orderNo]).toEqual([order.id, customerId, order.orderNo]);
    const elsewhere = await mustCreateCase(agent, { orderRef: 'JD-88812345', customerId });
    expect([elsewhere.orderId, elsewhere.orderRef, elsewhere.order]).toEqual([null, 'JD-88812345', null]);
  });

  it('links an order line: its product and the lot it left with follow', async () => {
    const order = await shippedOrder([{ productId: vitamin.id, quantity: 2 }, { productId: amox.id, quantity: 3 }]);
    const [vcLine, amxLine] = order.lines;
    const c = await mustCreateCase(agent, { type: 'COMPLAINT', category: 'DRUG_SPOILED', orderLineId: amxLine!.id });
    expect(c).toMatchObject({ orderId: order.id, orderLineId: amxLine!.id, productId: amox.id, lotId: lots['OC-AMX'], batchRef: 'OC-AMX', orderLine: { lineNo: 2 }, product: { id: amox.id }, lot: { lotNo: 'OC-AMX' } });
    expect(c.productRef).toContain(amox.genericName);
    // The vitamin line left as two lots: the lot is named, and must be one of them.
    const twoLots = await mustCreateCase(agent, { type: 'COMPLAINT', orderLineId: vcLine!.id });
    expect([twoLots.productId, twoLots.lotId]).toEqual([vitamin.id, null]);
    const named = await mustCreateCase(agent, { type: 'COMPLAINT', orderLineId: vcLine!.id, lotId: lots['OC-VC-2'] });
    expect([named.lotId, named.batchRef]).toEqual([lots['OC-VC-2'], 'OC-VC-2']);
    const wrongLot = await createCase(agent, { type: 'COMPLAINT', orderLineId: amxLine!.id, lotId: lots['OC-VC-2'] });
    expect(errorCodes(wrongLot)).toEqual(['BAD_USER_INPUT']);
    expect(wrongLot.body.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ field: 'case.lotId', reason: 'OTHER_LOT' })]);
  });

  it('refuses links that do not hold, naming the field, and writes nothing', async () => {
    const order = await mustCreateOrder(agent, online([{ productId: amox.id, quantity: 1 }]));
    const other = await mustCreateOrder(agent, online([{ productId: amox.id, quantity: 1 }]));
    const westWh = await createWarehouse(westOwner, 'WEST-OC');
    await receive(westOwner, westWh.warehouseId, [{ productId: amox.id, zoneId: westWh.normalZoneId, lotNo: 'OC-WEST', expiryDate: inDays(300), quantity: 5 }]);
    const westCustomer = (await must<{ customers: { nodes: { id: string }[] } }>(westOwner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!.id;
    const west = await mustCreateOrder(westOwner, { ...online([{ productId: amox.id, quantity: 1 }]), customerId: westCustomer, warehouseId: westWh.warehouseId });
    const before = await caseCount();
    const cases: [string, Record<string, unknown>, string, Record<string, unknown> | null][] = [
      ['a line of another order', { orderId: order.id, orderLineId: other.lines[0]!.id }, 'BAD_USER_INPUT', { field: 'case.orderLineId', reason: 'OTHER_ORDER' }],
      ['another customer’s order', { orderId: order.id, customerId: otherCustomerId }, 'BAD_USER_INPUT', { field: 'case.orderId', reason: 'OTHER_CUSTOMER' }],
      ['an unknown order', { orderId: '00000000-0000-4000-8000-0000000000aa' }, 'NOT_FOUND', null],
      ['an unknown lot', { lotId: '00000000-0000-4000-8000-0000000000ab' }, 'NOT_FOUND', null],
      ['a lot of another product', { productId: amox.id, lotId: lots['OC-VC-1'] }, 'BAD_USER_INPUT', { field: 'case.lotId', reason: 'OTHER_PRODUCT' }],
    ];
    cases.push(['another franchise’s order', { orderId: west.id }, 'NOT_FOUND', null], ['another franchise’s order line', { orderLineId: west.lines[0]!.id }, 'NOT_FOUND', null]);
    for (const [name, fields, code, extensions] of cases) {
      const res = await createCase(agent, fields);
      expect([name, errorCodes(res)]).toEqual([name, [code]]);
      if (extensions) expect(res.body.errors![0]!.extensions!.fields).toEqual([expect.objectContaining(extensions)]);
    }
    expect(await caseCount()).toBe(before);
    // West's order number quoted in the east is only text: nothing of west's is linked or shown.
    const quoted = await mustCreateCase(agent, { orderRef: west.orderNo, customerId });
    expect([quoted.orderId, quoted.order, quoted.orderRef]).toEqual([null, null, west.orderNo]);
  });

  it('links and unlinks an order on an existing case, with a version check', async () => {
    const order = await mustCreateOrder(agent, online([{ productId: amox.id, quantity: 1 }]));
    const c = await mustCreateCase(agent, {});
    const update = (version: number, fields: Record<string, unknown>) =>
      agent.graphql<{ updateOneCase: CaseRow }>(`mutation($id: ID!, $v: Int!, $u: CaseUpdate!) { updateOneCase(input: { id: $id, version: $v, update: $u }) { ${CASE_FIELDS} } }`, { id: c.id, v: version, u: fields });
    const linked = (await update(c.version, { orderId: order.id })).body.data!.updateOneCase;
    expect([linked.orderId, linked.orderRef, linked.customerId]).toEqual([order.id, order.orderNo, customerId]);
    expect(errorCodes(await update(c.version, { orderId: null }))).toEqual(['CONFLICT']);
    const unlinked = (await update(linked.version, { orderId: null })).body.data!.updateOneCase;
    expect([unlinked.orderId, unlinked.orderRef, unlinked.order, unlinked.customerId]).toEqual([null, null, null, customerId]);
  });

  it('puts an order on hold for the customer with a case to contact them, owned by the reviewer; one open case per order', async () => {
    let order = await mustCreateOrder(agent, online([{ productId: amox.id, quantity: 1 }]));
    order = await mustAct(agent, 'startOrderReview', { id: order.id });
    order = await mustAct(agent, 'holdOrderForCustomer', { id: order.id, reason: '地址缺少门牌号，联系客户确认' }, 'ReasonedOrderActionInput');
    let cases = await orderCasesSoon(order.id);
    expect(cases).toEqual([expect.objectContaining({ type: 'ORDER_INQUIRY', tags: ['order-waiting'], ownerId: agentId })]);
    const contact = await readCase(cases[0]!.id);
    expect(contact).toMatchObject({ customerId, orderRef: order.orderNo, order: { state: 'WAITING_CUSTOMER' } });
    order = await mustAct(agent, 'resumeOrderReview', { id: order.id });
    const again = await mustAct(agent, 'holdOrderForCustomer', { id: order.id, reason: '电话未接通' }, 'ReasonedOrderActionInput');
    // Once the second hold's reaction has run (a later order's case shows it is past), still one case.
    const later = await mustCreateOrder(agent, online([{ productId: amox.id, quantity: 1 }]));
    await mustAct(agent, 'holdOrderForCustomer', { id: (await mustAct(agent, 'startOrderReview', { id: later.id })).id, reason: '核对地址' }, 'ReasonedOrderActionInput');
    await orderCasesSoon(later.id);
    expect(again.state).toBe('WAITING_CUSTOMER');
    cases = await orderCases(order.id);
    expect(cases).toHaveLength(1);

    // Short stock at review sends it to the customer the same way.
    let short = await mustCreateOrder(agent, online([{ productId: vitamin.id, quantity: 500 }]));
    short = await mustAct(agent, 'startOrderReview', { id: short.id });
    short = await mustAct(agent, 'reviewOrder', { id: short.id });
    expect(short.state).toBe('WAITING_CUSTOMER');
    const shortCases = await orderCasesSoon(short.id);
    expect(shortCases).toEqual([expect.objectContaining({ type: 'ORDER_INQUIRY', ownerId: agentId })]);
  });

  it('turns a problem on receipt into a complaint about the order line and its lot', async () => {
    const order = await shippedOrder([{ productId: amox.id, quantity: 2 }]);
    const bad = await orderAction(agent, 'confirmOrderReceipt', { id: order.id, condition: 'PROBLEM', problem: 'DRUG_SPOILED', problemLineId: '00000000-0000-4000-8000-0000000000ac' }, 'ConfirmOrderReceiptInput');
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.body.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ field: 'input.problemLineId', reason: 'OTHER_ORDER' })]);
    expect(await orderCases(order.id)).toEqual([]);
    const confirmed = await mustAct(agent, 'confirmOrderReceipt', { id: order.id, condition: 'PROBLEM', problem: 'DRUG_SPOILED', problemLineId: order.lines[0]!.id, note: '胶囊受潮结块' }, 'ConfirmOrderReceiptInput');
    expect(confirmed.state).toBe('RECEIPT_CONFIRMED');
    const [complaint] = await orderCases(order.id);
    expect(complaint).toMatchObject({ type: 'COMPLAINT', category: 'DRUG_SPOILED', tags: ['order-receipt'], ownerId: agentId, orderLineId: order.lines[0]!.id, lotId: lots['OC-AMX'] });
    const good = await shippedOrder([{ productId: amox.id, quantity: 1 }]);
    await mustAct(agent, 'confirmOrderReceipt', { id: good.id, condition: 'GOOD' }, 'ConfirmOrderReceiptInput');
    expect(await orderCases(good.id)).toEqual([]);
  });

  it('shows orders on the customer’s timeline with their amounts', async () => {
    const order = await mustCreateOrder(agent, online([{ productId: amox.id, quantity: 2 }]));
    const { customerTimeline } = await must<{ customerTimeline: { nodes: { kind: string; title: string; summary: string; amount: number | null; refType: string | null; refId: string | null }[] } }>(
      owner,
      'query($id: ID!) { customerTimeline(customerId: $id, first: 50, kinds: ["order"]) { nodes { kind title summary amount refType refId } } }',
      { id: customerId },
    );
    expect(customerTimeline.nodes.find((n) => n.refId === order.id)).toMatchObject({ kind: 'order', title: `订单 ${order.orderNo}`, summary: '已接单 Received', amount: 47, refType: 'Order' });
    expect(customerTimeline.nodes.every((n) => n.kind === 'order')).toBe(true);
  });
});
