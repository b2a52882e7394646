import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONScalar } from '../../core/graphql/scalars';
import { Connection } from '../../core/graphql/paging';

export enum EventReactionStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  DEAD = 'DEAD',
  RETRY = 'RETRY',
}
registerEnumType(EventReactionStatus, { name: 'EventReactionStatus', description: 'PENDING: queued or retrying; DONE; DEAD: failed after its last retry; RETRY: sent back to the queue.' });

@ObjectType({ description: 'One handler’s reaction to one committed event (a dead letter when DEAD).' })
export class EventReaction {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The outbox event it reacts to.' })
  eventId!: string;

  @Field({ description: 'The event type, e.g. case.created.' })
  eventType!: string;

  @Field({ description: 'plugin/handler name.' })
  handler!: string;

  @Field(() => ID)
  franchiseId!: string;

  @Field(() => EventReactionStatus)
  status!: EventReactionStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => JSONScalar, { description: 'The event as the handler received it.' })
  payload!: unknown;

  @Field()
  occurredAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType()
export class EventReactionConnection extends Connection(EventReaction) {}
