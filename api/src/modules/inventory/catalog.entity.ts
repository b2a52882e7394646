import { clock } from '../../core/clock';
import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { sharedTenantFilter, TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

export enum ProductCategory {
  /** 处方药 */
  PRESCRIPTION = 'PRESCRIPTION',
  /** 非处方药 */
  OTC = 'OTC',
  /** 保健品 / 营养品 */
  SUPPLEMENT = 'SUPPLEMENT',
}

export enum StorageClass {
  /** 常温库 */
  NORMAL = 'NORMAL',
  /** 冷库 */
  COLD = 'COLD',
}

export enum CatalogStatus {
  ACTIVE = 'ACTIVE',
  DISCONTINUED = 'DISCONTINUED',
}

registerEnumType(ProductCategory, { name: 'ProductCategory', description: 'Prescription drug, OTC drug, or supplement / nutrition product.' });
registerEnumType(StorageClass, { name: 'StorageClass', description: 'NORMAL (常温) or COLD (冷藏) storage.' });
registerEnumType(CatalogStatus, { name: 'CatalogStatus' });

/** Shared-catalog columns: HQ's rows (franchiseId null) are read by every franchise, a franchise's own only by it. */
@Entity({ abstract: true })
@ObjectType()
export abstract class SharedCatalogEntity<Defaults extends string = never> {
  [OptionalProps]?: 'id' | 'version' | 'createdAt' | 'updatedAt' | 'franchiseId' | 'status' | Defaults;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'Owning franchise; null for HQ’s shared catalog, read by every franchise.' })
  franchiseId?: string | null;

  @Enum({ items: () => CatalogStatus })
  @Field(() => CatalogStatus)
  status: CatalogStatus = CatalogStatus.ACTIVE;

  @Property({ version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();

  @Property({ type: 'timestamptz', onUpdate: () => clock.now() })
  @Field()
  updatedAt: Date = clock.now();
}

/** A drug or nutrition product. HQ's catalog is shared; each franchise sets availability and price (FranchiseProduct). */
@Entity({ tableName: 'product' })
@Filter(sharedTenantFilter)
@ObjectType()
export class Product extends SharedCatalogEntity<'brandName' | 'approvalNumber' | 'barcode'> {
  @Property({ type: 'text' })
  @Field({ description: 'Generic name (通用名).' })
  genericName!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Brand / trade name (商品名).' })
  brandName?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'Specification / strength (规格), e.g. 10mg×30片.' })
  specification!: string;

  @Property({ type: 'text' })
  @Field({ description: 'Dosage form (剂型), e.g. 片剂, 胶囊, 注射液, 粉剂.' })
  dosageForm!: string;

  @Property({ type: 'text' })
  @Field({ description: 'Stock-keeping unit (盒, 瓶, 支).' })
  unit!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Approval number (批准文号, 国药准字…).' })
  approvalNumber?: string | null;

  @Enum({ items: () => ProductCategory })
  @Field(() => ProductCategory)
  category!: ProductCategory;

  @Enum({ items: () => StorageClass })
  @Field(() => StorageClass)
  storageClass!: StorageClass;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Shelf life in days from manufacture.' })
  shelfLifeDays!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  barcode?: string | null;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'List price in cents (分); a franchise may set its own.' })
  priceCents!: number;
}

/** A franchise's terms for a product: whether it sells it and at what price (null: the list price). */
@Entity({ tableName: 'franchise_product' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'productId'] })
@ObjectType()
export class FranchiseProduct extends TenantEntity<'available'> {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'boolean' })
  @Field({ description: 'The franchise sells this product.' })
  available: boolean = true;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The franchise’s price in cents; null: the list price.' })
  priceCents?: number | null;
}

/** A supplier (供应商): HQ’s are shared, a franchise may keep its own. */
@Entity({ tableName: 'supplier' })
@Filter(sharedTenantFilter)
@Index({ properties: ['name'] })
@ObjectType()
export class Supplier extends SharedCatalogEntity<'licenseNo' | 'contactName' | 'phone' | 'address'> {
  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Drug distribution license no. (药品经营许可证).' })
  licenseNo?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  contactName?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  address?: string | null;
}
