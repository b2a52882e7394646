import { Entity, Enum, Filter, Index, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

/**
 * The stock documents of a warehouse: purchases (request → approval → supplier order → arrival →
 * joint inspection → put-away), branch requisitions (request → approval → picking → in transit →
 * receipt) and destructions (request → approval → destroyed before a witness). Each document's
 * state changes through its verbs only; stock moves go through the stock service.
 */

export enum PurchaseStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  ORDERED = 'ORDERED',
  ARRIVED = 'ARRIVED',
  /** Both the warehouse keeper and the product manager signed the inspection. */
  INSPECTED = 'INSPECTED',
  /** Put away: the accepted quantities are in stock (inbound record with its paper slip no.). */
  RECEIVED = 'RECEIVED',
  CANCELLED = 'CANCELLED',
}

export enum RequisitionStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  /** Reserved at the supplying warehouse, first expiry first. */
  PICKED = 'PICKED',
  IN_TRANSIT = 'IN_TRANSIT',
  RECEIVED = 'RECEIVED',
  CANCELLED = 'CANCELLED',
}

export enum DestructionStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DESTROYED = 'DESTROYED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(PurchaseStatus, { name: 'PurchaseStatus', description: 'DRAFT → SUBMITTED → APPROVED (or REJECTED) → ORDERED → ARRIVED → INSPECTED → RECEIVED; CANCELLED before arrival.' });
registerEnumType(RequisitionStatus, { name: 'RequisitionStatus', description: 'SUBMITTED → APPROVED (or REJECTED) → PICKED → IN_TRANSIT → RECEIVED; CANCELLED before shipping.' });
/** Which leg of a transfer a requisition is: within one franchise, or one of the two legs of a transfer from HQ's central warehouse to a franchise. */
export enum RequisitionLeg {
  INTERNAL = 'INTERNAL',
  /** HQ's leg (HQ's tenant): approved, picked and shipped from its central warehouse. */
  OUTBOUND = 'OUTBOUND',
  /** The franchise's leg (its tenant): requested, then received with its discrepancies. */
  INBOUND = 'INBOUND',
}

registerEnumType(RequisitionLeg, { name: 'RequisitionLeg', description: 'INTERNAL (within a franchise), OUTBOUND (HQ ships from its central warehouse) or INBOUND (the franchise receives it); each side sees only its own leg.' });
registerEnumType(DestructionStatus, { name: 'DestructionStatus', description: 'REQUESTED → APPROVED (or REJECTED) → DESTROYED; CANCELLED before destruction.' });

// ---------------------------------------------------------------------------- purchasing

@Entity({ tableName: 'purchase_request' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'requestNo'] })
@Index({ properties: ['warehouseId', 'status'] })
@ObjectType({ description: 'A purchase (采购): request, approval, supplier order, arrival, joint inspection and put-away.' })
export class PurchaseRequest extends TenantEntity<
  | 'status' | 'supplierId' | 'note' | 'submittedAt' | 'decidedById' | 'decidedAt' | 'decisionNote' | 'supplierOrderNo' | 'orderedAt' | 'expectedDate'
  | 'arrivedAt' | 'arrivalNote' | 'inspectedAt' | 'keeperSignedById' | 'keeperSignedAt' | 'managerSignedById' | 'managerSignedAt' | 'inboundSlipNo' | 'receivedAt' | 'receivedById'
> {
  @Property({ type: 'text' })
  @Field({ description: 'People-facing number, per franchise and year.' })
  requestNo!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The warehouse the goods are for.' })
  warehouseId!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  supplierId?: string | null;

  @Enum({ items: () => PurchaseStatus })
  @Field(() => PurchaseStatus)
  status: PurchaseStatus = PurchaseStatus.DRAFT;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  requestedById!: string;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  submittedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who approved or rejected it (never the requester).' })
  decidedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  decisionNote?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The supplier order number.' })
  supplierOrderNo?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  orderedAt?: Date | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Expected arrival (YYYY-MM-DD).' })
  expectedDate?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  arrivedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  arrivalNote?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the inspection lines were last recorded.' })
  inspectedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The warehouse keeper who signed the inspection.' })
  keeperSignedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  keeperSignedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The product manager who signed the inspection.' })
  managerSignedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  managerSignedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The paper inbound slip number (入库单号) of the put-away.' })
  inboundSlipNo?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  receivedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  receivedById?: string | null;
}

@Entity({ tableName: 'purchase_request_line' })
@Filter(tenantFilter)
@Index({ properties: ['requestId'] })
@ObjectType()
export class PurchaseRequestLine extends TenantEntity<'note' | 'suggestedQuantity'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  requestId!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  lineNo!: number;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'What the suggestion was when the line was written.' })
  suggestedQuantity?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;
}

@Entity({ tableName: 'purchase_inspection_line' })
@Filter(tenantFilter)
@Index({ properties: ['requestId'] })
@ObjectType({ description: 'One lot of a purchase line as inspected: accepted and rejected quantities, the lot’s dates, and where it was put away.' })
export class PurchaseInspectionLine extends TenantEntity<'rejectReason' | 'zoneId' | 'batchId'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  requestId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  requestLineId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'text' })
  @Field({ description: 'Lot number (批号).' })
  lotNo!: string;

  @Property({ type: 'date' })
  @Field()
  manufactureDate!: string;

  @Property({ type: 'date' })
  @Field()
  expiryDate!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  acceptedQuantity!: number;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Refused at inspection: never put away, never available.' })
  rejectedQuantity!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  rejectReason?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The zone it was put away into.' })
  zoneId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  batchId?: string | null;
}

// ---------------------------------------------------------------------------- requisitions

@Entity({ tableName: 'stock_requisition' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'requisitionNo'] })
@Index({ properties: ['fromWarehouseId', 'status'] })
@Index({ properties: ['toWarehouseId', 'status'] })
@ObjectType({ description: 'A requisition (要货调拨): a warehouse asks its supplying warehouse for products; from HQ’s central warehouse, HQ’s outbound leg and the franchise’s inbound leg are two documents, one per tenant.' })
export class StockRequisition extends TenantEntity<
  'leg' | 'counterpartId' | 'counterpartFranchiseId' | 'fromWarehouseName' | 'status' | 'note' | 'decidedById' | 'decidedAt' | 'decisionNote' | 'pickedById' | 'pickedAt' | 'shippedById' | 'shippedAt' | 'outboundSlipNo' | 'receivedById' | 'receivedAt'
> {
  @Property({ type: 'text' })
  @Field()
  requisitionNo!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The supplying (central) warehouse.' })
  fromWarehouseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The requesting branch warehouse.' })
  toWarehouseId!: string;

  @Enum({ items: () => RequisitionLeg, default: RequisitionLeg.INTERNAL })
  @Field(() => RequisitionLeg)
  leg: RequisitionLeg = RequisitionLeg.INTERNAL;

  /** The other leg of a transfer between franchises (in the other tenant; never shown to the other side). */
  @Property({ type: 'uuid', nullable: true })
  counterpartId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  counterpartFranchiseId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The supplying warehouse’s name as the requester knows it (an INBOUND leg cannot read HQ’s warehouse).' })
  fromWarehouseName?: string | null;

  @Enum({ items: () => RequisitionStatus })
  @Field(() => RequisitionStatus)
  status: RequisitionStatus = RequisitionStatus.SUBMITTED;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  requestedById!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  decidedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  decisionNote?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  pickedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  pickedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  shippedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  shippedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The outbound slip number (出库单号).' })
  outboundSlipNo?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  receivedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  receivedAt?: Date | null;
}

@Entity({ tableName: 'stock_requisition_line' })
@Filter(tenantFilter)
@Index({ properties: ['requisitionId'] })
@ObjectType()
export class StockRequisitionLine extends TenantEntity<'note'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  requisitionId!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  lineNo!: number;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;
}

@Entity({ tableName: 'stock_transfer_line' })
@Filter(tenantFilter)
@Index({ properties: ['requisitionId'] })
@ObjectType({ description: 'A lot shipped for a requisition line, and what the branch found on receipt (received, damaged, short).' })
export class StockTransferLine extends TenantEntity<'receivedQuantity' | 'damagedQuantity' | 'shortQuantity' | 'discrepancyNote' | 'toZoneId'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  requisitionId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  requisitionLineId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  batchId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  fromZoneId!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  shippedQuantity!: number;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Received in good order (TRANSFER_IN, available).' })
  receivedQuantity?: number | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Arrived damaged: received into the non-conforming zone, never available.' })
  damagedQuantity?: number | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Missing on arrival: recorded, not received.' })
  shortQuantity?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  discrepancyNote?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  toZoneId?: string | null;
}

// ---------------------------------------------------------------------------- destruction

@Entity({ tableName: 'stock_destruction' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'destructionNo'] })
@Index({ properties: ['warehouseId', 'status'] })
@ObjectType({ description: 'Destruction (销毁) of expired or damaged goods: request, approval, destroyed before a witness, moves out.' })
export class StockDestruction extends TenantEntity<'status' | 'decidedById' | 'decidedAt' | 'decisionNote' | 'method' | 'witnessId' | 'destroyedById' | 'destroyedAt' | 'destructionNote'> {
  @Property({ type: 'text' })
  @Field()
  destructionNo!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  warehouseId!: string;

  @Enum({ items: () => DestructionStatus })
  @Field(() => DestructionStatus)
  status: DestructionStatus = DestructionStatus.REQUESTED;

  @Property({ type: 'text' })
  @Field()
  reason!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  requestedById!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  decidedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  decisionNote?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'How it was destroyed (incineration, crushing...).' })
  method?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The second person who witnessed the destruction.' })
  witnessId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  destroyedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  destroyedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  destructionNote?: string | null;
}

@Entity({ tableName: 'stock_destruction_line' })
@Filter(tenantFilter)
@Index({ properties: ['destructionId'] })
@ObjectType()
export class StockDestructionLine extends TenantEntity {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  destructionId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  zoneId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  batchId!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  quantity!: number;
}
