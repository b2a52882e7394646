import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/context';
import { byIdLoader } from '../../core/loaders';
import { Order, OrderError, OrderEvent, OrderLine, OrderPick, OrderTrackingEvent } from './order.entity';

/**
 * Loaders for orders that did not come from a page (a mutation's result, a live event):
 * lines, picks and the timeline, each batched for every order of the request.
 */
export const orderLoader = (ctx: RequestContext) => byIdLoader(ctx, Order);
export const orderLineLoader = (ctx: RequestContext) => byIdLoader(ctx, OrderLine);

function groupedLoader<T extends object>(ctx: RequestContext, entity: new () => T, key: keyof T & string, orderBy: Record<string, 'asc'>) {
  return ctx.loaders.get(`orders:${entity.name}.${key}`, () =>
    new DataLoader<string, T[]>(async (ids) => {
      const rows = await ctx.em.find(entity, { [key]: { $in: [...ids] } } as never, { orderBy: orderBy as never });
      const by = new Map<string, T[]>();
      for (const row of rows) by.set(row[key] as string, [...(by.get(row[key] as string) ?? []), row]);
      return ids.map((id) => by.get(id) ?? []);
    }),
  );
}

export const orderLinesLoader = (ctx: RequestContext) => groupedLoader(ctx, OrderLine, 'orderId', { lineNo: 'asc' });
export const linePicksLoader = (ctx: RequestContext) => groupedLoader(ctx, OrderPick, 'lineId', { expiryDate: 'asc', id: 'asc' });
export const orderTrackingLoader = (ctx: RequestContext) => groupedLoader(ctx, OrderTrackingEvent, 'orderId', { occurredAt: 'asc', id: 'asc' });
export const orderEventsLoader = (ctx: RequestContext) => groupedLoader(ctx, OrderEvent, 'orderId', { occurredAt: 'asc', id: 'asc' });
export const orderErrorsLoader = (ctx: RequestContext) => groupedLoader(ctx, OrderError, 'orderId', { recordedAt: 'asc', id: 'asc' });
