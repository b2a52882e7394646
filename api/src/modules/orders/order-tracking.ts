import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { publishEvent } from '../../core/events/outbox';
import { orgUnitScopeCondition } from '../org/org.service';
import { Order, OrderEventKind, OrderTrackingEvent, TrackingStatus } from './order.entity';
import { flushOrder, orderWorkflow, recordEvent, transitionOrder } from './order.service';
import type { TrackingEventInput } from './order.types';

/**
 * Carriers' tracking events (picked up, in transit, out for delivery with an ETA, delivered),
 * posted in batches by a logistics partner's API key. Idempotent by the carrier's event id: a
 * replayed event changes nothing, not even the order's version. Events may come out of order:
 * the order shows the latest by the time it happened; a delivery moves a shipped order to
 * DELIVERED through the workflow (carrier_deliver).
 */

export interface TrackingBatchResult {
  accepted: number;
  duplicates: number;
  /** Event ids whose tracking number matches no shipped order in the caller's reach. */
  unmatched: string[];
}

export async function recordTrackingEvents(ctx: RequestContext, events: readonly TrackingEventInput[]): Promise<TrackingBatchResult> {
  requireActor(ctx);
  const scope = await orgUnitScopeCondition(ctx);
  const trackingNos = [...new Set(events.map((e) => e.trackingNo.trim()))];
  const orders = await ctx.em.find(Order, { trackingNo: { $in: trackingNos }, ...scope });
  const byTrackingNo = new Map(orders.map((o) => [o.trackingNo!, o]));
  const matched = events.filter((e) => byTrackingNo.has(e.trackingNo.trim()));
  const unmatched = events.filter((e) => !byTrackingNo.has(e.trackingNo.trim())).map((e) => e.eventId);
  if (!matched.length) return { accepted: 0, duplicates: 0, unmatched };

  // One statement: the events new to us are stored, a replay's are skipped by the unique key.
  const inserted = await ctx.em.execute<{ event_id: string; order_id: string }[]>(
    `insert into sales_order_tracking_event (id, franchise_id, order_id, carrier, event_id, tracking_no, status, occurred_at, location, eta, note, received_at)
     select gen_random_uuid(), x.franchise_id, x.order_id, x.carrier, x.event_id, x.tracking_no, x.status, x.occurred_at, x.location, x.eta, x.note, now()
       from jsonb_to_recordset(?::jsonb) as x(franchise_id uuid, order_id uuid, carrier text, event_id text, tracking_no text, status text, occurred_at timestamptz, location text, eta timestamptz, note text)
     on conflict (franchise_id, carrier, event_id) do nothing
     returning event_id, order_id`,
    [
      JSON.stringify(
        matched.map((e) => {
          const order = byTrackingNo.get(e.trackingNo.trim())!;
          return { franchise_id: order.franchiseId, order_id: order.id, carrier: order.carrier, event_id: e.eventId, tracking_no: order.trackingNo, status: e.status, occurred_at: e.occurredAt.toISOString(), location: e.location ?? null, eta: e.eta?.toISOString() ?? null, note: e.note ?? null };
        }),
      ),
    ],
  );
  const fresh = new Set(inserted.map((r) => `${r.order_id}|${r.event_id}`));
  const touched = new Set<Order>();
  // Oldest first, so the latest event is the one the order shows whatever order they came in.
  for (const e of [...matched].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    const order = byTrackingNo.get(e.trackingNo.trim())!;
    if (!fresh.has(`${order.id}|${e.eventId}`)) continue;
    fresh.delete(`${order.id}|${e.eventId}`);
    recordEvent(ctx, order, { kind: OrderEventKind.TRACKING, details: { eventId: e.eventId, status: e.status, occurredAt: e.occurredAt, location: e.location ?? null, eta: e.eta ?? null } });
    if (!order.trackingUpdatedAt || e.occurredAt >= order.trackingUpdatedAt) {
      Object.assign(order, { trackingStatus: e.status, trackingUpdatedAt: e.occurredAt, estimatedArrivalAt: e.eta ?? order.estimatedArrivalAt ?? null });
    }
    touched.add(order);
  }
  for (const order of touched) {
    await flushOrder(ctx, order);
    await publishEvent(ctx, 'order.tracking', order.franchiseId, { orderId: order.id, orderNo: order.orderNo, customerId: order.customerId ?? null, status: order.trackingStatus!, occurredAt: order.trackingUpdatedAt!.toISOString(), eta: order.estimatedArrivalAt?.toISOString() ?? null });
    const workflow = await orderWorkflow(ctx, order);
    if (order.trackingStatus === TrackingStatus.DELIVERED && workflow.transitions.some((t) => t.action === 'carrier_deliver' && t.from.includes(order.state)))
      await transitionOrder(ctx, { id: order.id, action: 'carrier_deliver' });
  }
  return { accepted: inserted.length, duplicates: matched.length - inserted.length, unmatched };
}
