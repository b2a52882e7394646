import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../core/clock';
import { sharedTenantFilter } from '../../core/tenancy/tenant-entity';

export enum RecallStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

registerEnumType(RecallStatus, { name: 'RecallStatus' });

/**
 * A recall of one lot of a product (召回). HQ's (franchiseId null) reaches every franchise's lots
 * with that number and is read by all; a franchise's reaches its own. The lots are RECALLED from
 * the moment it is recorded: never reserved, picked or issued again.
 */
@Entity({ tableName: 'batch_recall' })
@Filter(sharedTenantFilter)
@Index({ properties: ['productId', 'lotNo'] })
@ObjectType()
export class BatchRecall {
  [OptionalProps]?: 'id' | 'franchiseId' | 'status' | 'version' | 'createdAt' | 'updatedAt' | 'recalledById' | 'lotsBlocked';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'The franchise that recalled; null for an HQ recall reaching every franchise.' })
  franchiseId?: string | null;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'text' })
  @Field()
  lotNo!: string;

  @Property({ type: 'text' })
  @Field()
  reason!: string;

  @Enum({ items: () => RecallStatus })
  @Field(() => RecallStatus)
  status: RecallStatus = RecallStatus.OPEN;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Lots (per franchise) blocked when the recall was recorded.' })
  lotsBlocked: number = 0;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  recalledById?: string | null;

  @Property({ version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();

  @Property({ type: 'timestamptz', onUpdate: () => clock.now() })
  @Field()
  updatedAt: Date = clock.now();
}
