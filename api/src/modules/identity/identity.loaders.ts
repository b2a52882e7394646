import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/context';
import { Role } from './role.entity';
import { StaffUser } from './staff-user.entity';

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

const STAFF_BY_ID = Symbol('staffById');

/** Staff by id, batched per request (within the caller's franchises). */
export function staffLoader(ctx: RequestContext): DataLoader<string, StaffUser | null> {
  return ctx.loaders.get(STAFF_BY_ID, () =>
    new DataLoader<string, StaffUser | null>(async (ids) => {
      const staff = await ctx.em.find(StaffUser, { id: { $in: [...ids] } });
      const byId = new Map(staff.map((s) => [s.id, s]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}
