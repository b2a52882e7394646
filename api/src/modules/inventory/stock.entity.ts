import { clock } from '../../core/clock';
import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { tenantFilter } from '../../core/tenancy/tenant-entity';

export enum StockMoveKind {
  RECEIPT = 'RECEIPT',
  /** Shipped for an order (a reservation converted to an issue). */
  ISSUE = 'ISSUE',
  TRANSFER_OUT = 'TRANSFER_OUT',
  TRANSFER_IN = 'TRANSFER_IN',
  RETURN_RESTOCK = 'RETURN_RESTOCK',
  /** From a count or a correction; signed. */
  ADJUSTMENT = 'ADJUSTMENT',
  DESTRUCTION = 'DESTRUCTION',
}

export enum ReservationStatus {
  ACTIVE = 'ACTIVE',
  RELEASED = 'RELEASED',
  ISSUED = 'ISSUED',
}

registerEnumType(StockMoveKind, { name: 'StockMoveKind' });
registerEnumType(ReservationStatus, { name: 'ReservationStatus', description: 'ACTIVE holds stock; RELEASED gave it back; ISSUED shipped it (moves out).' });

/**
 * What is in one place: per (warehouse, zone, product, batch), on hand and reserved, changed only
 * together with a stock move (or a reservation) in the same transaction, under a row lock.
 * CHECK constraints keep on hand >= 0, reserved >= 0 and reserved <= on hand.
 */
@Entity({ tableName: 'stock_balance' })
@Filter(tenantFilter)
@Unique({ properties: ['warehouseId', 'zoneId', 'productId', 'batchId'] })
@Index({ properties: ['warehouseId', 'productId'] })
@Index({ properties: ['productId'] })
@Index({ properties: ['batchId'] })
@ObjectType()
export class StockBalance {
  [OptionalProps]?: 'id' | 'onHand' | 'reserved' | 'available' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  warehouseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  zoneId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  batchId!: string;

  /** The lot's expiry date, kept here so first-expiry-first picking and expiry lists read one table. */
  @Property({ type: 'date' })
  @Field({ description: 'The lot’s expiry date (YYYY-MM-DD).' })
  expiryDate!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  onHand: number = 0;

  @Property({ type: 'int' })
  @Field(() => Int)
  reserved: number = 0;

  @Property({ type: 'int', generated: '(on_hand - reserved) stored' })
  @Field(() => Int, { description: 'On hand minus reserved.' })
  available?: number;

  @Property({ type: 'timestamptz' })
  @Field()
  updatedAt: Date = clock.now();
}

/** The ledger: one row per change of on-hand stock, never updated or deleted. */
@Entity({ tableName: 'stock_move' })
@Filter(tenantFilter)
@Index({ properties: ['warehouseId', 'occurredAt'] })
@Index({ properties: ['productId', 'occurredAt'] })
@Index({ properties: ['batchId'] })
@Index({ properties: ['documentId'] })
@ObjectType()
export class StockMove {
  [OptionalProps]?: 'id' | 'reason' | 'documentType' | 'documentId' | 'documentNo' | 'actorId' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  warehouseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  zoneId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  batchId!: string;

  @Enum({ items: () => StockMoveKind })
  @Field(() => StockMoveKind)
  kind!: StockMoveKind;

  /** Signed: positive into the place, negative out of it. */
  @Property({ type: 'int' })
  @Field(() => Int)
  quantity!: number;

  /** On hand at the place right after this move (the running balance). */
  @Property({ type: 'int' })
  @Field(() => Int)
  onHandAfter!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  documentType?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  documentId?: string | null;

  /** People-facing reference (inbound slip no., order no.). */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  documentNo?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Property({ type: 'timestamptz' })
  @Field()
  occurredAt!: Date;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();
}

/** Stock held for one order line at a warehouse, allocated to lots first-expiry-first. */
@Entity({ tableName: 'stock_reservation' })
@Filter(tenantFilter)
@Index({ properties: ['documentId'] })
@Index({ properties: ['warehouseId', 'status'] })
@ObjectType()
export class StockReservation {
  [OptionalProps]?: 'id' | 'status' | 'version' | 'createdAt' | 'updatedAt' | 'closedAt' | 'closedById' | 'closeReason' | 'createdById' | 'documentLineId';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  warehouseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  quantity!: number;

  @Enum({ items: () => ReservationStatus })
  @Field(() => ReservationStatus)
  status: ReservationStatus = ReservationStatus.ACTIVE;

  /** What it is for: ORDER (the orders module), or another document type. */
  @Property({ type: 'text' })
  @Field(() => String)
  documentType!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  documentId!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  documentLineId?: string | null;

  @Property({ type: 'date' })
  @Field(() => String)
  deliveryDate!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  createdById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  closedById?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  closeReason?: string | null;

  @Property({ version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();

  @Property({ type: 'timestamptz' })
  @Field()
  updatedAt: Date = clock.now();
}

/** The part of a reservation held on one balance (a lot in a zone). */
@Entity({ tableName: 'stock_reservation_allocation' })
@Filter(tenantFilter)
@Index({ properties: ['balanceId'] })
@ObjectType()
export class StockReservationAllocation {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  reservationId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  balanceId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  batchId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  zoneId!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  quantity!: number;
}
