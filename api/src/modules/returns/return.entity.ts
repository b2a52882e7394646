import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../core/clock';
import { FranchiseSettings, TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { CaseAttachment, EscalationLevel, SlaStatus } from '../cases/case.entity';

/**
 * Returns and exchanges (退换货, RMA): a request against a delivered order's lines, with the
 * reason and evidence, worked through its workflow (return.workflows.ts): reviewed within 24 h
 * on the business calendar, shipped back, received, inspected per line (resalable units back
 * into their lot, the rest to the non-conforming area), then refunded within 3 working days or
 * exchanged for a replacement order. Money is integer cents (分).
 */

export enum ReturnReason {
  /** Quality: the goods were spoiled (变质). */
  SPOILED = 'SPOILED',
  /** Quality: the goods were damaged (破损). */
  DAMAGED = 'DAMAGED',
  /** Quality: not what was ordered (发错货). */
  WRONG_ITEM = 'WRONG_ITEM',
  /** Delivery: damaged on the way (运输破损). */
  DAMAGED_IN_TRANSIT = 'DAMAGED_IN_TRANSIT',
  /** Delivery: delivered later than promised (超时送达). */
  LATE_DELIVERY = 'LATE_DELIVERY',
  /** The customer's own reason (no longer needed, bought by mistake): the customer pays the shipping. */
  CUSTOMER_REASON = 'CUSTOMER_REASON',
}

export enum ReturnReasonCategory {
  QUALITY = 'QUALITY',
  DELIVERY = 'DELIVERY',
  CUSTOMER = 'CUSTOMER',
}

export const REASON_CATEGORY: Record<ReturnReason, ReturnReasonCategory> = {
  [ReturnReason.SPOILED]: ReturnReasonCategory.QUALITY,
  [ReturnReason.DAMAGED]: ReturnReasonCategory.QUALITY,
  [ReturnReason.WRONG_ITEM]: ReturnReasonCategory.QUALITY,
  [ReturnReason.DAMAGED_IN_TRANSIT]: ReturnReasonCategory.DELIVERY,
  [ReturnReason.LATE_DELIVERY]: ReturnReasonCategory.DELIVERY,
  [ReturnReason.CUSTOMER_REASON]: ReturnReasonCategory.CUSTOMER,
};

export enum ReturnKind {
  REFUND = 'REFUND',
  EXCHANGE = 'EXCHANGE',
}

/** Where the request came from: the customer's own channel, a case, or an agent on the order page. */
export enum ReturnSource {
  ONLINE_SHOP = 'ONLINE_SHOP',
  APP = 'APP',
  WECHAT = 'WECHAT',
  PHONE = 'PHONE',
  IN_STORE = 'IN_STORE',
  CASE = 'CASE',
  ORDER_PAGE = 'ORDER_PAGE',
}

export enum ShippingPaidBy {
  STORE = 'STORE',
  CUSTOMER = 'CUSTOMER',
}

/** Where a workflow state sits in every return workflow (queues, clocks and plugins' states use it). */
export enum ReturnStage {
  NEW = 'NEW',
  REVIEW = 'REVIEW',
  APPROVED = 'APPROVED',
  /** The customer sent the goods back (carrier and tracking number). */
  RETURNING = 'RETURNING',
  RECEIVED = 'RECEIVED',
  /** Inspected: the refund or the exchange is due (3 working days). */
  SETTLEMENT = 'SETTLEMENT',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}

export enum ReturnEventKind {
  CREATED = 'CREATED',
  TRANSITION = 'TRANSITION',
  SLA_WARNING = 'SLA_WARNING',
  SLA_BREACHED = 'SLA_BREACHED',
  ESCALATED = 'ESCALATED',
}

export enum ReturnClock {
  /** Review within 24 h on the business calendar. */
  REVIEW = 'REVIEW',
  /** Refund or exchange within 3 working days after the inspection. */
  REFUND = 'REFUND',
}

registerEnumType(ReturnReason, { name: 'ReturnReason', description: 'Quality: SPOILED, DAMAGED, WRONG_ITEM; delivery: DAMAGED_IN_TRANSIT, LATE_DELIVERY; or CUSTOMER_REASON (the customer pays the shipping).' });
registerEnumType(ReturnReasonCategory, { name: 'ReturnReasonCategory' });
registerEnumType(ReturnKind, { name: 'ReturnKind', description: 'REFUND the money or EXCHANGE the goods (a replacement order).' });
registerEnumType(ReturnSource, { name: 'ReturnSource', description: 'The customer’s channel, a CASE, or the ORDER_PAGE of the admin.' });
registerEnumType(ShippingPaidBy, { name: 'ShippingPaidBy', description: 'Who pays the shipping back: the STORE for quality and delivery problems, the CUSTOMER for their own reasons.' });
registerEnumType(ReturnStage, { name: 'ReturnStage', description: 'Where the workflow state sits in every return workflow.' });
registerEnumType(ReturnEventKind, { name: 'ReturnEventKind' });
registerEnumType(ReturnClock, { name: 'ReturnClock', description: 'REVIEW (24 h on the business calendar) or REFUND (3 working days after inspection).' });

@Entity({ tableName: 'sales_return' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'returnNo'] })
@Index({ properties: ['franchiseId', 'stage', 'createdAt'] })
@Index({ properties: ['orderId'] })
@Index({ properties: ['customerId'] })
@Index({ name: 'sales_return_running_sla', expression: 'create index "sales_return_running_sla" on "sales_return" ("sla_warn_at") where "sla_due_at" is not null' })
@ObjectType({ description: 'A return or exchange (退换货) of a delivered order’s goods: reason, evidence, review, shipping back, inspection per line, refund or replacement.' })
export class ReturnRequest extends TenantEntity<
  | 'stage' | 'evidence' | 'caseId' | 'customerId' | 'description' | 'requestedById' | 'reviewedById' | 'reviewedAt' | 'rejectionReason'
  | 'returnCarrier' | 'returnTrackingNo' | 'shippedBackAt' | 'receivedAt' | 'receivedById' | 'inspectedAt' | 'inspectedById' | 'refundCents'
  | 'refundApprovedById' | 'refundApprovedAt' | 'refundedAt' | 'refundedById' | 'refundReference' | 'replacementOrderId' | 'exchangedAt' | 'cancelledAt' | 'cancelReason'
  | 'reviewDueAt' | 'reviewMetAt' | 'reviewBreachedAt' | 'refundDueAt' | 'refundMetAt' | 'refundBreachedAt' | 'slaClock' | 'slaDueAt' | 'slaWarnAt' | 'slaWarnedAt' | 'slaStatus' | 'escalationLevel' | 'lastActivityAt'
> {
  @Property({ type: 'text' })
  @Field({ description: 'People-facing number, per franchise and year (EAST-TH-2026-000012).' })
  returnNo!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  orderId!: string;

  @Property({ type: 'text' })
  @Field({ description: 'The order’s number, as it was when the return was requested.' })
  orderNo!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The order’s store.' })
  orgUnitId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The warehouse the goods left from and come back to.' })
  warehouseId!: string;

  @Property({ type: 'text' })
  @Field({ description: 'The workflow this return follows (return_request; plugins may extend it).' })
  workflow!: string;

  @Property({ type: 'text' })
  @Field({ description: 'Current workflow state (plugins may add states).' })
  state!: string;

  @Enum({ items: () => ReturnStage })
  @Field(() => ReturnStage)
  stage: ReturnStage = ReturnStage.NEW;

  @Enum({ items: () => ReturnKind })
  @Field(() => ReturnKind)
  kind!: ReturnKind;

  @Enum({ items: () => ReturnReason })
  @Field(() => ReturnReason)
  reason!: ReturnReason;

  @Enum({ items: () => ReturnReasonCategory })
  @Field(() => ReturnReasonCategory)
  reasonCategory!: ReturnReasonCategory;

  @Enum({ items: () => ShippingPaidBy })
  @Field(() => ShippingPaidBy, { description: 'Follows the reason: quality and delivery problems → the store; the customer’s own reason → the customer.' })
  shippingPaidBy!: ShippingPaidBy;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the customer says is wrong.' })
  description?: string | null;

  @Property({ type: 'jsonb' })
  @Field(() => [CaseAttachment], { description: 'Evidence (photos, video): metadata only, the same rules as case attachments.' })
  evidence: CaseAttachment[] = [];

  @Enum({ items: () => ReturnSource })
  @Field(() => ReturnSource)
  source!: ReturnSource;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The case the request came from.' })
  caseId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  requestedById?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  reviewedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  reviewedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  rejectionReason?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The carrier the customer shipped the goods back with.' })
  returnCarrier?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  returnTrackingNo?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  shippedBackAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  receivedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  receivedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  inspectedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  inspectedById?: string | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'What the customer gets back, in cents: from the inspected lines (the server computes it).' })
  refundCents?: number | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who approved a refund above the franchise’s threshold (refund-approval plugin).' })
  refundApprovedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  refundApprovedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  refundedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  refundedById?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The payment provider’s reference of the refund.' })
  refundReference?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The replacement order of an exchange.' })
  replacementOrderId?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  exchangedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  cancelledAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  cancelReason?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Review due: 24 h on the franchise’s business calendar after the request.' })
  reviewDueAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  reviewMetAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  reviewBreachedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Refund or exchange due: 3 working days after the inspection.' })
  refundDueAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  refundMetAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  refundBreachedAt?: Date | null;

  @Enum({ items: () => ReturnClock, nullable: true })
  @Field(() => ReturnClock, { nullable: true, description: 'The clock running now (null: none).' })
  slaClock?: ReturnClock | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the running clock is due (null: none running).' })
  slaDueAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  slaWarnAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  slaWarnedAt?: Date | null;

  @Enum({ items: () => SlaStatus, nullable: true })
  @Field(() => SlaStatus, { nullable: true, description: 'The running clock: OK, WARNING (80 % used) or BREACHED; null when none runs.' })
  slaStatus?: SlaStatus | null;

  @Enum({ items: () => EscalationLevel })
  @Field(() => EscalationLevel, { description: 'Raised one level by each breached clock, like cases.' })
  escalationLevel: EscalationLevel = EscalationLevel.AGENT;

  @Property({ type: 'timestamptz' })
  @Field()
  lastActivityAt: Date = clock.now();
}

/** A returned line: an order line's units from one lot, and what the inspection found. */
@Entity({ tableName: 'sales_return_line' })
@Filter(tenantFilter)
@Index({ properties: ['returnId'] })
@Index({ properties: ['orderLineId'] })
@ObjectType({ description: 'A returned line: units of an order line from one lot, and what the inspection found.' })
export class ReturnLine extends TenantEntity<'acceptedQuantity' | 'damagedQuantity' | 'packagingIntact' | 'restockedQuantity' | 'quarantinedQuantity' | 'refundCents' | 'inspectionNote'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  returnId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  orderLineId!: string;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'The order line’s number.' })
  lineNo!: number;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'text' })
  @Field()
  productName!: string;

  @Property({ type: 'text' })
  @Field()
  specification!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The lot the units left with (they restock into it).' })
  batchId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  lotNo?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The zone the units were picked from.' })
  zoneId?: string | null;

  @Property({ type: 'int' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'What the customer paid per unit on the order line, in cents (discount shared out).' })
  unitPaidCents!: number;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Units received and accepted.' })
  acceptedQuantity?: number | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Units received damaged.' })
  damagedQuantity?: number | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'Original packaging intact: accepted units can be sold again.' })
  packagingIntact?: boolean | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Units back in their lot, available to sell.' })
  restockedQuantity?: number | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Units put in the non-conforming area (for destruction).' })
  quarantinedQuantity?: number | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'This line’s share of the refund, in cents.' })
  refundCents?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  inspectionNote?: string | null;
}

/** The return's timeline: creation, every transition, clock warnings, breaches and escalations. Never edited. */
@Entity({ tableName: 'sales_return_event' })
@Filter(tenantFilter)
@Index({ properties: ['returnId', 'occurredAt'] })
@ObjectType({ description: 'An entry of the return’s timeline.' })
export class ReturnEvent {
  [OptionalProps]?: 'id' | 'occurredAt' | 'details';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  returnId!: string;

  @Enum({ items: () => ReturnEventKind })
  @Field(() => ReturnEventKind)
  kind!: ReturnEventKind;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  action?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  fromState?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  toState?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Property({ type: 'jsonb' })
  @Field(() => GraphQLJSON)
  details: Record<string, unknown> = {};

  @Property({ type: 'timestamptz' })
  @Field()
  occurredAt: Date = clock.now();
}

/** A franchise's return rules. */
@Entity({ tableName: 'return_settings' })
@Filter(tenantFilter)
@ObjectType({ description: 'A franchise’s return rules.' })
export class ReturnSettings extends FranchiseSettings<'windowDays'> {

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Returns may be requested up to this many days after delivery (default 7).' })
  windowDays: number = DEFAULT_RETURN_WINDOW_DAYS;

}

export const DEFAULT_RETURN_WINDOW_DAYS = 7;
