import { Entity, Filter, Index, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TenantEntity, tenantFilter, sharedTenantFilter } from '../../core/tenancy/tenant-entity';
import { SharedCatalogEntity } from '../inventory/catalog.entity';

/**
 * The client service journey (客户服务流程) of a health center: the test catalogue, test orders
 * the doctor prescribes for a customer and their way through sampling, the lab, the consulting
 * department's review, the doctor's summary, the paper report and its interpretation. Each step
 * is a state of the `test_order` workflow; who took it and when is a step row (and on the
 * customer's timeline with the order's amount).
 */

@Entity({ tableName: 'test_item' })
@Filter(sharedTenantFilter)
@Unique({ name: 'test_item_code_unique', expression: 'create unique index "test_item_code_unique" on "test_item" (coalesce("franchise_id", \'00000000-0000-0000-0000-000000000000\'), "code")' })
@ObjectType({ description: 'A test item (检测项目) of the catalogue: HQ’s are shared with every franchise, a franchise may add its own.' })
export class TestItem extends SharedCatalogEntity<'samplingGuide'> {
  @Property({ type: 'text' })
  @Field({ description: 'Short code, unique among the owner’s items (the lab partner’s item code).' })
  code!: string;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Price in cents (fen).' })
  priceCents!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'How the sample is taken (采样指导), for the health manager and the customer.' })
  samplingGuide?: string | null;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Working days from sampling to the lab’s report.' })
  turnaroundDays!: number;
}

@ObjectType()
export class LabResult {
  @Field({ description: 'The item or indicator code.' }) code!: string;
  @Field() name!: string;
  @Field() value!: string;
  @Field(() => String, { nullable: true }) unit?: string | null;
  @Field(() => String, { nullable: true }) referenceRange?: string | null;
  @Field(() => String, { nullable: true, description: 'H (high), L (low), or null (within range).' }) flag?: string | null;
}

@ObjectType()
export class LabFile {
  @Field() name!: string;
  @Field() url!: string;
}

@Entity({ tableName: 'test_order' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'testOrderNo'] })
@Unique({ properties: ['franchiseId', 'labReportId'] })
@Index({ properties: ['customerId', 'createdAt'] })
@Index({ properties: ['state'] })
@ObjectType({ description: 'A test order (检测单): the items a doctor prescribed for a customer, and where they stand in the service journey.' })
export class TestOrder extends TenantEntity<
  | 'appointmentId' | 'note' | 'createdById' | 'expectedReportOn' | 'sampledAt' | 'rejectionReason' | 'labReportId' | 'labResults' | 'labFiles' | 'reportReceivedAt'
  | 'releasedAt' | 'releasedById' | 'summary' | 'deliveryMethod' | 'trackingNo' | 'deliveredAt' | 'interpretedAt' | 'cancelReason'
> {
  @Property({ type: 'text' })
  @Field({ description: 'People-facing number, per franchise and year (EAST-JC-2026-000012).' })
  testOrderNo!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  customerId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The customer’s store or branch center (the scope the order is seen in).' })
  orgUnitId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The prescribing doctor.' })
  doctorId!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The appointment it was prescribed at, if any.' })
  appointmentId?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'The workflow it follows (test_order, or a plugin’s change of it).' })
  workflow!: string;

  @Property({ type: 'text' })
  @Field()
  state!: string;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'The items’ prices summed, in cents.' })
  totalCents!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  createdById?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the report is due by then (set at sampling: the slowest item’s turnaround in working days of the franchise’s calendar).' })
  expectedReportOn?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the kit was shipped or the sample taken on site.' })
  sampledAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the sample was rejected (the last rejection).' })
  rejectionReason?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The lab partner’s report id (a post with it again changes nothing).' })
  labReportId?: string | null;

  @Property({ type: 'jsonb' })
  @Field(() => [LabResult])
  labResults: LabResult[] = [];

  @Property({ type: 'jsonb' })
  @Field(() => [LabFile])
  labFiles: LabFile[] = [];

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  reportReceivedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  releasedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  releasedById?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The doctor’s summary report.' })
  summary?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'SENT or COLLECTED: how the paper report reached the customer.' })
  deliveryMethod?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  trackingNo?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  interpretedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  cancelReason?: string | null;
}

@Entity({ tableName: 'test_order_line' })
@Filter(tenantFilter)
@Index({ properties: ['testOrderId'] })
@ObjectType({ description: 'A test item on a test order, with its price and turnaround as prescribed.' })
export class TestOrderLine extends TenantEntity<'samplingGuide'> {
  @Property({ type: 'uuid' }) @Field(() => ID) testOrderId!: string;
  @Property({ type: 'int' }) @Field(() => Int, { description: '1, 2, … in the order prescribed.' }) lineNo!: number;
  @Property({ type: 'uuid' }) @Field(() => ID) testItemId!: string;
  @Property({ type: 'text' }) @Field() code!: string;
  @Property({ type: 'text' }) @Field() name!: string;
  @Property({ type: 'int' }) @Field(() => Int) priceCents!: number;
  @Property({ type: 'int' }) @Field(() => Int) turnaroundDays!: number;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) samplingGuide?: string | null;
}

@Entity({ tableName: 'test_order_step' })
@Filter(tenantFilter)
@Index({ properties: ['testOrderId', 'createdAt'] })
@Index({ properties: ['customerId', 'createdAt'] })
@ObjectType({ description: 'A step of a test order’s journey: what was done, by whom, when.' })
export class TestOrderStep extends TenantEntity<'fromState' | 'actorId' | 'reason'> {
  @Property({ type: 'uuid' }) @Field(() => ID) testOrderId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) customerId!: string;
  @Property({ type: 'text' }) @Field({ description: 'prescribe, ship_kit, sample_on_site, accept_sample, reject_sample…' }) action!: string;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) fromState?: string | null;
  @Property({ type: 'text' }) @Field() toState!: string;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true, description: 'The staff member (null: a partner’s API key).' }) actorId?: string | null;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) reason?: string | null;
}
