import type { RequestContext } from '../../core/context';
import { activeReservationsOf, allocationsOf, InsufficientStockError, issueReservation, releaseReservation, reserveStock } from '../inventory/stock.service';
import { getBatch } from '../inventory/warehouse.service';
import { Order, OrderLine, OrderPick } from './order.entity';

/**
 * An order's stock, through the inventory services only: a reservation per line at the
 * order's warehouse (first expiry first), the reserved lots recorded as picks, issued when the
 * goods leave, released when the order is cancelled.
 */

export const ORDER_DOCUMENT = 'ORDER';

export function orderLines(ctx: RequestContext, orderId: string): Promise<OrderLine[]> {
  return ctx.em.find(OrderLine, { orderId }, { orderBy: { lineNo: 'asc' } });
}

/** Reserves every line or none: INSUFFICIENT_STOCK (a CONFLICT) names the first line that cannot be covered. */
export async function reserveOrder(ctx: RequestContext, order: Order): Promise<void> {
  const lines = await orderLines(ctx, order.id);
  await reserveStock(ctx, { warehouseId: order.warehouseId, documentType: ORDER_DOCUMENT, documentId: order.id, lines: lines.map((l) => ({ lineId: l.id, productId: l.productId, quantity: l.quantity })) });
}

export interface StockShortage {
  message: string;
  productId: string;
  productName: string;
  asked: number;
  available: number;
}

/**
 * Tries to reserve the order's stock in a savepoint: null when every line is reserved, the
 * shortage when one cannot be covered (then nothing of the attempt is left, and the order can
 * wait for the customer in the same transaction).
 */
export async function tryReserveOrder(ctx: RequestContext, order: Order): Promise<StockShortage | null> {
  try {
    await ctx.em.transactional((em) => reserveOrder({ ...ctx, em }, order), { clear: true });
    return null;
  } catch (error) {
    if (!(error instanceof InsufficientStockError)) throw error;
    const e = error.extensions as { productId: string; productName: string; asked: number; available: number };
    return { message: error.message, productId: e.productId, productName: e.productName, asked: e.asked, available: e.available };
  }
}

/** Records the lots each line's reservation holds (first expiry first) as the order's picks. */
export async function recordPicks(ctx: RequestContext, order: Order): Promise<OrderPick[]> {
  const reservations = await activeReservationsOf(ctx, ORDER_DOCUMENT, order.id);
  const lineOf = new Map(reservations.map((r) => [r.id, r.documentLineId!]));
  const allocations = await allocationsOf(ctx, reservations.map((r) => r.id));
  // Every lot at once: the batch loader reads them in one statement (awaiting each in turn was one per lot).
  const batches = await Promise.all(allocations.map((a) => getBatch(ctx, a.batchId)));
  return allocations.map((a, i) =>
    ctx.em.create(OrderPick, { franchiseId: order.franchiseId, orderId: order.id, lineId: lineOf.get(a.reservationId)!, batchId: a.batchId, lotNo: batches[i]!.lotNo, expiryDate: batches[i]!.expiryDate, zoneId: a.zoneId, quantity: a.quantity }),
  );
}

/** The goods leave the warehouse: each line's reservation is issued (ISSUE moves against the order, its number on the slip). */
export async function issueOrder(ctx: RequestContext, order: Order): Promise<void> {
  for (const reservation of await activeReservationsOf(ctx, ORDER_DOCUMENT, order.id)) await issueReservation(ctx, { id: reservation.id, documentNo: order.orderNo });
}

/** Gives back whatever the order still holds. */
export async function releaseOrder(ctx: RequestContext, order: Order, reason: string): Promise<void> {
  for (const reservation of await activeReservationsOf(ctx, ORDER_DOCUMENT, order.id)) await releaseReservation(ctx, { id: reservation.id, reason });
}
