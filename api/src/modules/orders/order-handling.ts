import type { RequestContext } from '../../core/context';
import { readFranchiseSettings, updateFranchiseSettings } from '../../core/services/franchise-settings';
import { addBusinessMinutes, workingDaysAllDay, type BusinessCalendarSpec } from '../cases/business-time';
import { policyFor } from '../cases/sla.service';
import { OrderSettings, type Order } from './order.entity';
import type { OrderSettingsInput } from './order.types';

/**
 * Order handling on time (an agent KPI): each online order records when its review and its
 * shipping were due and whether they happened by then, on the franchise's business calendar
 * (its default SLA policy's, the one cases and return clocks count on). Targets per franchise:
 * the review within `reviewWithinMinutes` working minutes of receipt (default 2 working hours;
 * the clock restarts when a held order's review resumes), shipping within `shipWithinHours`
 * hours of working days of approval (default 24; weekends and holidays do not count).
 */

export function orderSettings(ctx: RequestContext, franchiseId: string): Promise<OrderSettings> {
  return readFranchiseSettings(ctx, OrderSettings, franchiseId);
}

export function updateOrderSettings(ctx: RequestContext, input: OrderSettingsInput): Promise<OrderSettings> {
  return updateFranchiseSettings(ctx, OrderSettings, 'Order settings of franchise', input, (settings) => {
    if (input.reviewWithinMinutes != null) settings.reviewWithinMinutes = input.reviewWithinMinutes;
    if (input.shipWithinHours != null) settings.shipWithinHours = input.shipWithinHours;
  });
}

type Targets = { settings: OrderSettings; calendar: BusinessCalendarSpec };
const targetsByUnitOfWork = new WeakMap<object, Map<string, Promise<Targets>>>();

/** The franchise's targets and calendar, read once per unit of work (a review reads them before it locks stock, see prepareReview). */
function targets(ctx: RequestContext, franchiseId: string): Promise<Targets> {
  let known = targetsByUnitOfWork.get(ctx.em);
  if (!known) targetsByUnitOfWork.set(ctx.em, (known = new Map()));
  let found = known.get(franchiseId);
  if (!found) {
    found = Promise.all([orderSettings(ctx, franchiseId), policyFor(ctx.em, franchiseId, 'general')]).then(([settings, policy]) => ({ settings, calendar: policy.calendar }));
    known.set(franchiseId, found);
    found.catch(() => known.delete(franchiseId));
  }
  return found;
}

/** Reads the targets a review needs before its stock is locked, so the locks are not held over those reads. */
export async function prepareReview(ctx: RequestContext, order: Order): Promise<void> {
  await targets(ctx, order.franchiseId);
}

/** When a review starting now (receipt, or the customer's answer) is due: `reviewWithinMinutes` working minutes later. */
export async function reviewDueFrom(ctx: RequestContext, franchiseId: string, now: Date): Promise<Date> {
  const { settings, calendar } = await targets(ctx, franchiseId);
  return addBusinessMinutes(calendar, now, settings.reviewWithinMinutes);
}

export async function startReviewClock(ctx: RequestContext, order: Order, now: Date): Promise<void> {
  Object.assign(order, { reviewDueAt: await reviewDueFrom(ctx, order.franchiseId, now), reviewOnTime: null });
}

/** The review happened now: on time or not; an approved order's shipping clock starts. */
export async function recordReviewTiming(ctx: RequestContext, order: Order, now: Date, approved: boolean): Promise<void> {
  order.reviewOnTime = order.reviewDueAt ? now.getTime() <= order.reviewDueAt.getTime() : null;
  if (!approved) return;
  const { settings, calendar } = await targets(ctx, order.franchiseId);
  Object.assign(order, { shipDueAt: addBusinessMinutes(workingDaysAllDay(calendar), now, settings.shipWithinHours * 60), shippedOnTime: null });
}

/** The order shipped now: on time or not. */
export function recordShipTiming(order: Order, now: Date): void {
  order.shippedOnTime = order.shipDueAt ? now.getTime() <= order.shipDueAt.getTime() : null;
}
