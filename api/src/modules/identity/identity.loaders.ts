import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/context';
import { Role } from './role.entity';

const ROLE_BY_ID = Symbol('roleById');

export function roleLoader(ctx: RequestContext): DataLoader<string, Role | null> {
  return ctx.loaders.get(ROLE_BY_ID, () =>
    new DataLoader<string, Role | null>(async (ids) => {
      const roles = await ctx.em.find(Role, { id: { $in: [...ids] } });
      const byId = new Map(roles.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}
