import { ArrayMaxSize, ArrayMinSize, IsDateString, IsOptional, Length, Max, Min, NotEquals, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BooleanFieldComparison, DateFieldComparison, enumComparison, IDFilterComparison, IntFieldComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { CatalogStatus, FranchiseProduct, Product, ProductCategory, StorageClass, Supplier } from './catalog.entity';
import { BatchRecall, RecallStatus } from './recall.entity';
import { ReservationStatus, StockBalance, StockMove, StockMoveKind, StockReservation } from './stock.entity';
import { Batch, BatchStatus, StorageZone, Warehouse, WarehouseKind, WarehouseStatus } from './warehouse.entity';

const DATE = { strict: true } as const;
const dateMessage = (field: string) => ({ message: `${field} must be a date like 2027-06-30` });
const MAX_TEXT = 200;
/** Largest quantity one line may move (a sanity bound, not a business rule). */
export const MAX_LINE_QUANTITY = 1_000_000;
export const MAX_LINES = 200;

// ---------------------------------------------------------------------------- lists

export const ProductConnection = Connection(Product);
export const SupplierConnection = Connection(Supplier);
export const FranchiseProductConnection = Connection(FranchiseProduct);
export const WarehouseConnection = Connection(Warehouse);
export const BatchConnection = Connection(Batch);
export const StockBalanceConnection = Connection(StockBalance);
export const StockMoveConnection = Connection(StockMove);
export const StockReservationConnection = Connection(StockReservation);
export const BatchRecallConnection = Connection(BatchRecall);

export const { Filter: BatchRecallFilter, Sort: BatchRecallSort } = defineListInputs('BatchRecall', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, productId: IDFilterComparison, lotNo: StringFieldComparison, status: enumComparison('RecallStatus', RecallStatus), createdAt: DateFieldComparison },
  sort: ['createdAt', 'lotNo'] as const,
});

export const { Filter: ProductFilter, Sort: ProductSort } = defineListInputs('Product', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    genericName: StringFieldComparison,
    brandName: StringFieldComparison,
    specification: StringFieldComparison,
    approvalNumber: StringFieldComparison,
    barcode: StringFieldComparison,
    category: enumComparison('ProductCategory', ProductCategory),
    storageClass: enumComparison('StorageClass', StorageClass),
    status: enumComparison('CatalogStatus', CatalogStatus),
    priceCents: IntFieldComparison,
    updatedAt: DateFieldComparison,
  },
  sort: ['genericName', 'brandName', 'category', 'priceCents', 'createdAt', 'updatedAt'] as const,
});

export const { Filter: SupplierFilter, Sort: SupplierSort } = defineListInputs('Supplier', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, name: StringFieldComparison, status: enumComparison('SupplierStatus', CatalogStatus) },
  sort: ['name', 'createdAt'] as const,
});

export const { Filter: FranchiseProductFilter, Sort: FranchiseProductSort } = defineListInputs('FranchiseProduct', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, productId: IDFilterComparison, available: BooleanFieldComparison, priceCents: IntFieldComparison },
  sort: ['updatedAt', 'priceCents'] as const,
});

export const { Filter: WarehouseFilter, Sort: WarehouseSort } = defineListInputs('Warehouse', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    orgUnitId: IDFilterComparison,
    kind: enumComparison('WarehouseKind', WarehouseKind),
    status: enumComparison('WarehouseStatus', WarehouseStatus),
    code: StringFieldComparison,
    name: StringFieldComparison,
  },
  sort: ['code', 'name', 'kind', 'createdAt'] as const,
});

export const { Filter: BatchFilter, Sort: BatchSort } = defineListInputs('Batch', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    productId: IDFilterComparison,
    supplierId: IDFilterComparison,
    lotNo: StringFieldComparison,
    status: enumComparison('BatchStatus', BatchStatus),
    manufactureDate: StringFieldComparison,
    expiryDate: StringFieldComparison,
  },
  sort: ['expiryDate', 'manufactureDate', 'lotNo', 'createdAt'] as const,
});

export const { Filter: StockBalanceFilter, Sort: StockBalanceSort } = defineListInputs('StockBalance', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    warehouseId: IDFilterComparison,
    zoneId: IDFilterComparison,
    productId: IDFilterComparison,
    batchId: IDFilterComparison,
    expiryDate: StringFieldComparison,
    onHand: IntFieldComparison,
    reserved: IntFieldComparison,
    available: IntFieldComparison,
  },
  sort: ['expiryDate', 'onHand', 'reserved', 'available', 'updatedAt'] as const,
});

export const { Filter: StockMoveFilter, Sort: StockMoveSort } = defineListInputs('StockMove', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    warehouseId: IDFilterComparison,
    zoneId: IDFilterComparison,
    productId: IDFilterComparison,
    batchId: IDFilterComparison,
    kind: enumComparison('StockMoveKind', StockMoveKind),
    documentId: IDFilterComparison,
    documentNo: StringFieldComparison,
    actorId: IDFilterComparison,
    occurredAt: DateFieldComparison,
  },
  sort: ['occurredAt', 'quantity', 'kind'] as const,
});

export const { Filter: StockReservationFilter, Sort: StockReservationSort } = defineListInputs('StockReservation', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    warehouseId: IDFilterComparison,
    productId: IDFilterComparison,
    documentId: IDFilterComparison,
    documentType: StringFieldComparison,
    status: enumComparison('ReservationStatus', ReservationStatus),
    createdAt: DateFieldComparison,
  },
  sort: ['createdAt', 'quantity', 'deliveryDate'] as const,
});

// ---------------------------------------------------------------------------- catalog inputs

@InputType({ description: 'A product. HQ adds to the shared catalog with shared: true; a franchise adds its own.' })
export class ProductInput {
  @Field() @Length(1, MAX_TEXT, { message: 'genericName must be 1 to 200 characters' }) genericName!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, MAX_TEXT) brandName?: string | null;
  @Field() @Length(1, MAX_TEXT, { message: 'specification must be 1 to 200 characters' }) specification!: string;
  @Field() @Length(1, 50, { message: 'dosageForm must be 1 to 50 characters' }) dosageForm!: string;
  @Field() @Length(1, 20, { message: 'unit must be 1 to 20 characters' }) unit!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) approvalNumber?: string | null;
  @Field(() => ProductCategory) category!: ProductCategory;
  @Field(() => StorageClass) storageClass!: StorageClass;
  @Field(() => Int) @Min(1, { message: 'shelfLifeDays must be at least 1' }) @Max(3650, { message: 'shelfLifeDays must be at most 3650' }) shelfLifeDays!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(4, 32, { message: 'barcode must be 4 to 32 characters' }) barcode?: string | null;
  @Field(() => Int, { description: 'List price in cents (分).' }) @Min(0, { message: 'priceCents cannot be negative' }) priceCents!: number;
  @Field({ nullable: true, defaultValue: false, description: 'HQ only: in the shared catalog for every franchise.' }) shared?: boolean;
}

@InputType()
export class CreateOneProductInput {
  @Field(() => ProductInput) @ValidateNested() product!: ProductInput;
}

@InputType()
export class ProductUpdate {
  @Field({ nullable: true }) @IsOptional() @Length(1, MAX_TEXT) genericName?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, MAX_TEXT) brandName?: string | null;
  @Field({ nullable: true }) @IsOptional() @Length(1, MAX_TEXT) specification?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 50) dosageForm?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 20) unit?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) approvalNumber?: string | null;
  @Field(() => ProductCategory, { nullable: true }) category?: ProductCategory;
  @Field(() => StorageClass, { nullable: true }) storageClass?: StorageClass;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3650) shelfLifeDays?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(4, 32) barcode?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0, { message: 'priceCents cannot be negative' }) priceCents?: number;
}

@InputType()
export class UpdateOneProductInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => ProductUpdate) @ValidateNested() update!: ProductUpdate;
}

@InputType()
export class SetProductStatusInput {
  @Field(() => ID) id!: string;
  @Field(() => CatalogStatus) status!: CatalogStatus;
}

@InputType({ description: 'Whether a franchise sells a product and at what price. franchiseId: HQ only (default: your own).' })
export class FranchiseProductTermsInput {
  @Field(() => ID) productId!: string;
  @Field(() => ID, { nullable: true }) franchiseId?: string | null;
  @Field({ nullable: true }) available?: boolean;
  @Field(() => Int, { nullable: true, description: 'Cents; null: the list price.' }) @IsOptional() @Min(0, { message: 'priceCents cannot be negative' }) priceCents?: number | null;
  @Field(() => Int, { nullable: true }) version?: number | null;
}

@InputType()
export class SupplierInput {
  @Field() @Length(1, MAX_TEXT, { message: 'name must be 1 to 200 characters' }) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) licenseNo?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) contactName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(3, 30) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, MAX_TEXT) address?: string | null;
  @Field({ nullable: true, defaultValue: false, description: 'HQ only: shared with every franchise.' }) shared?: boolean;
}

@InputType()
export class CreateOneSupplierInput {
  @Field(() => SupplierInput) @ValidateNested() supplier!: SupplierInput;
}

@InputType()
export class SupplierUpdate {
  @Field({ nullable: true }) @IsOptional() @Length(1, MAX_TEXT) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) licenseNo?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) contactName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(3, 30) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, MAX_TEXT) address?: string | null;
}

@InputType()
export class UpdateOneSupplierInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => SupplierUpdate) @ValidateNested() update!: SupplierUpdate;
}

// ---------------------------------------------------------------------------- warehouses

@InputType({ description: 'A warehouse of an org unit: HQ (the central warehouse), a franchise, a branch center or a store.' })
export class WarehouseInput {
  @Field(() => ID) orgUnitId!: string;
  @Field() @Length(1, 30, { message: 'code must be 1 to 30 characters' }) code!: string;
  @Field() @Length(1, MAX_TEXT, { message: 'name must be 1 to 200 characters' }) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, MAX_TEXT) address?: string | null;
  @Field(() => ID, { nullable: true }) responsibleStaffId?: string | null;
}

@InputType()
export class CreateOneWarehouseInput {
  @Field(() => WarehouseInput) @ValidateNested() warehouse!: WarehouseInput;
}

@InputType()
export class WarehouseUpdate {
  @Field({ nullable: true }) @IsOptional() @Length(1, 30) code?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, MAX_TEXT) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, MAX_TEXT) address?: string | null;
  @Field(() => ID, { nullable: true }) responsibleStaffId?: string | null;
}

@InputType()
export class UpdateOneWarehouseInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => WarehouseUpdate) @ValidateNested() update!: WarehouseUpdate;
}

@InputType({ description: 'A storage zone; limits default to the storage class’s (normal 20–25 °C, cold 0–4 °C, humidity 45–75 %).' })
export class StorageZoneInput {
  @Field(() => ID) warehouseId!: string;
  @Field() @Length(1, 30, { message: 'code must be 1 to 30 characters' }) code!: string;
  @Field() @Length(1, MAX_TEXT, { message: 'name must be 1 to 200 characters' }) name!: string;
  @Field(() => StorageClass) storageClass!: StorageClass;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(-40) @Max(60) temperatureMin?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(-40) @Max(60) temperatureMax?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0) @Max(100) humidityMin?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0) @Max(100) humidityMax?: number;
}

@InputType()
export class CreateOneStorageZoneInput {
  @Field(() => StorageZoneInput) @ValidateNested() storageZone!: StorageZoneInput;
}

@InputType({ description: 'Zone edits. The storage class is fixed once stock may be in the zone: open a new zone instead.' })
export class StorageZoneUpdate {
  @Field({ nullable: true }) @IsOptional() @Length(1, 30) code?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, MAX_TEXT) name?: string;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(-40) @Max(60) temperatureMin?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(-40) @Max(60) temperatureMax?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0) @Max(100) humidityMin?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0) @Max(100) humidityMax?: number;
}

@InputType()
export class UpdateOneStorageZoneInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => StorageZoneUpdate) @ValidateNested() update!: StorageZoneUpdate;
}

@InputType()
export class InventorySettingsInput {
  @Field(() => ID, { nullable: true, description: 'HQ only: another franchise (default: your own).' }) franchiseId?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0, { message: 'minRemainingShelfLifeDays cannot be negative' }) @Max(1095) minRemainingShelfLifeDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Minutes an excursion may last before it opens a case (1 to 1440).' }) @IsOptional() @Min(1, { message: 'excursionCaseAfterMinutes must be at least 1' }) @Max(1440) excursionCaseAfterMinutes?: number | null;
  @Field(() => Int, { nullable: true }) version?: number | null;
}

@InputType()
export class HoldBatchInput {
  @Field(() => ID) id!: string;
  @Field(() => BatchStatus, { description: 'ON_HOLD, QUARANTINED or DAMAGED.' }) status!: BatchStatus;
  @Field() @Length(1, 500, { message: 'reason must be 1 to 500 characters' }) reason!: string;
}

@InputType()
export class ReleaseBatchInput {
  @Field(() => ID) id!: string;
  @Field() @Length(1, 500, { message: 'reason must be 1 to 500 characters' }) reason!: string;
}

// ---------------------------------------------------------------------------- stock

@InputType()
export class ReceiptLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => ID, { description: 'A zone of the warehouse with the product’s storage class.' }) zoneId!: string;
  @Field() @Length(1, 50, { message: 'lotNo must be 1 to 50 characters' }) lotNo!: string;
  @Field() @IsDateString(DATE, dateMessage('manufactureDate')) manufactureDate!: string;
  @Field() @IsDateString(DATE, dateMessage('expiryDate')) expiryDate!: string;
  @Field(() => Int) @Min(1, { message: 'quantity must be at least 1' }) @Max(MAX_LINE_QUANTITY) quantity!: number;
}

@InputType({ description: 'Goods put away into a warehouse, with the paper inbound slip number.' })
export class ReceiveStockInput {
  @Field(() => ID) warehouseId!: string;
  @Field({ description: 'The paper inbound slip number (入库单号).' }) @Length(1, 50, { message: 'documentNo must be 1 to 50 characters' }) documentNo!: string;
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) note?: string | null;
  @Field(() => [ReceiptLineInput]) @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines!: ReceiptLineInput[];
}

@InputType({ description: 'A correction of on-hand stock at one place: positive found more, negative found less.' })
export class AdjustStockInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => ID) zoneId!: string;
  @Field(() => ID) batchId!: string;
  @Field(() => Int) @NotEquals(0, { message: 'quantity must not be 0' }) @Min(-MAX_LINE_QUANTITY) @Max(MAX_LINE_QUANTITY) quantity!: number;
  @Field() @Length(1, 500, { message: 'reason must be 1 to 500 characters' }) reason!: string;
}

@InputType()
export class ReservationLineInput {
  @Field(() => String, { nullable: true, description: 'The order line it is for; one active reservation per line.' }) @IsOptional() @Length(1, 100) lineId?: string | null;
  @Field(() => ID) productId!: string;
  @Field(() => Int) @Min(1, { message: 'quantity must be at least 1' }) @Max(MAX_LINE_QUANTITY) quantity!: number;
}

@InputType({ description: 'Stock to hold for the lines of a document (an order) at a warehouse, all lines or none.' })
export class ReserveStockInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => String, { nullable: true, defaultValue: 'ORDER' }) @IsOptional() @Length(1, 30) documentType?: string;
  @Field(() => ID) documentId!: string;
  @Field(() => String, { nullable: true, description: 'Expected delivery (YYYY-MM-DD, default today): lots must keep the minimum shelf life until then.' })
  @IsOptional()
  @IsDateString(DATE, dateMessage('deliveryDate'))
  deliveryDate?: string | null;
  @Field(() => [ReservationLineInput]) @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines!: ReservationLineInput[];
}

@InputType()
export class ReleaseStockReservationInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) reason?: string | null;
}

@InputType()
export class IssueStockReservationInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'The outbound slip number.' }) @IsOptional() @Length(1, 50) documentNo?: string | null;
}

@ObjectType()
export class StockReceiptResult {
  @Field(() => ID) documentId!: string;
  @Field() documentNo!: string;
  @Field(() => [StockMove]) moves!: StockMove[];
}

@ObjectType()
export class StockIssueResult {
  @Field(() => StockReservation) reservation!: StockReservation;
  @Field(() => [StockMove]) moves!: StockMove[];
}

@InputType()
export class RecallBatchInput {
  @Field(() => ID) productId!: string;
  @Field() @Length(1, 50, { message: 'lotNo must be 1 to 50 characters' }) lotNo!: string;
  @Field() @Length(1, 500, { message: 'reason must be 1 to 500 characters' }) reason!: string;
}

@ObjectType({ description: 'A document (an order) that took a recalled lot out of a warehouse.' })
export class RecallRecipient {
  @Field(() => ID) franchiseId!: string;
  @Field(() => ID) warehouseId!: string;
  @Field(() => String, { nullable: true }) documentType!: string | null;
  @Field(() => ID, { nullable: true }) documentId!: string | null;
  @Field(() => String, { nullable: true }) documentNo!: string | null;
  @Field(() => Int, { description: 'Units of the lot it took.' }) quantity!: number;
  @Field() issuedAt!: Date;
  @Field(() => ID, { nullable: true, description: 'The customer, named by the module that owns the document (orders).' }) customerId!: string | null;
}

export type { StorageZone };
