import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { Product } from './catalog.entity';
import { productLoader } from './catalog.service';
import { InventoryPermission } from './inventory.permissions';
import { BatchRecallConnection, BatchRecallFilter, BatchRecallSort, RecallBatchInput, RecallRecipient } from './inventory.types';
import { BatchRecall } from './recall.entity';
import { listRecalls } from './recall.queries';
import * as recalls from './recall.service';

@Resolver(() => BatchRecall)
export class RecallResolver {
  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => BatchRecallConnection, { description: 'Recalls: HQ’s (reaching every franchise) and your franchise’s own, newest first.' })
  batchRecalls(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => BatchRecallFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [BatchRecallSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listRecalls(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => [RecallRecipient], { description: 'Who received the recalled lot: the documents (orders) that issued it, newest first, with their customer where known.' })
  recallRecipients(@Ctx() ctx: RequestContext, @Arg('recallId', () => ID) recallId: string) {
    return recalls.recallRecipients(ctx, recallId);
  }

  @Authorized(InventoryPermission['stock:recall'])
  @Mutation(() => BatchRecall, { description: 'Recall a lot: from now on it is never reserved, picked or issued (HQ: in every franchise).' })
  recallBatch(@Ctx() ctx: RequestContext, @Arg('input') input: RecallBatchInput) {
    return recalls.recallBatch(ctx, input);
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() recall: BatchRecall, @Ctx() ctx: RequestContext) {
    return embedded(recall, 'product', () => productLoader(ctx).load(recall.productId));
  }
}
