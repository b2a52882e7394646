import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedChildren, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { StorageClass, type Product } from './catalog.entity';
import { productEmbed } from './catalog.queries';
import { getProduct } from './catalog.service';
import { lockForVerb, nextDocumentNo, PEOPLE_NEEDS, requireOtherPerson, type Transitions } from './documents.common';
import { RequisitionStatus, StockRequisition, StockRequisitionLine, StockTransferLine } from './documents.entity';
import type { CreateRequisitionInput, DocumentCancelInput, DocumentDecisionInput, DocumentVersionInput, ReceiveTransferInput, ShipRequisitionInput } from './documents.types';
import { now } from './inventory.time';
import { putAwayZone } from './purchase.service';
import { ReservationStatus, StockMoveKind, StockReservation } from './stock.entity';
import { allocationsOf, issueReservation, postMoves, releaseReservation, reserveStock, warehouseScopeCondition, type MoveRequest } from './stock.service';
import { StorageZone, WarehouseKind, type Warehouse } from './warehouse.entity';
import { batchEmbed, warehouseEmbed, zoneEmbed } from './warehouse.queries';
import { findWarehouse, getActiveWarehouse, getBatch, warehouseLoader } from './warehouse.service';

const R = RequisitionStatus;
/** Which states each requisition verb starts from. */
const REQUISITION: Transitions<RequisitionStatus> = {
  approve: [R.SUBMITTED],
  reject: [R.SUBMITTED],
  pick: [R.APPROVED],
  ship: [R.PICKED],
  receive: [R.IN_TRANSIT],
  cancel: [R.SUBMITTED, R.APPROVED, R.PICKED],
};

export const REQUISITION_DOCUMENT = 'REQUISITION';
const SUPPLYING_KINDS: readonly WarehouseKind[] = [WarehouseKind.CENTRAL, WarehouseKind.FRANCHISE];
const REQUESTING_KINDS: readonly WarehouseKind[] = [WarehouseKind.BRANCH_CENTER, WarehouseKind.STORE];

/** Staff who see either end (the supplying or the requesting warehouse) see the requisition. */
const visible = async (ctx: RequestContext, doc: StockRequisition) => !!((await findWarehouse(ctx, doc.toWarehouseId)) ?? (await findWarehouse(ctx, doc.fromWarehouseId)));

function forVerb(ctx: RequestContext, input: DocumentVersionInput, verb: string): Promise<StockRequisition> {
  return lockForVerb(ctx, StockRequisition, 'Requisition', input, REQUISITION, verb, (doc) => visible(ctx, doc));
}

async function transitioned(ctx: RequestContext, doc: StockRequisition, action: string, from: string): Promise<StockRequisition> {
  await ctx.em.flush();
  await publishEvent(ctx, 'requisition.transitioned', doc.franchiseId, {
    requisitionId: doc.id,
    requisitionNo: doc.requisitionNo,
    fromWarehouseId: doc.fromWarehouseId,
    toWarehouseId: doc.toWarehouseId,
    action,
    from,
    to: doc.status,
  });
  return doc;
}

/**
 * A branch warehouse asks its franchise's supplying warehouse (central or franchise) for
 * products. The requester must see the requesting warehouse; the supplying one only has to be
 * of the same franchise (a branch keeper need not see the central warehouse's stock).
 */
export async function createRequisition(ctx: RequestContext, input: CreateRequisitionInput): Promise<StockRequisition> {
  const actor = requireActor(ctx);
  const to = await getActiveWarehouse(ctx, input.toWarehouseId, 'toWarehouseId');
  const from = await warehouseLoader(ctx).load(input.fromWarehouseId);
  if (!from) throw new NotFoundError('Warehouse', input.fromWarehouseId);
  if (from.franchiseId !== to.franchiseId) throw new BadUserInputError({ field: 'fromWarehouseId', message: `must be a central or franchise warehouse of ${to.name}’s franchise` });
  if (!SUPPLYING_KINDS.includes(from.kind)) throw new BadUserInputError({ field: 'fromWarehouseId', message: `${from.name} is a ${from.kind} warehouse; requisitions go to a CENTRAL or FRANCHISE warehouse` });
  if (!REQUESTING_KINDS.includes(to.kind)) throw new BadUserInputError({ field: 'toWarehouseId', message: `${to.name} is a ${to.kind} warehouse; requisitions come from a BRANCH_CENTER or STORE warehouse` });
  const seen = new Set<string>();
  for (const [i, line] of input.lines.entries()) {
    if (seen.has(line.productId)) throw new BadUserInputError({ field: `lines.${i}.productId`, message: 'the product is already on another line' });
    seen.add(line.productId);
    await getProduct(ctx, line.productId);
  }
  const doc = ctx.em.create(StockRequisition, {
    franchiseId: to.franchiseId,
    requisitionNo: await nextDocumentNo(ctx, to, 'YH'),
    fromWarehouseId: from.id,
    toWarehouseId: to.id,
    note: input.note?.trim() || null,
    requestedById: actor.id,
  });
  input.lines.forEach((line, i) => ctx.em.create(StockRequisitionLine, { franchiseId: doc.franchiseId, requisitionId: doc.id, lineNo: i + 1, productId: line.productId, quantity: line.quantity, note: line.note?.trim() || null }));
  return transitioned(ctx, doc, 'create', '');
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

/** Picks first expiry first: every line reserved at the supplying warehouse, all or none (INSUFFICIENT_STOCK). */
export async function pickRequisition(ctx: RequestContext, input: DocumentVersionInput): Promise<StockRequisition> {
  const doc = await forVerb(ctx, input, 'pick');
  const lines = await ctx.em.find(StockRequisitionLine, { requisitionId: doc.id }, { orderBy: { lineNo: 'asc' } });
  await reserveStock(ctx, {
    warehouseId: doc.fromWarehouseId,
    documentType: REQUISITION_DOCUMENT,
    documentId: doc.id,
    lines: lines.map((l) => ({ lineId: l.id, productId: l.productId, quantity: l.quantity })),
  });
  Object.assign(doc, { status: R.PICKED, pickedAt: now(), pickedById: requireActor(ctx).id });
  return transitioned(ctx, doc, 'pick', R.APPROVED);
}

function activeReservations(ctx: RequestContext, doc: StockRequisition) {
  return ctx.em.find(StockReservation, { documentType: REQUISITION_DOCUMENT, documentId: doc.id, status: ReservationStatus.ACTIVE }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** Ships what was picked: the lots leave the supplying warehouse as TRANSFER_OUT moves; the requisition is in transit. */
export async function shipRequisition(ctx: RequestContext, input: ShipRequisitionInput): Promise<StockRequisition> {
  const doc = await forVerb(ctx, input, 'ship');
  const reservations = await activeReservations(ctx, doc);
  const allocations = await allocationsOf(ctx, reservations.map((r) => r.id));
  for (const reservation of reservations) await issueReservation(ctx, { id: reservation.id, documentNo: input.outboundSlipNo.trim() }, StockMoveKind.TRANSFER_OUT);
  for (const a of allocations) {
    const reservation = reservations.find((r) => r.id === a.reservationId)!;
    ctx.em.create(StockTransferLine, { franchiseId: doc.franchiseId, requisitionId: doc.id, requisitionLineId: reservation.documentLineId!, productId: reservation.productId, batchId: a.batchId, fromZoneId: a.zoneId, shippedQuantity: a.quantity });
  }
  Object.assign(doc, { status: R.IN_TRANSIT, shippedAt: now(), shippedById: requireActor(ctx).id, outboundSlipNo: input.outboundSlipNo.trim() });
  return transitioned(ctx, doc, 'ship', R.PICKED);
}

/** The requesting warehouse's non-conforming goods area for a storage class, opened on first use. */
async function nonConformingZone(ctx: RequestContext, warehouse: Warehouse, product: Product): Promise<StorageZone> {
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
    needs: PEOPLE_NEEDS,
    embeds: {
      fromWarehouse: warehouseEmbed('from_warehouse_id'),
      toWarehouse: warehouseEmbed('to_warehouse_id'),
      lines: embedChildren(line, 'stock_requisition_line', 'requisition_id', (a) => `${a}.line_no`),
      transferLines: embedChildren(transfer, 'stock_transfer_line', 'requisition_id', (a) => `${a}.created_at, ${a}.id`),
    },
  };
}

export async function listRequisitions(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await warehouseScopeCondition(ctx);
  const where = scope.warehouseId ? { $or: [{ fromWarehouseId: scope.warehouseId }, { toWarehouseId: scope.warehouseId }] } : {};
  return readPage(ctx.em, requisitionReadSpec(ctx), args, selection, { where: where as FilterQuery<StockRequisition>, defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}

export async function findRequisition(ctx: RequestContext, id: string): Promise<StockRequisition | null> {
  const doc = await ctx.em.findOne(StockRequisition, { id });
  return doc && (await visible(ctx, doc)) ? doc : null;
}

export function requisitionLinesOf(ctx: RequestContext, ids: readonly string[]) {
  return ctx.em.find(StockRequisitionLine, { requisitionId: { $in: [...ids] } }, { orderBy: { lineNo: 'asc' } });
}

export function transferLinesOf(ctx: RequestContext, ids: readonly string[]) {
  return ctx.em.find(StockTransferLine, { requisitionId: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}
