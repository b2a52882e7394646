import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../core/clock';
import { sharedTenantFilter, TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

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

export enum RecallContactStatus {
  /** Not reached yet. */
  PENDING = 'PENDING',
  /** Told about the recall. */
  CONTACTED = 'CONTACTED',
  /** The goods came back. */
  RETURNED = 'RETURNED',
  /** Could not be reached (after trying). */
  UNREACHABLE = 'UNREACHABLE',
}

registerEnumType(RecallContactStatus, { name: 'RecallContactStatus' });

/**
 * One recipient of a recalled lot to reach (recall outreach): a document that issued the lot
 * (an order, or a direct issue to a customer), its customer where known, the case opened for
 * them, and the outcome. One per recall and document.
 */
@Entity({ tableName: 'recall_contact' })
@Filter(tenantFilter)
@Unique({ properties: ['recallId', 'franchiseId', 'documentType', 'documentId'] })
@ObjectType()
export class RecallContact extends TenantEntity<'customerId' | 'documentNo' | 'status' | 'caseId' | 'outcomeNote' | 'returnedQuantity' | 'contactedAt' | 'contactedById'> {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  recallId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  warehouseId!: string;

  @Property({ type: 'text' })
  @Field()
  documentType!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  documentId!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  documentNo?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Units of the lot the document took.' })
  quantity!: number;

  @Enum({ items: () => RecallContactStatus })
  @Field(() => RecallContactStatus)
  status: RecallContactStatus = RecallContactStatus.PENDING;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The case opened to reach the customer.' })
  caseId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  outcomeNote?: string | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true })
  returnedQuantity?: number | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  contactedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  contactedById?: string | null;
}
