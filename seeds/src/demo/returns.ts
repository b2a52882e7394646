import { checkReturnClocks, clock, createOrder, OrderChannel, requestReturn, ReturnKind, ReturnReason, ReturnSource, StaffUser, transitionOrder, transitionReturn, type RequestContext } from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Where each demo return stops: every step of the workflow, for both franchises. */
type Step = 'requested' | 'overdue' | 'review' | 'approved' | 'shipped' | 'received' | 'inspected' | 'refunded' | 'exchanged' | 'rejected' | 'cancelled' | 'failed' | 'approval';

interface Story {
  step: Step;
  product: string;
  quantity: number;
  kind: ReturnKind;
  reason: ReturnReason;
  source: ReturnSource;
  description: string;
  /** Days before now the return was requested (the order was delivered a day earlier). */
  daysAgo: number;
}

const STORIES: Story[] = [
  { step: 'requested', product: 'LOR', quantity: 1, kind: ReturnKind.REFUND, reason: ReturnReason.DAMAGED, source: ReturnSource.WECHAT, description: '药盒被压扁，铝箔板破裂', daysAgo: 0.1 },
  { step: 'overdue', product: 'NIF', quantity: 2, kind: ReturnKind.REFUND, reason: ReturnReason.WRONG_ITEM, source: ReturnSource.PHONE, description: '订的是 30mg，收到的是 60mg', daysAgo: 3 },
  { step: 'review', product: 'MET', quantity: 1, kind: ReturnKind.EXCHANGE, reason: ReturnReason.SPOILED, source: ReturnSource.APP, description: '药片受潮变色', daysAgo: 0.5 },
  { step: 'approved', product: 'FSO', quantity: 1, kind: ReturnKind.REFUND, reason: ReturnReason.CUSTOMER_REASON, source: ReturnSource.APP, description: '家里还有，不需要了（未拆封）', daysAgo: 1 },
  { step: 'shipped', product: 'LOR', quantity: 2, kind: ReturnKind.REFUND, reason: ReturnReason.DAMAGED_IN_TRANSIT, source: ReturnSource.WECHAT, description: '快递外箱破损，两盒压坏', daysAgo: 2 },
  { step: 'received', product: 'ATV', quantity: 1, kind: ReturnKind.REFUND, reason: ReturnReason.LATE_DELIVERY, source: ReturnSource.PHONE, description: '承诺次日达，晚了两天', daysAgo: 4 },
  { step: 'inspected', product: 'NIF', quantity: 2, kind: ReturnKind.REFUND, reason: ReturnReason.DAMAGED, source: ReturnSource.ORDER_PAGE, description: '一盒破损，一盒完好但客户一并退回', daysAgo: 5 },
  { step: 'refunded', product: 'MET', quantity: 2, kind: ReturnKind.REFUND, reason: ReturnReason.SPOILED, source: ReturnSource.WECHAT, description: '药片有异味', daysAgo: 12 },
  { step: 'exchanged', product: 'LOR', quantity: 1, kind: ReturnKind.EXCHANGE, reason: ReturnReason.WRONG_ITEM, source: ReturnSource.APP, description: '规格发错，换成 10mg×6 片', daysAgo: 9 },
  { step: 'rejected', product: 'FSO', quantity: 1, kind: ReturnKind.REFUND, reason: ReturnReason.DAMAGED, source: ReturnSource.PHONE, description: '客户称瓶盖松动', daysAgo: 6 },
  { step: 'cancelled', product: 'ATV', quantity: 1, kind: ReturnKind.REFUND, reason: ReturnReason.CUSTOMER_REASON, source: ReturnSource.APP, description: '买多了', daysAgo: 2 },
  { step: 'failed', product: 'FSO', quantity: 1, kind: ReturnKind.REFUND, reason: ReturnReason.CUSTOMER_REASON, source: ReturnSource.PHONE, description: '不想吃了（已开封）', daysAgo: 8 },
];
/** East runs refund-approval (500 yuan): three tins of protein powder (594 yuan) wait for it. */
const EAST_APPROVAL: Story = { step: 'approval', product: 'PRO', quantity: 3, kind: ReturnKind.REFUND, reason: ReturnReason.DAMAGED_IN_TRANSIT, source: ReturnSource.PHONE, description: '快递外箱破损，三罐均有凹陷', daysAgo: 4 };

const DELIVERY = {
  east: { deliveryName: '王芳', deliveryPhone: '13800138000', deliveryAddress: '上海市浦东新区世纪大道 100 号 2 号楼 301 室' },
  west: { deliveryName: '李建国', deliveryPhone: '13900139000', deliveryAddress: '成都市武侯区天府大道北段 966 号 3 栋 1202 室' },
};

/**
 * Returns at every step for both franchises (issue 16): each from an online order of its own,
 * delivered the day before the request, worked through the order and return services by the
 * franchise's agent, supervisor and warehouse keeper at the time they did it; one left in
 * review past its 24 hours (the clock check breaches and escalates it), and east's expensive
 * refund waiting for refund-approval.
 */
export const returnsSeeder: Seeder = {
  name: 'returns',
  async run({ em, logger, shared }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const now = clock.now();
    const replay = new ServiceReplay(em, logger);
    for (const { key, franchise } of organization.franchises) {
      const person = async (local: string) => (await em.findOneOrFail(StaffUser, { email: `${local}@${key}.demo` })).id;
      const [agent, supervisor, keeper] = [await person('agent'), await person('supervisor'), await person('warehouse')];
      const [warehouse] = await em.execute<{ id: string }[]>(`select id from warehouse where franchise_id = ? and code = ?`, [franchise.id, `${key.toUpperCase()}-DC`]);
      const customers = await em.execute<{ id: string }[]>(`select id from customer where franchise_id = ? order by record_no limit 12`, [franchise.id]);
      const productId = async (code: string) => (await em.execute<{ id: string }[]>(`select id from product where generic_name = ? order by created_at limit 1`, [NAMES[code]]))[0]!.id;
      const stories = key === 'east' ? [...STORIES, EAST_APPROVAL] : STORIES;
      for (const [i, story] of stories.entries()) {
        const requestedAt = new Date(now.getTime() - story.daysAgo * DAY);
        const at = (hours: number) => new Date(requestedAt.getTime() + hours * HOUR);
        const deliveredAt = new Date(requestedAt.getTime() - DAY);
        const customerId = customers[i % customers.length]!.id;
        const product = await productId(story.product);
        const order = await replay.as(agent, new Date(deliveredAt.getTime() - 2 * DAY), (ctx) =>
          createOrder(ctx, { channel: OrderChannel.WECHAT, customerId, warehouseId: warehouse!.id, lines: [{ productId: product, quantity: story.quantity }], ...DELIVERY[key as 'east' | 'west'] }),
        );
        const orderStep = (by: string, when: Date, action: string, input: Record<string, unknown> = {}) => replay.as(by, when, (ctx) => transitionOrder(ctx, { id: order.id, action, input }));
        await orderStep(agent, new Date(deliveredAt.getTime() - 2 * DAY + HOUR), 'start_review');
        await orderStep(agent, new Date(deliveredAt.getTime() - 2 * DAY + 2 * HOUR), 'review');
        const [reviewed] = await em.execute<{ state: string; waiting_reason: string | null }[]>(`select state, waiting_reason from sales_order where id = ?`, [order.id]);
        if (reviewed!.state !== 'APPROVED') throw new Error(`demo return ${key} ${story.product}: the order is ${reviewed!.state} (${reviewed!.waiting_reason}), not approved`);
        await orderStep(keeper, new Date(deliveredAt.getTime() - DAY - 6 * HOUR), 'start_picking');
        const promised = story.reason === ReturnReason.LATE_DELIVERY ? new Date(deliveredAt.getTime() - 2 * DAY) : new Date(deliveredAt.getTime() + 6 * HOUR);
        await orderStep(keeper, new Date(deliveredAt.getTime() - DAY - 3 * HOUR), 'ship', { carrier: '顺丰速运', trackingNo: `SF${key.toUpperCase()}RMA${String(i + 1).padStart(4, '0')}`, expectedDeliveryAt: promised });
        await orderStep(keeper, deliveredAt, 'deliver');

        const orderLineId = (await replay.as(agent, requestedAt, (ctx) => lineOf(ctx, order.id)))!;
        const r = await replay.as(agent, requestedAt, (ctx) =>
          requestReturn(ctx, { orderId: order.id, kind: story.kind, reason: story.reason, source: story.source, description: story.description, evidence: [{ url: `https://img.pharmadesk.demo/rma/${key}-${i + 1}.jpg`, contentType: 'image/jpeg', size: 245_760, name: '照片.jpg' }], lines: [{ orderLineId, quantity: story.quantity }] }),
        );
        const act = (by: string, hours: number, action: string, input: Record<string, unknown> = {}) => replay.as(by, at(hours), (ctx) => transitionReturn(ctx, { id: r.id, action, input }));
        const step = story.step;
        if (step === 'requested' || step === 'overdue') continue;
        await act(supervisor, 1, 'start_review');
        if (step === 'review') continue;
        if (step === 'rejected') {
          await act(supervisor, 2, 'reject', { reason: '照片显示瓶盖完好，封口未破，不属于质量问题' });
          continue;
        }
        await act(supervisor, 2, 'approve');
        if (step === 'approved') continue;
        if (step === 'cancelled') {
          await act(agent, 5, 'cancel', { reason: '客户来电撤回申请' });
          continue;
        }
        await act(agent, 20, 'ship_back', { carrier: '中通快递', trackingNo: `ZT${key.toUpperCase()}${String(i + 1).padStart(8, '0')}` });
        if (step === 'shipped') continue;
        await act(keeper, 44, 'receive');
        if (step === 'received') continue;
        const lines = await replay.as(keeper, at(46), (ctx) => returnLinesOf(ctx, r.id));
        const intact = step !== 'failed';
        await act(keeper, 46, 'inspect', {
          lines: lines.map((l, n) => ({ returnLineId: l.id, acceptedQuantity: step === 'inspected' && n === 0 ? l.quantity - 1 : l.quantity, damagedQuantity: step === 'inspected' && n === 0 ? 1 : 0, packagingIntact: intact })),
        });
        if (step === 'inspected' || step === 'failed' || step === 'approval') continue;
        if (step === 'exchanged') await act(supervisor, 50, 'exchange');
        else await act(supervisor, 50, 'refund', { reference: `WXPAY${key.toUpperCase()}${String(i + 1).padStart(10, '0')}` });
      }
    }
    // The clocks as the minute job leaves them now: the request left in review past 24 h is breached and escalated.
    await replay.as(null, now, (ctx) => checkReturnClocks(ctx, now));
  },
};

const NAMES: Record<string, string> = { LOR: '氯雷他定片', NIF: '硝苯地平控释片', MET: '盐酸二甲双胍缓释片', ATV: '阿托伐他汀钙片', FSO: '深海鱼油软胶囊', PRO: '乳清蛋白粉' };

async function lineOf(ctx: RequestContext, orderId: string): Promise<string | undefined> {
  const [line] = await ctx.em.execute<{ id: string }[]>(`select id from sales_order_line where order_id = ? order by line_no limit 1`, [orderId]);
  return line?.id;
}

async function returnLinesOf(ctx: RequestContext, returnId: string): Promise<{ id: string; quantity: number }[]> {
  return ctx.em.execute<{ id: string; quantity: number }[]>(`select id, quantity from sales_return_line where return_id = ? order by line_no, created_at, id`, [returnId]);
}

