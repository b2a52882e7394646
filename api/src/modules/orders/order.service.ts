import { OptimisticLockError } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, NotFoundError, type FieldProblem } from '../../core/errors';
import { publishEvent, publishLive } from '../../core/events/outbox';
import { formatNumber, nextNumber, numberingYear } from '../../core/numbering/numbering';
import { workflowFor } from '../../core/plugins/workflows';
import { checkVersion } from '../../core/services/updates';
import { availableTransitions, runTransition, stateOf, type AvailableTransition, type WorkflowDefinition } from '../../core/workflow/workflow';
import { getCustomer, recordPurchase } from '../customers/customer.service';
import { CatalogStatus } from '../inventory/catalog.entity';
import { getProduct, termsFor } from '../inventory/catalog.service';
import { getActiveWarehouse } from '../inventory/warehouse.service';
import { OrgUnit, OrgUnitKind } from '../org/org-unit.entity';
import { findOrgUnit, getOrgUnit } from '../org/org.service';
import { CaseCategory } from '../cases/case.entity';
import { openReceiptComplaint, RECEIPT_PROBLEMS } from './order-cases';
import { prepareReview, reviewDueFrom } from './order-handling';
import { tryReserveOrder } from './order-stock';
import { Order, OrderChannel, OrderEvent, OrderEventKind, OrderLine, OrderStage, PaymentStatus, ReceiptCondition } from './order.entity';
import { orderLinesLoader, orderLoader } from './order.loaders';
import type { OrderInput } from './order.types';
import { workflowForChannel } from './order.workflows';

/**
 * Orders: entering one (prices and totals from the server, in cents), and moving it through
 * its workflow (the interpreter checks every action). Every change is on the order's timeline,
 * a typed event in the outbox and a live message, all in the operation's transaction.
 */

/** Most an order may come to, in cents (the total is an int column: ¥20,000,000). */
const MAX_TOTAL_CENTS = 2_000_000_000;

export function publishOrderChange(ctx: RequestContext, order: Order, change: 'created' | 'updated'): Promise<void> {
  return publishLive(ctx, 'orders.changed', { id: order.id, franchiseId: order.franchiseId, change });
}

export function recordEvent(ctx: RequestContext, order: Order, event: Omit<Partial<OrderEvent>, 'franchiseId' | 'orderId'> & { kind: OrderEventKind }): OrderEvent {
  order.lastActivityAt = clock.now();
  return ctx.em.create(OrderEvent, { franchiseId: order.franchiseId, orderId: order.id, actorId: ctx.actor?.kind === 'user' ? ctx.actor.id : null, ...event });
}

/** The order, or null when missing or outside the caller's part of the org tree (another franchise's: RLS). */
export async function findOrder(ctx: RequestContext, id: string): Promise<Order | null> {
  const order = await orderLoader(ctx).load(id);
  return order && (await findOrgUnit(ctx, order.orgUnitId)) ? order : null;
}

export async function getOrder(ctx: RequestContext, id: string): Promise<Order> {
  const order = await findOrder(ctx, id);
  if (!order) throw new NotFoundError('Order', id);
  return order;
}

async function placeOrder(ctx: RequestContext, input: OrderInput, customerUnitId: string | undefined): Promise<OrgUnit> {
  const unitId = input.orgUnitId ?? customerUnitId ?? requireActor(ctx).orgUnitId;
  const unit = await getOrgUnit(ctx, unitId, 'Org unit');
  if (unit.kind === OrgUnitKind.HQ && !input.orgUnitId && customerUnitId === undefined)
    throw new BadUserInputError({ field: 'order.orgUnitId', message: 'HQ staff must say which franchise or store the order belongs to' });
  return unit;
}

interface PricedLine {
  productId: string;
  productName: string;
  specification: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  lineTotalCents: number;
  dailyDose: number | null;
}

/**
 * Prices the lines with the franchise's prices (its own, else the list price) and checks what
 * the client sent: a unit price or total that is not the server's is refused, never used.
 * Every problem is reported at once, by field path.
 */
async function priceLines(ctx: RequestContext, franchiseId: string, input: OrderInput): Promise<{ lines: PricedLine[]; subtotalCents: number; discountCents: number; totalCents: number }> {
  const problems: FieldProblem[] = [];
  const products = await Promise.all(input.lines.map((l, i) => getProduct(ctx, l.productId, `Product (order.lines.${i}.productId)`)));
  const terms = await termsFor(ctx, franchiseId, products.map((p) => p.id));
  const lines: PricedLine[] = [];
  for (const [i, line] of input.lines.entries()) {
    const at = `order.lines.${i}`;
    const product = products[i]!;
    const own = terms.get(product.id);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) problems.push({ field: `${at}.quantity`, message: 'must be a whole number of at least 1', reason: 'OUT_OF_RANGE', params: { min: 1 } });
    if (product.status !== CatalogStatus.ACTIVE || own?.available === false)
      problems.push({ field: `${at}.productId`, message: `${product.genericName} ${product.specification} is not sold here`, reason: 'NOT_SOLD', params: { productId: product.id } });
    const unitPriceCents = own?.priceCents ?? product.priceCents;
    if (line.unitPriceCents != null && line.unitPriceCents !== unitPriceCents)
      problems.push({ field: `${at}.unitPriceCents`, message: `is ${unitPriceCents} cents for ${product.genericName}, not ${line.unitPriceCents}; prices come from the catalog`, reason: 'PRICE_MISMATCH', params: { expected: unitPriceCents, given: line.unitPriceCents } });
    const gross = unitPriceCents * line.quantity;
    const discountCents = line.discountCents ?? 0;
    if (!Number.isInteger(discountCents) || discountCents < 0 || (discountCents > 0 && discountCents >= gross))
      problems.push({ field: `${at}.discountCents`, message: `must be a whole number of cents from 0 to less than the line’s ${gross}`, reason: 'OUT_OF_RANGE', params: { min: 0, max: Math.max(0, gross - 1) } });
    lines.push({ productId: product.id, productName: product.genericName, specification: product.specification, quantity: line.quantity, unitPriceCents, discountCents, lineTotalCents: gross - discountCents, dailyDose: line.dailyDose ?? null });
  }
  const subtotalCents = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  const discountCents = lines.reduce((sum, l) => sum + l.discountCents, 0);
  const totalCents = subtotalCents - discountCents;
  if (totalCents > MAX_TOTAL_CENTS) problems.push({ field: 'order.lines', message: `the order comes to more than ${MAX_TOTAL_CENTS} cents; split it`, reason: 'OUT_OF_RANGE', params: { max: MAX_TOTAL_CENTS } });
  if (!problems.length && input.expectedTotalCents != null && input.expectedTotalCents !== totalCents)
    problems.push({ field: 'order.expectedTotalCents', message: `the order comes to ${totalCents} cents, not ${input.expectedTotalCents}; totals are computed by the server`, reason: 'TOTAL_MISMATCH', params: { expected: totalCents, given: input.expectedTotalCents } });
  if (problems.length) throw new BadUserInputError(problems);
  return { lines, subtotalCents, discountCents, totalCents };
}

/** Enters an order: priced by the server, numbered per franchise, in its workflow's first state. Nothing is written when anything is wrong. */
export async function createOrder(ctx: RequestContext, input: OrderInput): Promise<Order> {
  const actor = requireActor(ctx);
  const online = input.channel !== OrderChannel.IN_STORE;
  if (online && !input.customerId) throw new BadUserInputError({ field: 'order.customerId', message: 'an online order needs its customer (walk-ins only in store)', reason: 'REQUIRED', params: { field: 'customerId' } });
  if (online) {
    const missing = (['deliveryName', 'deliveryPhone', 'deliveryAddress'] as const).filter((f) => !input[f]?.trim());
    if (missing.length) throw new BadUserInputError(missing.map((f) => ({ field: `order.${f}`, message: 'is required for an order to be delivered', reason: 'REQUIRED', params: { field: f } })));
  }
  const customer = input.customerId ? await getCustomer(ctx, input.customerId, 'Customer') : undefined;
  const unit = await placeOrder(ctx, input, customer?.orgUnitId);
  if (customer && customer.franchiseId !== unit.franchiseId) throw new BadUserInputError({ field: 'order.orgUnitId', message: 'must be in the customer’s franchise' });
  const warehouse = await getActiveWarehouse(ctx, input.warehouseId, 'order.warehouseId');
  if (warehouse.franchiseId !== unit.franchiseId) throw new NotFoundError('Warehouse', input.warehouseId);
  const priced = await priceLines(ctx, unit.franchiseId, input);

  const franchise = await ctx.em.findOneOrFail(OrgUnit, { id: unit.franchiseId });
  const now = clock.now();
  const year = numberingYear(now, franchise.timeZone);
  const orderNo = formatNumber(`${franchise.code ?? 'O'}-DD`, year, await nextNumber(ctx.em, unit.franchiseId, 'order', year));
  const workflow = await workflowFor<Order>(ctx.em, unit.franchiseId, workflowForChannel(input.channel));
  const reviewDueAt = online ? await reviewDueFrom(ctx, unit.franchiseId, now) : null;
  const order = ctx.em.create(Order, {
    franchiseId: unit.franchiseId,
    orderNo,
    channel: input.channel,
    customerId: customer?.id ?? null,
    orgUnitId: unit.id,
    warehouseId: warehouse.id,
    workflow: workflow.name,
    state: workflow.initial,
    stage: stateOf(workflow, workflow.initial).stage as OrderStage,
    deliveryName: input.deliveryName?.trim() || null,
    deliveryPhone: input.deliveryPhone?.trim() || null,
    deliveryAddress: input.deliveryAddress?.trim() || null,
    paymentStatus: input.paymentStatus === PaymentStatus.PAID ? PaymentStatus.PAID : PaymentStatus.UNPAID,
    subtotalCents: priced.subtotalCents,
    discountCents: priced.discountCents,
    totalCents: priced.totalCents,
    note: input.note?.trim() || null,
    createdById: actor.kind === 'user' ? actor.id : null,
    reviewDueAt,
    lastActivityAt: now,
  });
  priced.lines.forEach((line, i) => ctx.em.create(OrderLine, { franchiseId: order.franchiseId, orderId: order.id, lineNo: i + 1, ...line }));
  recordEvent(ctx, order, { kind: OrderEventKind.CREATED, toState: order.state, details: { channel: order.channel, totalCents: order.totalCents } });
  await ctx.em.flush();
  await publishOrderChange(ctx, order, 'created');
  await publishEvent(ctx, 'order.created', order.franchiseId, { orderId: order.id, orderNo, channel: order.channel, customerId: order.customerId ?? null, totalCents: order.totalCents });
  return order;
}

/** The order's workflow as its franchise runs it (the base plus its enabled plugins' changes). */
export function orderWorkflow(ctx: RequestContext, order: Pick<Order, 'franchiseId' | 'workflow'>): Promise<WorkflowDefinition<Order>> {
  return workflowFor<Order>(ctx.em, order.franchiseId, order.workflow);
}

export async function stateLabel(ctx: RequestContext, order: Order): Promise<string> {
  return (await orderWorkflow(ctx, order)).states.find((s) => s.name === order.state)?.label ?? order.state;
}

export async function allowedActions(ctx: RequestContext, order: Order): Promise<AvailableTransition[]> {
  if (!ctx.actor) return [];
  return availableTransitions(await orderWorkflow(ctx, order), ctx, order, order.state);
}

/** Flushes an order change; a concurrent change of the same order (version moved) is a CONFLICT. */
export async function flushOrder(ctx: RequestContext, order: Order): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof OptimisticLockError) throw new ConflictError(`Order ${order.orderNo} was changed by someone else at the same time; reload it and try again`);
    throw error;
  }
  await publishOrderChange(ctx, order, 'updated');
}

/** What a PROBLEM on receipt is about: its kind (OTHER unless said) and the order line, which must be this order's. */
async function checkReceiptProblem(ctx: RequestContext, order: Order, input: Record<string, unknown>): Promise<{ category: CaseCategory; lineId: string | null; note: string | null }> {
  const lineId = (input.problemLineId as string | null | undefined) ?? null;
  if (lineId && !(await orderLinesLoader(ctx).load(order.id)).some((l) => l.id === lineId))
    throw new BadUserInputError({ field: 'input.problemLineId', message: `is not a line of order ${order.orderNo}`, reason: 'OTHER_ORDER' });
  const category = (input.problem as CaseCategory | null | undefined) ?? CaseCategory.OTHER;
  if (!RECEIPT_PROBLEMS.includes(category as (typeof RECEIPT_PROBLEMS)[number]))
    throw new BadUserInputError({ field: 'input.problem', message: `must be one of ${RECEIPT_PROBLEMS.join(', ')}`, reason: 'NOT_ALLOWED_OPTION', params: { allowed: RECEIPT_PROBLEMS } });
  return { category, lineId, note: (input.note as string | null | undefined) ?? null };
}

/** Stages in which the goods have reached the customer. */
const GOODS_RECEIVED: readonly OrderStage[] = [OrderStage.DELIVERED, OrderStage.COMPLETED];

/**
 * Takes a workflow action on an order. `review` first tries to reserve the stock (in a
 * savepoint): its outcome decides whether the order is approved or waits for the customer.
 */
export async function transitionOrder(ctx: RequestContext, args: { id: string; version?: number | null; action: string; input?: Record<string, unknown> }): Promise<Order> {
  requireActor(ctx);
  const order = await getOrder(ctx, args.id);
  if (args.version != null) checkVersion(order, args.version, 'Order');
  const workflow = await orderWorkflow(ctx, order);
  const input: Record<string, unknown> = { ...(args.input ?? {}) };
  delete input.stockShortage; // only the review's own stock check sets it
  const from = order.state;
  if (args.action === 'review' && workflow.transitions.some((t) => t.action === 'review' && t.from.includes(from))) {
    await prepareReview(ctx, order);
    const shortage = await tryReserveOrder(ctx, order);
    if (shortage) input.stockShortage = shortage;
  }
  const receiptProblem = args.action === 'confirm_receipt' ? await checkReceiptProblem(ctx, order, input) : undefined!;
  const stageBefore = order.stage;
  await runTransition(workflow, { ctx, record: order, state: from, action: args.action, input, move: (to) => Object.assign(order, { state: to.name, stage: to.stage as OrderStage }) });
  // Goods in the customer's hands (delivered, or handed over in store) are their purchase: totals and
  // the month's spend; a refund takes it off again. The order is on the timeline itself.
  if (GOODS_RECEIVED.includes(order.stage) && !GOODS_RECEIVED.includes(stageBefore) && order.customerId)
    await recordPurchase(ctx.em, { customerId: order.customerId, amount: order.totalCents / 100, at: clock.now(), orgUnitId: order.orgUnitId, timelineEntry: false });
  const shortage = input.stockShortage as { message: string } | undefined;
  const reason = (typeof input.reason === 'string' ? input.reason.trim() : null) ?? null;
  recordEvent(ctx, order, {
    kind: OrderEventKind.TRANSITION,
    action: args.action,
    fromState: from,
    toState: order.state,
    reason: reason ?? (shortage ? order.waitingReason : null),
    details: { ...(shortage ? { stockShortage: shortage } : {}), ...(args.action === 'ship' ? { carrier: order.carrier, trackingNo: order.trackingNo } : {}) },
  });
  await flushOrder(ctx, order);
  if (args.action === 'confirm_receipt' && order.receiptCondition === ReceiptCondition.PROBLEM) await openReceiptComplaint(ctx, order, receiptProblem);
  await publishEvent(ctx, 'order.transitioned', order.franchiseId, { orderId: order.id, orderNo: order.orderNo, action: args.action, from, to: order.state, reason: reason ?? (shortage ? order.waitingReason ?? null : null) });
  if (args.action === 'ship')
    await publishEvent(ctx, 'order.shipped', order.franchiseId, { orderId: order.id, orderNo: order.orderNo, customerId: order.customerId ?? null, carrier: order.carrier!, trackingNo: order.trackingNo!, expectedDeliveryAt: order.expectedDeliveryAt?.toISOString() ?? null });
  if (order.stage === OrderStage.CANCELLED && from !== order.state)
    await publishEvent(ctx, 'order.cancelled', order.franchiseId, { orderId: order.id, orderNo: order.orderNo, customerId: order.customerId ?? null, reason: reason ?? '', refundDue: order.paymentStatus === PaymentStatus.REFUND_PENDING });
  return order;
}
