import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ForbiddenError } from '../../core/errors';
import { checkVersion } from '../../core/services/updates';
import { IdentityVerificationMethod, Order, OrderEventKind, OrderStage } from './order.entity';
import { flushOrder, getOrder, recordEvent } from './order.service';

/**
 * Changes the customer asks for after ordering: the delivery address and contact, only once
 * their identity was verified (the verifying step is recorded and used up by the change), each
 * change kept on the timeline with who, when, before and after. A stale version is a CONFLICT.
 */

/** How long a verification stands for a change. */
export const VERIFICATION_VALID_MINUTES = 30;

/** Stages before the goods leave the warehouse: the delivery can still change. */
const CHANGEABLE: readonly OrderStage[] = [OrderStage.NEW, OrderStage.REVIEW, OrderStage.WAITING_CUSTOMER, OrderStage.FULFILLMENT];

const DELIVERY_FIELDS = ['deliveryName', 'deliveryPhone', 'deliveryAddress'] as const;
type DeliveryField = (typeof DELIVERY_FIELDS)[number];

export async function verifyOrderCustomer(ctx: RequestContext, input: { id: string; method: IdentityVerificationMethod; note?: string | null }): Promise<Order> {
  const actor = requireActor(ctx);
  const order = await getOrder(ctx, input.id);
  if (!order.customerId) throw new BadUserInputError({ field: 'id', message: `order ${order.orderNo} is a walk-in’s: there is no customer to verify`, reason: 'WALK_IN' });
  Object.assign(order, { identityVerifiedAt: clock.now(), identityVerifiedById: actor.id, identityVerificationMethod: input.method });
  recordEvent(ctx, order, { kind: OrderEventKind.IDENTITY_VERIFIED, reason: input.note?.trim() || null, details: { method: input.method } });
  await flushOrder(ctx, order);
  return order;
}

export async function changeOrderDelivery(ctx: RequestContext, input: { id: string; version: number; reason: string } & Partial<Record<DeliveryField, string | null>>): Promise<Order> {
  requireActor(ctx);
  const order = await getOrder(ctx, input.id);
  checkVersion(order, input.version, 'Order');
  if (!CHANGEABLE.includes(order.stage))
    throw new ConflictError(`Order ${order.orderNo} is ${order.state}: the goods have left the warehouse and its delivery can no longer be changed`, { reason: 'ALREADY_SHIPPED', params: { state: order.state } });
  const verifiedAt = order.identityVerifiedAt?.getTime();
  if (verifiedAt === undefined || clock.nowMs() - verifiedAt > VERIFICATION_VALID_MINUTES * 60_000)
    throw new ForbiddenError(`Verify the customer’s identity first (verifyOrderCustomer; it stands for ${VERIFICATION_VALID_MINUTES} minutes and one change)`, { reason: 'IDENTITY_NOT_VERIFIED', params: { validMinutes: VERIFICATION_VALID_MINUTES } });
  const before: Partial<Record<DeliveryField, string | null>> = {};
  const after: Partial<Record<DeliveryField, string | null>> = {};
  for (const field of DELIVERY_FIELDS) {
    const value = input[field]?.trim();
    if (value === undefined || value === (order[field] ?? undefined)) continue;
    if (!value) throw new BadUserInputError({ field, message: 'cannot be cleared', reason: 'REQUIRED', params: { field } });
    before[field] = order[field] ?? null;
    after[field] = value;
  }
  if (!Object.keys(after).length) throw new BadUserInputError({ field: 'deliveryAddress', message: 'nothing to change: give a new name, phone or address', reason: 'NOTHING_CHANGED' });
  const verification = { verifiedById: order.identityVerifiedById, verifiedAt: order.identityVerifiedAt, verificationMethod: order.identityVerificationMethod };
  Object.assign(order, after, { identityVerifiedAt: null, identityVerifiedById: null, identityVerificationMethod: null });
  recordEvent(ctx, order, { kind: OrderEventKind.DELIVERY_CHANGED, reason: input.reason.trim(), details: { before, after, ...verification, version: order.version + 1 } });
  await flushOrder(ctx, order);
  return order;
}
