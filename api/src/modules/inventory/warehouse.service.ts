import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { readFranchiseSettings, updateFranchiseSettings } from '../../core/services/franchise-settings';
import { BadUserInputError, ConflictError, NotFoundError } from '../../core/errors';
import { byIdLoader } from '../../core/loaders';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { OrgUnitKind, OrgUnitStatus } from '../org/org-unit.entity';
import { orgUnitLoader } from '../org/org.loaders';
import { findOrgUnit, getOrgUnit } from '../org/org.service';
import { StorageClass } from './catalog.entity';
import { DEFAULT_TIME_ZONE, localDate, now } from './inventory.time';
import type { InventorySettingsInput, StorageZoneInput, StorageZoneUpdate, WarehouseInput, WarehouseUpdate } from './inventory.types';
import { Batch, BatchStatus, DEFAULT_MIN_REMAINING_SHELF_LIFE_DAYS, InventorySettings, StorageZone, Warehouse, WarehouseKind, WarehouseStatus } from './warehouse.entity';

export const warehouseLoader = (ctx: RequestContext) => byIdLoader(ctx, Warehouse);
export const zoneLoader = (ctx: RequestContext) => byIdLoader(ctx, StorageZone);
export const batchLoader = (ctx: RequestContext) => byIdLoader(ctx, Batch);

const KIND_OF_UNIT: Partial<Record<OrgUnitKind, WarehouseKind>> = {
  [OrgUnitKind.HQ]: WarehouseKind.CENTRAL,
  [OrgUnitKind.FRANCHISE]: WarehouseKind.FRANCHISE,
  [OrgUnitKind.BRANCH_CENTER]: WarehouseKind.BRANCH_CENTER,
  [OrgUnitKind.STORE]: WarehouseKind.STORE,
};

/** GSP storage conditions: normal store 20–25 °C, cold store 0–4 °C, relative humidity 45–75 % (editable per zone). */
export const DEFAULT_ZONE_LIMITS: Record<StorageClass, { temperatureMin: number; temperatureMax: number; humidityMin: number; humidityMax: number }> = {
  [StorageClass.NORMAL]: { temperatureMin: 20, temperatureMax: 25, humidityMin: 45, humidityMax: 75 },
  [StorageClass.COLD]: { temperatureMin: 0, temperatureMax: 4, humidityMin: 45, humidityMax: 75 },
};

// ---------------------------------------------------------------------------- warehouses

/** The warehouse, or null when missing, another franchise's, or outside the actor's part of the org tree. */
export async function findWarehouse(ctx: RequestContext, id: string): Promise<Warehouse | null> {
  const warehouse = await warehouseLoader(ctx).load(id);
  return warehouse && (await findOrgUnit(ctx, warehouse.orgUnitId)) ? warehouse : null;
}

export async function getWarehouse(ctx: RequestContext, id: string, label = 'Warehouse'): Promise<Warehouse> {
  const warehouse = await findWarehouse(ctx, id);
  if (!warehouse) throw new NotFoundError(label, id);
  return warehouse;
}

/** A warehouse that takes stock in or out: visible and not closed. */
export async function getActiveWarehouse(ctx: RequestContext, id: string, field = 'warehouseId'): Promise<Warehouse> {
  const warehouse = await getWarehouse(ctx, id);
  if (warehouse.status !== WarehouseStatus.ACTIVE) throw new BadUserInputError({ field, message: `warehouse ${warehouse.code} is ${warehouse.status}` });
  return warehouse;
}

async function assertWarehouseCodeFree(ctx: RequestContext, franchiseId: string, code: string, exceptId?: string) {
  const taken = await ctx.em.findOne(Warehouse, { franchiseId, code, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (taken) throw new ConflictError(`The warehouse code ${code} is already used by ${taken.name}`, { field: 'code' });
}

export async function createWarehouse(ctx: RequestContext, input: WarehouseInput): Promise<Warehouse> {
  requireActor(ctx);
  const unit = await getOrgUnit(ctx, input.orgUnitId, 'Org unit');
  const kind = KIND_OF_UNIT[unit.kind];
  if (!kind) throw new BadUserInputError({ field: 'warehouse.orgUnitId', message: `must be HQ, a franchise, a branch center or a store, not a ${unit.kind}` });
  if (unit.status !== OrgUnitStatus.ACTIVE) throw new BadUserInputError({ field: 'warehouse.orgUnitId', message: `${unit.name} is ${unit.status}` });
  await assertWarehouseCodeFree(ctx, unit.franchiseId, input.code);
  const warehouse = ctx.em.create(Warehouse, { ...input, kind, franchiseId: unit.franchiseId, timeZone: unit.timeZone });
  await ctx.em.flush();
  return warehouse;
}

export async function updateWarehouse(ctx: RequestContext, id: string, version: number, update: WarehouseUpdate): Promise<Warehouse> {
  const warehouse = await getWarehouse(ctx, id);
  checkVersion(warehouse, version, 'Warehouse');
  for (const key of ['code', 'name'] as const) if (update[key] === null) throw new BadUserInputError({ field: `update.${key}`, message: 'cannot be cleared' });
  if (update.code) await assertWarehouseCodeFree(ctx, warehouse.franchiseId, update.code, warehouse.id);
  applyUpdate(warehouse, update as Partial<Warehouse>);
  await ctx.em.flush();
  return warehouse;
}

// ---------------------------------------------------------------------------- zones

export async function zonesOfWarehouses(ctx: RequestContext, warehouseIds: readonly string[]): Promise<StorageZone[]> {
  return ctx.em.find(StorageZone, { warehouseId: { $in: [...warehouseIds] } }, { orderBy: { code: 'asc' } });
}

export async function getZone(ctx: RequestContext, id: string, label = 'Storage zone'): Promise<StorageZone> {
  const zone = await zoneLoader(ctx).load(id);
  if (!zone || !(await findWarehouse(ctx, zone.warehouseId))) throw new NotFoundError(label, id);
  return zone;
}

function checkLimits(zone: { temperatureMin: number; temperatureMax: number; humidityMin: number; humidityMax: number }, prefix: string): void {
  if (Number(zone.temperatureMin) >= Number(zone.temperatureMax))
    throw new BadUserInputError({ field: `${prefix}.temperatureMin`, message: `must be below temperatureMax (${zone.temperatureMax} °C)` });
  if (Number(zone.humidityMin) >= Number(zone.humidityMax))
    throw new BadUserInputError({ field: `${prefix}.humidityMin`, message: `must be below humidityMax (${zone.humidityMax} %)` });
}

export async function createZone(ctx: RequestContext, input: StorageZoneInput): Promise<StorageZone> {
  const warehouse = await getWarehouse(ctx, input.warehouseId);
  const limits = { ...DEFAULT_ZONE_LIMITS[input.storageClass], ...Object.fromEntries(Object.entries(input).filter(([k, v]) => k in DEFAULT_ZONE_LIMITS.NORMAL && v != null)) };
  checkLimits(limits, 'storageZone');
  if (await ctx.em.findOne(StorageZone, { warehouseId: warehouse.id, code: input.code }))
    throw new ConflictError(`Warehouse ${warehouse.code} already has a zone ${input.code}`, { field: 'code' });
  const zone = ctx.em.create(StorageZone, { ...input, ...limits, franchiseId: warehouse.franchiseId });
  await ctx.em.flush();
  return zone;
}

export async function updateZone(ctx: RequestContext, id: string, version: number, update: StorageZoneUpdate): Promise<StorageZone> {
  const zone = await getZone(ctx, id);
  checkVersion(zone, version, 'Storage zone');
  for (const [key, value] of Object.entries(update)) if (value === null) throw new BadUserInputError({ field: `update.${key}`, message: 'cannot be cleared' });
  checkLimits({ ...zone, ...(update as object) } as StorageZone, 'update');
  if (update.code && update.code !== zone.code && (await ctx.em.findOne(StorageZone, { warehouseId: zone.warehouseId, code: update.code })))
    throw new ConflictError(`This warehouse already has a zone ${update.code}`, { field: 'code' });
  applyUpdate(zone, update as Partial<StorageZone>);
  await ctx.em.flush();
  return zone;
}

// ---------------------------------------------------------------------------- batches

/** What a lot counts as today in a time zone: past its expiry date it is EXPIRED, whatever is stored. */
export function effectiveBatchStatus(batch: Pick<Batch, 'status' | 'expiryDate'>, today: string): BatchStatus {
  if (batch.status === BatchStatus.RECALLED || batch.status === BatchStatus.DAMAGED) return batch.status;
  return batch.expiryDate < today ? BatchStatus.EXPIRED : batch.status;
}

/** Today for expiry in a time zone (a warehouse's, or its franchise's). */
export function businessToday(timeZone: string): string {
  return localDate(now(), timeZone);
}

/** Today in the warehouse's calendar (its owning unit's time zone), for a stock row's expiry. */
export async function warehouseToday(ctx: RequestContext, warehouseId: string): Promise<string> {
  const warehouse = await warehouseLoader(ctx).load(warehouseId);
  return businessToday(warehouse?.timeZone ?? DEFAULT_TIME_ZONE);
}

/** Today in the franchise's calendar, for a lot (lots belong to a franchise, not a warehouse). */
export async function franchiseToday(ctx: RequestContext, franchiseId: string): Promise<string> {
  const franchise = await orgUnitLoader(ctx).load(franchiseId);
  return businessToday(franchise?.timeZone ?? DEFAULT_TIME_ZONE);
}

export async function getBatch(ctx: RequestContext, id: string, label = 'Batch'): Promise<Batch> {
  const batch = await batchLoader(ctx).load(id);
  if (!batch) throw new NotFoundError(label, id);
  return batch;
}

const HOLD_STATUSES = [BatchStatus.ON_HOLD, BatchStatus.QUARANTINED, BatchStatus.DAMAGED] as const;

/** Holds, quarantines or marks a lot damaged: from now on it is not reserved or picked anywhere. */
export async function holdBatch(ctx: RequestContext, input: { id: string; status: BatchStatus; reason: string }): Promise<Batch> {
  if (!(HOLD_STATUSES as readonly BatchStatus[]).includes(input.status))
    throw new BadUserInputError({ field: 'status', message: `must be one of ${HOLD_STATUSES.join(', ')}` });
  const batch = await getBatch(ctx, input.id);
  if (batch.status === BatchStatus.RECALLED) throw new ConflictError(`Lot ${batch.lotNo} is recalled; a recall is not lifted by a hold`);
  batch.status = input.status;
  batch.statusReason = input.reason.trim();
  await ctx.em.flush();
  return batch;
}

/** Releases a held or quarantined lot back to AVAILABLE (never a recalled, damaged or expired one). */
export async function releaseBatch(ctx: RequestContext, input: { id: string; reason: string }): Promise<Batch> {
  const batch = await getBatch(ctx, input.id);
  const today = await franchiseToday(ctx, batch.franchiseId);
  const current = effectiveBatchStatus(batch, today);
  if (current !== BatchStatus.ON_HOLD && current !== BatchStatus.QUARANTINED)
    throw new ConflictError(`Lot ${batch.lotNo} is ${current}; only ON_HOLD or QUARANTINED lots are released`, { status: current });
  batch.status = BatchStatus.AVAILABLE;
  batch.statusReason = input.reason.trim();
  await ctx.em.flush();
  return batch;
}

// ---------------------------------------------------------------------------- settings

export function inventorySettings(ctx: RequestContext, franchiseId: string): Promise<InventorySettings> {
  return readFranchiseSettings(ctx, InventorySettings, franchiseId);
}

export function updateInventorySettings(ctx: RequestContext, input: InventorySettingsInput): Promise<InventorySettings> {
  return updateFranchiseSettings(ctx, InventorySettings, 'Inventory settings of franchise', input, (settings) => {
    if (input.minRemainingShelfLifeDays != null) settings.minRemainingShelfLifeDays = input.minRemainingShelfLifeDays;
    if (input.excursionCaseAfterMinutes != null) settings.excursionCaseAfterMinutes = input.excursionCaseAfterMinutes;
  });
}

/** Minimum remaining shelf life per franchise (default when a franchise set none). */
export async function minShelfLifeDays(ctx: RequestContext, franchiseId: string): Promise<number> {
  const settings = await ctx.em.findOne(InventorySettings, { franchiseId });
  return settings?.minRemainingShelfLifeDays ?? DEFAULT_MIN_REMAINING_SHELF_LIFE_DAYS;
}
