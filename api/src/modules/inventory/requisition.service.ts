import type { FilterQuery } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { byIdLoader } from '../../core/loaders';
import { embedChildren, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { asFranchise } from '../../core/tenancy/scope';
import { hqIdOf } from '../identity/principal';
import { StorageClass, Supplier, type Product } from './catalog.entity';
import { productEmbed } from './catalog.queries';
import { getProduct } from './catalog.service';
import { lockForVerb, nextDocumentNo, PEOPLE_NEEDS, requireOtherPerson, type Transitions } from './documents.common';
import { RequisitionLeg, RequisitionStatus, StockRequisition, StockRequisitionLine, StockTransferLine } from './documents.entity';
import type { CreateRequisitionInput, DocumentCancelInput, DocumentDecisionInput, DocumentVersionInput, ReceiveTransferInput, ShipRequisitionInput } from './documents.types';
import { now } from './inventory.time';
import { putAwayZone } from './purchase.service';
import { ReservationStatus, StockMoveKind, StockReservation } from './stock.entity';
import { allocationsOf, issueReservation, postMoves, releaseReservation, reserveStock, warehouseScopeCondition, type MoveRequest } from './stock.service';
import { Batch, StorageZone, Warehouse, WarehouseKind, WarehouseStatus } from './warehouse.entity';
import { batchEmbed, warehouseEmbed, zoneEmbed } from './warehouse.queries';
import { findWarehouse, getActiveWarehouse, getBatch, getWarehouse, minShelfLifeDays, warehouseLoader } from './warehouse.service';

const R = RequisitionStatus;
const L = RequisitionLeg;
/** Which states each requisition verb starts from, per leg: HQ's outbound leg is approved, picked and shipped; the franchise's inbound leg is received (or withdrawn before a decision). */
const REQUISITION: Record<RequisitionLeg, Transitions<RequisitionStatus>> = {
  [L.INTERNAL]: {
    approve: [R.SUBMITTED],
    reject: [R.SUBMITTED],
    pick: [R.APPROVED],
    ship: [R.PICKED],
    receive: [R.IN_TRANSIT],
    cancel: [R.SUBMITTED, R.APPROVED, R.PICKED],
  },
  [L.OUTBOUND]: { approve: [R.SUBMITTED], reject: [R.SUBMITTED], pick: [R.APPROVED], ship: [R.PICKED], cancel: [R.SUBMITTED, R.APPROVED, R.PICKED] },
  [L.INBOUND]: { receive: [R.IN_TRANSIT], cancel: [R.SUBMITTED] },
};

export const REQUISITION_DOCUMENT = 'REQUISITION';
const SUPPLYING_KINDS: readonly WarehouseKind[] = [WarehouseKind.CENTRAL, WarehouseKind.FRANCHISE];
const REQUESTING_KINDS: readonly WarehouseKind[] = [WarehouseKind.BRANCH_CENTER, WarehouseKind.STORE];
/** Who may ask HQ's central warehouse for goods: a franchise's own, branch-center and store warehouses. */
const HQ_REQUESTING_KINDS: readonly WarehouseKind[] = [WarehouseKind.FRANCHISE, WarehouseKind.BRANCH_CENTER, WarehouseKind.STORE];

/** Staff who see either end (the supplying or the requesting warehouse) see the requisition. */
const visible = async (ctx: RequestContext, doc: StockRequisition) => !!((await findWarehouse(ctx, doc.toWarehouseId)) ?? (await findWarehouse(ctx, doc.fromWarehouseId)));

/**
 * Locks the document for a verb. The two legs of a transfer are locked HQ's first, then the
 * franchise's, whichever side acts, so a verb on one and a verb on the other queue instead of deadlocking.
 */
async function forVerb(ctx: RequestContext, input: DocumentVersionInput, verb: string): Promise<StockRequisition> {
  const [peek] = await ctx.em.execute<{ leg: RequisitionLeg; counterpart_id: string | null; counterpart_franchise_id: string | null }[]>(
    'select leg, counterpart_id, counterpart_franchise_id from stock_requisition where id = ?',
    [input.id],
  );
  if (peek?.leg === L.INBOUND && peek.counterpart_id)
    await asFranchise(ctx.em, peek.counterpart_franchise_id!, () => ctx.em.execute('select id from stock_requisition where id = ? for update', [peek.counterpart_id]));
  return lockForVerb(ctx, StockRequisition, 'Requisition', input, (doc) => REQUISITION[doc.leg], verb, (doc) => visible(ctx, doc));
}

const eventOf = (doc: StockRequisition, action: string, from: string) => ({
  requisitionId: doc.id,
  requisitionNo: doc.requisitionNo,
  leg: doc.leg,
  fromWarehouseId: doc.fromWarehouseId,
  toWarehouseId: doc.toWarehouseId,
  action,
  from,
  to: doc.status,
});

/** What the other leg of a transfer takes over from the leg a verb ran on. */
const MIRRORED = ['status', 'decidedById', 'decidedAt', 'decisionNote', 'pickedById', 'pickedAt', 'shippedById', 'shippedAt', 'outboundSlipNo', 'receivedById', 'receivedAt'] as const;

/**
 * Flushes, publishes the verb's event and, for a transfer between franchises, brings the other
 * leg to the same state in its own tenant (with its own event there); `alsoThere` writes more
 * in that tenant (the shipped lots).
 */
async function transitioned(ctx: RequestContext, doc: StockRequisition, action: string, from: string, alsoThere?: (other: StockRequisition) => Promise<void>): Promise<StockRequisition> {
  await ctx.em.flush();
  await publishEvent(ctx, 'requisition.transitioned', doc.franchiseId, eventOf(doc, action, from));
  if (doc.leg === L.INTERNAL || !doc.counterpartId) return doc;
  await asFranchise(ctx.em, doc.counterpartFranchiseId!, async () => {
    const other = await ctx.em.findOneOrFail(StockRequisition, { id: doc.counterpartId! });
    for (const key of MIRRORED) (other as unknown as Record<string, unknown>)[key] = doc[key];
    await alsoThere?.(other);
    await ctx.em.flush();
    await publishEvent(ctx, 'requisition.transitioned', other.franchiseId, eventOf(other, action, from));
  });
  return doc;
}

/** An HQ central warehouse as a requester may know it: the directory of where goods can be asked from, nothing more of HQ's. */
export interface SupplySource {
  id: string;
  code: string;
  name: string;
  kind: WarehouseKind;
  status: WarehouseStatus;
  franchiseId: string;
  timeZone: string;
  hq: boolean;
}

/** HQ's active central warehouses (or the one named), read in HQ's scope: id, code, name only leave it. */
async function hqCentralWarehouses(ctx: RequestContext, id?: string): Promise<SupplySource[]> {
  const hqId = hqIdOf(ctx.scope.orgPath);
  if (!hqId) return [];
  const rows = await asFranchise(ctx.em, hqId, () =>
    ctx.em.execute<{ id: string; code: string; name: string; status: WarehouseStatus; franchise_id: string; time_zone: string }[]>(
      `select id, code, name, status, franchise_id, time_zone from warehouse where franchise_id = ? and kind = 'CENTRAL' ${id ? 'and id = ?' : `and status = 'ACTIVE'`} order by code`,
      id ? [hqId, id] : [hqId],
    ),
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: WarehouseKind.CENTRAL, status: r.status, franchiseId: r.franchise_id, timeZone: r.time_zone, hq: true }));
}

/** Where a warehouse may ask for goods: its franchise's central or franchise warehouse (for a branch or store), and HQ's central warehouse. */
export async function requisitionSources(ctx: RequestContext, toWarehouseId: string): Promise<SupplySource[]> {
  const to = await getWarehouse(ctx, toWarehouseId);
  const own = REQUESTING_KINDS.includes(to.kind)
    ? await ctx.em.find(Warehouse, { franchiseId: to.franchiseId, kind: { $in: [...SUPPLYING_KINDS] }, status: WarehouseStatus.ACTIVE }, { orderBy: { code: 'asc' } })
    : [];
  const hq = HQ_REQUESTING_KINDS.includes(to.kind) && to.franchiseId !== hqIdOf(ctx.scope.orgPath) ? await hqCentralWarehouses(ctx) : [];
  return [...own.map((w) => ({ id: w.id, code: w.code, name: w.name, kind: w.kind, status: w.status, franchiseId: w.franchiseId, timeZone: w.timeZone, hq: false })), ...hq];
}

/**
 * A warehouse asks a supplying warehouse for products: within a franchise, a branch or store
 * asks its franchise's central or franchise warehouse (the requester must see the requesting
 * warehouse only); any franchise warehouse may ask HQ's central warehouse, which makes a
 * transfer between franchises: HQ's outbound leg in HQ's tenant and the franchise's inbound leg
 * in its own, written together, each side seeing only its own.
 */
export async function createRequisition(ctx: RequestContext, input: CreateRequisitionInput): Promise<StockRequisition> {
  const to = await getActiveWarehouse(ctx, input.toWarehouseId, 'toWarehouseId');
  const from = await warehouseLoader(ctx).load(input.fromWarehouseId);
  const seen = new Set<string>();
  for (const [i, line] of input.lines.entries()) {
    if (seen.has(line.productId)) throw new BadUserInputError({ field: `lines.${i}.productId`, message: 'the product is already on another line' });
    seen.add(line.productId);
    await getProduct(ctx, line.productId);
  }
  if (from?.franchiseId === to.franchiseId) {
    if (!SUPPLYING_KINDS.includes(from.kind)) throw new BadUserInputError({ field: 'fromWarehouseId', message: `${from.name} is a ${from.kind} warehouse; requisitions go to a CENTRAL or FRANCHISE warehouse` });
    if (!REQUESTING_KINDS.includes(to.kind)) throw new BadUserInputError({ field: 'toWarehouseId', message: `${to.name} is a ${to.kind} warehouse; requisitions come from a BRANCH_CENTER or STORE warehouse` });
    const doc = newRequisition(ctx, { franchiseId: to.franchiseId, requisitionNo: await nextDocumentNo(ctx, to, 'YH'), fromWarehouseId: from.id, toWarehouseId: to.id }, input);
    return transitioned(ctx, doc, 'create', '');
  }
  const [source] = await hqCentralWarehouses(ctx, input.fromWarehouseId);
  if (!source) {
    if (!from) throw new NotFoundError('Warehouse', input.fromWarehouseId);
    throw new BadUserInputError({ field: 'fromWarehouseId', message: `must be a central or franchise warehouse of ${to.name}’s franchise, or HQ’s central warehouse` });
  }
  if (source.status !== WarehouseStatus.ACTIVE) throw new BadUserInputError({ field: 'fromWarehouseId', message: `warehouse ${source.code} is ${source.status}` });
  if (!HQ_REQUESTING_KINDS.includes(to.kind) || to.franchiseId === source.franchiseId)
    throw new BadUserInputError({ field: 'toWarehouseId', message: `${to.name} is a ${to.kind} warehouse of HQ; transfers from HQ’s central warehouse go to a franchise, branch-center or store warehouse of a franchise` });
  return createTransfer(ctx, source, to, input);
}

function newRequisition(ctx: RequestContext, fields: Pick<StockRequisition, 'franchiseId' | 'requisitionNo' | 'fromWarehouseId' | 'toWarehouseId'> & Partial<StockRequisition>, input: CreateRequisitionInput): StockRequisition {
  const doc = ctx.em.create(StockRequisition, { ...fields, note: input.note?.trim() || null, requestedById: requireActor(ctx).id });
  input.lines.forEach((line, i) => ctx.em.create(StockRequisitionLine, { franchiseId: doc.franchiseId, requisitionId: doc.id, lineNo: i + 1, productId: line.productId, quantity: line.quantity, note: line.note?.trim() || null }));
  return doc;
}

/** Both legs of a transfer from HQ, each numbered in its own franchise's series; the caller gets the leg they can see (HQ's when they see HQ's warehouse). */
async function createTransfer(ctx: RequestContext, source: SupplySource, to: Warehouse, input: CreateRequisitionInput): Promise<StockRequisition> {
  const outboundId = randomUUID();
  const inboundId = randomUUID();
  const common = { fromWarehouseId: source.id, toWarehouseId: to.id, fromWarehouseName: source.name };
  const inbound = await asFranchise(ctx.em, to.franchiseId, async () => {
    const doc = newRequisition(ctx, { ...common, id: inboundId, franchiseId: to.franchiseId, requisitionNo: await nextDocumentNo(ctx, to, 'YH'), leg: L.INBOUND, counterpartId: outboundId, counterpartFranchiseId: source.franchiseId }, input);
    await ctx.em.flush();
    await publishEvent(ctx, 'requisition.transitioned', doc.franchiseId, eventOf(doc, 'create', ''));
    return doc;
  });
  const outbound = await asFranchise(ctx.em, source.franchiseId, async () => {
    const doc = newRequisition(ctx, { ...common, id: outboundId, franchiseId: source.franchiseId, requisitionNo: await nextDocumentNo(ctx, source, 'YH'), leg: L.OUTBOUND, counterpartId: inboundId, counterpartFranchiseId: to.franchiseId }, input);
    await ctx.em.flush();
    await publishEvent(ctx, 'requisition.transitioned', doc.franchiseId, eventOf(doc, 'create', ''));
    return doc;
  });
  return (await findWarehouse(ctx, source.id)) ? outbound : inbound;
}

export async function decideRequisition(ctx: RequestContext, input: DocumentDecisionInput, approve: boolean): Promise<StockRequisition> {
  const verb = approve ? 'approve' : 'reject';
  const doc = await forVerb(ctx, input, verb);
  if (!approve && !input.note?.trim()) throw new BadUserInputError({ field: 'note', message: 'say why the requisition is rejected' });
  doc.decidedById = requireOtherPerson(ctx, doc.requestedById, `Requisition ${doc.requisitionNo}`);
  doc.decidedAt = now();
  doc.decisionNote = input.note?.trim() || null;
  doc.status = approve ? R.APPROVED : R.REJECTED;
  return transitioned(ctx, doc, verb, R.SUBMITTED);
}

/**
 * Picks first expiry first: every line reserved at the supplying warehouse, all or none
 * (INSUFFICIENT_STOCK). HQ picking for a franchise applies the receiving franchise's minimum
 * remaining shelf life: the goods are delivered to, and sold by, the franchise.
 */
export async function pickRequisition(ctx: RequestContext, input: DocumentVersionInput): Promise<StockRequisition> {
  const doc = await forVerb(ctx, input, 'pick');
  const lines = await ctx.em.find(StockRequisitionLine, { requisitionId: doc.id }, { orderBy: { lineNo: 'asc' } });
  const receiving = doc.leg === L.OUTBOUND ? doc.counterpartFranchiseId! : null;
  const minShelfLife = receiving ? await asFranchise(ctx.em, receiving, () => minShelfLifeDays(ctx, receiving)) : undefined;
  await reserveStock(
    ctx,
    { warehouseId: doc.fromWarehouseId, documentType: REQUISITION_DOCUMENT, documentId: doc.id, lines: lines.map((l) => ({ lineId: l.id, productId: l.productId, quantity: l.quantity })) },
    minShelfLife,
  );
  Object.assign(doc, { status: R.PICKED, pickedAt: now(), pickedById: requireActor(ctx).id });
  return transitioned(ctx, doc, 'pick', R.APPROVED);
}

function activeReservations(ctx: RequestContext, doc: StockRequisition) {
  return ctx.em.find(StockReservation, { documentType: REQUISITION_DOCUMENT, documentId: doc.id, status: ReservationStatus.ACTIVE }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/**
 * Ships what was picked: the lots leave the supplying warehouse as TRANSFER_OUT moves; the
 * requisition is in transit. From HQ, the franchise's inbound leg gets the shipped lots in its
 * own tenant: each as the franchise's lot of the same number and dates (registered on first arrival).
 */
export async function shipRequisition(ctx: RequestContext, input: ShipRequisitionInput): Promise<StockRequisition> {
  const doc = await forVerb(ctx, input, 'ship');
  const reservations = await activeReservations(ctx, doc);
  const allocations = await allocationsOf(ctx, reservations.map((r) => r.id));
  for (const reservation of reservations) await issueReservation(ctx, { id: reservation.id, documentNo: input.outboundSlipNo.trim() }, StockMoveKind.TRANSFER_OUT);
  const shipped = allocations.map((a) => {
    const reservation = reservations.find((r) => r.id === a.reservationId)!;
    return { requisitionLineId: reservation.documentLineId!, productId: reservation.productId, batchId: a.batchId, fromZoneId: a.zoneId, shippedQuantity: a.quantity };
  });
  for (const line of shipped) ctx.em.create(StockTransferLine, { franchiseId: doc.franchiseId, requisitionId: doc.id, ...line });
  Object.assign(doc, { status: R.IN_TRANSIT, shippedAt: now(), shippedById: requireActor(ctx).id, outboundSlipNo: input.outboundSlipNo.trim() });
  if (doc.leg !== L.OUTBOUND) return transitioned(ctx, doc, 'ship', R.PICKED);
  const lineNos = new Map((await ctx.em.find(StockRequisitionLine, { requisitionId: doc.id })).map((l) => [l.id, l.lineNo]));
  const lots = new Map((await ctx.em.find(Batch, { id: { $in: shipped.map((s) => s.batchId) } })).map((b) => [b.id, b]));
  return transitioned(ctx, doc, 'ship', R.PICKED, async (inbound) => {
    const lineIds = new Map((await ctx.em.find(StockRequisitionLine, { requisitionId: inbound.id })).map((l) => [l.lineNo, l.id]));
    for (const line of shipped) {
      const batch = await franchiseLot(ctx, inbound.franchiseId, lots.get(line.batchId)!);
      ctx.em.create(StockTransferLine, { ...line, franchiseId: inbound.franchiseId, requisitionId: inbound.id, requisitionLineId: lineIds.get(lineNos.get(line.requisitionLineId)!)!, batchId: batch.id });
    }
  });
}

/**
 * The franchise's record of a lot HQ ships (same product, number and dates); a lot on file with
 * other dates is a CONFLICT. A new record keeps HQ's supplier when it is a shared one (the
 * franchise can read it), so a recall on the franchise's side shows where the lot came from.
 */
async function franchiseLot(ctx: RequestContext, franchiseId: string, lot: Batch): Promise<Batch> {
  const found = await ctx.em.findOne(Batch, { franchiseId, productId: lot.productId, lotNo: lot.lotNo });
  if (found && (found.manufactureDate !== lot.manufactureDate || found.expiryDate !== lot.expiryDate))
    throw new ConflictError(`Lot ${lot.lotNo} is on file at the receiving franchise with manufacture ${found.manufactureDate} and expiry ${found.expiryDate}, not ${lot.manufactureDate} and ${lot.expiryDate}`, { reason: 'LOT_MISMATCH', lotNo: lot.lotNo });
  if (found) return found;
  const shared = lot.supplierId ? await ctx.em.findOne(Supplier, { id: lot.supplierId, franchiseId: null }) : null;
  return ctx.em.create(Batch, { franchiseId, productId: lot.productId, lotNo: lot.lotNo, manufactureDate: lot.manufactureDate, expiryDate: lot.expiryDate, supplierId: shared?.id ?? null });
}

/** The requesting warehouse's non-conforming goods area for a storage class, opened on first use. */
export async function nonConformingZone(ctx: RequestContext, warehouse: Warehouse, product: Product): Promise<StorageZone> {
  const found = await ctx.em.findOne(StorageZone, { warehouseId: warehouse.id, storageClass: product.storageClass, nonConforming: true }, { orderBy: { code: 'asc' } });
  if (found) return found;
  const cold = product.storageClass === StorageClass.COLD;
  return ctx.em.create(StorageZone, {
    franchiseId: warehouse.franchiseId,
    warehouseId: warehouse.id,
    code: cold ? 'BHG-C' : 'BHG',
    name: cold ? '不合格品区（冷藏）' : '不合格品区',
    storageClass: product.storageClass,
    nonConforming: true,
    ...(cold ? { temperatureMin: 0, temperatureMax: 4 } : { temperatureMin: 20, temperatureMax: 25 }),
    humidityMin: 45,
    humidityMax: 75,
  });
}

/**
 * Receipt at the branch, every shipped lot accounted for: what arrived in good order goes into a
 * zone of its storage class (TRANSFER_IN, available), what arrived damaged into the non-conforming
 * area (TRANSFER_IN, never available, waiting for destruction), and the rest is recorded short.
 */
export async function receiveTransfer(ctx: RequestContext, input: ReceiveTransferInput): Promise<StockRequisition> {
  const doc = await forVerb(ctx, input, 'receive');
  const to = await getActiveWarehouse(ctx, doc.toWarehouseId, 'id');
  const shipped = await ctx.em.find(StockTransferLine, { requisitionId: doc.id });
  const given = new Map<string, number>();
  input.lines.forEach((line, i) => {
    if (given.has(line.transferLineId)) throw new BadUserInputError({ field: `lines.${i}.transferLineId`, message: 'is on another line already' });
    given.set(line.transferLineId, i);
  });
  for (const [i, line] of input.lines.entries()) if (!shipped.some((s) => s.id === line.transferLineId)) throw new BadUserInputError({ field: `lines.${i}.transferLineId`, message: 'is not a shipped lot of this requisition' });
  const moves: MoveRequest[] = [];
  for (const transfer of shipped) {
    const i = given.get(transfer.id);
    const batch = await getBatch(ctx, transfer.batchId);
    if (i === undefined) throw new BadUserInputError({ field: 'lines', message: `lot ${batch.lotNo} (transfer line ${transfer.id}) is not accounted for` });
    const line = input.lines[i]!;
    const short = transfer.shippedQuantity - line.receivedQuantity - line.damagedQuantity;
    if (short < 0) throw new BadUserInputError({ field: `lines.${i}.receivedQuantity`, message: `received and damaged add up to more than the ${transfer.shippedQuantity} shipped` });
    const product = await getProduct(ctx, transfer.productId);
    const base = { warehouseId: to.id, productId: product.id, batchId: batch.id, expiryDate: batch.expiryDate, kind: StockMoveKind.TRANSFER_IN, documentType: REQUISITION_DOCUMENT, documentId: doc.id, documentNo: doc.outboundSlipNo };
    if (line.receivedQuantity > 0) {
      const zone = await putAwayZone(ctx, to, product, line.zoneId, `lines.${i}.zoneId`);
      transfer.toZoneId = zone.id;
      moves.push({ ...base, zoneId: zone.id, quantity: line.receivedQuantity, reason: line.note?.trim() || null });
    }
    if (line.damagedQuantity > 0) {
      const zone = await nonConformingZone(ctx, to, product);
      moves.push({ ...base, zoneId: zone.id, quantity: line.damagedQuantity, reason: `运输破损${line.note?.trim() ? `: ${line.note.trim()}` : ''}` });
    }
    Object.assign(transfer, { receivedQuantity: line.receivedQuantity, damagedQuantity: line.damagedQuantity, shortQuantity: short, discrepancyNote: line.note?.trim() || null });
  }
  await ctx.em.flush(); // a new non-conforming zone exists before its balance
  await postMoves(ctx, to.franchiseId, moves);
  Object.assign(doc, { status: R.RECEIVED, receivedAt: now(), receivedById: requireActor(ctx).id });
  return transitioned(ctx, doc, 'receive', R.IN_TRANSIT);
}

/** Cancels before shipping; picked stock goes back (its reservations released). */
export async function cancelRequisition(ctx: RequestContext, input: DocumentCancelInput): Promise<StockRequisition> {
  const doc = await forVerb(ctx, input, 'cancel');
  const from = doc.status;
  for (const reservation of await activeReservations(ctx, doc)) await releaseReservation(ctx, { id: reservation.id, reason: input.reason });
  Object.assign(doc, { status: R.CANCELLED, decisionNote: input.reason.trim() });
  return transitioned(ctx, doc, 'cancel', from);
}

// ---------------------------------------------------------------------------- reads

/** Requisitions as plain rows: both warehouses, the lines and the shipped lots (with product, lot and zone) embedded. */
function requisitionReadSpec(ctx: RequestContext): ReadSpec<StockRequisition> {
  const line: ReadSpec<StockRequisitionLine> = { entity: StockRequisitionLine, always: ['id', 'franchiseId', 'requisitionId', 'productId'], embeds: { product: productEmbed(ctx, 'product_id') } };
  const transfer: ReadSpec<StockTransferLine> = {
    entity: StockTransferLine,
    always: ['id', 'franchiseId', 'requisitionId', 'productId', 'batchId', 'toZoneId'],
    embeds: { product: productEmbed(ctx, 'product_id'), batch: batchEmbed(ctx, 'batch_id'), toZone: zoneEmbed('to_zone_id') },
  };
  return {
    entity: StockRequisition,
    always: ['id', 'franchiseId', 'fromWarehouseId', 'toWarehouseId', 'requestedById'],
    needs: { ...PEOPLE_NEEDS, counterpart: ['counterpartId'] },
    embeds: {
      fromWarehouse: warehouseEmbed('from_warehouse_id'),
      toWarehouse: warehouseEmbed('to_warehouse_id'),
      lines: embedChildren(line, 'stock_requisition_line', 'requisition_id', (a) => `${a}.line_no`),
      transferLines: embedChildren(transfer, 'stock_transfer_line', 'requisition_id', (a) => `${a}.created_at, ${a}.id`),
    },
  };
}

export async function listRequisitions(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  // HQ sees both legs of its transfers: the franchise's leg is HQ's `counterpart`, filter it out with leg: { neq: INBOUND }.
  const scope = await warehouseScopeCondition(ctx);
  const where = scope.warehouseId ? { $or: [{ fromWarehouseId: scope.warehouseId }, { toWarehouseId: scope.warehouseId }] } : {};
  return readPage(ctx.em, requisitionReadSpec(ctx), args, selection, { where: where as FilterQuery<StockRequisition>, defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}

export async function findRequisition(ctx: RequestContext, id: string): Promise<StockRequisition | null> {
  const doc = await ctx.em.findOne(StockRequisition, { id });
  return doc && (await visible(ctx, doc)) ? doc : null;
}

/** The other leg of a transfer, when the reader may see it (HQ sees the franchise's; a franchise never sees HQ's). */
export async function counterpartOf(ctx: RequestContext, doc: StockRequisition): Promise<StockRequisition | null> {
  if (!doc.counterpartId) return null;
  const other = await byIdLoader(ctx, StockRequisition).load(doc.counterpartId);
  return other && (await visible(ctx, other)) ? other : null;
}

export function requisitionLinesOf(ctx: RequestContext, ids: readonly string[]) {
  return ctx.em.find(StockRequisitionLine, { requisitionId: { $in: [...ids] } }, { orderBy: { lineNo: 'asc' } });
}

export function transferLinesOf(ctx: RequestContext, ids: readonly string[]) {
  return ctx.em.find(StockTransferLine, { requisitionId: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}
