import { raw } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/context';
import { byIdLoader } from '../../core/loaders';
import { Case, OPEN_STAGES } from './case.entity';
import { CaseSlaClock } from './sla.entity';

export const caseLoader = (ctx: RequestContext) => byIdLoader(ctx, Case);

/** The SLA clocks of many cases in one query (queue pages show them per row). */
const CLOCKS_BY_CASE = Symbol('clocks by case');

export const caseClocksLoader = (ctx: RequestContext) =>
  ctx.loaders.get(CLOCKS_BY_CASE, () =>
    new DataLoader<string, CaseSlaClock[]>(async (caseIds) => {
      const clocks = await ctx.em.find(CaseSlaClock, { caseId: { $in: [...caseIds] } }, { orderBy: { startedAt: 'asc', kind: 'asc' } });
      const byCase = new Map<string, CaseSlaClock[]>();
      for (const clock of clocks) byCase.set(clock.caseId, [...(byCase.get(clock.caseId) ?? []), clock]);
      return caseIds.map((id) => byCase.get(id) ?? []);
    }),
  );

const OPEN_CASES_BY_OWNER = Symbol('open cases by owner');

/** How many open cases each staff member owns, batched (presence lists, "who is on what"). */
export const openCaseCountLoader = (ctx: RequestContext) =>
  ctx.loaders.get(OPEN_CASES_BY_OWNER, () =>
    new DataLoader<string, number>(async (staffIds) => {
      const rows = await ctx.em
        .createQueryBuilder(Case, 'c')
        .select(['c.owner_id', raw('count(*) as n')])
        .where({ ownerId: { $in: [...staffIds] }, stage: { $in: OPEN_STAGES } })
        .groupBy('c.owner_id')
        .execute<{ ownerId: string; n: string }[]>('all');
      const counts = new Map(rows.map((r) => [r.ownerId, Number(r.n)]));
      return staffIds.map((id) => counts.get(id) ?? 0);
    }),
  );
