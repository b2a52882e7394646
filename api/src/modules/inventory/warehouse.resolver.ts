import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { Product } from './catalog.entity';
import { productLoader } from './catalog.service';
import { InventoryPermission } from './inventory.permissions';
import { DEFAULT_TIME_ZONE } from './inventory.time';
import {
  BatchConnection,
  BatchFilter,
  BatchSort,
  CreateOneStorageZoneInput,
  CreateOneWarehouseInput,
  HoldBatchInput,
  InventorySettingsInput,
  ReleaseBatchInput,
  UpdateOneStorageZoneInput,
  UpdateOneWarehouseInput,
  WarehouseConnection,
  WarehouseFilter,
  WarehouseSort,
} from './inventory.types';
import { Batch, BatchStatus, InventorySettings, StorageZone, Warehouse } from './warehouse.entity';
import { listBatches, listWarehouses } from './warehouse.queries';
import * as warehouses from './warehouse.service';

const zonesByWarehouse = (ctx: RequestContext) =>
  ctx.loaders.get(warehouses.zonesOfWarehouses, () =>
    new DataLoader<string, StorageZone[]>(async (ids) => {
      const zones = await warehouses.zonesOfWarehouses(ctx, ids);
      return ids.map((id) => zones.filter((z) => z.warehouseId === id));
    }),
  );

@Resolver(() => Warehouse)
export class WarehouseResolver {
  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => WarehouseConnection, { description: 'Warehouses in your part of the org tree (HQ: all, the central warehouse included).' })
  warehouses(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => WarehouseFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [WarehouseSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listWarehouses(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => Warehouse, { nullable: true })
  warehouse(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return warehouses.findWarehouse(ctx, id);
  }

  @Authorized(InventoryPermission['warehouse:manage'])
  @Mutation(() => Warehouse, { description: 'Open a warehouse for an org unit you manage (HQ: the central warehouse under HQ).' })
  createOneWarehouse(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneWarehouseInput) {
    return warehouses.createWarehouse(ctx, input.warehouse);
  }

  @Authorized(InventoryPermission['warehouse:manage'])
  @Mutation(() => Warehouse)
  updateOneWarehouse(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneWarehouseInput) {
    return warehouses.updateWarehouse(ctx, input.id, input.version, input.update);
  }

  @Authorized(InventoryPermission['warehouse:manage'])
  @Mutation(() => StorageZone, { description: 'Add a storage zone; temperature and humidity limits default to its storage class’s.' })
  createOneStorageZone(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneStorageZoneInput) {
    return warehouses.createZone(ctx, input.storageZone);
  }

  @Authorized(InventoryPermission['warehouse:manage'])
  @Mutation(() => StorageZone, { description: 'Edit a zone’s name, code or limits.' })
  updateOneStorageZone(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneStorageZoneInput) {
    return warehouses.updateZone(ctx, input.id, input.version, input.update);
  }

  @FieldResolver(() => [StorageZone])
  zones(@Root() warehouse: Warehouse, @Ctx() ctx: RequestContext) {
    return embedded(warehouse, 'zones', () => zonesByWarehouse(ctx).load(warehouse.id));
  }

  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => InventorySettings, { description: 'A franchise’s inventory rules (default: yours).' })
  inventorySettings(@Ctx() ctx: RequestContext, @Arg('franchiseId', () => ID, { nullable: true }) franchiseId?: string) {
    return warehouses.inventorySettings(ctx, franchiseId ?? ctx.actor!.franchiseId);
  }

  @Authorized(InventoryPermission['warehouse:manage'])
  @Mutation(() => InventorySettings)
  updateInventorySettings(@Ctx() ctx: RequestContext, @Arg('input') input: InventorySettingsInput) {
    return warehouses.updateInventorySettings(ctx, input);
  }
}

@Resolver(() => Batch)
export class BatchResolver {
  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => BatchConnection, { description: 'Lots received by your franchise (HQ: every franchise’s), earliest expiry first.' })
  batches(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => BatchFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [BatchSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listBatches(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => Batch, { nullable: true })
  batch(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return warehouses.batchLoader(ctx).load(id);
  }

  @Authorized(InventoryPermission['stock:write'])
  @Mutation(() => Batch, { description: 'Put a lot ON_HOLD, QUARANTINED or DAMAGED: it is no longer reserved or picked anywhere.' })
  holdBatch(@Ctx() ctx: RequestContext, @Arg('input') input: HoldBatchInput) {
    return warehouses.holdBatch(ctx, input);
  }

  @Authorized(InventoryPermission['stock:write'])
  @Mutation(() => Batch, { description: 'Release a held or quarantined lot back to AVAILABLE.' })
  releaseBatch(@Ctx() ctx: RequestContext, @Arg('input') input: ReleaseBatchInput) {
    return warehouses.releaseBatch(ctx, input);
  }

  @FieldResolver(() => BatchStatus, { description: 'What the lot counts as today: EXPIRED once past its expiry date, even before the daily job flags it.' })
  effectiveStatus(@Root() batch: Batch & { franchiseTimeZone?: string | null }, @Ctx() ctx: RequestContext): BatchStatus | Promise<BatchStatus> {
    // A page row carries its franchise's time zone (warehouse.queries); a lot from elsewhere loads it.
    if ('franchiseTimeZone' in batch) return warehouses.effectiveBatchStatus(batch, warehouses.businessToday(batch.franchiseTimeZone ?? DEFAULT_TIME_ZONE));
    return warehouses.franchiseToday(ctx, batch.franchiseId).then((today) => warehouses.effectiveBatchStatus(batch, today));
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() batch: Batch, @Ctx() ctx: RequestContext) {
    return embedded(batch, 'product', () => productLoader(ctx).load(batch.productId));
  }
}
