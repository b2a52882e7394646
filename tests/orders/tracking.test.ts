import { startTestApp, type TestApp } from '../support/app';
import { apiKeyCaller, errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive } from '../inventory/support';
import { DELIVERY, mustAct, mustCreateOrder, type OrderRow } from './support';

jest.setTimeout(120_000);

const RECORD = `mutation($e: [TrackingEventInput!]!) { recordTrackingEvents(input: { events: $e }) { accepted duplicates unmatched } }`;
const TRACKED = `query($id: ID!) { order(id: $id) { version state trackingStatus trackingUpdatedAt estimatedArrivalAt deliveredAt trackingEvents { eventId status occurredAt location } } }`;

interface Tracked {
  version: number;
  state: string;
  trackingStatus: string | null;
  trackingUpdatedAt: string | null;
  estimatedArrivalAt: string | null;
  deliveredAt: string | null;
  trackingEvents: { eventId: string; status: string; occurredAt: string; location: string | null }[];
}

/** A logistics partner posts tracking events with its API key: batched, idempotent by event id, out of order. */
describe('carrier tracking events', () => {
  let app: TestApp;
  let owner: Caller;
  let carrier: Caller;
  let shipped: OrderRow;

  beforeAll(async () => {
    app = await startTestApp();
    const hq = await signIn(app, 'admin@hq.demo');
    owner = await signIn(app, 'owner@east.demo');
    carrier = await apiKeyCaller(app, owner, { permissions: ['order:track'] });
    const wh = await createWarehouse(owner, 'EAST-TRK');
    const product = await createProduct(hq, { priceCents: 3300 });
    await receive(owner, wh.warehouseId, [{ productId: product.id, zoneId: wh.normalZoneId, lotNo: 'TRK-1', expiryDate: inDays(300), quantity: 20 }]);
    const customerId = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!.id;
    let order = await mustCreateOrder(owner, { channel: 'ONLINE_SHOP', customerId, warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity: 2 }], ...DELIVERY });
    for (const action of ['startOrderReview', 'reviewOrder', 'startOrderPicking']) order = await mustAct(owner, action, { id: order.id });
    shipped = await mustAct(owner, 'shipOrder', { id: order.id, carrier: '顺丰速运', trackingNo: 'SF7000000001', expectedDeliveryAt: new Date(Date.now() + 3 * 86_400_000).toISOString() }, 'ShipOrderInput');
  }, 180_000);
  afterAll(() => app.stop());

  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
  const tracked = async () => (await must<{ order: Tracked }>(owner, TRACKED, { id: shipped.id })).order;

  it('takes a batch out of order, shows the latest event, and a replay changes nothing', async () => {
    const eta = new Date(Date.now() + 5 * 3_600_000).toISOString();
    const batch = [
      { eventId: 'sf-3', trackingNo: 'SF7000000001', status: 'OUT_FOR_DELIVERY', occurredAt: at(1), location: '上海浦东营业部', eta },
      { eventId: 'sf-1', trackingNo: 'SF7000000001', status: 'PICKED_UP', occurredAt: at(20), location: '上海中心仓' },
      { eventId: 'sf-2', trackingNo: 'SF7000000001', status: 'IN_TRANSIT', occurredAt: at(10), location: '上海转运中心' },
      { eventId: 'zz-1', trackingNo: 'NO-SUCH-PARCEL', status: 'IN_TRANSIT', occurredAt: at(2) },
    ];
    const first = await must<{ recordTrackingEvents: { accepted: number; duplicates: number; unmatched: string[] } }>(carrier, RECORD, { e: batch });
    expect(first.recordTrackingEvents).toEqual({ accepted: 3, duplicates: 0, unmatched: ['zz-1'] });
    const after = await tracked();
    expect([after.state, after.trackingStatus, after.trackingUpdatedAt, after.estimatedArrivalAt]).toEqual(['SHIPPED', 'OUT_FOR_DELIVERY', batch[0]!.occurredAt, eta]);
    expect(after.trackingEvents.map((e) => e.eventId)).toEqual(['sf-1', 'sf-2', 'sf-3']);

    const replay = await must<{ recordTrackingEvents: { accepted: number; duplicates: number } }>(carrier, RECORD, { e: batch });
    expect(replay.recordTrackingEvents).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await tracked()).toEqual(after);

    // A late-arriving older event is kept, but the order still shows the latest.
    await must(carrier, RECORD, { e: [{ eventId: 'sf-2b', trackingNo: 'SF7000000001', status: 'IN_TRANSIT', occurredAt: at(5), location: '上海转运中心' }] });
    const late = await tracked();
    expect([late.trackingStatus, late.trackingEvents.map((e) => e.eventId)]).toEqual(['OUT_FOR_DELIVERY', ['sf-1', 'sf-2', 'sf-2b', 'sf-3']]);
  });

  it('a delivery event moves the shipped order to DELIVERED through the workflow, once', async () => {
    const delivered = [{ eventId: 'sf-4', trackingNo: 'SF7000000001', status: 'DELIVERED', occurredAt: at(0.5), location: '客户本人签收' }];
    await must(carrier, RECORD, { e: delivered });
    const after = await tracked();
    expect([after.state, after.trackingStatus]).toEqual(['DELIVERED', 'DELIVERED']);
    expect(after.deliveredAt).not.toBeNull();
    const again = await must<{ recordTrackingEvents: { duplicates: number } }>(carrier, RECORD, { e: delivered });
    expect(again.recordTrackingEvents.duplicates).toBe(1);
    expect((await tracked()).version).toBe(after.version);
    const { order } = await must<{ order: { events: { kind: string; action: string | null }[] } }>(owner, 'query($id: ID!) { order(id: $id) { events { kind action } } }', { id: shipped.id });
    expect(order.events.filter((e) => e.kind === 'TRANSITION').map((e) => e.action).slice(-1)).toEqual(['carrier_deliver']);
  });

  it('refuses a key without order:track and bad events', async () => {
    const other = await apiKeyCaller(app, owner, { permissions: ['order:read'] });
    expect(errorCodes(await other.graphql(RECORD, { e: [{ eventId: 'x', trackingNo: 'SF7000000001', status: 'IN_TRANSIT', occurredAt: at(1) }] }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await carrier.graphql(RECORD, { e: [{ eventId: '', trackingNo: 'SF7000000001', status: 'IN_TRANSIT', occurredAt: at(1) }] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await carrier.graphql(RECORD, { e: [] }))).toEqual(['BAD_USER_INPUT']);
  });
});
