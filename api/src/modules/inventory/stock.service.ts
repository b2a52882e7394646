import { LockMode, type FilterQuery } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, NotFoundError } from '../../core/errors';
import { scopedOrgUnitIds } from '../org/org.service';
import { Product } from './catalog.entity';
import { getProduct, getSupplier } from './catalog.service';
import { checkLowStock } from './low-stock.service';
import { openRecallOf } from './recall.service';
import { addDays, localDate, now } from './inventory.time';
import type { AdjustStockInput, ReceiveStockInput, ReserveStockInput } from './inventory.types';
import { ReservationStatus, StockBalance, StockMove, StockMoveKind, StockReservation, StockReservationAllocation } from './stock.entity';
import { Batch, BatchStatus, StorageZone, Warehouse, WarehouseStatus } from './warehouse.entity';
import { effectiveBatchStatus, findWarehouse, getActiveWarehouse, getBatch, getZone, minShelfLifeDays } from './warehouse.service';

/** The reason a stock request fails for want of stock (extensions.reason of a CONFLICT). */
export const INSUFFICIENT_STOCK = 'INSUFFICIENT_STOCK';

/** A request for more than is there: CONFLICT naming the product, the warehouse, what was asked and what is available. */
export class InsufficientStockError extends ConflictError {
  constructor(product: Pick<Product, 'id' | 'genericName' | 'specification'>, warehouse: Pick<Warehouse, 'id' | 'code' | 'name'>, asked: number, available: number) {
    super(`Not enough ${product.genericName} ${product.specification} at ${warehouse.name} (${warehouse.code}): asked ${asked}, available ${available}`, {
      reason: INSUFFICIENT_STOCK,
      productId: product.id,
      productName: product.genericName,
      warehouseId: warehouse.id,
      warehouseCode: warehouse.code,
      asked,
      available,
    });
  }
}

// ---------------------------------------------------------------------------- the ledger

/** A change of on-hand stock at one place (warehouse, zone, product, lot). */
export interface MoveRequest {
  warehouseId: string;
  zoneId: string;
  productId: string;
  batchId: string;
  expiryDate: string;
  kind: StockMoveKind;
  /** Signed: positive in, negative out. */
  quantity: number;
  reason?: string | null;
  documentType?: string | null;
  documentId?: string | null;
  documentNo?: string | null;
}

interface BalanceRow {
  id: string;
  warehouse_id: string;
  zone_id: string;
  product_id: string;
  batch_id: string;
  on_hand: number;
  reserved: number;
}

const keyOf = (r: { warehouseId: string; zoneId: string; productId: string; batchId: string }) => `${r.warehouseId}|${r.zoneId}|${r.productId}|${r.batchId}`;
const rowKey = (r: BalanceRow) => `${r.warehouse_id}|${r.zone_id}|${r.product_id}|${r.batch_id}`;

/**
 * Locks balance rows. Every writer locks in one order (by id), so two transactions touching
 * the same rows queue instead of deadlocking; a row changed while waiting is read as committed.
 */
async function lockBalancesById(ctx: RequestContext, ids: readonly string[]): Promise<BalanceRow[]> {
  if (!ids.length) return [];
  return ctx.em.execute<BalanceRow[]>(
    `select id, warehouse_id, zone_id, product_id, batch_id, on_hand, reserved from stock_balance
      where id in (select (jsonb_array_elements_text(?::jsonb))::uuid) order by id for update`,
    [JSON.stringify([...new Set(ids)])],
  );
}

/** Writes balances' new on-hand and reserved figures (the CHECK constraints stand behind the checks made before). */
async function writeBalances(ctx: RequestContext, rows: readonly BalanceRow[], at: Date): Promise<void> {
  if (!rows.length) return;
  await ctx.em.execute(
    `update stock_balance b set on_hand = x.on_hand, reserved = x.reserved, updated_at = ?
       from jsonb_to_recordset(?::jsonb) as x(id uuid, on_hand int, reserved int) where b.id = x.id`,
    [at, JSON.stringify(rows.map((r) => ({ id: r.id, on_hand: r.on_hand, reserved: r.reserved })))],
  );
}

const MOVE_COLUMNS = 'id, franchise_id, warehouse_id, zone_id, product_id, batch_id, kind, quantity, on_hand_after, reason, document_type, document_id, document_no, actor_id, occurred_at, created_at';

/** Appends moves to the ledger (insert only: the table refuses updates and deletes). */
async function appendMoves(ctx: RequestContext, franchiseId: string, moves: (MoveRequest & { onHandAfter: number })[], at: Date): Promise<StockMove[]> {
  if (!moves.length) return [];
  const actorId = ctx.actor?.kind === 'user' ? ctx.actor.id : null;
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `insert into stock_move (${MOVE_COLUMNS})
     select gen_random_uuid(), ?, x.warehouse_id, x.zone_id, x.product_id, x.batch_id, x.kind, x.quantity, x.on_hand_after, x.reason,
            x.document_type, x.document_id, x.document_no, ?, ?, ?
       from jsonb_to_recordset(?::jsonb) as x(warehouse_id uuid, zone_id uuid, product_id uuid, batch_id uuid, kind text, quantity int,
            on_hand_after int, reason text, document_type text, document_id uuid, document_no text, ord bigint)
      order by ord
     returning ${MOVE_COLUMNS}`,
    [
      franchiseId,
      actorId,
      at,
      at,
      JSON.stringify(
        moves.map((m, ord) => ({
          warehouse_id: m.warehouseId,
          zone_id: m.zoneId,
          product_id: m.productId,
          batch_id: m.batchId,
          kind: m.kind,
          quantity: m.quantity,
          on_hand_after: m.onHandAfter,
          reason: m.reason ?? null,
          document_type: m.documentType ?? null,
          document_id: m.documentId ?? null,
          document_no: m.documentNo ?? null,
          ord,
        })),
      ),
    ],
  );
  return rows.map((row) => ctx.em.map(StockMove, row));
}

/**
 * Posts moves of one franchise: creates the balances they need, locks them (id order), checks
 * that nothing goes below what is reserved, updates the balances and appends the moves, all in
 * the caller's transaction. Too little stock is INSUFFICIENT_STOCK and nothing is written.
 */
export async function postMoves(ctx: RequestContext, franchiseId: string, moves: readonly MoveRequest[]): Promise<StockMove[]> {
  if (!moves.length) return [];
  const at = now();
  const keys = [...new Map(moves.map((m) => [keyOf(m), m])).values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  await ctx.em.execute(
    `insert into stock_balance (id, franchise_id, warehouse_id, zone_id, product_id, batch_id, expiry_date, on_hand, reserved, updated_at)
     select gen_random_uuid(), ?, x.warehouse_id, x.zone_id, x.product_id, x.batch_id, x.expiry_date, 0, 0, ?
       from jsonb_to_recordset(?::jsonb) as x(warehouse_id uuid, zone_id uuid, product_id uuid, batch_id uuid, expiry_date date, ord bigint)
      order by ord
     on conflict (warehouse_id, zone_id, product_id, batch_id) do nothing`,
    [franchiseId, at, JSON.stringify(keys.map((k, ord) => ({ warehouse_id: k.warehouseId, zone_id: k.zoneId, product_id: k.productId, batch_id: k.batchId, expiry_date: k.expiryDate, ord })))],
  );
  const found = await ctx.em.execute<{ id: string }[]>(
    `select b.id from stock_balance b
       join jsonb_to_recordset(?::jsonb) as x(warehouse_id uuid, zone_id uuid, product_id uuid, batch_id uuid)
         on b.warehouse_id = x.warehouse_id and b.zone_id = x.zone_id and b.product_id = x.product_id and b.batch_id = x.batch_id`,
    [JSON.stringify(keys.map((k) => ({ warehouse_id: k.warehouseId, zone_id: k.zoneId, product_id: k.productId, batch_id: k.batchId })))],
  );
  const locked = new Map((await lockBalancesById(ctx, found.map((r) => r.id))).map((r) => [rowKey(r), r]));
  const posted: (MoveRequest & { onHandAfter: number })[] = [];
  for (const move of moves) {
    if (!Number.isInteger(move.quantity) || move.quantity === 0) throw new BadUserInputError({ field: 'quantity', message: 'must be a whole number other than 0' });
    const balance = locked.get(keyOf(move))!;
    const available = balance.on_hand - balance.reserved;
    if (move.quantity < 0 && -move.quantity > available) await throwInsufficient(ctx, move.productId, move.warehouseId, -move.quantity, available);
    balance.on_hand += move.quantity;
    posted.push({ ...move, onHandAfter: balance.on_hand });
  }
  await writeBalances(ctx, [...locked.values()], at);
  const appended = await appendMoves(ctx, franchiseId, posted, at);
  for (const warehouseId of new Set(moves.map((m) => m.warehouseId)))
    await checkLowStock(ctx, warehouseId, moves.filter((m) => m.warehouseId === warehouseId).map((m) => m.productId));
  return appended;
}

async function throwInsufficient(ctx: RequestContext, productId: string, warehouseId: string, asked: number, available: number): Promise<never> {
  const [product, warehouse] = await Promise.all([ctx.em.findOneOrFail(Product, productId), ctx.em.findOneOrFail(Warehouse, warehouseId)]);
  throw new InsufficientStockError(product, warehouse, asked, Math.max(0, available));
}

// ---------------------------------------------------------------------------- receipts and adjustments

/** A zone of this warehouse that can take the product (same storage class, open, not the non-conforming area). */
export async function zoneFor(ctx: RequestContext, warehouse: Warehouse, zoneId: string, product: Product, field: string): Promise<StorageZone> {
  const zone = await getZone(ctx, zoneId);
  if (zone.warehouseId !== warehouse.id) throw new BadUserInputError({ field, message: `zone ${zone.code} is not in warehouse ${warehouse.code}` });
  if (zone.status !== WarehouseStatus.ACTIVE) throw new BadUserInputError({ field, message: `zone ${zone.code} is ${zone.status}` });
  if (zone.nonConforming) throw new BadUserInputError({ field, message: `zone ${zone.code} is the non-conforming goods area; goods in good order are not put away there` });
  if (zone.storageClass !== product.storageClass)
    throw new BadUserInputError({ field, message: `zone ${zone.code} is a ${zone.storageClass} zone; ${product.genericName} ${product.specification} must be stored ${product.storageClass}` });
  return zone;
}

export interface StockReceipt {
  documentId: string;
  documentNo: string;
  moves: StockMove[];
}

/**
 * Records goods put away into a warehouse (an inbound record with its paper slip number):
 * each line names the product, zone, lot and dates; a new lot is registered, a known one must
 * match its dates. Everything or nothing is written.
 */
export async function receiveStock(ctx: RequestContext, input: ReceiveStockInput, document: { type: string; id: string } = { type: 'RECEIPT', id: randomUUID() }): Promise<StockReceipt> {
  requireActor(ctx);
  const warehouse = await getActiveWarehouse(ctx, input.warehouseId, 'warehouseId');
  if (input.supplierId) await getSupplier(ctx, input.supplierId);
  const today = localDate(now(), warehouse.timeZone);
  const documentId = document.id;
  const moves: MoveRequest[] = [];
  const batches = new Map<string, Batch>();
  for (const [i, line] of input.lines.entries()) {
    const at = `lines.${i}`;
    const product = await getProduct(ctx, line.productId);
    await zoneFor(ctx, warehouse, line.zoneId, product, `${at}.zoneId`);
    if (line.expiryDate <= line.manufactureDate) throw new BadUserInputError({ field: `${at}.expiryDate`, message: `must be after the manufacture date ${line.manufactureDate}` });
    if (line.manufactureDate > today) throw new BadUserInputError({ field: `${at}.manufactureDate`, message: 'cannot be in the future' });
    if (line.expiryDate < today) throw new BadUserInputError({ field: `${at}.expiryDate`, message: `lot ${line.lotNo} expired on ${line.expiryDate}; expired goods are not received into stock` });
    const lotKey = `${product.id}|${line.lotNo}`;
    let batch = batches.get(lotKey) ?? (await ctx.em.findOne(Batch, { franchiseId: warehouse.franchiseId, productId: product.id, lotNo: line.lotNo }));
    if (batch && (batch.manufactureDate !== line.manufactureDate || batch.expiryDate !== line.expiryDate))
      throw new BadUserInputError({ field: `${at}.expiryDate`, message: `lot ${line.lotNo} is on file with manufacture ${batch.manufactureDate} and expiry ${batch.expiryDate}` });
    if (!batch) {
      const recall = await openRecallOf(ctx, product.id, line.lotNo);
      batch = ctx.em.create(Batch, {
        franchiseId: warehouse.franchiseId,
        productId: product.id,
        lotNo: line.lotNo,
        manufactureDate: line.manufactureDate,
        expiryDate: line.expiryDate,
        supplierId: input.supplierId ?? null,
        // A lot under recall can be taken in (to be returned or destroyed), never made available.
        ...(recall ? { status: BatchStatus.RECALLED, statusReason: `召回: ${recall.reason}` } : {}),
      });
    }
    batches.set(lotKey, batch);
    moves.push({ warehouseId: warehouse.id, zoneId: line.zoneId, productId: product.id, batchId: batch.id, expiryDate: batch.expiryDate, kind: StockMoveKind.RECEIPT, quantity: line.quantity, reason: input.note ?? null, documentType: document.type, documentId, documentNo: input.documentNo });
  }
  await ctx.em.flush();
  return { documentId, documentNo: input.documentNo, moves: await postMoves(ctx, warehouse.franchiseId, moves) };
}

/** A correction of on-hand stock at one place (a count found more or less), with its reason. */
export async function adjustStock(ctx: RequestContext, input: AdjustStockInput): Promise<StockMove> {
  requireActor(ctx);
  if (!Number.isInteger(input.quantity) || input.quantity === 0) throw new BadUserInputError({ field: 'quantity', message: 'must be a whole number other than 0 (negative takes stock out)' });
  const warehouse = await getActiveWarehouse(ctx, input.warehouseId, 'warehouseId');
  const batch = await getBatch(ctx, input.batchId);
  if (batch.franchiseId !== warehouse.franchiseId) throw new NotFoundError('Batch', input.batchId);
  const product = await getProduct(ctx, batch.productId);
  const zone = await getZone(ctx, input.zoneId);
  if (zone.warehouseId !== warehouse.id) throw new BadUserInputError({ field: 'zoneId', message: `zone ${zone.code} is not in warehouse ${warehouse.code}` });
  if (input.quantity > 0) await zoneFor(ctx, warehouse, zone.id, product, 'zoneId');
  const [move] = await postMoves(ctx, warehouse.franchiseId, [
    { warehouseId: warehouse.id, zoneId: zone.id, productId: product.id, batchId: batch.id, expiryDate: batch.expiryDate, kind: StockMoveKind.ADJUSTMENT, quantity: input.quantity, reason: input.reason.trim(), documentType: 'ADJUSTMENT' },
  ]);
  return move!;
}

// ---------------------------------------------------------------------------- reservations (FEFO)

interface Candidate extends BalanceRow {
  expiry_date: string;
  manufacture_date: string;
  lot_no: string;
  batch_status: BatchStatus;
  zone_code: string;
  zone_on_hold: boolean;
  zone_non_conforming: boolean;
  zone_status: WarehouseStatus;
}

/**
 * First expiry first: lots of the product at the warehouse with stock free, earliest expiry
 * first (then earliest manufacture, lot number, zone). Never a lot that is not AVAILABLE
 * (quarantined, on hold, recalled, damaged), past its expiry, or with fewer days left at
 * delivery than the franchise's minimum; never a zone on hold, closed or non-conforming.
 */
export function fefoOrder(candidates: readonly Candidate[], minExpiry: string, today: string): Candidate[] {
  return candidates
    .filter((c) => effectiveBatchStatus({ status: c.batch_status, expiryDate: c.expiry_date }, today) === BatchStatus.AVAILABLE)
    .filter((c) => c.expiry_date >= minExpiry && !c.zone_on_hold && !c.zone_non_conforming && c.zone_status === WarehouseStatus.ACTIVE)
    .sort((a, b) => a.expiry_date.localeCompare(b.expiry_date) || a.manufacture_date.localeCompare(b.manufacture_date) || a.lot_no.localeCompare(b.lot_no) || a.zone_code.localeCompare(b.zone_code) || a.id.localeCompare(b.id));
}

const isoDate = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

/**
 * Reserves stock for order lines at a warehouse, each line allocated to lots first-expiry-first
 * (fefoOrder). All lines or none: a line that cannot be covered is INSUFFICIENT_STOCK naming
 * what it asked and what was available to it. Another module's entry point (the orders
 * module's review step); `reserveStock` in GraphQL is the same call. `minShelfLifeDays` overrides the
 * warehouse's franchise minimum when the goods go to another franchise (a transfer from HQ).
 */
export async function reserveStock(ctx: RequestContext, input: ReserveStockInput, minShelfLife?: number): Promise<StockReservation[]> {
  const actor = requireActor(ctx);
  const warehouse = await getActiveWarehouse(ctx, input.warehouseId, 'warehouseId');
  const today = localDate(now(), warehouse.timeZone);
  const deliveryDate = input.deliveryDate ?? today;
  if (deliveryDate < today) throw new BadUserInputError({ field: 'deliveryDate', message: `cannot be before today (${today})` });
  const minExpiry = addDays(deliveryDate, minShelfLife ?? (await minShelfLifeDays(ctx, warehouse.franchiseId)));
  const documentType = input.documentType ?? 'ORDER';
  const products = new Map<string, Product>();
  for (const [i, line] of input.lines.entries()) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new BadUserInputError({ field: `lines.${i}.quantity`, message: 'must be a whole number of at least 1' });
    products.set(line.productId, await getProduct(ctx, line.productId));
  }
  const lineIds = input.lines.map((l) => l.lineId ?? null);
  const named = lineIds.filter((l): l is string => !!l);
  // Only lines that name themselves can hold a reservation already (no statement otherwise).
  const existing = named.length ? await ctx.em.findOne(StockReservation, { documentType, documentId: input.documentId, status: ReservationStatus.ACTIVE, documentLineId: { $in: named } } as FilterQuery<StockReservation>) : null;
  if (existing && lineIds.some((l) => l && l === existing.documentLineId))
    throw new ConflictError(`Line ${existing.documentLineId} of ${documentType} ${input.documentId} already holds a reservation; release it first`, { reservationId: existing.id });

  const candidates = (
    await ctx.em.execute<Candidate[]>(
      `select b.id, b.warehouse_id, b.zone_id, b.product_id, b.batch_id, b.on_hand, b.reserved, b.expiry_date,
              bt.manufacture_date, bt.lot_no, bt.status as batch_status, z.code as zone_code, z.on_hold as zone_on_hold, z.non_conforming as zone_non_conforming, z.status as zone_status
         from stock_balance b
         join batch bt on bt.id = b.batch_id
         join storage_zone z on z.id = b.zone_id
        where b.warehouse_id = ? and b.product_id in (select (jsonb_array_elements_text(?::jsonb))::uuid) and b.on_hand > b.reserved
        order by b.id
        for update of b for share of bt, z`,
      [warehouse.id, JSON.stringify([...products.keys()])],
    )
  ).map((c) => ({ ...c, expiry_date: isoDate(c.expiry_date), manufacture_date: isoDate(c.manufacture_date) }));

  const reservations: StockReservation[] = [];
  const taken = new Set<BalanceRow>();
  for (const [i, line] of input.lines.entries()) {
    const product = products.get(line.productId)!;
    const usable = fefoOrder(candidates.filter((c) => c.product_id === product.id), minExpiry, today);
    const free = usable.reduce((sum, c) => sum + c.on_hand - c.reserved, 0);
    if (free < line.quantity) throw new InsufficientStockError(product, warehouse, line.quantity, free);
    const reservation = ctx.em.create(StockReservation, {
      franchiseId: warehouse.franchiseId,
      warehouseId: warehouse.id,
      productId: product.id,
      quantity: line.quantity,
      documentType,
      documentId: input.documentId,
      documentLineId: lineIds[i],
      deliveryDate,
      createdById: actor.kind === 'user' ? actor.id : null,
    });
    let left = line.quantity;
    for (const c of usable) {
      if (!left) break;
      const take = Math.min(left, c.on_hand - c.reserved);
      if (take <= 0) continue;
      c.reserved += take;
      taken.add(c);
      left -= take;
      ctx.em.create(StockReservationAllocation, { franchiseId: warehouse.franchiseId, reservationId: reservation.id, balanceId: c.id, batchId: c.batch_id, zoneId: c.zone_id, quantity: take });
    }
    reservations.push(reservation);
  }
  // Every candidate stays locked to the end; only the rows allocated from are written.
  await writeBalances(ctx, [...taken], now());
  await ctx.em.flush();
  await checkLowStock(ctx, warehouse.id, [...products.keys()]);
  return reservations;
}

export async function getReservation(ctx: RequestContext, id: string, lock = false): Promise<StockReservation> {
  const reservation = await ctx.em.findOne(StockReservation, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  // Within a franchise, only staff who see the warehouse see its reservations.
  if (!reservation || !(await findWarehouse(ctx, reservation.warehouseId))) throw new NotFoundError('Stock reservation', id);
  return reservation;
}

/** The ACTIVE reservations a document (an order, a requisition) holds, oldest first. */
export function activeReservationsOf(ctx: RequestContext, documentType: string, documentId: string): Promise<StockReservation[]> {
  return ctx.em.find(StockReservation, { documentType, documentId, status: ReservationStatus.ACTIVE }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

export function allocationsOf(ctx: RequestContext, reservationIds: readonly string[]) {
  return ctx.em.find(StockReservationAllocation, { reservationId: { $in: [...reservationIds] } }, { orderBy: { id: 'asc' } });
}

/** Locks an ACTIVE reservation and its balances; anything else is a CONFLICT naming its status. */
async function closeable(ctx: RequestContext, id: string, verb: string) {
  const reservation = await getReservation(ctx, id, true);
  if (reservation.status !== ReservationStatus.ACTIVE)
    throw new ConflictError(`Reservation ${id} is ${reservation.status}; only an ACTIVE reservation can be ${verb}`, { status: reservation.status });
  const allocations = await allocationsOf(ctx, [reservation.id]);
  const balances = new Map((await lockBalancesById(ctx, allocations.map((a) => a.balanceId))).map((b) => [b.id, b]));
  return { reservation, allocations, balances };
}

function close(ctx: RequestContext, reservation: StockReservation, status: ReservationStatus, reason: string | null | undefined) {
  reservation.status = status;
  reservation.closedAt = now();
  reservation.closedById = ctx.actor?.kind === 'user' ? ctx.actor.id : null;
  reservation.closeReason = reason?.trim() || null;
  reservation.updatedAt = now();
}

/** Gives a reservation's stock back (an order cancelled or changed). */
export async function releaseReservation(ctx: RequestContext, input: { id: string; reason?: string | null }): Promise<StockReservation> {
  const { reservation, allocations, balances } = await closeable(ctx, input.id, 'released');
  for (const a of allocations) balances.get(a.balanceId)!.reserved -= a.quantity;
  await writeBalances(ctx, [...balances.values()], now());
  close(ctx, reservation, ReservationStatus.RELEASED, input.reason);
  await ctx.em.flush();
  await checkLowStock(ctx, reservation.warehouseId, [reservation.productId]);
  return reservation;
}

/** Ships a reservation: its lots leave the warehouse as ISSUE moves against the order (TRANSFER_OUT for a requisition). */
export async function issueReservation(
  ctx: RequestContext,
  input: { id: string; documentNo?: string | null },
  kind: StockMoveKind.ISSUE | StockMoveKind.TRANSFER_OUT = StockMoveKind.ISSUE,
): Promise<{ reservation: StockReservation; moves: StockMove[] }> {
  const { reservation, allocations, balances } = await closeable(ctx, input.id, 'issued');
  const at = now();
  const warehouse = await getActiveWarehouse(ctx, reservation.warehouseId);
  const today = localDate(at, warehouse.timeZone);
  // Lots are locked for share: a recall or hold waits for this issue, or this issue sees it.
  await ctx.em.execute(`select id from batch where id in (select (jsonb_array_elements_text(?::jsonb))::uuid) order by id for share`, [JSON.stringify(allocations.map((a) => a.batchId))]);
  const held = await ctx.em.execute<{ code: string; hold_reason: string | null }[]>(
    `select code, hold_reason from storage_zone where id in (select (jsonb_array_elements_text(?::jsonb))::uuid) and on_hold order by id for share`,
    [JSON.stringify(allocations.map((a) => a.zoneId))],
  );
  if (held.length)
    throw new ConflictError(`Zone ${held[0]!.code} is on hold (${held[0]!.hold_reason ?? 'excursion'}) and nothing leaves it until a person releases it`, { reason: 'ZONE_ON_HOLD', zone: held[0]!.code });
  for (const a of allocations) {
    const batch = await ctx.em.refresh(await getBatch(ctx, a.batchId));
    const status = batch && effectiveBatchStatus(batch, today);
    if (batch && status !== BatchStatus.AVAILABLE)
      throw new ConflictError(`Lot ${batch.lotNo} is ${status} and cannot be shipped; release this reservation and reserve again`, { reason: 'LOT_UNAVAILABLE', batchId: batch.id, status });
  }
  const moves: (MoveRequest & { onHandAfter: number })[] = [];
  for (const a of allocations) {
    const balance = balances.get(a.balanceId)!;
    balance.reserved -= a.quantity;
    balance.on_hand -= a.quantity;
    const batch = await getBatch(ctx, a.batchId);
    moves.push({
      warehouseId: reservation.warehouseId,
      zoneId: a.zoneId,
      productId: reservation.productId,
      batchId: a.batchId,
      expiryDate: batch.expiryDate,
      kind,
      quantity: -a.quantity,
      onHandAfter: balance.on_hand,
      documentType: reservation.documentType,
      documentId: reservation.documentId,
      documentNo: input.documentNo ?? null,
    });
  }
  await writeBalances(ctx, [...balances.values()], at);
  close(ctx, reservation, ReservationStatus.ISSUED, null);
  await ctx.em.flush();
  return { reservation, moves: await appendMoves(ctx, reservation.franchiseId, moves, at) };
}

// ---------------------------------------------------------------------------- reads

/** `warehouseId in (...)` for staff below franchise level (their units' warehouses); {} for franchise and HQ staff. */
export async function warehouseScopeCondition(ctx: RequestContext): Promise<{ warehouseId?: { $in: string[] } }> {
  const units = await scopedOrgUnitIds(ctx);
  if (!units) return {};
  const warehouses = await ctx.em.find(Warehouse, { orgUnitId: { $in: units } }, { fields: ['id'] });
  return { warehouseId: { $in: warehouses.map((w) => w.id) } };
}
