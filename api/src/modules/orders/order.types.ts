import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateFieldComparison, enumComparison, IDFilterComparison, IntFieldComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { ANY_PHONE } from '../../core/validation';
import { CaseCategory } from '../cases/case.entity';
import { MAX_LINE_QUANTITY, MAX_LINES } from '../inventory/inventory.types';
import { IdentityVerificationMethod, Order, OrderChannel, OrderErrorKind, OrderStage, PaymentMethod, PaymentStatus, ReceiptCondition, TrackingStatus } from './order.entity';

export const OrderConnection = Connection(Order);

export const { Filter: OrderFilter, Sort: OrderSort } = defineListInputs('Order', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    orderNo: StringFieldComparison,
    channel: enumComparison('OrderChannel', OrderChannel),
    stage: enumComparison('OrderStage', OrderStage),
    state: StringFieldComparison,
    workflow: StringFieldComparison,
    paymentStatus: enumComparison('PaymentStatus', PaymentStatus),
    customerId: IDFilterComparison,
    orgUnitId: IDFilterComparison,
    warehouseId: IDFilterComparison,
    createdById: IDFilterComparison,
    deliveryPhone: StringFieldComparison,
    trackingNo: StringFieldComparison,
    totalCents: IntFieldComparison,
    createdAt: DateFieldComparison,
    updatedAt: DateFieldComparison,
    shippedAt: DateFieldComparison,
    deliveredAt: DateFieldComparison,
  },
  sort: ['createdAt', 'updatedAt', 'orderNo', 'totalCents', 'stage', 'state', 'shippedAt', 'lastActivityAt'] as const,
});

@InputType()
export class OrderLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) @Min(1, { message: 'quantity must be at least 1' }) @Max(MAX_LINE_QUANTITY) quantity!: number;
  @Field(() => Int, { nullable: true, description: 'The unit price the client showed, in cents: checked against the franchise’s price (a different one is refused), never used.' })
  @IsOptional()
  unitPriceCents?: number | null;
  @Field(() => Int, { nullable: true, description: 'Discount on the line, in cents (0 to less than the line’s amount).' }) @IsOptional() @Min(0, { message: 'discountCents cannot be negative' }) discountCents?: number | null;
  @Field(() => Float, { nullable: true, description: 'Prescribed daily amount in the product’s units per day, where a doctor gave one.' })
  @IsOptional()
  @Min(0.0001, { message: 'dailyDose must be more than 0' })
  @Max(1000)
  dailyDose?: number | null;
}

@InputType({ description: 'A new order. Online channels need the delivery address and contact; in store, the customer may be a walk-in.' })
export class OrderInput {
  @Field(() => OrderChannel) channel!: OrderChannel;
  @Field(() => ID, { nullable: true, description: 'Required except in store (walk-in).' }) customerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The store; by default the customer’s store, else yours.' }) orgUnitId?: string | null;
  @Field(() => ID, { description: 'The warehouse the goods come from.' }) warehouseId!: string;
  @Field(() => [OrderLineInput]) @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines!: OrderLineInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) deliveryName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(ANY_PHONE, { message: 'deliveryPhone must be a phone number' }) deliveryPhone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(5, 500, { message: 'deliveryAddress must be 5 to 500 characters' }) deliveryAddress?: string | null;
  @Field(() => PaymentStatus, { nullable: true, description: 'UNPAID (default) or PAID (paid in the shop).' }) @IsOptional() paymentStatus?: PaymentStatus | null;
  @Field(() => Int, { nullable: true, description: 'The total the client showed, in cents: refused (TOTAL_MISMATCH) unless it is the server’s.' }) @IsOptional() expectedTotalCents?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) note?: string | null;
}

@InputType()
export class CreateOneOrderInput {
  @Field(() => OrderInput) @ValidateNested() order!: OrderInput;
}

@InputType()
export class OrderActionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'The version you saw; if the order changed since, CONFLICT.' }) version?: number | null;
}

@InputType()
export class ReasonedOrderActionInput extends OrderActionInput {
  @Field() @Length(1, 1000, { message: 'reason must be 1 to 1000 characters' }) reason!: string;
}

@InputType()
export class ShipOrderInput extends OrderActionInput {
  @Field() @Length(1, 100) carrier!: string;
  @Field() @Length(1, 100) trackingNo!: string;
  @Field(() => Date, { nullable: true, description: 'The delivery time promised to the customer.' }) @IsOptional() expectedDeliveryAt?: Date | null;
}

@InputType()
export class ConfirmOrderReceiptInput extends OrderActionInput {
  @Field(() => ReceiptCondition) condition!: ReceiptCondition;
  @Field(() => String, { nullable: true, description: 'What the customer said; with PROBLEM it becomes the complaint’s description.' }) @IsOptional() @Length(1, 2000) note?: string | null;
  @Field(() => CaseCategory, { nullable: true, description: 'With PROBLEM: what kind of problem (DELIVERY_DAMAGED, DELIVERY_LATE, DRUG_SPOILED, DRUG_WRONG_ITEM, OTHER); the complaint case gets it.' }) problem?: CaseCategory | null;
  @Field(() => ID, { nullable: true, description: 'With PROBLEM: the order line concerned (the complaint links it and, when it left as one lot, its lot).' }) problemLineId?: string | null;
}

@InputType()
export class RecordOrderPaymentInput extends OrderActionInput {
  @Field(() => PaymentMethod) method!: PaymentMethod;
  @Field({ description: 'The payment’s reference (transaction number): recording it again changes nothing.' }) @Length(1, 100, { message: 'reference must be 1 to 100 characters' }) reference!: string;
  @Field(() => Int, { description: 'The amount paid in cents: must be the order’s total.' }) amountCents!: number;
}

@InputType()
export class VerifyOrderCustomerInput {
  @Field(() => ID) id!: string;
  @Field(() => IdentityVerificationMethod) method!: IdentityVerificationMethod;
  @Field(() => String, { nullable: true, description: 'What was checked (kept on the timeline).' }) @IsOptional() @Length(1, 1000) note?: string | null;
}

@InputType({ description: 'A new delivery name, phone or address (leave out what stays); needs a verification of the customer’s identity first.' })
export class ChangeOrderDeliveryInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you saw; if the order changed since, CONFLICT.' }) version!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) deliveryName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(ANY_PHONE, { message: 'deliveryPhone must be a phone number' }) deliveryPhone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(5, 500, { message: 'deliveryAddress must be 5 to 500 characters' }) deliveryAddress?: string | null;
  @Field({ description: 'Why (what the customer asked).' }) @Length(1, 1000, { message: 'reason must be 1 to 1000 characters' }) reason!: string;
}

@InputType()
export class TrackingEventInput {
  @Field({ description: 'The carrier’s id of the event: a second post of it is recognised and changes nothing.' }) @Length(1, 100, { message: 'eventId must be 1 to 100 characters' }) eventId!: string;
  @Field() @Length(1, 100) trackingNo!: string;
  @Field(() => TrackingStatus) status!: TrackingStatus;
  @Field(() => Date, { description: 'When it happened (events may arrive in any order).' }) occurredAt!: Date;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) location?: string | null;
  @Field(() => Date, { nullable: true, description: 'The carrier’s estimate of arrival.' }) @IsOptional() eta?: Date | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 1000) note?: string | null;
}

@InputType()
export class RecordTrackingEventsInput {
  @Field(() => [TrackingEventInput]) @ArrayMinSize(1, { message: 'events must hold at least one event' }) @ArrayMaxSize(500) @ValidateNested({ each: true }) events!: TrackingEventInput[];
}

@ObjectType()
export class TrackingBatchResult {
  @Field(() => Int, { description: 'Events new to us, stored and applied.' }) accepted!: number;
  @Field(() => Int, { description: 'Events already received (replays): nothing changed.' }) duplicates!: number;
  @Field(() => [String], { description: 'Event ids whose tracking number matches no shipped order in your reach.' }) unmatched!: string[];
}

@InputType()
export class TransitionOrderInput extends OrderActionInput {
  @Field({ description: 'A workflow action from the order’s allowedActions (plugins add their own).' }) @Length(1, 60) action!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Fields the action requires, by name.' }) fields?: Record<string, unknown> | null;
}

@ObjectType()
export class OrderRequiredField {
  @Field() name!: string;
  @Field() label!: string;
}

@ObjectType()
export class OrderAllowedAction {
  @Field() action!: string;
  @Field() label!: string;
  @Field() to!: string;
  @Field(() => [OrderRequiredField]) requiredFields!: OrderRequiredField[];
  @Field(() => String, { nullable: true }) blockedReason!: string | null;
}

@InputType({ description: 'An order error: what went wrong, the line if one, and who it counts against (default: who entered the order for WRONG_ENTRY, who reviewed it for WRONG_SHIPMENT).' })
export class RecordOrderErrorInput {
  @Field(() => ID) orderId!: string;
  @Field(() => OrderErrorKind) kind!: OrderErrorKind;
  @Field(() => ID, { nullable: true, description: 'The order line it is about.' }) lineId?: string | null;
  @Field() @Length(1, 2000) note!: string;
  @Field(() => ID, { nullable: true, description: 'The staff member responsible, of the order’s franchise (required for OTHER).' }) agentId?: string | null;
  @Field(() => Int, { description: 'The order’s version you saw.' }) expectedVersion!: number;
}

@InputType()
export class WithdrawOrderErrorInput {
  @Field(() => ID) errorId!: string;
  @Field() @Length(1, 1000) reason!: string;
  @Field(() => Int, { description: 'The order’s version you saw.' }) expectedVersion!: number;
}

@InputType()
export class OrderSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Default: your franchise.' }) franchiseId?: string | null;
  @Field(() => Int, { nullable: true }) version?: number | null;
  @Field(() => Int, { nullable: true, description: 'Review within this many working minutes of receipt.' })
  @IsOptional()
  @Min(5, { message: 'reviewWithinMinutes must be at least 5' })
  @Max(7 * 24 * 60, { message: 'reviewWithinMinutes must be at most a week of minutes' })
  reviewWithinMinutes?: number | null;
  @Field(() => Int, { nullable: true, description: 'Ship within this many hours of working days after approval.' })
  @IsOptional()
  @Min(1, { message: 'shipWithinHours must be at least 1' })
  @Max(30 * 24, { message: 'shipWithinHours must be at most 720' })
  shipWithinHours?: number | null;
}

@ObjectType({ description: 'An agent’s order KPIs over a period (the totals row has no agent).' })
export class OrderAgentKpi {
  @Field(() => ID, { nullable: true }) agentId!: string | null;
  @Field(() => String, { nullable: true }) agentName!: string | null;
  @Field(() => Int, { description: 'Orders they entered in the period.' }) ordersEntered!: number;
  @Field(() => Int, { description: 'Orders they reviewed in the period.' }) ordersReviewed!: number;
  @Field(() => Int, { description: 'Of those, reviews with a due time (online orders).' }) reviewsTimed!: number;
  @Field(() => Int, { description: 'Of those, reviews done by their due time.' }) reviewsOnTime!: number;
  @Field(() => Int, { description: 'Orders they entered or reviewed in the period, each once.' }) ordersHandled!: number;
  @Field(() => Int, { description: 'Order errors recorded against them in the period (withdrawn ones excluded).' }) errors!: number;
  @Field(() => Int) wrongEntries!: number;
  @Field(() => Int) wrongShipments!: number;
  @Field(() => Float, { nullable: true, description: 'errors ÷ ordersHandled (0–1, 4 decimals); null without orders handled.' }) errorRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Order handling on time: reviewsOnTime ÷ reviewsTimed (0–1, 4 decimals); null without timed reviews.' }) onTimeRate!: number | null;
}

@ObjectType({ description: 'Order KPIs (订单考核) per agent over a period, with the totals.' })
export class OrderKpis {
  @Field() from!: Date;
  @Field() to!: Date;
  @Field(() => ID, { nullable: true }) storeId!: string | null;
  @Field(() => [OrderAgentKpi]) agents!: OrderAgentKpi[];
  @Field(() => OrderAgentKpi, { description: 'All agents together (ordersHandled counts each order once).' }) totals!: OrderAgentKpi;
}
