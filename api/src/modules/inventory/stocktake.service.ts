import { OptimisticLockError } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError } from '../../core/errors';
import { formatNumber, nextNumber, numberingYear } from '../../core/numbering/numbering';
import { checkVersion } from '../../core/services/updates';
import { OrgUnit } from '../org/org-unit.entity';
import { now } from './inventory.time';
import { InventoryPermission } from './inventory.permissions';
import { postMoves, type MoveRequest } from './stock.service';
import { StockMoveKind } from './stock.entity';
import { Stocktake, StocktakeLine, StocktakeStatus } from './stocktake.entity';
import { getActiveWarehouse, getBatch, getZone, findWarehouse } from './warehouse.service';

/**
 * Stocktakes (盘点): a sheet opens with a snapshot of the book per place; counters enter
 * counts (blind: they never see the book); a first count differing from the book (plus
 * the moves since it opened) by more than the threshold must be counted again; someone who
 * did not count reviews and approves; posting writes the variances as ADJUSTMENT moves.
 */

/** Most lines one call may count (a tablet sends a shelf at a time). */
export const MAX_COUNTS = 200;

/** Whether the reader may see book quantities and variances of a sheet: always on open sheets; on blind ones only with stocktake:manage. */
export function seesBook(ctx: RequestContext, blind: boolean): boolean {
  return !blind || !!ctx.actor?.permissions.has(InventoryPermission['stocktake:manage']);
}

const actorId = (ctx: RequestContext) => (ctx.actor?.kind === 'user' ? ctx.actor.id : null);

export async function findStocktake(ctx: RequestContext, id: string): Promise<Stocktake | null> {
  const sheet = await ctx.em.findOne(Stocktake, { id });
  return sheet && (await findWarehouse(ctx, sheet.warehouseId)) ? sheet : null;
}

export async function getStocktake(ctx: RequestContext, id: string): Promise<Stocktake> {
  const sheet = await findStocktake(ctx, id);
  if (!sheet) throw new NotFoundError('Stocktake', id);
  return sheet;
}

/** The sheet in one of `from`, else INVALID_TRANSITION naming where it is. */
function expectStatus(sheet: Stocktake, action: string, ...from: StocktakeStatus[]): void {
  if (!from.includes(sheet.status)) throw new InvalidTransitionError(sheet.status, action, from);
}

async function flushSheet(ctx: RequestContext, sheet: Stocktake): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof OptimisticLockError) throw new ConflictError(`Stocktake ${sheet.countNo} was changed by someone else at the same time; reload it and try again`);
    throw error;
  }
}

export interface OpenStocktakeInput {
  warehouseId: string;
  zoneId?: string | null;
  blind?: boolean | null;
  recountThreshold?: number | null;
  note?: string | null;
}

/**
 * Opens a count sheet for a warehouse or one zone: one line per place holding stock, with
 * its on-hand quantity as the book. One open sheet per place at a time (a whole-warehouse
 * sheet overlaps every zone of it).
 */
export async function openStocktake(ctx: RequestContext, input: OpenStocktakeInput): Promise<Stocktake> {
  requireActor(ctx);
  const warehouse = await getActiveWarehouse(ctx, input.warehouseId, 'warehouseId');
  const zone = input.zoneId ? await getZone(ctx, input.zoneId) : null;
  if (zone && zone.warehouseId !== warehouse.id) throw new BadUserInputError({ field: 'zoneId', message: `zone ${zone.code} is not in warehouse ${warehouse.code}` });
  const threshold = input.recountThreshold ?? 0;
  if (!Number.isInteger(threshold) || threshold < 0) throw new BadUserInputError({ field: 'recountThreshold', message: 'must be a whole number of units, 0 or more' });
  // Serializes openings per warehouse, so two overlapping sheets cannot both open.
  await ctx.em.execute(`select id from warehouse where id = ? for update`, [warehouse.id]);
  const [overlap] = await ctx.em.execute<{ count_no: string }[]>(
    `select count_no from stocktake where warehouse_id = ? and status in ('COUNTING', 'REVIEW', 'APPROVED') and (?::uuid is null or zone_id is null or zone_id = ?::uuid) limit 1`,
    [warehouse.id, zone?.id ?? null, zone?.id ?? null],
  );
  if (overlap) throw new ConflictError(`Stocktake ${overlap.count_no} is still open for this ${zone ? 'zone' : 'warehouse'}; post or cancel it first`, { countNo: overlap.count_no });

  const franchise = await ctx.em.findOneOrFail(OrgUnit, { id: warehouse.franchiseId });
  const year = numberingYear(now(), franchise.timeZone);
  const countNo = formatNumber(`${franchise.code ?? 'S'}-PD`, year, await nextNumber(ctx.em, warehouse.franchiseId, 'stocktake', year));
  const sheet = ctx.em.create(Stocktake, {
    franchiseId: warehouse.franchiseId,
    countNo,
    warehouseId: warehouse.id,
    zoneId: zone?.id ?? null,
    blind: input.blind ?? true,
    recountThreshold: threshold,
    note: input.note?.trim() || null,
    openedById: actorId(ctx),
  });
  await ctx.em.flush();
  // The book: on hand per place now (balances read under a share lock, so no move is half-seen).
  await ctx.em.execute(
    `insert into stocktake_line (id, franchise_id, stocktake_id, zone_id, product_id, batch_id, expiry_date, book_quantity, recount_required, recounts, found_during_count, version, created_at)
     select gen_random_uuid(), b.franchise_id, ?, b.zone_id, b.product_id, b.batch_id, b.expiry_date, b.on_hand, false, 0, false, 1, ?
       from (select * from stock_balance where warehouse_id = ? and (?::uuid is null or zone_id = ?::uuid) and on_hand > 0 order by id for share) b`,
    [sheet.id, now(), warehouse.id, zone?.id ?? null, zone?.id ?? null],
  );
  return sheet;
}

export interface CountEntry {
  /** A line of the sheet; or, for goods found that are not on it, batchId + zoneId. */
  lineId?: string | null;
  batchId?: string | null;
  zoneId?: string | null;
  quantity: number;
  note?: string | null;
  /** The line version the counter saw (optional): a stale one is a CONFLICT. */
  version?: number | null;
}

/**
 * Enters counts on a sheet being counted. A line flagged for recount keeps its first count
 * as previousCount. Each count notes on hand at that moment, so moves during the count
 * are reckoned with. Goods found that are not on the sheet get a line of their own (book 0).
 * All entries or none. Returns the ids of the lines counted.
 */
export async function recordCounts(ctx: RequestContext, input: { stocktakeId: string; counts: readonly CountEntry[] }): Promise<string[]> {
  requireActor(ctx);
  const sheet = await getStocktake(ctx, input.stocktakeId);
  expectStatus(sheet, 'count', StocktakeStatus.COUNTING);
  if (!input.counts.length) throw new BadUserInputError({ field: 'counts', message: 'send at least one count' });
  if (input.counts.length > MAX_COUNTS) throw new BadUserInputError({ field: 'counts', message: `at most ${MAX_COUNTS} counts per call` });
  const lines = new Map((await ctx.em.find(StocktakeLine, { stocktakeId: sheet.id })).map((l) => [l.id, l]));
  const byPlace = new Map([...lines.values()].map((l) => [`${l.zoneId}|${l.batchId}`, l]));
  const at = now();
  const counted: StocktakeLine[] = [];
  for (const [i, entry] of input.counts.entries()) {
    const field = `counts.${i}`;
    if (!Number.isInteger(entry.quantity) || entry.quantity < 0) throw new BadUserInputError({ field: `${field}.quantity`, message: 'must be a whole number, 0 or more' });
    let line: StocktakeLine | undefined;
    if (entry.lineId) {
      line = lines.get(entry.lineId);
      if (!line) throw new NotFoundError('Stocktake line', entry.lineId);
      if (entry.version != null && entry.version !== line.version) throw new ConflictError(`This place was counted by someone else meanwhile (version ${line.version}, you had ${entry.version}); reload it`, { lineId: line.id });
    } else {
      if (!entry.batchId || !entry.zoneId) throw new BadUserInputError({ field, message: 'name the line (lineId), or the lot and zone (batchId, zoneId) of goods found' });
      line = byPlace.get(`${entry.zoneId}|${entry.batchId}`);
      if (!line) {
        const batch = await getBatch(ctx, entry.batchId);
        if (batch.franchiseId !== sheet.franchiseId) throw new NotFoundError('Batch', entry.batchId);
        const zone = await getZone(ctx, entry.zoneId);
        if (zone.warehouseId !== sheet.warehouseId || (sheet.zoneId && zone.id !== sheet.zoneId))
          throw new BadUserInputError({ field: `${field}.zoneId`, message: `zone ${zone.code} is not on this sheet` });
        line = ctx.em.create(StocktakeLine, { franchiseId: sheet.franchiseId, stocktakeId: sheet.id, zoneId: zone.id, productId: batch.productId, batchId: batch.id, expiryDate: batch.expiryDate, bookQuantity: 0, foundDuringCount: true });
        byPlace.set(`${zone.id}|${batch.id}`, line);
      }
    }
    if (line.recountRequired) {
      line.previousCount = line.countedQuantity ?? null;
      line.recountRequired = false;
      line.recounts += 1;
    }
    line.countedQuantity = entry.quantity;
    line.countedAt = at;
    line.countedById = actorId(ctx);
    if (line.countedById && !line.counterIds.includes(line.countedById)) line.counterIds = [...line.counterIds, line.countedById];
    if (entry.note !== undefined) line.note = entry.note?.trim() || null;
    counted.push(line);
  }
  await ctx.em.flush();
  // On hand at each counted place now: what the count is compared with.
  await ctx.em.execute(
    `update stocktake_line l set on_hand_at_count = coalesce(b.on_hand, 0)
       from stocktake_line l2 left join stock_balance b on b.warehouse_id = ? and b.zone_id = l2.zone_id and b.product_id = l2.product_id and b.batch_id = l2.batch_id
      where l.id = l2.id and l.id in (select (jsonb_array_elements_text(?::jsonb))::uuid)`,
    [sheet.warehouseId, JSON.stringify(counted.map((l) => l.id))],
  );
  return counted.map((l) => l.id);
}

/** counted − on hand at the count (book at opening + moves until the count); null until counted. */
export function varianceOf(line: Pick<StocktakeLine, 'countedQuantity' | 'onHandAtCount' | 'bookQuantity'>): number | null {
  return line.countedQuantity == null ? null : line.countedQuantity - (line.onHandAtCount ?? line.bookQuantity);
}

/**
 * Counting is done: every line must be counted. First counts off by more than the threshold
 * are flagged for a recount (the sheet stays COUNTING; counters see only the flag); with
 * none left, the sheet goes to REVIEW.
 */
export async function submitStocktake(ctx: RequestContext, input: { id: string; version: number }): Promise<Stocktake> {
  const sheet = await getStocktake(ctx, input.id);
  checkVersion(sheet, input.version, 'Stocktake');
  expectStatus(sheet, 'submit', StocktakeStatus.COUNTING);
  const lines = await ctx.em.find(StocktakeLine, { stocktakeId: sheet.id });
  const uncounted = lines.filter((l) => l.countedQuantity == null || l.recountRequired);
  if (uncounted.length)
    throw new ConflictError(`${uncounted.length} place(s) of stocktake ${sheet.countNo} still need a count`, { reason: 'NOT_COUNTED', lineIds: uncounted.map((l) => l.id).slice(0, 50) });
  const recount = lines.filter((l) => l.recounts === 0 && Math.abs(varianceOf(l)!) > sheet.recountThreshold);
  for (const line of recount) line.recountRequired = true;
  if (!recount.length) {
    sheet.status = StocktakeStatus.REVIEW;
    sheet.submittedAt = now();
    sheet.submittedById = actorId(ctx);
  } else sheet.updatedAt = now();
  await flushSheet(ctx, sheet);
  return sheet;
}

/** The reviewer sends places back to be counted again (the sheet returns to COUNTING). */
export async function requestRecount(ctx: RequestContext, input: { id: string; version: number; lineIds: readonly string[]; reason: string }): Promise<Stocktake> {
  const sheet = await getStocktake(ctx, input.id);
  checkVersion(sheet, input.version, 'Stocktake');
  expectStatus(sheet, 'request a recount', StocktakeStatus.REVIEW);
  if (!input.lineIds.length) throw new BadUserInputError({ field: 'lineIds', message: 'name at least one line to recount' });
  const lines = await ctx.em.find(StocktakeLine, { stocktakeId: sheet.id, id: { $in: [...input.lineIds] } });
  const missing = input.lineIds.find((id) => !lines.some((l) => l.id === id));
  if (missing) throw new NotFoundError('Stocktake line', missing);
  for (const line of lines) Object.assign(line, { recountRequired: true, note: input.reason.trim() });
  sheet.status = StocktakeStatus.COUNTING;
  await flushSheet(ctx, sheet);
  return sheet;
}

/** Someone who counted none of it (the four-eyes rule). */
async function assertNotCounter(ctx: RequestContext, sheet: Stocktake, verb: string): Promise<void> {
  const me = actorId(ctx);
  if (!me) return;
  const [{ counted } = { counted: 0 }] = await ctx.em.execute<{ counted: number }[]>(`select count(*)::int as counted from stocktake_line where stocktake_id = ? and ? = any(counter_ids)`, [sheet.id, me]);
  if (counted) throw new ForbiddenError(`You counted ${counted} place(s) of stocktake ${sheet.countNo}; someone else must ${verb} it`, { reason: 'OWN_COUNT' });
}

export async function approveStocktake(ctx: RequestContext, input: { id: string; version: number }): Promise<Stocktake> {
  const sheet = await getStocktake(ctx, input.id);
  checkVersion(sheet, input.version, 'Stocktake');
  expectStatus(sheet, 'approve', StocktakeStatus.REVIEW);
  await assertNotCounter(ctx, sheet, 'approve');
  Object.assign(sheet, { status: StocktakeStatus.APPROVED, approvedAt: now(), approvedById: actorId(ctx) });
  await flushSheet(ctx, sheet);
  return sheet;
}

/**
 * Posts an approved sheet: each place whose count differs from on hand at the count gets an
 * ADJUSTMENT move of the difference, through the stock ledger (all or nothing; a place whose
 * stock is meanwhile reserved beyond what was found is INSUFFICIENT_STOCK).
 */
export async function postStocktake(ctx: RequestContext, input: { id: string; version: number }): Promise<Stocktake> {
  const sheet = await getStocktake(ctx, input.id);
  checkVersion(sheet, input.version, 'Stocktake');
  expectStatus(sheet, 'post', StocktakeStatus.APPROVED);
  await assertNotCounter(ctx, sheet, 'post');
  const lines = await ctx.em.find(StocktakeLine, { stocktakeId: sheet.id }, { orderBy: { id: 'asc' } });
  const moves: MoveRequest[] = [];
  for (const line of lines) {
    const variance = varianceOf(line);
    if (!variance) continue;
    moves.push({
      warehouseId: sheet.warehouseId,
      zoneId: line.zoneId,
      productId: line.productId,
      batchId: line.batchId,
      expiryDate: line.expiryDate,
      kind: StockMoveKind.ADJUSTMENT,
      quantity: variance,
      reason: `盘点 ${sheet.countNo}${line.note ? `：${line.note}` : ''}`,
      documentType: 'STOCKTAKE',
      documentId: sheet.id,
      documentNo: sheet.countNo,
    });
  }
  await postMoves(ctx, sheet.franchiseId, moves);
  const at = now();
  Object.assign(sheet, { status: StocktakeStatus.POSTED, postedAt: at, postedById: actorId(ctx), closedAt: at });
  await flushSheet(ctx, sheet);
  return sheet;
}

export async function cancelStocktake(ctx: RequestContext, input: { id: string; version: number; reason: string }): Promise<Stocktake> {
  const sheet = await getStocktake(ctx, input.id);
  checkVersion(sheet, input.version, 'Stocktake');
  expectStatus(sheet, 'cancel', StocktakeStatus.COUNTING, StocktakeStatus.REVIEW, StocktakeStatus.APPROVED);
  Object.assign(sheet, { status: StocktakeStatus.CANCELLED, cancelReason: input.reason.trim(), closedAt: now() });
  await flushSheet(ctx, sheet);
  return sheet;
}
