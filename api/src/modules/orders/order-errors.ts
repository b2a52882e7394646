import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import { checkVersion } from '../../core/services/updates';
import { staffLoader } from '../identity/identity.loaders';
import { Order, OrderError, OrderErrorKind, OrderEventKind } from './order.entity';
import { orderLinesLoader } from './order.loaders';
import { flushOrder, getOrder, recordEvent } from './order.service';
import type { RecordOrderErrorInput, WithdrawOrderErrorInput } from './order.types';

/**
 * Order errors (the order error rate, an agent KPI): a wrong entry counts against who entered
 * the order, a wrong shipment against who reviewed it, unless a staff member of the order's
 * franchise is named; OTHER needs one named. Each is a row with who recorded it and when, on the
 * order's timeline and in the outbox; withdrawn with a reason, never deleted.
 */

/** Who an error counts against: the one named, else the order's enterer (wrong entry) or reviewer (wrong shipment). */
async function responsibleAgent(ctx: RequestContext, order: Order, kind: OrderErrorKind, named: string | null | undefined): Promise<string> {
  if (named) {
    const staff = await staffLoader(ctx).load(named);
    if (!staff) throw new NotFoundError('Staff member', named);
    if (staff.franchiseId !== order.franchiseId)
      throw new BadUserInputError({ field: 'input.agentId', message: `${staff.displayName} is not staff of the order’s franchise`, reason: 'OTHER_FRANCHISE', params: { agentId: named } });
    return staff.id;
  }
  const implied = kind === OrderErrorKind.WRONG_ENTRY ? order.createdById : kind === OrderErrorKind.WRONG_SHIPMENT ? order.reviewedById : null;
  if (!implied) {
    const why = kind === OrderErrorKind.OTHER ? 'an error of kind OTHER' : kind === OrderErrorKind.WRONG_ENTRY ? `order ${order.orderNo} was not entered by staff` : `order ${order.orderNo} has not been reviewed`;
    throw new BadUserInputError({ field: 'input.agentId', message: `name the staff member responsible: ${why}`, reason: 'REQUIRED', params: { field: 'agentId' } });
  }
  return implied;
}

export async function recordOrderError(ctx: RequestContext, input: RecordOrderErrorInput): Promise<Order> {
  const actor = requireActor(ctx);
  const order = await getOrder(ctx, input.orderId);
  checkVersion(order, input.expectedVersion, 'Order');
  const note = input.note.trim();
  if (!note) throw new BadUserInputError({ field: 'input.note', message: 'say what was wrong', reason: 'REQUIRED', params: { field: 'note' } });
  if (input.lineId && !(await orderLinesLoader(ctx).load(order.id)).some((l) => l.id === input.lineId))
    throw new BadUserInputError({ field: 'input.lineId', message: `is not a line of order ${order.orderNo}`, reason: 'OTHER_ORDER', params: { lineId: input.lineId } });
  const agentId = await responsibleAgent(ctx, order, input.kind, input.agentId);
  const error = ctx.em.create(OrderError, { franchiseId: order.franchiseId, orderId: order.id, lineId: input.lineId ?? null, kind: input.kind, note, agentId, recordedById: actor.id, recordedAt: clock.now() });
  recordEvent(ctx, order, { kind: OrderEventKind.ERROR_RECORDED, reason: note, details: { errorId: error.id, kind: error.kind, agentId, lineId: error.lineId } });
  await flushOrder(ctx, order);
  await publishEvent(ctx, 'order.error_recorded', order.franchiseId, { orderId: order.id, orderNo: order.orderNo, errorId: error.id, kind: error.kind, agentId, lineId: error.lineId ?? null });
  return order;
}

export async function withdrawOrderError(ctx: RequestContext, input: WithdrawOrderErrorInput): Promise<Order> {
  const actor = requireActor(ctx);
  const error = await ctx.em.findOne(OrderError, { id: input.errorId });
  if (!error) throw new NotFoundError('Order error', input.errorId);
  const order = await getOrder(ctx, error.orderId);
  checkVersion(order, input.expectedVersion, 'Order');
  const reason = input.reason.trim();
  if (!reason) throw new BadUserInputError({ field: 'input.reason', message: 'say why the error is withdrawn', reason: 'REQUIRED', params: { field: 'reason' } });
  if (error.withdrawnAt) throw new BadUserInputError({ field: 'input.errorId', message: 'this order error was already withdrawn', reason: 'ALREADY_WITHDRAWN' });
  Object.assign(error, { withdrawnAt: clock.now(), withdrawnById: actor.id, withdrawReason: reason });
  recordEvent(ctx, order, { kind: OrderEventKind.ERROR_WITHDRAWN, reason, details: { errorId: error.id, kind: error.kind, agentId: error.agentId } });
  await flushOrder(ctx, order);
  await publishEvent(ctx, 'order.error_withdrawn', order.franchiseId, { orderId: order.id, orderNo: order.orderNo, errorId: error.id, kind: error.kind, agentId: error.agentId, reason });
  return order;
}
