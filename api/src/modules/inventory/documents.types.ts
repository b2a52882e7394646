import { ArrayMaxSize, ArrayMinSize, IsDateString, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateFieldComparison, enumComparison, IDFilterComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { DestructionStatus, PurchaseRequest, PurchaseStatus, RequisitionLeg, RequisitionStatus, StockDestruction, StockRequisition } from './documents.entity';
import { MAX_LINE_QUANTITY, MAX_LINES } from './inventory.types';
import { WarehouseKind } from './warehouse.entity';

const DATE = { strict: true } as const;
const dateMessage = (field: string) => ({ message: `${field} must be a date like 2027-06-30` });

export const PurchaseRequestConnection = Connection(PurchaseRequest);
export const StockRequisitionConnection = Connection(StockRequisition);
export const StockDestructionConnection = Connection(StockDestruction);

export const { Filter: PurchaseRequestFilter, Sort: PurchaseRequestSort } = defineListInputs('PurchaseRequest', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    requestNo: StringFieldComparison,
    warehouseId: IDFilterComparison,
    supplierId: IDFilterComparison,
    status: enumComparison('PurchaseStatus', PurchaseStatus),
    requestedById: IDFilterComparison,
    supplierOrderNo: StringFieldComparison,
    inboundSlipNo: StringFieldComparison,
    createdAt: DateFieldComparison,
    updatedAt: DateFieldComparison,
  },
  sort: ['createdAt', 'updatedAt', 'requestNo', 'status', 'expectedDate'] as const,
});

export const { Filter: StockRequisitionFilter, Sort: StockRequisitionSort } = defineListInputs('StockRequisition', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    requisitionNo: StringFieldComparison,
    fromWarehouseId: IDFilterComparison,
    toWarehouseId: IDFilterComparison,
    leg: enumComparison('RequisitionLeg', RequisitionLeg),
    status: enumComparison('RequisitionStatus', RequisitionStatus),
    requestedById: IDFilterComparison,
    createdAt: DateFieldComparison,
    updatedAt: DateFieldComparison,
  },
  sort: ['createdAt', 'updatedAt', 'requisitionNo', 'status'] as const,
});

export const { Filter: StockDestructionFilter, Sort: StockDestructionSort } = defineListInputs('StockDestruction', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    destructionNo: StringFieldComparison,
    warehouseId: IDFilterComparison,
    status: enumComparison('DestructionStatus', DestructionStatus),
    requestedById: IDFilterComparison,
    witnessId: IDFilterComparison,
    destroyedAt: DateFieldComparison,
    createdAt: DateFieldComparison,
  },
  sort: ['createdAt', 'updatedAt', 'destructionNo', 'status', 'destroyedAt'] as const,
});

// ---------------------------------------------------------------------------- shared

@InputType({ description: 'A verb on a document: its id and the version you saw (a stale one is a CONFLICT).' })
export class DocumentVersionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
}

@InputType({ description: 'An approval or a rejection (a rejection needs a note).' })
export class DocumentDecisionInput extends DocumentVersionInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500, { message: 'note must be 1 to 500 characters' }) note?: string | null;
}

@InputType()
export class DocumentCancelInput extends DocumentVersionInput {
  @Field() @Length(1, 500, { message: 'reason must be 1 to 500 characters' }) reason!: string;
}

// ---------------------------------------------------------------------------- purchasing

@InputType()
export class PurchaseLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) @Min(1, { message: 'quantity must be at least 1' }) @Max(MAX_LINE_QUANTITY) quantity!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) note?: string | null;
}

@InputType({ description: 'A purchase request for a warehouse (DRAFT until submitted).' })
export class CreatePurchaseRequestInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) note?: string | null;
  @Field(() => [PurchaseLineInput]) @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines!: PurchaseLineInput[];
}

@InputType({ description: 'Edits of a DRAFT request; lines, when given, replace the old ones.' })
export class UpdatePurchaseRequestInput extends DocumentVersionInput {
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) note?: string | null;
  @Field(() => [PurchaseLineInput], { nullable: true }) @IsOptional() @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines?: PurchaseLineInput[];
}

@InputType()
export class PlaceSupplierOrderInput extends DocumentVersionInput {
  @Field(() => ID, { nullable: true, description: 'Default: the supplier on the request (one is needed).' }) supplierId?: string | null;
  @Field() @Length(1, 50, { message: 'supplierOrderNo must be 1 to 50 characters' }) supplierOrderNo!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsDateString(DATE, dateMessage('expectedDate')) expectedDate?: string | null;
}

@InputType()
export class RecordArrivalInput extends DocumentVersionInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) note?: string | null;
}

@InputType({ description: 'One lot of a request line as inspected. A line may arrive in several lots (one inspection line each).' })
export class InspectionLineInput {
  @Field(() => ID) requestLineId!: string;
  @Field() @Length(1, 50, { message: 'lotNo must be 1 to 50 characters' }) lotNo!: string;
  @Field() @IsDateString(DATE, dateMessage('manufactureDate')) manufactureDate!: string;
  @Field() @IsDateString(DATE, dateMessage('expiryDate')) expiryDate!: string;
  @Field(() => Int) @Min(0, { message: 'acceptedQuantity cannot be negative' }) @Max(MAX_LINE_QUANTITY) acceptedQuantity!: number;
  @Field(() => Int, { defaultValue: 0 }) @Min(0, { message: 'rejectedQuantity cannot be negative' }) @Max(MAX_LINE_QUANTITY) rejectedQuantity!: number;
  @Field(() => String, { nullable: true, description: 'Required when anything is rejected.' }) @IsOptional() @Length(1, 500) rejectReason?: string | null;
}

@InputType({ description: 'The joint inspection of an arrived purchase; recording it again replaces the lines and clears the signatures.' })
export class RecordInspectionInput extends DocumentVersionInput {
  @Field(() => [InspectionLineInput]) @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines!: InspectionLineInput[];
}

export enum InspectionSigner {
  WAREHOUSE_KEEPER = 'WAREHOUSE_KEEPER',
  PRODUCT_MANAGER = 'PRODUCT_MANAGER',
}
registerEnumType(InspectionSigner, { name: 'InspectionSigner', description: 'Who signs: the warehouse keeper (stock:write) and the product manager (purchase:request), two different people.' });

@InputType()
export class SignInspectionInput extends DocumentVersionInput {
  @Field(() => InspectionSigner) as!: InspectionSigner;
}

@InputType()
export class PutAwayLineInput {
  @Field(() => ID) inspectionLineId!: string;
  @Field(() => ID, { nullable: true, description: 'Default: the first open zone of the product’s storage class.' }) zoneId?: string | null;
}

@InputType({ description: 'Put the accepted goods away (rejected ones never enter stock) and file the inbound record with its paper slip number.' })
export class PutAwayPurchaseInput extends DocumentVersionInput {
  @Field({ description: 'The paper inbound slip number (入库单号).' }) @Length(1, 50, { message: 'inboundSlipNo must be 1 to 50 characters' }) inboundSlipNo!: string;
  @Field(() => [PutAwayLineInput], { nullable: true, description: 'Zones per inspection line; lines not named go to the default zone.' }) @IsOptional() @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines?: PutAwayLineInput[];
}

@ObjectType({ description: 'What to buy for a warehouse: the last three months’ issues, stock and open demand.' })
export class PurchaseSuggestion {
  @Field(() => ID) productId!: string;
  @Field(() => Int, { description: 'Units issued (orders and transfers out) in the last three months.' }) issuedLastThreeMonths!: number;
  @Field(() => Float, { description: 'Average units issued per month over the last three months.' }) averageMonthlyIssue!: number;
  @Field(() => Int) onHand!: number;
  @Field(() => Int, { description: 'On hand, not reserved, in usable lots and zones.' }) available!: number;
  @Field(() => Int, { description: 'Already requested or ordered and not yet received.' }) onOrder!: number;
  @Field(() => Int, { description: 'Branch requisitions waiting to be picked from this warehouse.' }) openDemand!: number;
  @Field(() => Int, { description: 'Expected issues over the cover period plus open demand, less what is available or on order (never below 0).' }) suggestedQuantity!: number;
}

// ---------------------------------------------------------------------------- requisitions

@InputType()
export class RequisitionLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) @Min(1, { message: 'quantity must be at least 1' }) @Max(MAX_LINE_QUANTITY) quantity!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) note?: string | null;
}

@InputType({ description: 'A warehouse asks a supplying warehouse for products: a branch or store its franchise’s central or franchise warehouse, or any franchise warehouse HQ’s central warehouse (see requisitionSources).' })
export class CreateRequisitionInput {
  @Field(() => ID, { description: 'The supplying warehouse (CENTRAL or FRANCHISE of the same franchise, or HQ’s CENTRAL).' }) fromWarehouseId!: string;
  @Field(() => ID, { description: 'The requesting warehouse (a branch center or store; from HQ, a franchise warehouse too).' }) toWarehouseId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) note?: string | null;
  @Field(() => [RequisitionLineInput]) @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines!: RequisitionLineInput[];
}

@ObjectType({ description: 'A warehouse a requisition may ask goods from (HQ’s central warehouse by name only).' })
export class RequisitionSource {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => WarehouseKind) kind!: WarehouseKind;
  @Field({ description: 'HQ’s central warehouse: the request becomes a transfer between HQ and the franchise.' }) hq!: boolean;
}

@InputType()
export class ShipRequisitionInput extends DocumentVersionInput {
  @Field({ description: 'The outbound slip number (出库单号).' }) @Length(1, 50, { message: 'outboundSlipNo must be 1 to 50 characters' }) outboundSlipNo!: string;
}

@InputType({ description: 'What arrived of one shipped lot: received in good order and damaged; the rest is short.' })
export class ReceiveTransferLineInput {
  @Field(() => ID) transferLineId!: string;
  @Field(() => Int) @Min(0, { message: 'receivedQuantity cannot be negative' }) @Max(MAX_LINE_QUANTITY) receivedQuantity!: number;
  @Field(() => Int, { defaultValue: 0 }) @Min(0, { message: 'damagedQuantity cannot be negative' }) @Max(MAX_LINE_QUANTITY) damagedQuantity!: number;
  @Field(() => ID, { nullable: true, description: 'Default: the first open zone of the product’s storage class.' }) zoneId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) note?: string | null;
}

@InputType({ description: 'Receipt at the branch: every shipped lot once, with its discrepancies.' })
export class ReceiveTransferInput extends DocumentVersionInput {
  @Field(() => [ReceiveTransferLineInput]) @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines!: ReceiveTransferLineInput[];
}

// ---------------------------------------------------------------------------- destruction

@InputType()
export class DestructionLineInput {
  @Field(() => ID) zoneId!: string;
  @Field(() => ID) batchId!: string;
  @Field(() => Int) @Min(1, { message: 'quantity must be at least 1' }) @Max(MAX_LINE_QUANTITY) quantity!: number;
}

@InputType({ description: 'Expired or damaged goods of one warehouse to destroy.' })
export class RequestDestructionInput {
  @Field(() => ID) warehouseId!: string;
  @Field() @Length(1, 500, { message: 'reason must be 1 to 500 characters' }) reason!: string;
  @Field(() => [DestructionLineInput]) @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines!: DestructionLineInput[];
}

@InputType()
export class DestroyStockInput extends DocumentVersionInput {
  @Field({ description: 'How it was destroyed (焚烧, 粉碎...).' }) @Length(1, 200, { message: 'method must be 1 to 200 characters' }) method!: string;
  @Field(() => ID, { description: 'The second person who witnessed it (staff of the same franchise).' }) witnessId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) note?: string | null;
}
