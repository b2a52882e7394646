import { localDateTime } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { onEvent, type EventHandler } from '../../core/plugins/plugin';
import { endOfWorkingDays } from '../cases/business-time';
import { policyFor } from '../cases/sla.service';
import { notifyCustomer } from '../notifications/notification.service';
import { OrgUnit } from '../org/org-unit.entity';
import { Order, TrackingStatus } from './order.entity';

/**
 * What the customer hears about their order, as reactions to its events (each once per event,
 * through the platform notifications: consent, quiet hours, templates): the shipment with the
 * carrier and tracking number, the delivery's main steps, a cancellation with when the refund
 * arrives (3 working days on the franchise's calendar).
 */

/** Working days within which a cancelled order's payment is refunded (domain.md, returns). */
export const REFUND_WORKING_DAYS = 3;

/** The tracking steps worth a message (the others show in the order's timeline only). */
const TOLD: Partial<Record<TrackingStatus, string>> = {
  [TrackingStatus.OUT_FOR_DELIVERY]: '正在派送中，请保持电话畅通',
  [TrackingStatus.DELIVERED]: '已签收，如有问题请随时联系我们',
  [TrackingStatus.EXCEPTION]: '配送遇到问题，我们会尽快与您联系',
};

async function timeZoneOf(ctx: RequestContext, franchiseId: string): Promise<string> {
  return (await ctx.em.findOne(OrgUnit, { id: franchiseId }, { fields: ['timeZone'] }))?.timeZone ?? 'Asia/Shanghai';
}

/** The order (with a customer to tell) in the event's franchise, or nothing to do. */
async function orderToTell(ctx: RequestContext, orderId: string): Promise<(Order & { customerId: string }) | null> {
  const order = await ctx.em.findOne(Order, { id: orderId });
  return order?.customerId ? (order as Order & { customerId: string }) : null;
}

export const orderNoticeHandlers: readonly EventHandler<unknown>[] = [
  onEvent({
    event: 'order.shipped',
    name: 'tell the customer their order shipped',
    async handle(event, { inFranchise }) {
      if (!event.customerId) return;
      await inFranchise(async (ctx) => {
        const order = await orderToTell(ctx, event.orderId);
        if (!order) return;
        const expectedDelivery = order.expectedDeliveryAt ? localDateTime(order.expectedDeliveryAt, await timeZoneOf(ctx, order.franchiseId)) : '以物流信息为准';
        await notifyCustomer(ctx, {
          kind: 'order.shipped',
          customerId: order.customerId,
          variables: { orderNo: order.orderNo, carrier: event.carrier, trackingNo: event.trackingNo, expectedDelivery },
          refType: 'Order',
          refId: order.id,
          dedupeKey: `order.shipped:${order.id}:${event.trackingNo}`,
        });
      });
    },
  }),
  onEvent({
    event: 'order.tracking',
    name: 'tell the customer where their parcel is',
    async handle(event, { inFranchise }) {
      const status = TOLD[event.status as TrackingStatus];
      if (!event.customerId || !status) return;
      await inFranchise(async (ctx) => {
        const order = await orderToTell(ctx, event.orderId);
        if (!order) return;
        const eta = event.eta && event.status === TrackingStatus.OUT_FOR_DELIVERY ? `预计 ${localDateTime(new Date(event.eta), await timeZoneOf(ctx, order.franchiseId))} 前送达。` : '';
        await notifyCustomer(ctx, {
          kind: 'order.tracking',
          customerId: order.customerId,
          variables: { orderNo: order.orderNo, status, eta },
          refType: 'Order',
          refId: order.id,
          // Once per step: a carrier repeating "out for delivery" does not message again.
          dedupeKey: `order.tracking:${order.id}:${event.status}`,
        });
      });
    },
  }),
  onEvent({
    event: 'order.cancelled',
    name: 'tell the customer their order was cancelled and when the refund arrives',
    async handle(event, { inFranchise }) {
      if (!event.customerId) return;
      await inFranchise(async (ctx) => {
        const order = await orderToTell(ctx, event.orderId);
        if (!order) return;
        let refund = '';
        if (event.refundDue) {
          const by = endOfWorkingDays((await policyFor(ctx.em, order.franchiseId, 'general')).calendar, new Date(event.occurredAt), REFUND_WORKING_DAYS);
          refund = `已付款项将于 ${localDateTime(by, await timeZoneOf(ctx, order.franchiseId)).slice(0, 10)} 前原路退回。`;
        }
        await notifyCustomer(ctx, {
          kind: 'order.cancelled',
          customerId: order.customerId,
          variables: { orderNo: order.orderNo, reason: event.reason, refund },
          refType: 'Order',
          refId: order.id,
          dedupeKey: `order.cancelled:${order.id}`,
        });
      });
    },
  }),
] as readonly EventHandler<unknown>[];
