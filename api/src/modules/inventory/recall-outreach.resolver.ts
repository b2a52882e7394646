import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { selectionOf } from '../../core/read/selection';
import { InventoryPermission } from './inventory.permissions';
import { BatchRecall, RecallContact } from './recall.entity';
import * as outreach from './recall-outreach.service';
import { RecallContactConnection, RecallContactFilter, RecallContactSort, RecallOutreachResult, RecallProgress, RecordRecallOutcomeInput, StartRecallOutreachInput } from './stock-control.types';

@Resolver(() => BatchRecall)
export class RecallOutreachResolver {
  @Authorized(InventoryPermission['stock:recall'])
  @Mutation(() => RecallOutreachResult, { description: 'In one action: a contact for every recipient of the recalled lot in your reach, and a case per customer known to call them.' })
  startRecallOutreach(@Ctx() ctx: RequestContext, @Arg('input') input: StartRecallOutreachInput) {
    return outreach.startOutreach(ctx, input);
  }

  @Authorized(InventoryPermission['recall:contact'])
  @Mutation(() => RecallContact, { description: 'Record what came of reaching a recipient: CONTACTED, RETURNED (with the units back) or UNREACHABLE (say how you tried).' })
  recordRecallOutcome(@Ctx() ctx: RequestContext, @Arg('input') input: RecordRecallOutcomeInput) {
    return outreach.recordOutcome(ctx, input);
  }

  @Authorized(InventoryPermission['recall:contact'])
  @Query(() => RecallContactConnection, { description: 'The recipients of a recall to reach, with their outcome.' })
  recallContacts(
    @Ctx() ctx: RequestContext,
    @Arg('recallId', () => ID) recallId: string,
    @Arg('filter', () => RecallContactFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [RecallContactSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return outreach.listContacts(ctx, recallId, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @FieldResolver(() => RecallProgress, { description: 'Outreach so far: recipients contacted, returned, unreachable, pending.' })
  progress(@Root() recall: BatchRecall, @Ctx() ctx: RequestContext) {
    return outreach.recallProgressLoader(ctx).load(recall.id);
  }
}
