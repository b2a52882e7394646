import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { KnowledgeArticle, KnowledgeStatus } from './knowledge.entity';
import { draftCondition, knowledgeFilters } from './knowledge.service';

/** Knowledge articles as plain rows (the read path). */
export const ARTICLE_READ: ReadSpec<KnowledgeArticle> = { entity: KnowledgeArticle, always: ['id', 'franchiseId'] };

/**
 * HQ's shared articles and the caller's franchise's own (the tenant filter and row-level
 * security), drafts for writers only; archived ones only when the filter asks by status.
 */
export async function listArticles(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const unarchived = !JSON.stringify(args.filter ?? {}).includes('"status"');
  const where: FilterQuery<KnowledgeArticle>[] = [draftCondition(ctx.actor)];
  if (unarchived) where.push({ status: { $ne: KnowledgeStatus.ARCHIVED } });
  return readPage(ctx.em, ARTICLE_READ, args, selection, {
    where: { $and: where } as FilterQuery<KnowledgeArticle>,
    customFilters: knowledgeFilters,
    defaultSort: [{ field: 'updatedAt', direction: SortDirection.DESC }],
  });
}

