import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedById, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { staffEmbed } from '../identity/staff.queries';
import { orgUnitEmbed } from '../org/org.queries';
import { scopedOrgUnitIds } from '../org/org.service';
import { ImprovementAction, ImprovementStatus, SatisfactionAnalysis } from './analysis.entity';
import { franchiseToday } from './analysis.service';

/** Analyses as plain rows, the store and the author embedded when asked for. */
function analysisReadSpec(ctx: RequestContext): ReadSpec<SatisfactionAnalysis> {
  return {
    entity: SatisfactionAnalysis,
    always: ['id', 'franchiseId', 'storeId', 'authorId'],
    embeds: { store: orgUnitEmbed(ctx, 'store_id'), author: staffEmbed(ctx, 'author_id') },
  };
}

const ANALYSIS_IN_ACTION: ReadSpec<SatisfactionAnalysis> = { entity: SatisfactionAnalysis, always: ['id', 'franchiseId', 'storeId', 'authorId'] };

/** Actions as plain rows, their owner, store and analysis embedded when asked for. */
function actionReadSpec(ctx: RequestContext): ReadSpec<ImprovementAction> {
  return {
    entity: ImprovementAction,
    always: ['id', 'franchiseId', 'analysisId', 'ownerId', 'storeId', 'dueDate', 'status'],
    embeds: { owner: staffEmbed(ctx, 'owner_id'), store: orgUnitEmbed(ctx, 'store_id'), analysis: embedById(ANALYSIS_IN_ACTION, 'satisfaction_analysis', 'analysis_id') },
  };
}

/**
 * Someone placed in a store sees the franchise's analyses and those of the stores in their reach
 * (and, for actions, their own wherever they are); HQ sees every franchise's.
 */
async function storeScope(ctx: RequestContext, mine?: string): Promise<object> {
  const ids = await scopedOrgUnitIds(ctx);
  if (!ids) return {};
  return { $or: [{ storeId: null }, { storeId: { $in: ids } }, ...(mine ? [{ ownerId: mine }] : [])] };
}

export async function listAnalyses(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, analysisReadSpec(ctx), args, selection, {
    where: (await storeScope(ctx)) as FilterQuery<SatisfactionAnalysis>,
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }],
  });
}

/**
 * The improvement-action tracker: filtered by status, owner, store, analysis; `mine` the caller's
 * own; `overdue` those past their due date (the caller's franchise calendar) and not done.
 */
export async function listImprovementActions(ctx: RequestContext, args: ListArgs, options: { mine?: boolean | null; overdue?: boolean | null }, selection: Selection | null = null) {
  const actor = requireActor(ctx);
  const conditions: object[] = [await storeScope(ctx, actor.id)];
  if (options.mine) conditions.push({ ownerId: actor.id });
  if (options.overdue) conditions.push({ status: { $in: [ImprovementStatus.OPEN, ImprovementStatus.IN_PROGRESS] }, dueDate: { $lt: await franchiseToday(ctx, actor.franchiseId) } });
  return readPage(ctx.em, actionReadSpec(ctx), args, selection, {
    where: { $and: conditions } as FilterQuery<ImprovementAction>,
    defaultSort: [
      { field: 'dueDate', direction: SortDirection.ASC },
      { field: 'createdAt', direction: SortDirection.ASC },
    ],
  });
}
