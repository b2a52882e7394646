import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/context';
import { Customer } from './customer.entity';

const CUSTOMER_BY_ID = Symbol('customerById');

/** Customers by id, batched per request (franchise filter and RLS apply; org scope is the caller's check). */
export function customerLoader(ctx: RequestContext): DataLoader<string, Customer | null> {
  return ctx.loaders.get(CUSTOMER_BY_ID, () =>
    new DataLoader<string, Customer | null>(async (ids) => {
      const found = await ctx.em.find(Customer, { id: { $in: [...ids] } });
      const byId = new Map(found.map((c) => [c.id, c]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}
