import {
  changeOrderDelivery,
  clock,
  createOrder,
  Customer,
  IdentityVerificationMethod,
  OrderChannel,
  PaymentStatus,
  ReceiptCondition,
  recordTrackingEvents,
  StaffUser,
  TrackingStatus,
  transitionOrder,
  verifyOrderCustomer,
  type RequestContext,
} from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Products by generic name (the inventory seed's catalog). */
const PRODUCTS = {
  NIF: '硝苯地平控释片', MET: '盐酸二甲双胍缓释片', ATV: '阿托伐他汀钙片', INS: '重组人胰岛素注射液', LOR: '氯雷他定片', IBU: '布洛芬缓释胶囊',
  VTC: '维生素C片', PRO: '乳清蛋白粉', FSO: '深海鱼油软胶囊', BIF: '双歧杆菌三联活菌胶囊',
} as const;
type Code = keyof typeof PRODUCTS;
type LineSpec = [Code, number, number?]; // product, quantity, prescribed daily dose

const CARRIERS = ['顺丰速运', '京东物流', '中通快递'];
const STREETS = ['徐汇区漕溪北路 88 号 1201 室', '浦东新区张杨路 500 号 7 楼', '静安区常德路 300 弄 5 号 402 室', '闵行区七莘路 1888 号 3 幢', '长宁区虹桥路 1438 号 B 座 901 室'];
const WEST_STREETS = ['成都市武侯区人民南路四段 12 号 3 单元 602', '成都市锦江区红星路三段 1 号 IFS 二号楼 18 层', '成都市高新区天府大道中段 666 号 2 栋 1105', '成都市青羊区宽窄巷子 33 号', '成都市金牛区一环路北三段 3 号'];

/**
 * Demo orders in every state for both franchises, through the order services as the staff who
 * did each step and when: online orders received, under review, waiting for the customer (short
 * stock, a wrong address), approved, picking, shipped with the carrier's tracking events, delivered
 * (by the carrier's event), receipt confirmed, cancelled; a delivery change after verifying the
 * customer; in store: a receipt issued, paid, handed over (a walk-in too), and a paid order
 * cancelled with its refund due. Some lines carry a prescribed daily dose (their run-out date).
 */
export const ordersSeeder: Seeder = {
  name: 'orders',
  async run({ em, rng, shared, logger }) {
    const started = Date.now();
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const now = clock.now();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const replay = new ServiceReplay(em, logger);
    const products = new Map<string, string>(
      (await em.execute<{ id: string; generic_name: string }[]>(`select id, generic_name from product where generic_name in (${Object.values(PRODUCTS).map(() => '?').join(', ')})`, Object.values(PRODUCTS))).map((r) => [r.generic_name, r.id]),
    );
    const staffId = async (email: string) => (await em.findOneOrFail(StaffUser, { email })).id;

    for (const { key, franchise } of organization.franchises) {
      const code = key.toUpperCase();
      const [agent, supervisor, keeper] = await Promise.all([staffId(`agent@${key}.demo`), staffId(`supervisor@${key}.demo`), staffId(`warehouse@${key}.demo`)]);
      const [{ id: warehouseId }] = await em.execute<[{ id: string }]>('select id from warehouse where code = ?', [`${code}-DC`]);
      const customers = await em.find(Customer, { franchiseId: franchise.id }, { orderBy: { recordNo: 'asc' }, limit: 40 });
      const streets = key === 'east' ? STREETS : WEST_STREETS;
      let n = 0;
      const lines = (spec: LineSpec[]) => spec.map(([c, quantity, dailyDose]) => ({ productId: products.get(PRODUCTS[c])!, quantity, dailyDose: dailyDose ?? null }));
      const act = (by: string, at: Date, id: string, action: string, input: Record<string, unknown> = {}) => replay.as(by, at, (ctx) => transitionOrder(ctx, { id, action, input }));

      /** An online order entered by the agent `days` ago, then taken through `steps` (each a few hours after the last). */
      const online = async (days: number, channel: OrderChannel, spec: LineSpec[], steps: ((id: string, at: (hours: number) => Date) => Promise<unknown>)[] = []) => {
        const customer = customers[n++ % customers.length]!;
        const start = ago(days);
        const order = await replay.as(agent, start, (ctx) =>
          createOrder(ctx, { channel, customerId: customer.id, warehouseId, lines: lines(spec), deliveryName: customer.name, deliveryPhone: customer.phone ?? '13800138000', deliveryAddress: rng.pick(streets), note: null }),
        );
        const at = (hours: number) => new Date(start.getTime() + hours * HOUR);
        for (const step of steps) await step(order.id, at);
        return order;
      };
      const review = (h: number) => async (id: string, at: (hours: number) => Date) => {
        await act(agent, at(h), id, 'start_review');
        await act(agent, at(h + 0.3), id, 'review');
      };
      const pick = (h: number) => (id: string, at: (hours: number) => Date) => act(keeper, at(h), id, 'start_picking');
      const ship = (h: number, trackingNo: string) => (id: string, at: (hours: number) => Date) =>
        replay.as(keeper, at(h), (ctx) => transitionOrder(ctx, { id, action: 'ship', input: { carrier: rng.pick(CARRIERS), trackingNo, expectedDeliveryAt: at(h + 48) } }));
      const track = (trackingNo: string, events: [TrackingStatus, number, string][]) => (_id: string, at: (hours: number) => Date) =>
        replay.as(keeper, at(events.at(-1)![1]), (ctx: RequestContext) =>
          recordTrackingEvents(ctx, events.map(([status, h, location], i) => ({ eventId: `${trackingNo}-${i + 1}`, trackingNo, status, occurredAt: at(h), location, eta: status === TrackingStatus.DELIVERED ? null : at(h + 24), note: null }))),
        );
      const tn = (i: number) => `${key === 'east' ? 'SF' : 'JD'}${String(1400000000000 + rng.int(0, 99_999_999)).slice(0, 13)}${i}`;
      const city = key === 'east' ? '上海' : '成都';

      // Received, not yet looked at.
      await online(0.1, OrderChannel.WECHAT, [['VTC', 2], ['FSO', 1]]);
      await online(0.05, OrderChannel.APP, [['LOR', 1]]);
      // Under review, after the customer asked for another address (identity verified first).
      await online(0.4, OrderChannel.PHONE, [['NIF', 2, 1]], [
        (id, at) => act(agent, at(0.2), id, 'start_review'),
        (id, at) => replay.as(agent, at(0.5), (ctx) => verifyOrderCustomer(ctx, { id, method: IdentityVerificationMethod.CALLBACK_REGISTERED_PHONE, note: '回拨档案手机号，核对姓名与出生日期' })),
        async (id, at) => {
          const { version } = (await em.execute<[{ version: number }]>('select version from sales_order where id = ?', [id]))[0];
          await replay.as(agent, at(0.6), (ctx) => changeOrderDelivery(ctx, { id, version, deliveryAddress: rng.pick(streets), reason: '客户来电：改送到公司地址' }));
        },
      ]);
      // Waiting for the customer: short stock (500 boxes asked), and an address that does not exist.
      await online(1.2, OrderChannel.ONLINE_SHOP, [['PRO', 500]], [review(1)]);
      await online(0.8, OrderChannel.WECHAT, [['ATV', 1]], [
        (id, at) => act(agent, at(0.5), id, 'start_review'),
        (id, at) => act(agent, at(0.7), id, 'wait_for_customer', { reason: '收货地址门牌号不存在，已致电客户未接通，待客户确认' }),
      ]);
      // Approved (stock reserved), and one being picked.
      await online(1, OrderChannel.APP, [['MET', 3, 2], ['IBU', 1]], [review(2)]);
      await online(1.5, OrderChannel.PHONE, [['ATV', 2], ['LOR', 1]], [review(1), pick(5)]);
      // Shipped with the carrier's tracking events; one out for delivery.
      const t1 = tn(1);
      await online(3, OrderChannel.ONLINE_SHOP, [['NIF', 1, 1], ['VTC', 1]], [review(1), pick(3), ship(5, t1), track(t1, [[TrackingStatus.PICKED_UP, 7, `${city}转运中心`], [TrackingStatus.IN_TRANSIT, 20, `${city}分拨中心`]])]);
      const t2 = tn(2);
      await online(2, OrderChannel.WECHAT, [['FSO', 2]], [review(1), pick(2), ship(4, t2), track(t2, [[TrackingStatus.PICKED_UP, 6, `${city}转运中心`], [TrackingStatus.IN_TRANSIT, 18, `${city}分拨中心`], [TrackingStatus.OUT_FOR_DELIVERY, 36, `${city}营业部`]])]);
      // Delivered by the carrier's event (the consumption period starts), and two with receipt confirmed.
      const t3 = tn(3);
      await online(5, OrderChannel.APP, [['MET', 2, 2]], [review(1), pick(3), ship(5, t3), track(t3, [[TrackingStatus.PICKED_UP, 7, `${city}转运中心`], [TrackingStatus.OUT_FOR_DELIVERY, 30, `${city}营业部`], [TrackingStatus.DELIVERED, 34, '本人签收']])]);
      for (const [i, [days, spec, condition]] of ([[9, [['ATV', 2, 1]], ReceiptCondition.GOOD], [7, [['PRO', 1], ['LOR', 2]], ReceiptCondition.PROBLEM]] as [number, LineSpec[], ReceiptCondition][]).entries()) {
        const t = tn(4 + i);
        await online(days, OrderChannel.PHONE, spec, [
          review(1), pick(3), ship(5, t),
          track(t, [[TrackingStatus.PICKED_UP, 7, `${city}转运中心`], [TrackingStatus.DELIVERED, 40, '本人签收']]),
          (id, at) => act(agent, at(52), id, 'confirm_receipt', condition === ReceiptCondition.GOOD ? { condition } : { condition, note: '外盒压痕，一盒铝箔板破损' }),
        ]);
      }
      // Cancelled: one before review (the customer changed their mind), one approved (its reservation released).
      await online(4, OrderChannel.WECHAT, [['IBU', 2]], [(id, at) => act(agent, at(1), id, 'cancel', { reason: '客户来电取消：已在附近药店购买' })]);
      await online(3.5, OrderChannel.APP, [['NIF', 4]], [review(1), (id, at) => act(supervisor, at(6), id, 'cancel', { reason: '客户要求取消，改为到店自提' })]);

      // In store, by the supervisor at the customers' stores: a receipt issued, paid, handed over (one a walk-in), a paid one cancelled.
      const inStore = async (days: number, customer: Customer | null, spec: LineSpec[], steps: string[], cancelReason?: string) => {
        const at = ago(days);
        const order = await replay.as(supervisor, at, (ctx) =>
          createOrder(ctx, { channel: OrderChannel.IN_STORE, customerId: customer?.id ?? null, orgUnitId: (customer ?? customers[0]!).orgUnitId, warehouseId, lines: lines(spec), paymentStatus: PaymentStatus.UNPAID }),
        );
        for (const [i, action] of steps.entries()) await act(supervisor, new Date(at.getTime() + (i + 1) * 300_000), order.id, action, action === 'cancel' ? { reason: cancelReason } : {});
      };
      await inStore(0.02, customers[n++ % customers.length]!, [['VTC', 1]], []);
      await inStore(0.03, customers[n++ % customers.length]!, [['LOR', 1], ['IBU', 1]], ['pay']);
      await inStore(2, customers[n++ % customers.length]!, [['MET', 2, 2], ['NIF', 1, 1]], ['pay', 'hand_over']);
      await inStore(1, null, [['VTC', 2]], ['pay', 'hand_over']);
      await inStore(6, customers[n++ % customers.length]!, [['FSO', 1]], ['pay', 'cancel'], '顾客付款后发现医保卡可报销，取消后重新开单');
    }
    logger.info({ ms: Date.now() - started }, 'demo orders seeded');
  },
};
