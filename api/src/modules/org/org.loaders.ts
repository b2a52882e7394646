import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/context';
import { OrgUnit } from './org-unit.entity';

const ORG_UNIT_BY_ID = Symbol('orgUnitById');

/** Org units by id in one query per request tick (null when not visible). */
export function orgUnitLoader(ctx: RequestContext): DataLoader<string, OrgUnit | null> {
  return ctx.loaders.get(ORG_UNIT_BY_ID, () =>
    new DataLoader<string, OrgUnit | null>(async (ids) => {
      const units = await ctx.em.find(OrgUnit, { id: { $in: [...ids] } });
      const byId = new Map(units.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}
