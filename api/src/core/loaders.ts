import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/postgresql';
import type { RequestContext } from './context';

/**
 * Records of one entity by id, batched per request tick (one `id in (...)` query), null
 * when missing or outside the franchise filter and RLS. Finer scope is the caller's check.
 */
export function byIdLoader<T extends { id: string }>(ctx: RequestContext, entity: EntityClass<T>): DataLoader<string, T | null> {
  return ctx.loaders.get(entity, () =>
    new DataLoader<string, T | null>(async (ids) => {
      const found = await ctx.em.find(entity, { id: { $in: [...ids] } } as never);
      const byId = new Map(found.map((record) => [record.id, record]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}
