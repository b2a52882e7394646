import { OptimisticLockError } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { readFranchiseSettings, updateFranchiseSettings } from '../../core/services/franchise-settings';
import { BadUserInputError, ConflictError, NotFoundError, type FieldProblem } from '../../core/errors';
import { publishEvent, publishLive } from '../../core/events/outbox';
import { byIdLoader } from '../../core/loaders';
import { formatNumber, nextNumber, numberingYear } from '../../core/numbering/numbering';
import { workflowFor } from '../../core/plugins/workflows';
import { checkVersion } from '../../core/services/updates';
import { availableTransitions, runTransition, stateOf, type AvailableTransition, type WorkflowDefinition } from '../../core/workflow/workflow';
import { getCase } from '../cases/case.service';
import { getOrder, publishOrderChange } from '../orders/order.service';
import { orderLines } from '../orders/order-stock';
import { OrderPick } from '../orders/order.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { meetReturnClock, startReturnClock } from './return-clocks';
import {
  REASON_CATEGORY,
  ReturnClock,
  ReturnEvent,
  ReturnEventKind,
  ReturnLine,
  ReturnReason,
  ReturnReasonCategory,
  ReturnRequest,
  ReturnSettings,
  ReturnSource,
  ReturnStage,
  ShippingPaidBy,
} from './return.entity';
import type { InspectReturnLineInput, RequestReturnInput, ReturnSettingsInput } from './return.types';
import { RETURN_WORKFLOW, type Inspection, type InspectedLine } from './return.workflows';

/**
 * Returns and exchanges: requesting one against a delivered order (eligibility, quantities per
 * order line and lot), and moving it through its workflow with its two clocks. Every change is
 * on the return's timeline, a typed outbox event and a live message, in the operation's
 * transaction.
 */

const DAY_MS = 86_400_000;

export function publishReturnChange(ctx: RequestContext, r: ReturnRequest, change: 'created' | 'updated'): Promise<void> {
  return publishLive(ctx, 'returns.changed', { id: r.id, franchiseId: r.franchiseId, change });
}

export function recordReturnEvent(ctx: RequestContext, r: ReturnRequest, event: Omit<Partial<ReturnEvent>, 'franchiseId' | 'returnId'> & { kind: ReturnEventKind }, at = clock.now()): ReturnEvent {
  r.lastActivityAt = at;
  return ctx.em.create(ReturnEvent, { franchiseId: r.franchiseId, returnId: r.id, actorId: ctx.actor?.kind === 'user' ? ctx.actor.id : null, occurredAt: at, ...event });
}

export const returnLoader = (ctx: RequestContext) => byIdLoader(ctx, ReturnRequest);

/** The return, or null when missing or outside the caller's part of the org tree (another franchise's: RLS). */
export async function findReturn(ctx: RequestContext, id: string): Promise<ReturnRequest | null> {
  const r = await returnLoader(ctx).load(id);
  return r && (await findOrgUnit(ctx, r.orgUnitId)) ? r : null;
}

export async function getReturn(ctx: RequestContext, id: string): Promise<ReturnRequest> {
  const r = await findReturn(ctx, id);
  if (!r) throw new NotFoundError('Return', id);
  return r;
}

export function returnLines(ctx: RequestContext, returnId: string): Promise<ReturnLine[]> {
  return ctx.em.find(ReturnLine, { returnId }, { orderBy: { lineNo: 'asc', createdAt: 'asc', id: 'asc' } });
}

// ---------------------------------------------------------------------------- settings

export function returnSettings(ctx: RequestContext, franchiseId: string): Promise<ReturnSettings> {
  return readFranchiseSettings(ctx, ReturnSettings, franchiseId);
}

export function updateReturnSettings(ctx: RequestContext, input: ReturnSettingsInput): Promise<ReturnSettings> {
  return updateFranchiseSettings(ctx, ReturnSettings, 'Return settings of franchise', input, (settings) => {
    settings.windowDays = input.windowDays;
  });
}

// ---------------------------------------------------------------------------- requesting

/** Units of each (order line, lot) already on returns that count: everything but cancelled ones and rejected ones never received. */
async function alreadyReturned(ctx: RequestContext, orderId: string): Promise<Map<string, number>> {
  const returns = await ctx.em.find(ReturnRequest, { orderId }, { fields: ['id', 'stage', 'receivedAt'] });
  const counting = returns.filter((r) => r.stage !== ReturnStage.CANCELLED && !(r.stage === ReturnStage.REJECTED && !r.receivedAt)).map((r) => r.id);
  const taken = new Map<string, number>();
  if (!counting.length) return taken;
  for (const l of await ctx.em.find(ReturnLine, { returnId: { $in: counting } })) taken.set(`${l.orderLineId}|${l.batchId}`, (taken.get(`${l.orderLineId}|${l.batchId}`) ?? 0) + l.quantity);
  return taken;
}

const shippingFor = (category: ReturnReasonCategory) => (category === ReturnReasonCategory.CUSTOMER ? ShippingPaidBy.CUSTOMER : ShippingPaidBy.STORE);

/**
 * A return or exchange of a delivered order's units, within the franchise's window (a delivery
 * return for lateness only when the order arrived after the promised time). Each line is split
 * over the lots the order line was picked from (or the named lot), never more than delivered
 * minus what is already being returned. Nothing is written when anything is wrong.
 */
export async function requestReturn(ctx: RequestContext, input: RequestReturnInput): Promise<ReturnRequest> {
  const actor = requireActor(ctx);
  const order = await getOrder(ctx, input.orderId);
  // One request at a time per order: the quantities below stay true until commit.
  await ctx.em.execute('select id from sales_order where id = ? for update', [order.id]);
  const now = clock.now();
  const category = REASON_CATEGORY[input.reason];
  if (!order.deliveredAt)
    throw new BadUserInputError({ field: 'orderId', message: `order ${order.orderNo} is ${order.state}: only delivered orders can be returned`, reason: 'NOT_DELIVERED', params: { state: order.state } });
  const settings = await returnSettings(ctx, order.franchiseId);
  const closesAt = new Date(order.deliveredAt.getTime() + settings.windowDays * DAY_MS);
  if (now > closesAt)
    throw new BadUserInputError({ field: 'orderId', message: `the ${settings.windowDays}-day return window of order ${order.orderNo} closed on ${closesAt.toISOString()}`, reason: 'RETURN_WINDOW_CLOSED', params: { windowDays: settings.windowDays, closedAt: closesAt.toISOString() } });
  if (input.reason === ReturnReason.LATE_DELIVERY && !(order.expectedDeliveryAt && order.deliveredAt > order.expectedDeliveryAt))
    throw new BadUserInputError({
      field: 'reason',
      message: order.expectedDeliveryAt ? `order ${order.orderNo} was delivered by the promised ${order.expectedDeliveryAt.toISOString()}: not late` : `order ${order.orderNo} had no promised delivery time`,
      reason: 'NOT_LATE',
      params: { expectedDeliveryAt: order.expectedDeliveryAt?.toISOString() ?? null, deliveredAt: order.deliveredAt.toISOString() },
    });
  if (input.source === ReturnSource.CASE && !input.caseId) throw new BadUserInputError({ field: 'caseId', message: 'a request from a case names the case', reason: 'REQUIRED', params: { field: 'caseId' } });
  const linkedCase = input.caseId ? await getCase(ctx, input.caseId) : null;
  if (linkedCase && (linkedCase.franchiseId !== order.franchiseId || (linkedCase.customerId && order.customerId && linkedCase.customerId !== order.customerId)))
    throw new BadUserInputError({ field: 'caseId', message: `case ${linkedCase.caseNo} is not about this order’s customer`, reason: 'OTHER_CUSTOMER' });

  const lines = await orderLines(ctx, order.id);
  const picks = await ctx.em.find(OrderPick, { orderId: order.id }, { orderBy: { expiryDate: 'asc', id: 'asc' } });
  const taken = await alreadyReturned(ctx, order.id);
  const problems: FieldProblem[] = [];
  const planned: { orderLine: (typeof lines)[number]; pick: OrderPick; quantity: number }[] = [];
  for (const [i, given] of input.lines.entries()) {
    const at = `lines.${i}`;
    const orderLine = lines.find((l) => l.id === given.orderLineId);
    if (!orderLine) {
      problems.push({ field: `${at}.orderLineId`, message: `is not a line of order ${order.orderNo}`, reason: 'UNKNOWN_LINE', params: { orderLineId: given.orderLineId } });
      continue;
    }
    const lots = picks.filter((p) => p.lineId === orderLine.id && (!given.batchId || p.batchId === given.batchId));
    if (given.batchId && !lots.length) {
      problems.push({ field: `${at}.batchId`, message: `line ${orderLine.lineNo} (${orderLine.productName}) did not leave with that lot`, reason: 'UNKNOWN_LOT', params: { batchId: given.batchId } });
      continue;
    }
    let left = given.quantity;
    const free = (p: OrderPick) => p.quantity - (taken.get(`${orderLine.id}|${p.batchId}`) ?? 0);
    const returnable = lots.reduce((n, p) => n + Math.max(0, free(p)), 0);
    if (left > returnable) {
      const delivered = lots.reduce((n, p) => n + p.quantity, 0);
      problems.push({
        field: `${at}.quantity`,
        message: `is more than can be returned of line ${orderLine.lineNo} (${orderLine.productName}): ${delivered} delivered, ${delivered - returnable} already returned or being returned, ${returnable} left`,
        reason: 'MORE_THAN_DELIVERED',
        params: { delivered, alreadyReturned: delivered - returnable, max: returnable },
      });
      continue;
    }
    for (const pick of lots) {
      const quantity = Math.min(left, Math.max(0, free(pick)));
      if (!quantity) continue;
      planned.push({ orderLine, pick, quantity });
      taken.set(`${orderLine.id}|${pick.batchId}`, (taken.get(`${orderLine.id}|${pick.batchId}`) ?? 0) + quantity);
      left -= quantity;
    }
  }
  if (problems.length) throw new BadUserInputError(problems);

  const franchise = await ctx.em.findOneOrFail(OrgUnit, { id: order.franchiseId });
  const year = numberingYear(now, franchise.timeZone);
  const returnNo = formatNumber(`${franchise.code ?? 'R'}-TH`, year, await nextNumber(ctx.em, order.franchiseId, 'return', year));
  const workflow = await workflowFor<ReturnRequest>(ctx.em, order.franchiseId, RETURN_WORKFLOW);
  const r = ctx.em.create(ReturnRequest, {
    franchiseId: order.franchiseId,
    returnNo,
    orderId: order.id,
    orderNo: order.orderNo,
    customerId: order.customerId ?? null,
    orgUnitId: order.orgUnitId,
    warehouseId: order.warehouseId,
    workflow: workflow.name,
    state: workflow.initial,
    stage: stateOf(workflow, workflow.initial).stage as ReturnStage,
    kind: input.kind,
    reason: input.reason,
    reasonCategory: category,
    shippingPaidBy: shippingFor(category),
    description: input.description?.trim() || null,
    evidence: (input.evidence ?? []).map((a) => ({ url: a.url, contentType: a.contentType, size: a.size, name: a.name ?? null })),
    source: input.source,
    caseId: linkedCase?.id ?? null,
    requestedById: actor.kind === 'user' ? actor.id : null,
    lastActivityAt: now,
  });
  for (const p of planned)
    ctx.em.create(ReturnLine, {
      franchiseId: r.franchiseId,
      returnId: r.id,
      orderLineId: p.orderLine.id,
      lineNo: p.orderLine.lineNo,
      productId: p.orderLine.productId,
      productName: p.orderLine.productName,
      specification: p.orderLine.specification,
      batchId: p.pick.batchId,
      lotNo: p.pick.lotNo,
      zoneId: p.pick.zoneId,
      quantity: p.quantity,
      unitPaidCents: Math.round(p.orderLine.lineTotalCents / p.orderLine.quantity),
    });
  await startReturnClock(ctx.em, r, ReturnClock.REVIEW, now);
  recordReturnEvent(ctx, r, { kind: ReturnEventKind.CREATED, toState: r.state, details: { kind: r.kind, reason: r.reason, source: r.source, caseId: r.caseId ?? null, shippingPaidBy: r.shippingPaidBy } }, now);
  await ctx.em.flush();
  await publishReturnChange(ctx, r, 'created');
  await publishOrderChange(ctx, order, 'updated');
  await publishEvent(ctx, 'return.requested', r.franchiseId, { returnId: r.id, returnNo, orderId: order.id, orderNo: order.orderNo, customerId: r.customerId ?? null, kind: r.kind, reason: r.reason, reviewDueAt: r.reviewDueAt!.toISOString() });
  return r;
}

// ---------------------------------------------------------------------------- the workflow

/** The return's workflow as its franchise runs it (the base plus its enabled plugins' changes). */
export function returnWorkflow(ctx: RequestContext, r: Pick<ReturnRequest, 'franchiseId' | 'workflow'>): Promise<WorkflowDefinition<ReturnRequest>> {
  return workflowFor<ReturnRequest>(ctx.em, r.franchiseId, r.workflow);
}

export async function stateLabel(ctx: RequestContext, r: ReturnRequest): Promise<string> {
  return (await returnWorkflow(ctx, r)).states.find((s) => s.name === r.state)?.label ?? r.state;
}

export async function allowedActions(ctx: RequestContext, r: ReturnRequest): Promise<AvailableTransition[]> {
  if (!ctx.actor) return [];
  return availableTransitions(await returnWorkflow(ctx, r), ctx, r, r.state);
}

/** Flushes a return change; a concurrent change of the same return (version moved) is a CONFLICT. */
export async function flushReturn(ctx: RequestContext, r: ReturnRequest): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof OptimisticLockError) throw new ConflictError(`Return ${r.returnNo} was changed by someone else at the same time; reload it and try again`);
    throw error;
  }
  await publishReturnChange(ctx, r, 'updated');
}

/**
 * Checks an inspection against the return's lines (each once, received units no more than
 * returned) and works out what goes back into stock and what the customer gets: resalable are
 * accepted units in intact packaging; the store's fault (quality, delivery) settles accepted and
 * damaged units, the customer's own reason only resalable ones. Refunds in cents from what the
 * customer paid for the order line.
 */
async function planInspection(ctx: RequestContext, r: ReturnRequest, lines: ReturnLine[], given: unknown): Promise<Inspection> {
  const inputs = Array.isArray(given) ? (given as InspectReturnLineInput[]) : [];
  if (!inputs.length) throw new BadUserInputError({ field: 'lines', message: 'inspect every returned line', reason: 'REQUIRED', params: { field: 'lines' } });
  const orderLineOf = new Map((await orderLines(ctx, r.orderId)).map((l) => [l.id, l]));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const inspected: InspectedLine[] = [];
  for (const [i, l] of inputs.entries()) {
    const at = `lines.${i}`;
    const line = lines.find((x) => x.id === l.returnLineId);
    if (!line) {
      problems.push({ field: `${at}.returnLineId`, message: `is not a line of return ${r.returnNo}`, reason: 'UNKNOWN_LINE', params: { returnLineId: l.returnLineId } });
      continue;
    }
    if (seen.has(line.id)) {
      problems.push({ field: `${at}.returnLineId`, message: 'is on another inspected line already', reason: 'DUPLICATE' });
      continue;
    }
    seen.add(line.id);
    const accepted = l.acceptedQuantity;
    const damaged = l.damagedQuantity;
    if (!Number.isInteger(accepted) || !Number.isInteger(damaged) || accepted < 0 || damaged < 0 || accepted + damaged > line.quantity) {
      problems.push({ field: `${at}.acceptedQuantity`, message: `accepted and damaged must be whole numbers adding up to at most the ${line.quantity} returned`, reason: 'OUT_OF_RANGE', params: { max: line.quantity } });
      continue;
    }
    const resalable = l.packagingIntact ? accepted : 0;
    const settled = r.reasonCategory === ReturnReasonCategory.CUSTOMER ? resalable : accepted + damaged;
    const orderLine = orderLineOf.get(line.orderLineId)!;
    inspected.push({
      line,
      acceptedQuantity: accepted,
      damagedQuantity: damaged,
      packagingIntact: l.packagingIntact,
      resalable,
      nonResalable: accepted + damaged - resalable,
      refundCents: Math.round((orderLine.lineTotalCents * settled) / orderLine.quantity),
      note: l.note?.trim() || null,
    });
  }
  const missing = lines.filter((l) => !seen.has(l.id));
  if (!problems.length && missing.length)
    problems.push({ field: 'lines', message: `line ${missing.map((l) => `${l.lineNo} (${l.productName}, lot ${l.lotNo})`).join(', ')} is not inspected`, reason: 'MISSING_LINE', params: { returnLineIds: missing.map((l) => l.id) } });
  if (problems.length) throw new BadUserInputError(problems);
  const settledUnits = inspected.reduce((n, l) => n + (r.reasonCategory === ReturnReasonCategory.CUSTOMER ? l.resalable : l.acceptedQuantity + l.damagedQuantity), 0);
  return { lines: inspected, refundCents: inspected.reduce((n, l) => n + l.refundCents, 0), settledUnits };
}

/** Keys only the service sets for the workflow's branches and actions, never taken from the client. */
const SERVICE_KEYS = ['inspection', 'putBack', 'refundCents'];
const OPEN_REVIEW: readonly string[] = [ReturnStage.NEW, ReturnStage.REVIEW];
const CLOSED: readonly string[] = [ReturnStage.COMPLETED, ReturnStage.REJECTED, ReturnStage.CANCELLED];

/**
 * Takes a workflow action on a return. `inspect` first checks the inspection (`input.lines`)
 * and works out the refund; the clocks follow the stages: the review clock stops when the
 * review is answered (or the return closes), the refund clock starts when the return reaches
 * settlement and stops when it is settled or closed.
 */
export async function transitionReturn(ctx: RequestContext, args: { id: string; version?: number | null; action: string; input?: Record<string, unknown> }): Promise<ReturnRequest> {
  requireActor(ctx);
  const r = await getReturn(ctx, args.id);
  if (args.version != null) checkVersion(r, args.version, 'Return');
  const workflow = await returnWorkflow(ctx, r);
  const input: Record<string, unknown> = { ...(args.input ?? {}) };
  for (const key of SERVICE_KEYS) delete input[key];
  const from = r.state;
  const fromStage = r.stage;
  const lines = await returnLines(ctx, r.id);
  if (args.action === 'inspect' && workflow.transitions.some((t) => t.action === 'inspect' && t.from.includes(from))) {
    const inspection = await planInspection(ctx, r, lines, input.lines);
    Object.assign(input, { inspection, refundCents: inspection.refundCents });
  }
  input.lines = lines;
  await runTransition(workflow, { ctx, record: r, state: from, action: args.action, input, move: (to) => Object.assign(r, { state: to.name, stage: to.stage as ReturnStage }) });
  const now = clock.now();
  if (OPEN_REVIEW.includes(fromStage) && !OPEN_REVIEW.includes(r.stage)) meetReturnClock(r, now);
  if (r.stage === ReturnStage.SETTLEMENT && !r.refundDueAt) await startReturnClock(ctx.em, r, ReturnClock.REFUND, now);
  if (CLOSED.includes(r.stage)) meetReturnClock(r, now);
  const reason = typeof input.reason === 'string' ? input.reason.trim() : null;
  const putBack = input.putBack as { restocked: number; quarantined: number; destructionId: string | null } | undefined;
  recordReturnEvent(
    ctx,
    r,
    {
      kind: ReturnEventKind.TRANSITION,
      action: args.action,
      fromState: from,
      toState: r.state,
      reason,
      details: {
        ...(putBack ? { ...putBack, refundCents: r.refundCents } : {}),
        ...(args.action === 'ship_back' ? { carrier: r.returnCarrier, trackingNo: r.returnTrackingNo } : {}),
        ...(args.action === 'refund' ? { refundCents: r.refundCents, reference: r.refundReference } : {}),
        ...(args.action === 'exchange' ? { replacementOrderId: r.replacementOrderId } : {}),
      },
    },
    now,
  );
  await flushReturn(ctx, r);
  await publishEvent(ctx, 'return.transitioned', r.franchiseId, { returnId: r.id, returnNo: r.returnNo, orderId: r.orderId, customerId: r.customerId ?? null, action: args.action, from, to: r.state, reason });
  if (putBack) await publishEvent(ctx, 'return.inspected', r.franchiseId, { returnId: r.id, returnNo: r.returnNo, orderId: r.orderId, restocked: putBack.restocked, quarantined: putBack.quarantined, refundCents: r.refundCents ?? 0, refundDueAt: r.refundDueAt?.toISOString() ?? '' });
  if (args.action === 'refund') await publishEvent(ctx, 'return.refunded', r.franchiseId, { returnId: r.id, returnNo: r.returnNo, orderId: r.orderId, customerId: r.customerId ?? null, refundCents: r.refundCents ?? 0 });
  if (args.action === 'exchange' && r.replacementOrderId)
    await publishEvent(ctx, 'return.exchanged', r.franchiseId, { returnId: r.id, returnNo: r.returnNo, orderId: r.orderId, replacementOrderId: r.replacementOrderId, customerId: r.customerId ?? null });
  return r;
}

