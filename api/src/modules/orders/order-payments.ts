import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError } from '../../core/errors';
import { checkVersion } from '../../core/services/updates';
import { notifyCustomer } from '../notifications/notification.service';
import { Order, OrderChannel, OrderEventKind, OrderStage, PaymentMethod, PaymentStatus } from './order.entity';
import { flushOrder, getOrder, recordEvent } from './order.service';

/**
 * Payments of online orders (in store, `payOrder` takes the payment at the counter) and the
 * reminders an unpaid order sends its customer: a day after it was placed, then three days
 * after, never once it is paid or cancelled.
 */

/** Hours after the order each reminder is due (the first, the second). */
export const PAYMENT_REMINDER_HOURS = [24, 72] as const;

/** Stages in which an unpaid order is still worth paying (before it ships, not cancelled). */
const AWAITING_PAYMENT: readonly OrderStage[] = [OrderStage.NEW, OrderStage.REVIEW, OrderStage.WAITING_CUSTOMER, OrderStage.FULFILLMENT];

export async function recordOrderPayment(ctx: RequestContext, input: { id: string; version?: number | null; method: PaymentMethod; reference: string; amountCents: number }): Promise<Order> {
  requireActor(ctx);
  const order = await getOrder(ctx, input.id);
  const reference = input.reference.trim();
  if (!reference) throw new BadUserInputError({ field: 'input.reference', message: 'give the payment’s reference (transaction number)', reason: 'REQUIRED', params: { field: 'reference' } });
  // The same payment recorded again (a partner's retry) changes nothing.
  if (order.paymentStatus !== PaymentStatus.UNPAID && order.paymentReference === reference) return order;
  if (input.version != null) checkVersion(order, input.version, 'Order');
  if (order.channel === OrderChannel.IN_STORE) throw new BadUserInputError({ field: 'input.id', message: `order ${order.orderNo} is an in-store receipt: take its payment with payOrder`, reason: 'IN_STORE_ORDER' });
  if (order.paymentStatus !== PaymentStatus.UNPAID)
    throw new ConflictError(`Order ${order.orderNo} is already ${order.paymentStatus === PaymentStatus.PAID ? 'paid' : order.paymentStatus} (reference ${order.paymentReference ?? 'none'})`, { reason: 'ALREADY_PAID', params: { paymentStatus: order.paymentStatus } });
  if (order.stage === OrderStage.CANCELLED) throw new ConflictError(`Order ${order.orderNo} is cancelled: it cannot be paid`, { reason: 'ORDER_CANCELLED' });
  if (input.amountCents !== order.totalCents)
    throw new BadUserInputError({ field: 'input.amountCents', message: `order ${order.orderNo} comes to ${order.totalCents} cents, not ${input.amountCents}`, reason: 'AMOUNT_MISMATCH', params: { expected: order.totalCents, given: input.amountCents } });
  Object.assign(order, { paymentStatus: PaymentStatus.PAID, paidAt: clock.now(), paymentMethod: input.method, paymentReference: reference });
  recordEvent(ctx, order, { kind: OrderEventKind.PAYMENT, details: { method: input.method, reference, amountCents: input.amountCents } });
  await flushOrder(ctx, order);
  return order;
}

/** Sends the payment reminders that are due (in the caller's scope: a job's, every franchise), at most `limit` at a time; returns how many. */
export async function sendPaymentReminders(ctx: RequestContext, at: Date = clock.now(), limit = 500): Promise<number> {
  // Enum values and hours are the code's constants, not input: inlined as literals.
  const stages = AWAITING_PAYMENT.map((st) => `'${st}'`).join(', ');
  const hoursAfter = `case payment_reminders ${PAYMENT_REMINDER_HOURS.map((h, i) => `when ${i} then ${h}`).join(' ')} end`;
  const due = await ctx.em.execute<{ id: string }[]>(
    `select id from sales_order
      where payment_status = 'UNPAID' and customer_id is not null and channel <> 'IN_STORE' and stage in (${stages})
        and payment_reminders < ${PAYMENT_REMINDER_HOURS.length} and created_at <= ?::timestamptz - make_interval(hours => ${hoursAfter})
      order by created_at limit ?`,
    [at, limit],
  );
  for (const { id } of due) {
    const order = await ctx.em.findOneOrFail(Order, { id });
    const n = order.paymentReminders + 1;
    await notifyCustomer(ctx, {
      kind: 'order.payment_reminder',
      customerId: order.customerId!,
      variables: { orderNo: order.orderNo, amount: (order.totalCents / 100).toFixed(2) },
      refType: 'Order',
      refId: order.id,
      dedupeKey: `order.payment_reminder:${order.id}:${n}`,
    });
    order.paymentReminders = n;
    recordEvent(ctx, order, { kind: OrderEventKind.PAYMENT_REMINDER, details: { reminder: n } });
    await flushOrder(ctx, order);
  }
  return due.length;
}
