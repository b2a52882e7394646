import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive, type ProductRow, type WarehouseSetup } from '../inventory/support';
import { DELIVERY, mustAct, mustCreateOrder, type OrderRow } from './support';

jest.setTimeout(120_000);

const CHANGE = `mutation($i: ChangeOrderDeliveryInput!) { changeOrderDelivery(input: $i) { id version deliveryName deliveryPhone deliveryAddress identityVerifiedAt } }`;
const VERIFY = `mutation($i: VerifyOrderCustomerInput!) { verifyOrderCustomer(input: $i) { id version identityVerifiedAt identityVerificationMethod } }`;
const TIMELINE = `query($id: ID!) { order(id: $id) { version deliveryAddress events { kind actorId reason details } } }`;

/** Delivery changes only after the customer's identity was verified; each change kept with who, when, before and after; never a silent overwrite. */
describe('order delivery changes', () => {
  let app: TestApp;
  let owner: Caller;
  let agent: Caller & { tokens: { user: { id: string } } };
  let keeper: Caller;
  let wh: WarehouseSetup;
  let product: ProductRow;
  let customerId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const hq = await signIn(app, 'admin@hq.demo');
    [owner, agent, keeper] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo'), signIn(app, 'warehouse@east.demo')]);
    wh = await createWarehouse(owner, 'EAST-CHG');
    product = await createProduct(hq, { priceCents: 1800 });
    await receive(owner, wh.warehouseId, [{ productId: product.id, zoneId: wh.normalZoneId, lotNo: 'CHG-1', expiryDate: inDays(300), quantity: 20 }]);
    customerId = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!.id;
  }, 180_000);
  afterAll(() => app.stop());

  const newOrder = () => mustCreateOrder(agent, { channel: 'PHONE', customerId, warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity: 1 }], ...DELIVERY });
  const change = (order: Pick<OrderRow, 'id' | 'version'>, update: Record<string, unknown>) => agent.graphql<{ changeOrderDelivery: { version: number; deliveryAddress: string; identityVerifiedAt: string | null } }>(CHANGE, { i: { id: order.id, version: order.version, reason: '客户来电更正地址', ...update } });
  const verify = (id: string) => must<{ verifyOrderCustomer: { version: number; identityVerifiedAt: string; identityVerificationMethod: string } }>(agent, VERIFY, { i: { id, method: 'CALLBACK_REGISTERED_PHONE', note: '回拨档案手机号，核对姓名与出生日期' } });

  it('refuses a change before the identity was verified, and changes nothing', async () => {
    const order = await newOrder();
    const res = await change(order, { deliveryAddress: '上海市静安区南京西路 1 号' });
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.errors![0]!.extensions).toMatchObject({ reason: 'IDENTITY_NOT_VERIFIED' });
    const after = await must<{ order: { version: number; deliveryAddress: string; events: { kind: string }[] } }>(owner, TIMELINE, { id: order.id });
    expect([after.order.version, after.order.deliveryAddress, after.order.events.map((e) => e.kind)]).toEqual([order.version, DELIVERY.deliveryAddress, ['CREATED']]);
  });

  it('after verification changes the address once, keeping who verified, who changed, before and after as a version', async () => {
    const order = await newOrder();
    const verified = (await verify(order.id)).verifyOrderCustomer;
    expect(verified.identityVerificationMethod).toBe('CALLBACK_REGISTERED_PHONE');
    const res = await change({ id: order.id, version: verified.version }, { deliveryAddress: '上海市静安区南京西路 1 号 5 楼', deliveryPhone: '13900139000' });
    expect(res.body.errors).toBeUndefined();
    const changed = res.body.data!.changeOrderDelivery;
    expect([changed.deliveryAddress, changed.identityVerifiedAt, changed.version]).toEqual(['上海市静安区南京西路 1 号 5 楼', null, verified.version + 1]);
    const { order: read } = await must<{ order: { events: { kind: string; actorId: string; reason: string | null; details: Record<string, unknown> }[] } }>(owner, TIMELINE, { id: order.id });
    expect(read.events.map((e) => e.kind)).toEqual(['CREATED', 'IDENTITY_VERIFIED', 'DELIVERY_CHANGED']);
    const entry = read.events[2]!;
    expect(entry).toMatchObject({ actorId: agent.tokens.user.id, reason: '客户来电更正地址' });
    expect(entry.details).toMatchObject({
      before: { deliveryAddress: DELIVERY.deliveryAddress, deliveryPhone: DELIVERY.deliveryPhone },
      after: { deliveryAddress: '上海市静安区南京西路 1 号 5 楼', deliveryPhone: '13900139000' },
      verifiedById: agent.tokens.user.id,
      verificationMethod: 'CALLBACK_REGISTERED_PHONE',
      version: changed.version,
    });
    // The verification was used up: the next change needs another.
    const again = await change({ id: order.id, version: changed.version }, { deliveryName: '王小芳' });
    expect(again.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IDENTITY_NOT_VERIFIED' });
  });

  it('a stale version is a CONFLICT, never a silent overwrite; an old verification no longer counts', async () => {
    const order = await newOrder();
    const verified = (await verify(order.id)).verifyOrderCustomer;
    expect(errorCodes(await change({ id: order.id, version: verified.version - 1 }, { deliveryAddress: '上海市徐汇区漕溪北路 2 号' }))).toEqual(['CONFLICT']);
    clock.advance(31 * 60_000);
    try {
      const late = await change({ id: order.id, version: verified.version }, { deliveryAddress: '上海市徐汇区漕溪北路 2 号' });
      expect(late.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IDENTITY_NOT_VERIFIED' });
    } finally {
      clock.advance(-31 * 60_000);
    }
  });

  it('refuses a change once the goods left, and a walk-in has nobody to verify', async () => {
    let order = await newOrder();
    for (const action of ['startOrderReview', 'reviewOrder', 'startOrderPicking']) order = await mustAct(action === 'startOrderPicking' ? keeper : agent, action, { id: order.id });
    order = await mustAct(keeper, 'shipOrder', { id: order.id, carrier: '顺丰速运', trackingNo: 'SF0001' }, 'ShipOrderInput');
    const verified = (await verify(order.id)).verifyOrderCustomer;
    const res = await change({ id: order.id, version: verified.version }, { deliveryAddress: '上海市徐汇区漕溪北路 2 号' });
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_SHIPPED' });
    const walkIn = await mustCreateOrder(owner, { channel: 'IN_STORE', warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity: 1 }] });
    const none = await agent.graphql(VERIFY, { i: { id: walkIn.id, method: 'IN_PERSON' } });
    expect(none.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ reason: 'WALK_IN' })] });
  });
});
