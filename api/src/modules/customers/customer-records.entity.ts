import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { clock } from '../../core/clock';

export enum CustomerEventKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  MERGED = 'MERGED',
  PURCHASE = 'PURCHASE',
}

/** What happened to an archive itself; shown in the customer's timeline. Never updated. */
@Entity({ tableName: 'customer_event' })
@Filter(tenantFilter)
@Index({ properties: ['customerId', 'occurredAt'] })
export class CustomerEvent {
  [OptionalProps]?: 'id' | 'occurredAt' | 'details';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  franchiseId!: string;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Enum({ items: () => CustomerEventKind })
  kind!: CustomerEventKind;

  @Property({ type: 'timestamptz' })
  occurredAt: Date = clock.now();

  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'decimal', precision: 12, scale: 2, columnType: 'numeric(12,2)', nullable: true })
  amount?: string | number | null;

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'jsonb' })
  details: Record<string, unknown> = {};
}

/** Spend per customer per month and store: feeds top-spender lists and RFM. Kept by recordPurchase. */
@Entity({ tableName: 'customer_spend_month' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'orgUnitId', 'month'] })
export class CustomerSpendMonth {
  [OptionalProps]?: 'amount' | 'purchases';

  @PrimaryKey({ type: 'uuid' })
  customerId!: string;

  @PrimaryKey({ type: 'date' })
  month!: string;

  @Property({ type: 'uuid' })
  franchiseId!: string;

  @Property({ type: 'uuid' })
  orgUnitId!: string;

  @Property({ type: 'decimal', precision: 12, scale: 2, columnType: 'numeric(12,2)' })
  amount: string | number = 0;

  @Property({ type: 'int' })
  purchases: number = 0;
}

export enum CareTaskKind {
  BIRTHDAY = 'BIRTHDAY',
  HOLIDAY_GREETING = 'HOLIDAY_GREETING',
  FOLLOW_UP = 'FOLLOW_UP',
}

export enum CareTaskStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
  SKIPPED = 'SKIPPED',
}

registerEnumType(CareTaskKind, { name: 'CareTaskKind' });
registerEnumType(CareTaskStatus, { name: 'CareTaskStatus' });

/** A reminder for a health manager to look after a customer (birthday wishes, greetings, follow-ups). */
@Entity({ tableName: 'care_task' })
@Filter(tenantFilter)
@Unique({ properties: ['customerId', 'kind', 'dueDate'] })
@Index({ properties: ['franchiseId', 'assigneeId', 'status', 'dueDate'] })
@ObjectType()
export class CareTask extends TenantEntity<'status'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  customerId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The health manager who should act.' })
  assigneeId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The customer’s store, for scoping lists.' })
  orgUnitId!: string;

  @Enum({ items: () => CareTaskKind })
  @Field(() => CareTaskKind)
  kind!: CareTaskKind;

  @Property({ type: 'date' })
  @Field({ description: 'YYYY-MM-DD' })
  dueDate!: string;

  @Enum({ items: () => CareTaskStatus })
  @Field(() => CareTaskStatus)
  status: CareTaskStatus = CareTaskStatus.OPEN;

  @Property({ type: 'text' })
  @Field()
  title!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  outcome?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  completedAt?: Date | null;
}
