import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../core/clock';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

export enum StocktakeStatus {
  /** Counters enter counts (and recounts). */
  COUNTING = 'COUNTING',
  /** Counts submitted: a reviewer compares them with the book and approves or asks for recounts. */
  REVIEW = 'REVIEW',
  /** Approved by someone who did not count; waiting to be posted. */
  APPROVED = 'APPROVED',
  /** Variances posted as ADJUSTMENT moves. */
  POSTED = 'POSTED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(StocktakeStatus, { name: 'StocktakeStatus', description: 'COUNTING → REVIEW → APPROVED → POSTED (or CANCELLED); a recount sends it back to COUNTING.' });

/**
 * A count sheet (盘点单) of a warehouse or one of its zones. Its lines snapshot the book
 * quantity when it opens; a blind sheet never shows book quantities or variances to people
 * who only count. Variances are posted as ADJUSTMENT moves through the stock ledger.
 */
@Entity({ tableName: 'stocktake' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'countNo'] })
@Index({ properties: ['warehouseId', 'status'] })
@ObjectType()
export class Stocktake extends TenantEntity<'zoneId' | 'status' | 'blind' | 'recountThreshold' | 'note' | 'openedById' | 'submittedAt' | 'submittedById' | 'approvedAt' | 'approvedById' | 'postedAt' | 'postedById' | 'closedAt' | 'cancelReason'> {
  @Property({ type: 'text' })
  @Field({ description: 'The sheet number (盘点单号), per franchise and year.' })
  countNo!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  warehouseId!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The zone counted; null: the whole warehouse.' })
  zoneId?: string | null;

  @Enum({ items: () => StocktakeStatus })
  @Field(() => StocktakeStatus)
  status: StocktakeStatus = StocktakeStatus.COUNTING;

  @Property({ type: 'boolean' })
  @Field({ description: 'Blind count: people who only count never see book quantities or variances.' })
  blind: boolean = true;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'A first count differing from the book by more than this many units must be recounted.' })
  recountThreshold: number = 0;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  openedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  submittedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  submittedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  approvedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  approvedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  postedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  postedById?: string | null;

  /** When it was posted or cancelled: moves after this are no longer "during the count". */
  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  cancelReason?: string | null;
}

/**
 * One place on a count sheet (zone, product, lot): the book quantity at opening, what was
 * counted, and on hand when it was counted (so moves during the count are not lost:
 * variance = counted − (book at opening + moves until the count)). Book-side figures are
 * GraphQL fields resolved per reader (hidden from counters on blind sheets), not columns.
 */
@Entity({ tableName: 'stocktake_line' })
@Filter(tenantFilter)
@Unique({ properties: ['stocktakeId', 'zoneId', 'batchId'] })
@ObjectType()
export class StocktakeLine {
  [OptionalProps]?: 'id' | 'countedQuantity' | 'onHandAtCount' | 'countedById' | 'counterIds' | 'countedAt' | 'previousCount' | 'recountRequired' | 'recounts' | 'foundDuringCount' | 'note' | 'version' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  stocktakeId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  zoneId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  batchId!: string;

  @Property({ type: 'date' })
  @Field({ description: 'The lot’s expiry date (YYYY-MM-DD).' })
  expiryDate!: string;

  /** On hand when the sheet opened. Not a GraphQL field of its own: see the resolver (blind counts). */
  @Property({ type: 'int' })
  bookQuantity!: number;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'What was counted (the latest count); null until counted.' })
  countedQuantity?: number | null;

  /** On hand at the place when it was counted (book at opening + moves until then). */
  @Property({ type: 'int', nullable: true })
  onHandAtCount?: number | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who entered the latest count.' })
  countedById?: string | null;

  /** Everyone who counted this place, recounts included (none of them may approve or post the sheet). */
  @Property({ type: 'text[]' })
  counterIds: string[] = [];

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  countedAt?: Date | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The count before the recount.' })
  previousCount?: number | null;

  @Property({ type: 'boolean' })
  @Field({ description: 'Count this place again (a variance over the threshold, or the reviewer asked).' })
  recountRequired: boolean = false;

  @Property({ type: 'int' })
  @Field(() => Int)
  recounts: number = 0;

  @Property({ type: 'boolean' })
  @Field({ description: 'Found on the shelf, not on the book when the sheet opened.' })
  foundDuringCount: boolean = false;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();
}
