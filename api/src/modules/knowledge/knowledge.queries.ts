import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { readRows } from '../../core/read/sql';
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


/** The titles of these articles the caller can see (HQ's shared and its franchise's own), by id: one statement. */
export async function articleTitles(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, string>> {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!valid.length) return new Map();
  const rows = await readRows<{ id: string; title: string }>(ctx.em, `select a.id, a.title from knowledge_article a where a.id = any(?::uuid[])`, [`{${valid.join(',')}}`]);
  return new Map(rows.map((r) => [r.id, r.title]));
}
