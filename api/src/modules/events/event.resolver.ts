import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { OffsetPaging } from '../../core/graphql/paging';
import { EventPermission } from './event.permissions';
import { listDeadLetters, retryDeadLetter } from './event.service';
import { EventReaction, EventReactionConnection, EventReactionStatus } from './event.types';

@Resolver(() => EventReaction)
export class EventReactionResolver {
  @Authorized(EventPermission['events:manage'])
  @Query(() => EventReactionConnection, { description: 'Event reactions that failed after their last retry (the dead-letter list), newest first; or those of another status.' })
  eventReactions(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => EventReactionStatus, { defaultValue: EventReactionStatus.DEAD }) status: EventReactionStatus,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return listDeadLetters(ctx, { status, paging });
  }

  @Authorized(EventPermission['events:manage'])
  @Mutation(() => EventReaction, { description: 'Runs a dead reaction again (with the event as it was committed).' })
  retryEventReaction(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return retryDeadLetter(ctx, id);
  }
}
