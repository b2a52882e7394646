import { calendarDate } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { publishEvent } from '../../core/events/outbox';
import { addDays } from '../inventory/inventory.time';
import { OrgUnit } from '../org/org-unit.entity';
import type { Order } from './order.entity';
import { orderLines } from './order-stock';

/**
 * Consumption periods: when the goods reach the customer, each line with a prescribed daily
 * dose gets the day it runs out (that day in the franchise's calendar + quantity ÷ daily dose,
 * whole days), and an order.consumption event the callbacks turn into a refill call.
 */
/** How many whole days `quantity` lasts at `dailyDose` a day (the consumption period; prescriptions show it before ordering). */
export function consumptionDays(quantity: number, dailyDose: number): number {
  return Math.floor(quantity / dailyDose);
}

export async function startConsumption(ctx: RequestContext, order: Order, at: Date): Promise<void> {
  const lines = (await orderLines(ctx, order.id)).filter((l) => l.dailyDose);
  if (!lines.length) return;
  const franchise = await ctx.em.findOneOrFail(OrgUnit, { id: order.franchiseId });
  const received = calendarDate(at, franchise.timeZone);
  for (const line of lines) {
    line.runsOutOn = addDays(received, consumptionDays(line.quantity, line.dailyDose!));
    await publishEvent(ctx, 'order.consumption', order.franchiseId, { orderId: order.id, orderNo: order.orderNo, lineId: line.id, customerId: order.customerId ?? null, productId: line.productId, runsOutOn: line.runsOutOn });
  }
}
