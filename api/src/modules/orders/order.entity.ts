import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../core/clock';
import { FranchiseSettings, TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

/**
 * Orders (订单): online (shop, app, WeChat, phone) and in-store, each following its workflow
 * (order.workflows.ts) on the workflow engine. Lines carry the price the server charged;
 * picks record the lots (first expiry first) each line left the warehouse with, so a return
 * can name the order line and lot it sends back. Money is integer cents (分).
 */

export enum OrderChannel {
  ONLINE_SHOP = 'ONLINE_SHOP',
  APP = 'APP',
  WECHAT = 'WECHAT',
  PHONE = 'PHONE',
  IN_STORE = 'IN_STORE',
}

/** Where a workflow state sits in every order workflow (lists, reports and plugins' states use it). */
export enum OrderStage {
  NEW = 'NEW',
  REVIEW = 'REVIEW',
  /** Waiting for the customer (short stock, a wrong address…), with the reason. */
  WAITING_CUSTOMER = 'WAITING_CUSTOMER',
  FULFILLMENT = 'FULFILLMENT',
  SHIPPED = 'SHIPPED',
  DELIVERED = 'DELIVERED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum PaymentStatus {
  UNPAID = 'UNPAID',
  PAID = 'PAID',
  /** Paid, then cancelled: the refund is on its way. */
  REFUND_PENDING = 'REFUND_PENDING',
  REFUNDED = 'REFUNDED',
}

export enum ReceiptCondition {
  GOOD = 'GOOD',
  PROBLEM = 'PROBLEM',
}

export enum OrderEventKind {
  CREATED = 'CREATED',
  TRANSITION = 'TRANSITION',
  /** The customer's identity was verified (the step that allows a delivery change). */
  IDENTITY_VERIFIED = 'IDENTITY_VERIFIED',
  /** The delivery name, phone or address changed: before and after, who verified, the order's new version. */
  DELIVERY_CHANGED = 'DELIVERY_CHANGED',
  /** A carrier's tracking event (picked up, in transit, out for delivery, delivered). */
  TRACKING = 'TRACKING',
  /** An online order's payment was recorded (method, reference, amount). */
  PAYMENT = 'PAYMENT',
  /** The customer was reminded to pay (the message is in their timeline). */
  PAYMENT_REMINDER = 'PAYMENT_REMINDER',
  /** An order error (wrong entry, wrong shipment) was recorded against an agent. */
  ERROR_RECORDED = 'ERROR_RECORDED',
  /** A recorded order error was withdrawn, with the reason. */
  ERROR_WITHDRAWN = 'ERROR_WITHDRAWN',
}

/** What went wrong with an order (the order error rate, an agent KPI). */
export enum OrderErrorKind {
  /** Entered wrong (product, quantity, address…): counted against who entered the order. */
  WRONG_ENTRY = 'WRONG_ENTRY',
  /** Shipped wrong (item, lot, quantity): counted against who reviewed the order, unless another is named. */
  WRONG_SHIPMENT = 'WRONG_SHIPMENT',
  OTHER = 'OTHER',
}

/** How a customer paid. */
export enum PaymentMethod {
  WECHAT_PAY = 'WECHAT_PAY',
  ALIPAY = 'ALIPAY',
  BANK_CARD = 'BANK_CARD',
  CASH = 'CASH',
  MEDICAL_INSURANCE = 'MEDICAL_INSURANCE',
  OTHER = 'OTHER',
}

/** Where the parcel is, as the carrier reports it. */
export enum TrackingStatus {
  PICKED_UP = 'PICKED_UP',
  IN_TRANSIT = 'IN_TRANSIT',
  OUT_FOR_DELIVERY = 'OUT_FOR_DELIVERY',
  DELIVERED = 'DELIVERED',
  /** Held up (address problem, refused, damaged in transit): someone should call the customer. */
  EXCEPTION = 'EXCEPTION',
}

/** How the agent made sure they speak with the customer. */
export enum IdentityVerificationMethod {
  /** Called back on the phone number in the customer's archive. */
  CALLBACK_REGISTERED_PHONE = 'CALLBACK_REGISTERED_PHONE',
  /** A one-time code sent to the registered phone, read back. */
  SMS_CODE = 'SMS_CODE',
  ID_DOCUMENT = 'ID_DOCUMENT',
  IN_PERSON = 'IN_PERSON',
}

registerEnumType(OrderChannel, { name: 'OrderChannel', description: 'Where the order came from: ONLINE_SHOP, APP, WECHAT, PHONE (online orders) or IN_STORE (a receipt at the counter).' });
registerEnumType(OrderStage, { name: 'OrderStage', description: 'Where the workflow state sits in every order workflow.' });
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });
registerEnumType(ReceiptCondition, { name: 'ReceiptCondition', description: 'How the customer found the goods on receipt.' });
registerEnumType(OrderEventKind, { name: 'OrderEventKind' });
registerEnumType(PaymentMethod, { name: 'PaymentMethod', description: 'How the customer paid.' });
registerEnumType(TrackingStatus, { name: 'TrackingStatus', description: 'Where the parcel is, as the carrier reports it.' });
registerEnumType(OrderErrorKind, { name: 'OrderErrorKind', description: 'What went wrong with an order: WRONG_ENTRY (who entered it), WRONG_SHIPMENT (who reviewed it), OTHER.' });
registerEnumType(IdentityVerificationMethod, { name: 'IdentityVerificationMethod', description: 'How the customer’s identity was verified before a change.' });

@Entity({ tableName: 'sales_order' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'orderNo'] })
@Index({ properties: ['franchiseId', 'stage', 'createdAt'] })
// The list's order (newest first, as the admin asks: created_at desc, then id) read off an index; its search box (order number or phone, any part) through trigrams.
@Index({ name: 'sales_order_franchise_newest_index', expression: 'create index "sales_order_franchise_newest_index" on "sales_order" ("franchise_id", "created_at" desc, "id")' })
@Index({ name: 'sales_order_order_no_trgm_index', expression: 'create index "sales_order_order_no_trgm_index" on "sales_order" using gin ("order_no" gin_trgm_ops)' })
@Index({ name: 'sales_order_delivery_phone_trgm_index', expression: 'create index "sales_order_delivery_phone_trgm_index" on "sales_order" using gin ("delivery_phone" gin_trgm_ops)' })
@Index({ properties: ['orgUnitId', 'createdAt'] })
@Index({ properties: ['customerId'] })
@Index({ name: 'sales_order_unpaid_index', expression: `create index "sales_order_unpaid_index" on "sales_order" ("created_at") where "payment_status" = 'UNPAID'` })
@ObjectType({ description: 'An order (订单): its lines, totals computed by the server, delivery, payment and its workflow state.' })
export class Order extends TenantEntity<
  | 'stage' | 'customerId' | 'deliveryName' | 'deliveryPhone' | 'deliveryAddress' | 'paymentStatus' | 'note' | 'waitingReason' | 'waitingReasonCode'
  | 'carrier' | 'trackingNo' | 'expectedShipAt' | 'expectedDeliveryAt' | 'shippedAt' | 'deliveredAt' | 'receiptConfirmedAt' | 'receiptCondition' | 'receiptNote'
  | 'cancelledAt' | 'cancelReason' | 'createdById' | 'reviewedById' | 'reviewedAt' | 'lastActivityAt'
  | 'identityVerifiedAt' | 'identityVerifiedById' | 'identityVerificationMethod' | 'trackingStatus' | 'trackingUpdatedAt' | 'estimatedArrivalAt'
  | 'paidAt' | 'paymentMethod' | 'paymentReference' | 'paymentReminders' | 'reviewDueAt' | 'reviewOnTime' | 'shipDueAt' | 'shippedOnTime'
> {
  @Property({ type: 'text' })
  @Field({ description: 'People-facing number, per franchise and year (EAST-DD-2026-000123).' })
  orderNo!: string;

  @Enum({ items: () => OrderChannel })
  @Field(() => OrderChannel)
  channel!: OrderChannel;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The customer; null for a walk-in at the counter (in-store only).' })
  customerId?: string | null;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The store (or franchise) the order belongs to.' })
  orgUnitId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The warehouse the goods come from.' })
  warehouseId!: string;

  @Property({ type: 'text' })
  @Field({ description: 'The workflow this order follows (online_order, in_store_order).' })
  workflow!: string;

  @Property({ type: 'text' })
  @Field({ description: 'Current workflow state (plugins may add states).' })
  state!: string;

  @Enum({ items: () => OrderStage })
  @Field(() => OrderStage)
  stage: OrderStage = OrderStage.NEW;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  deliveryName?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  deliveryPhone?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  deliveryAddress?: string | null;

  @Enum({ items: () => PaymentStatus })
  @Field(() => PaymentStatus)
  paymentStatus: PaymentStatus = PaymentStatus.UNPAID;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Sum of quantity × unit price, in cents.' })
  subtotalCents!: number;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Sum of the lines’ discounts, in cents.' })
  discountCents!: number;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'What the customer pays, in cents: computed by the server, never taken from the client.' })
  totalCents!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the order waits for the customer (short stock, a wrong address…).' })
  waitingReason?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The stable code of the waiting reason (INSUFFICIENT_STOCK, CUSTOMER_CONTACT…).' })
  waitingReasonCode?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  carrier?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  trackingNo?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  expectedShipAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'The delivery time promised to the customer.' })
  expectedDeliveryAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  shippedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  receiptConfirmedAt?: Date | null;

  @Enum({ items: () => ReceiptCondition, nullable: true })
  @Field(() => ReceiptCondition, { nullable: true })
  receiptCondition?: ReceiptCondition | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  receiptNote?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  cancelledAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  cancelReason?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The staff member who entered the order (order error rate is counted against them).' })
  createdById?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  reviewedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  reviewedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the customer’s identity was verified for a change (it stands for one change within 30 minutes).' })
  identityVerifiedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  identityVerifiedById?: string | null;

  @Enum({ items: () => IdentityVerificationMethod, nullable: true })
  @Field(() => IdentityVerificationMethod, { nullable: true })
  identityVerificationMethod?: IdentityVerificationMethod | null;

  @Enum({ items: () => TrackingStatus, nullable: true })
  @Field(() => TrackingStatus, { nullable: true, description: 'The carrier’s latest status (by when it happened, whatever order events arrive in).' })
  trackingStatus?: TrackingStatus | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the latest tracking event happened.' })
  trackingUpdatedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'The carrier’s latest estimate of arrival (the promise stays in expectedDeliveryAt).' })
  estimatedArrivalAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  paidAt?: Date | null;

  @Enum({ items: () => PaymentMethod, nullable: true })
  @Field(() => PaymentMethod, { nullable: true })
  paymentMethod?: PaymentMethod | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The payment’s reference (transaction number); recording the same payment again changes nothing.' })
  paymentReference?: string | null;

  @Property({ type: 'smallint' })
  @Field(() => Int, { description: 'Payment reminders sent to the customer so far (at most 2: a day, then three days after the order).' })
  paymentReminders: number = 0;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Online: when the review is due (the franchise’s target in working hours from receipt, or from the customer’s answer after a hold).' })
  reviewDueAt?: Date | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'Whether the review was done by reviewDueAt (null until reviewed).' })
  reviewOnTime?: boolean | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Online: when shipping is due (the franchise’s target in hours of working days from approval).' })
  shipDueAt?: Date | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'Whether the order shipped by shipDueAt (null until shipped).' })
  shippedOnTime?: boolean | null;

  @Property({ type: 'timestamptz' })
  @Field()
  lastActivityAt: Date = clock.now();
}

/**
 * An order error (wrong entry, wrong shipment…), counted against the agent responsible: kept
 * with who recorded it and when; withdrawn (with a reason) rather than deleted.
 */
@Entity({ tableName: 'sales_order_error' })
@Filter(tenantFilter)
@Index({ properties: ['orderId'] })
@Index({ properties: ['franchiseId', 'agentId', 'recordedAt'] })
@ObjectType({ description: 'An order error recorded against the agent responsible (the order error rate).' })
export class OrderError {
  [OptionalProps]?: 'id' | 'recordedAt' | 'lineId' | 'withdrawnAt' | 'withdrawnById' | 'withdrawReason';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  orderId!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The order line it is about, if one.' })
  lineId?: string | null;

  @Enum({ items: () => OrderErrorKind })
  @Field(() => OrderErrorKind)
  kind!: OrderErrorKind;

  @Property({ type: 'text' })
  @Field()
  note!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The staff member it counts against.' })
  agentId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  recordedById!: string;

  @Property({ type: 'timestamptz' })
  @Field()
  recordedAt: Date = clock.now();

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Withdrawn errors no longer count.' })
  withdrawnAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  withdrawnById?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  withdrawReason?: string | null;
}

/** A franchise's order handling targets (order handling on time, an agent KPI). */
@Entity({ tableName: 'order_settings' })
@Filter(tenantFilter)
@ObjectType({ description: 'A franchise’s order handling targets, on its business calendar.' })
export class OrderSettings extends FranchiseSettings<'reviewWithinMinutes' | 'shipWithinHours'> {

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'An online order is reviewed within this many working minutes of receipt (default 120: 2 working hours).' })
  reviewWithinMinutes: number = DEFAULT_REVIEW_WITHIN_MINUTES;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'An approved order ships within this many hours of working days (default 24; weekends and holidays do not count).' })
  shipWithinHours: number = DEFAULT_SHIP_WITHIN_HOURS;

}

export const DEFAULT_REVIEW_WITHIN_MINUTES = 120;
export const DEFAULT_SHIP_WITHIN_HOURS = 24;

/** A carrier's tracking event, stored once per (franchise, carrier, event id): a replay is recognised and changes nothing. */
@Entity({ tableName: 'sales_order_tracking_event' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'carrier', 'eventId'] })
@Index({ properties: ['orderId', 'occurredAt'] })
@ObjectType({ description: 'A tracking event of the order’s parcel, as the carrier posted it.' })
export class OrderTrackingEvent {
  [OptionalProps]?: 'id' | 'receivedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  orderId!: string;

  @Property({ type: 'text' })
  @Field()
  carrier!: string;

  @Property({ type: 'text' })
  @Field({ description: 'The carrier’s own id of the event.' })
  eventId!: string;

  @Property({ type: 'text' })
  @Field()
  trackingNo!: string;

  @Enum({ items: () => TrackingStatus })
  @Field(() => TrackingStatus)
  status!: TrackingStatus;

  @Property({ type: 'timestamptz' })
  @Field()
  occurredAt!: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  location?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  eta?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When we received it.' })
  receivedAt: Date = clock.now();
}

@Entity({ tableName: 'sales_order_line' })
@Filter(tenantFilter)
@Unique({ properties: ['orderId', 'lineNo'] })
@ObjectType({ description: 'An order line: the product, quantity and the price the server charged. Returns refer to it.' })
export class OrderLine extends TenantEntity<'discountCents' | 'dailyDose' | 'runsOutOn'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  orderId!: string;

  @Property({ type: 'int' })
  @Field(() => Int, { description: '1, 2, 3… in the order.' })
  lineNo!: number;

  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'text' })
  @Field({ description: 'The product’s name and specification when ordered.' })
  productName!: string;

  @Property({ type: 'text' })
  @Field()
  specification!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'The franchise’s price when ordered, in cents.' })
  unitPriceCents!: number;

  @Property({ type: 'int' })
  @Field(() => Int)
  discountCents: number = 0;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'quantity × unit price − discount, in cents.' })
  lineTotalCents!: number;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Prescribed daily amount, in the product’s units per day (where a doctor gave one).' })
  dailyDose?: number | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'With a daily dose: the day the customer runs out (the day the goods reached them + quantity ÷ daily dose, in whole days), set on delivery or hand-over.' })
  runsOutOn?: string | null;
}

/** A lot a line left the warehouse with (first expiry first), recorded when picking. */
@Entity({ tableName: 'sales_order_pick' })
@Filter(tenantFilter)
@Index({ properties: ['orderId'] })
@Index({ properties: ['lineId'] })
@ObjectType({ description: 'A picked lot of an order line: lot, zone and quantity (first expiry first).' })
export class OrderPick {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  orderId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  lineId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  batchId!: string;

  @Property({ type: 'text' })
  @Field()
  lotNo!: string;

  @Property({ type: 'date' })
  @Field()
  expiryDate!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  zoneId!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();
}

/** The order's timeline: creation and every transition, in order. Never edited. */
@Entity({ tableName: 'sales_order_event' })
@Filter(tenantFilter)
@Index({ properties: ['orderId', 'occurredAt'] })
@ObjectType({ description: 'An entry of the order’s timeline.' })
export class OrderEvent {
  [OptionalProps]?: 'id' | 'occurredAt' | 'details';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  orderId!: string;

  @Enum({ items: () => OrderEventKind })
  @Field(() => OrderEventKind)
  kind!: OrderEventKind;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The workflow action of a transition.' })
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
  @Field(() => ID, { nullable: true, description: 'Staff who did it; null for the system or a partner.' })
  actorId?: string | null;

  @Property({ type: 'jsonb' })
  @Field(() => GraphQLJSON)
  details: Record<string, unknown> = {};

  @Property({ type: 'timestamptz' })
  @Field()
  occurredAt: Date = clock.now();
}
