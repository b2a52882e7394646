import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { hasPermission } from '../../core/auth/actor';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, NotFoundError } from '../../core/errors';
import { caseLinkResolvers } from '../cases/case-links';
import { Case, CaseCategory, CaseChannel, CasePriority, CaseType, OPEN_STAGES } from '../cases/case.entity';
import { listCases } from '../cases/case.queries';
import { createCase } from '../cases/case.service';
import { onEvent, type EventHandler } from '../../core/plugins/plugin';
import { labelStates } from '../../core/plugins/workflows';
import type { TimelineProvider } from '../customers/customer-timeline';
import { StaffStatus, StaffUser } from '../identity/staff-user.entity';
import { Order, OrderChannel, OrderLine, OrderStage } from './order.entity';
import { linePicksLoader, orderLineLoader } from './order.loaders';
import { OrderPermission } from './order.permissions';
import { findOrder } from './order.service';

/**
 * Orders and cases, both ways: a case's order link checked (and its customer, line, product
 * and lot completed); the order a case shows with its live status, the cases an order shows;
 * the cases an order opens (a customer to contact, a problem on receipt); orders on the
 * customer's timeline.
 */

export const orderCaseLinks = caseLinkResolvers.contribute({
  name: 'orders',
  fields: ['orderId', 'orderLineId'],
  async resolve(ctx, links, franchiseId) {
    let orderId = links.orderId ?? null;
    const line = links.orderLineId ? await orderLineLoader(ctx).load(links.orderLineId) : null;
    if (links.orderLineId && line?.franchiseId !== franchiseId) throw new NotFoundError('Order line (case.orderLineId)', links.orderLineId);
    if (line && orderId && line.orderId !== orderId) throw new BadUserInputError({ field: 'case.orderLineId', message: 'is not a line of the linked order', reason: 'OTHER_ORDER' });
    if (line) orderId = line.orderId;
    if (!orderId && links.orderRef?.trim()) {
      // The number a customer quoted: linked when it is one of the franchise's orders in reach; else kept as text.
      const quoted = await ctx.em.findOne(Order, { franchiseId, orderNo: links.orderRef.trim() }, { fields: ['id'] });
      if (quoted && (await findOrder(ctx, quoted.id))) orderId = quoted.id;
    }
    if (!orderId) return {};
    const order = await findOrder(ctx, orderId);
    if (!order || order.franchiseId !== franchiseId) throw new NotFoundError('Order (case.orderId)', orderId);
    const resolved = { orderId: order.id, orderRef: order.orderNo, customerId: order.customerId ?? null };
    if (!line) return resolved;
    const lots = [...new Map((await linePicksLoader(ctx).load(line.id)).map((p) => [p.batchId, p.lotNo])).entries()];
    if (links.lotId && lots.length && !lots.some(([id]) => id === links.lotId))
      throw new BadUserInputError({ field: 'case.lotId', message: `did not leave with order line ${line.lineNo} (its lots: ${lots.map(([, no]) => no).join(', ')})`, reason: 'OTHER_LOT' });
    if (links.productId && links.productId !== line.productId) throw new BadUserInputError({ field: 'case.productId', message: `is not the product of order line ${line.lineNo}`, reason: 'OTHER_PRODUCT' });
    const lot = links.lotId ? null : lots.length === 1 ? { lotId: lots[0]![0], batchRef: lots[0]![1] } : null;
    return { ...resolved, orderLineId: line.id, productId: line.productId, productRef: `${line.productName} ${line.specification}`, ...lot };
  },
});

/** The cases about each order, in the caller's reach: one statement for every order of the request. */
function orderCasesLoader(ctx: RequestContext) {
  return ctx.loaders.get('orders:cases', () =>
    new DataLoader<string, Case[]>(async (orderIds) => {
      const page = await listCases(ctx, { paging: { limit: 200, offset: 0 } }, { orderId: { $in: [...orderIds] } });
      const cases = page.nodes as unknown as Case[];
      return orderIds.map((id) => cases.filter((c) => c.orderId === id));
    }),
  );
}

@Resolver(() => Case)
export class CaseOrderResolver {
  @FieldResolver(() => Order, { nullable: true, description: 'The linked order with its live status (null when you may not see orders).' })
  order(@Ctx() ctx: RequestContext, @Root() c: Case) {
    return c.orderId && hasPermission(ctx.actor, OrderPermission['order:read']) ? findOrder(ctx, c.orderId) : null;
  }

  @FieldResolver(() => OrderLine, { nullable: true, description: 'The linked order line.' })
  orderLine(@Ctx() ctx: RequestContext, @Root() c: Case) {
    return c.orderLineId && hasPermission(ctx.actor, OrderPermission['order:read']) ? orderLineLoader(ctx).load(c.orderLineId) : null;
  }
}

@Resolver(() => Order)
export class OrderCasesResolver {
  @FieldResolver(() => [Case], { description: 'Cases about this order (inquiries, complaints), newest first; those in your reach.' })
  cases(@Ctx() ctx: RequestContext, @Root() o: Order) {
    return orderCasesLoader(ctx).load(o.id);
  }
}

const CASE_CHANNEL: Record<OrderChannel, CaseChannel> = {
  [OrderChannel.ONLINE_SHOP]: CaseChannel.ONLINE_CHAT,
  [OrderChannel.APP]: CaseChannel.APP,
  [OrderChannel.WECHAT]: CaseChannel.WECHAT,
  [OrderChannel.PHONE]: CaseChannel.PHONE,
  [OrderChannel.IN_STORE]: CaseChannel.IN_STORE,
};

/** The person acting, when they belong to the order's franchise (they keep the case they open: 首问负责制). */
function ownerFor(ctx: RequestContext, order: Order): { ownerId?: string } {
  const actor = ctx.actor;
  return actor?.kind === 'user' && actor.franchiseId === order.franchiseId ? { ownerId: actor.id } : {};
}

/**
 * An order put on hold for the customer (by hand, or short stock at review) gets an
 * order-inquiry case to contact them, with the reason, owned by whoever put it on hold. A
 * reaction, so a rush of short orders does not queue reviews behind case numbering; one open
 * case per order (a second hold, or a retried reaction, finds it).
 */
export const contactCaseHandler = onEvent({
  event: 'order.transitioned',
  name: 'open a case to contact the customer of an order on hold',
  async handle(event, { inFranchise }) {
    await inFranchise(async (ctx) => {
      const order = await ctx.em.findOne(Order, { id: event.orderId });
      if (!order || order.stage !== OrderStage.WAITING_CUSTOMER || order.state !== event.to) return;
      const holder = event.actorId ? await ctx.em.findOne(StaffUser, { id: event.actorId, franchiseId: order.franchiseId, status: StaffStatus.ACTIVE }, { fields: ['id'] }) : null;
      await openContactCase(ctx, order, holder?.id);
    });
  },
}) as EventHandler<unknown>;

export async function openContactCase(ctx: RequestContext, order: Order, ownerId?: string): Promise<Case | null> {
  const open = await ctx.em.findOne(Case, { orderId: order.id, type: CaseType.ORDER_INQUIRY, tags: { $contains: ['order-waiting'] }, stage: { $in: [...OPEN_STAGES] } }, { fields: ['id'] });
  if (open) return null;
  return createCase(
    ctx,
    {
      type: CaseType.ORDER_INQUIRY,
      channel: CASE_CHANNEL[order.channel],
      customerId: order.customerId ?? null,
      orgUnitId: order.orgUnitId,
      priority: CasePriority.HIGH,
      subject: `联系客户：订单 ${order.orderNo} 待确认`,
      description: `订单 ${order.orderNo} 需要与客户确认后才能继续处理。原因：${order.waitingReason ?? ''}`,
      orderId: order.id,
      tags: ['order-waiting'],
    },
    ownerId ? { ownerId } : {},
  );
}

/** What the customer reported on receipt, as a complaint category. */
export const RECEIPT_PROBLEMS = [CaseCategory.DELIVERY_DAMAGED, CaseCategory.DELIVERY_LATE, CaseCategory.DRUG_SPOILED, CaseCategory.DRUG_WRONG_ITEM, CaseCategory.OTHER] as const;

/** A problem on receipt becomes a complaint about the order (and the line and lot, when named), owned by who took the call. */
export async function openReceiptComplaint(ctx: RequestContext, order: Order, problem: { category: CaseCategory; lineId?: string | null; note?: string | null }): Promise<Case> {
  return createCase(
    ctx,
    {
      type: CaseType.COMPLAINT,
      channel: CASE_CHANNEL[order.channel],
      customerId: order.customerId ?? null,
      orgUnitId: order.orgUnitId,
      category: problem.category,
      subject: `订单 ${order.orderNo} 收货有问题`,
      description: problem.note?.trim() || `客户确认收货时反映订单 ${order.orderNo} 有问题。`,
      orderId: order.id,
      orderLineId: problem.lineId ?? null,
      tags: ['order-receipt'],
    },
    ownerFor(ctx, order),
  );
}

const YUAN = (cents: number) => cents / 100;

/** Orders on the customer's timeline, with their amounts (yuan) and where they stand. */
export const orderTimelineProvider: TimelineProvider = {
  kind: 'order',
  async entries(ctx, customerId, { before, limit }) {
    const rows: (Pick<Order, 'id' | 'franchiseId' | 'workflow' | 'orderNo' | 'state' | 'totalCents' | 'createdAt'> & { stateLabel?: string })[] = await ctx.em
      .createQueryBuilder(Order, 'o')
      .select(['id', 'franchiseId', 'workflow', 'orderNo', 'state', 'totalCents', 'createdAt'])
      .where({ customerId, ...(before ? { createdAt: { $lte: before } } : {}) })
      .orderBy([{ createdAt: 'desc' }, { id: 'desc' }])
      .limit(limit)
      .execute('all');
    await labelStates(ctx.em, rows);
    return rows.map((o) => ({
      kind: 'order',
      key: `order:${o.id}`,
      occurredAt: o.createdAt,
      title: `订单 ${o.orderNo}`,
      // The state's label as the franchise runs the workflow (bilingual, like every API label).
      summary: o.stateLabel ?? o.state,
      amount: YUAN(o.totalCents),
      refType: 'Order',
      refId: o.id,
    }));
  },
};
