import { clock } from '../../core/clock';
import { DecimalType, Entity, Enum, Filter, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FranchiseSettings, TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { StorageClass } from './catalog.entity';

export enum WarehouseKind {
  /** HQ's central warehouse (总库房): buys for all. */
  CENTRAL = 'CENTRAL',
  FRANCHISE = 'FRANCHISE',
  BRANCH_CENTER = 'BRANCH_CENTER',
  STORE = 'STORE',
}

export enum WarehouseStatus {
  ACTIVE = 'ACTIVE',
  CLOSED = 'CLOSED',
}

export enum BatchStatus {
  AVAILABLE = 'AVAILABLE',
  /** 待验 / 隔离: not yet released for use. */
  QUARANTINED = 'QUARANTINED',
  ON_HOLD = 'ON_HOLD',
  RECALLED = 'RECALLED',
  EXPIRED = 'EXPIRED',
  DAMAGED = 'DAMAGED',
}

registerEnumType(WarehouseKind, { name: 'WarehouseKind', description: 'CENTRAL (HQ 总库房), FRANCHISE, BRANCH_CENTER or STORE warehouse: follows the org unit that owns it.' });
registerEnumType(WarehouseStatus, { name: 'WarehouseStatus' });
registerEnumType(BatchStatus, {
  name: 'BatchStatus',
  description: 'Only AVAILABLE lots are reserved or picked. A lot past its expiry date counts as EXPIRED whatever is stored (a daily job also flags it).',
});

/** A warehouse owned by an org unit (HQ, a franchise, a branch center or store); isolated per franchise like every tenant record. */
@Entity({ tableName: 'warehouse' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'code'] })
@ObjectType()
export class Warehouse extends TenantEntity<'status' | 'address' | 'responsibleStaffId'> {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID, { description: 'The org unit that owns it.' })
  orgUnitId!: string;

  @Enum({ items: () => WarehouseKind })
  @Field(() => WarehouseKind)
  kind!: WarehouseKind;

  @Property({ type: 'text' })
  @Field({ description: 'Short code on slips, unique within the franchise.' })
  code!: string;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  address?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who is responsible (alerts and excursion cases go to them).' })
  responsibleStaffId?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'The owning org unit’s time zone: "today" for expiry is its local date.' })
  timeZone!: string;

  @Enum({ items: () => WarehouseStatus })
  @Field(() => WarehouseStatus)
  status: WarehouseStatus = WarehouseStatus.ACTIVE;
}

/** A storage zone of a warehouse, for one storage class, with its temperature and humidity limits. */
@Entity({ tableName: 'storage_zone' })
@Filter(tenantFilter)
@Unique({ properties: ['warehouseId', 'code'] })
@ObjectType()
export class StorageZone extends TenantEntity<'status' | 'onHold' | 'nonConforming' | 'holdReason'> {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  warehouseId!: string;

  @Property({ type: 'text' })
  @Field()
  code!: string;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Enum({ items: () => StorageClass })
  @Field(() => StorageClass, { description: 'Only products of this storage class are stored here.' })
  storageClass!: StorageClass;

  @Property({ type: new DecimalType('number'), precision: 4, scale: 1 })
  @Field(() => Float, { description: 'Lowest allowed temperature, °C.' })
  temperatureMin!: number;

  @Property({ type: new DecimalType('number'), precision: 4, scale: 1 })
  @Field(() => Float, { description: 'Highest allowed temperature, °C.' })
  temperatureMax!: number;

  @Property({ type: new DecimalType('number'), precision: 4, scale: 1 })
  @Field(() => Float, { description: 'Lowest allowed relative humidity, %.' })
  humidityMin!: number;

  @Property({ type: new DecimalType('number'), precision: 4, scale: 1 })
  @Field(() => Float, { description: 'Highest allowed relative humidity, %.' })
  humidityMax!: number;

  @Property({ type: 'boolean' })
  @Field({ description: 'Stock here is not reserved or picked until a person releases the zone (after an excursion).' })
  onHold: boolean = false;

  @Property({ type: 'boolean', default: false })
  @Field({ description: 'The non-conforming goods area (不合格品区): damaged goods wait here for destruction; never reserved, picked or put away into.' })
  nonConforming: boolean = false;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the zone is on hold (an excursion), until released.' })
  holdReason?: string | null;

  @Enum({ items: () => WarehouseStatus })
  @Field(() => WarehouseStatus)
  status: WarehouseStatus = WarehouseStatus.ACTIVE;
}

/** A lot of a product (批号) as received by a franchise: its dates, supplier and status. */
@Entity({ tableName: 'batch' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'productId', 'lotNo'] })
@ObjectType()
export class Batch extends TenantEntity<'status' | 'statusReason' | 'supplierId'> {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'text' })
  @Field({ description: 'Lot number (批号).' })
  lotNo!: string;

  @Property({ type: 'date' })
  @Field({ description: 'Manufacture date (YYYY-MM-DD).' })
  manufactureDate!: string;

  @Property({ type: 'date' })
  @Field({ description: 'Expiry date (YYYY-MM-DD): usable through this day.' })
  expiryDate!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  supplierId?: string | null;

  @Enum({ items: () => BatchStatus })
  @Field(() => BatchStatus, { description: 'The stored status; see effectiveStatus for what counts now.' })
  status: BatchStatus = BatchStatus.AVAILABLE;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  statusReason?: string | null;
}

/** A franchise's inventory rules. */
@Entity({ tableName: 'inventory_settings' })
@Filter(tenantFilter)
@ObjectType()
export class InventorySettings extends FranchiseSettings<'minRemainingShelfLifeDays' | 'excursionCaseAfterMinutes'> {

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'A lot is allocated only when it has at least this many days left at delivery (default 90).' })
  minRemainingShelfLifeDays: number = DEFAULT_MIN_REMAINING_SHELF_LIFE_DAYS;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'A storage excursion lasting longer than this opens a case for the warehouse’s responsible person (default 30).' })
  excursionCaseAfterMinutes: number = DEFAULT_EXCURSION_CASE_AFTER_MINUTES;

}

export const DEFAULT_EXCURSION_CASE_AFTER_MINUTES = 30;
export const DEFAULT_MIN_REMAINING_SHELF_LIFE_DAYS = 90;
