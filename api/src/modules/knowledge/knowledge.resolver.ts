import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, Info, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { KnowledgeArticle, KnowledgeKind } from './knowledge.entity';
import { KnowledgePermission } from './knowledge.permissions';
import * as knowledge from './knowledge.service';
import { listArticles } from './knowledge.queries';
import { selectionOf } from '../../core/read/selection';
import {
  CreateOneKnowledgeArticleInput,
  DeleteOneKnowledgeArticleInput,
  KnowledgeArticleConnection,
  KnowledgeArticleFilter,
  KnowledgeArticleSort,
  KnowledgeSearchHit,
  UpdateOneKnowledgeArticleInput,
} from './knowledge.types';

@Resolver(() => KnowledgeArticle)
export class KnowledgeResolver {
  @Authorized(KnowledgePermission['knowledge:read'])
  @Query(() => KnowledgeArticleConnection, { description: 'Knowledge articles: HQ’s shared ones and your franchise’s own. Archived ones only when filtering by status.' })
  knowledgeArticles(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => KnowledgeArticleFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [KnowledgeArticleSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listArticles(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(KnowledgePermission['knowledge:read'])
  @Query(() => KnowledgeArticle, { nullable: true })
  knowledgeArticle(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return knowledge.findArticle(ctx, id);
  }

  @Authorized(KnowledgePermission['knowledge:read'])
  @Query(() => [KnowledgeSearchHit], { description: 'Published articles containing every word of the query (2+ characters; two Chinese characters are enough), best first: title, then tag, then body matches, then the most used.' })
  searchKnowledge(
    @Ctx() ctx: RequestContext,
    @Arg('query') query: string,
    @Arg('kinds', () => [KnowledgeKind], { nullable: true }) kinds?: KnowledgeKind[],
    @Arg('limit', () => Int, { defaultValue: 20 }) limit?: number,
  ) {
    return knowledge.searchKnowledge(ctx, query, { kinds, limit });
  }

  @Authorized(KnowledgePermission['knowledge:write'])
  @Mutation(() => KnowledgeArticle, { description: 'Write an article for your franchise (HQ: shared with every franchise when `shared`).' })
  createOneKnowledgeArticle(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneKnowledgeArticleInput) {
    return knowledge.createArticle(ctx, input.knowledgeArticle);
  }

  @Authorized(KnowledgePermission['knowledge:write'])
  @Mutation(() => KnowledgeArticle, { description: 'Edit an article of your franchise (HQ: any article).' })
  updateOneKnowledgeArticle(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneKnowledgeArticleInput) {
    return knowledge.updateArticle(ctx, input.id, input.version, input.update);
  }

  @Authorized(KnowledgePermission['knowledge:write'])
  @Mutation(() => KnowledgeArticle, { description: 'Archive an article: it leaves lists and search; cases keep their links to it.' })
  deleteOneKnowledgeArticle(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteOneKnowledgeArticleInput) {
    return knowledge.archiveArticle(ctx, input.id);
  }

  @FieldResolver(() => Boolean, { description: 'An HQ article shared (read-only) with every franchise.' })
  shared(@Root() article: KnowledgeArticle): boolean {
    return article.franchiseId == null;
  }
}
