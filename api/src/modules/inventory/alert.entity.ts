import { Entity, Enum, Filter, Index, Property, Unique } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

export enum StockAlertKind {
  /** Usable stock of a product at a warehouse fell below its minimum. */
  LOW_STOCK = 'LOW_STOCK',
  /** Lots entering the 30 / 60 / 90-day window before expiry (the daily job). */
  NEAR_EXPIRY = 'NEAR_EXPIRY',
  /** Lots that expired (the daily job flagged them). */
  EXPIRED = 'EXPIRED',
  /** A storage zone's temperature or humidity left its limits; its stock is on hold. */
  EXCURSION = 'EXCURSION',
  /** An excursion lasted beyond the franchise's limit: a case was opened for the responsible person. */
  EXCURSION_ESCALATED = 'EXCURSION_ESCALATED',
  /** A lot held here was recalled. */
  RECALL = 'RECALL',
  /** The hourly check found balances that differ from the ledger. */
  LEDGER_MISMATCH = 'LEDGER_MISMATCH',
}

registerEnumType(StockAlertKind, { name: 'StockAlertKind' });

/**
 * A stock alert, kept so the panel can list and acknowledge what was raised while nobody was
 * watching; raising one publishes `stock.alert` through the outbox (live subscribers, the
 * responsible person's bell). One per (franchise, dedupe key): a job that runs twice raises once.
 */
@Entity({ tableName: 'stock_alert' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'dedupeKey'] })
@Index({ properties: ['warehouseId', 'createdAt'] })
@ObjectType()
export class StockAlert extends TenantEntity<'warehouseId' | 'zoneId' | 'productId' | 'batchId' | 'subjectId' | 'details' | 'acknowledgedAt' | 'acknowledgedById'> {
  @Enum({ items: () => StockAlertKind })
  @Field(() => StockAlertKind)
  kind!: StockAlertKind;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  warehouseId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  zoneId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  productId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  batchId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'What it is about: the excursion, recall or balance.' })
  subjectId?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'What happened, in words (zh-CN).' })
  message!: string;

  @Property({ type: 'json' })
  @Field(() => GraphQLJSON, { description: 'The figures behind it (quantities, readings, dates).' })
  details: Record<string, unknown> = {};

  @Property({ type: 'text', hidden: true })
  dedupeKey!: string;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  acknowledgedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  acknowledgedById?: string | null;
}

/** The least usable stock of a product a warehouse should hold: below it, a LOW_STOCK alert (once, until met again). */
@Entity({ tableName: 'stock_minimum' })
@Filter(tenantFilter)
@Unique({ properties: ['warehouseId', 'productId'] })
@ObjectType()
export class StockMinimum extends TenantEntity<'lowSince'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  warehouseId!: string;

  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Alert when usable stock falls below this (0: no alert).' })
  minQuantity!: number;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Below the minimum since (null: at or above it).' })
  lowSince?: Date | null;
}
