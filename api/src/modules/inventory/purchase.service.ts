import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ForbiddenError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedChildren, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import type { Product } from './catalog.entity';
import { productEmbed, supplierEmbed } from './catalog.queries';
import { getProduct, getSupplier } from './catalog.service';
import { lockForVerb, nextDocumentNo, PEOPLE_NEEDS, requireOtherPerson, requirePerson, type Transitions } from './documents.common';
import { PurchaseInspectionLine, PurchaseRequest, PurchaseRequestLine, PurchaseStatus } from './documents.entity';
import {
  InspectionSigner,
  type CreatePurchaseRequestInput,
  type DocumentCancelInput,
  type DocumentDecisionInput,
  type DocumentVersionInput,
  type PlaceSupplierOrderInput,
  type PurchaseLineInput,
  type PurchaseSuggestion,
  type PutAwayPurchaseInput,
  type RecordArrivalInput,
  type RecordInspectionInput,
  type SignInspectionInput,
  type UpdatePurchaseRequestInput,
} from './documents.types';
import { InventoryPermission } from './inventory.permissions';
import { localDate, now } from './inventory.time';
import { receiveStock, warehouseScopeCondition, zoneFor } from './stock.service';
import { Batch, StorageZone, WarehouseStatus, type Warehouse } from './warehouse.entity';
import { warehouseEmbed, zoneEmbed } from './warehouse.queries';
import { findWarehouse, getActiveWarehouse } from './warehouse.service';

const S = PurchaseStatus;
/** Which states each purchase verb starts from. */
const PURCHASE: Transitions<PurchaseStatus> = {
  update: [S.DRAFT],
  submit: [S.DRAFT],
  approve: [S.SUBMITTED],
  reject: [S.SUBMITTED],
  placeSupplierOrder: [S.APPROVED],
  recordArrival: [S.ORDERED],
  recordInspection: [S.ARRIVED],
  signInspection: [S.ARRIVED],
  putAway: [S.INSPECTED],
  cancel: [S.DRAFT, S.SUBMITTED, S.APPROVED, S.ORDERED],
};

/** Statuses whose lines count as on order (requested and not yet received). */
export const ON_ORDER_STATUSES = [S.SUBMITTED, S.APPROVED, S.ORDERED, S.ARRIVED, S.INSPECTED] as const;

const visible = async (ctx: RequestContext, doc: PurchaseRequest) => !!(await findWarehouse(ctx, doc.warehouseId));

async function forVerb(ctx: RequestContext, input: DocumentVersionInput, verb: string): Promise<PurchaseRequest> {
  return lockForVerb(ctx, PurchaseRequest, 'Purchase request', input, PURCHASE, verb, (doc) => visible(ctx, doc));
}

async function transitioned(ctx: RequestContext, doc: PurchaseRequest, action: string, from: PurchaseStatus): Promise<PurchaseRequest> {
  await ctx.em.flush();
  await publishEvent(ctx, 'purchase.transitioned', doc.franchiseId, { purchaseRequestId: doc.id, requestNo: doc.requestNo, warehouseId: doc.warehouseId, action, from, to: doc.status });
  return doc;
}

/** Lines checked against the catalog (each product once per request). */
async function checkedLines(ctx: RequestContext, lines: readonly PurchaseLineInput[]): Promise<Product[]> {
  const seen = new Set<string>();
  const products: Product[] = [];
  for (const [i, line] of lines.entries()) {
    if (seen.has(line.productId)) throw new BadUserInputError({ field: `lines.${i}.productId`, message: 'the product is already on another line; change that line’s quantity instead' });
    seen.add(line.productId);
    products.push(await getProduct(ctx, line.productId));
  }
  return products;
}

async function writeLines(ctx: RequestContext, doc: PurchaseRequest, lines: readonly PurchaseLineInput[]): Promise<void> {
  await checkedLines(ctx, lines);
  const suggestions = new Map((await purchaseSuggestions(ctx, { warehouseId: doc.warehouseId, productIds: lines.map((l) => l.productId) })).map((s) => [s.productId, s.suggestedQuantity]));
  for (const old of await ctx.em.find(PurchaseRequestLine, { requestId: doc.id })) ctx.em.remove(old);
  lines.forEach((line, i) =>
    ctx.em.create(PurchaseRequestLine, { franchiseId: doc.franchiseId, requestId: doc.id, lineNo: i + 1, productId: line.productId, quantity: line.quantity, note: line.note?.trim() || null, suggestedQuantity: suggestions.get(line.productId) ?? 0 }),
  );
}

export async function createPurchaseRequest(ctx: RequestContext, input: CreatePurchaseRequestInput): Promise<PurchaseRequest> {
  const actor = requireActor(ctx);
  const warehouse = await getActiveWarehouse(ctx, input.warehouseId);
  if (input.supplierId) await getSupplier(ctx, input.supplierId);
  const doc = ctx.em.create(PurchaseRequest, {
    franchiseId: warehouse.franchiseId,
    requestNo: await nextDocumentNo(ctx, warehouse, 'CG'),
    warehouseId: warehouse.id,
    supplierId: input.supplierId ?? null,
    note: input.note?.trim() || null,
    requestedById: actor.id,
  });
  await writeLines(ctx, doc, input.lines);
  await ctx.em.flush();
  await publishEvent(ctx, 'purchase.transitioned', doc.franchiseId, { purchaseRequestId: doc.id, requestNo: doc.requestNo, warehouseId: doc.warehouseId, action: 'create', from: '', to: doc.status });
  return doc;
}

export async function updatePurchaseRequest(ctx: RequestContext, input: UpdatePurchaseRequestInput): Promise<PurchaseRequest> {
  const doc = await forVerb(ctx, input, 'update');
  if (input.supplierId !== undefined) doc.supplierId = input.supplierId ? (await getSupplier(ctx, input.supplierId)).id : null;
  if (input.note !== undefined) doc.note = input.note?.trim() || null;
  if (input.lines) await writeLines(ctx, doc, input.lines);
  doc.updatedAt = now(); // a version bump even when only the lines changed
  await ctx.em.flush();
  return doc;
}

export async function submitPurchaseRequest(ctx: RequestContext, input: DocumentVersionInput): Promise<PurchaseRequest> {
  const doc = await forVerb(ctx, input, 'submit');
  doc.status = S.SUBMITTED;
  doc.submittedAt = now();
  return transitioned(ctx, doc, 'submit', S.DRAFT);
}

export async function decidePurchaseRequest(ctx: RequestContext, input: DocumentDecisionInput, approve: boolean): Promise<PurchaseRequest> {
  const verb = approve ? 'approve' : 'reject';
  const doc = await forVerb(ctx, input, verb);
  if (!approve && !input.note?.trim()) throw new BadUserInputError({ field: 'note', message: 'say why the request is rejected' });
  doc.decidedById = requireOtherPerson(ctx, doc.requestedById, `Purchase request ${doc.requestNo}`);
  doc.decidedAt = now();
  doc.decisionNote = input.note?.trim() || null;
  doc.status = approve ? S.APPROVED : S.REJECTED;
  return transitioned(ctx, doc, verb, S.SUBMITTED);
}

export async function placeSupplierOrder(ctx: RequestContext, input: PlaceSupplierOrderInput): Promise<PurchaseRequest> {
  const doc = await forVerb(ctx, input, 'placeSupplierOrder');
  const supplierId = input.supplierId ?? doc.supplierId;
  if (!supplierId) throw new BadUserInputError({ field: 'supplierId', message: 'name the supplier the order goes to' });
  doc.supplierId = (await getSupplier(ctx, supplierId)).id;
  doc.supplierOrderNo = input.supplierOrderNo.trim();
  doc.expectedDate = input.expectedDate ?? null;
  doc.orderedAt = now();
  doc.status = S.ORDERED;
  return transitioned(ctx, doc, 'placeSupplierOrder', S.APPROVED);
}

export async function recordArrival(ctx: RequestContext, input: RecordArrivalInput): Promise<PurchaseRequest> {
  const doc = await forVerb(ctx, input, 'recordArrival');
  doc.arrivedAt = now();
  doc.arrivalNote = input.note?.trim() || null;
  doc.status = S.ARRIVED;
  return transitioned(ctx, doc, 'recordArrival', S.ORDERED);
}

export async function cancelPurchaseRequest(ctx: RequestContext, input: DocumentCancelInput): Promise<PurchaseRequest> {
  const doc = await forVerb(ctx, input, 'cancel');
  const from = doc.status;
  doc.decisionNote = input.reason.trim();
  doc.status = S.CANCELLED;
  return transitioned(ctx, doc, 'cancel', from);
}

// ---------------------------------------------------------------------------- inspection and put-away

/**
 * Records the joint inspection of an arrived purchase: per lot of each line, the accepted and
 * rejected quantities (a rejection with its reason), lot number and dates. Replaces earlier
 * lines and clears the signatures: what is signed is what was recorded last.
 */
export async function recordInspection(ctx: RequestContext, input: RecordInspectionInput): Promise<PurchaseRequest> {
  const doc = await forVerb(ctx, input, 'recordInspection');
  const warehouse = (await findWarehouse(ctx, doc.warehouseId))!;
  const today = localDate(now(), warehouse.timeZone);
  const lines = new Map((await ctx.em.find(PurchaseRequestLine, { requestId: doc.id })).map((l) => [l.id, l]));
  const lots = new Set<string>();
  const rows: Omit<PurchaseInspectionLine, 'id' | 'version' | 'createdAt' | 'updatedAt'>[] = [];
  for (const [i, line] of input.lines.entries()) {
    const at = `lines.${i}`;
    const requestLine = lines.get(line.requestLineId);
    if (!requestLine) throw new BadUserInputError({ field: `${at}.requestLineId`, message: 'is not a line of this purchase' });
    const lotNo = line.lotNo.trim();
    if (line.acceptedQuantity + line.rejectedQuantity < 1) throw new BadUserInputError({ field: `${at}.acceptedQuantity`, message: 'accepted and rejected quantities add up to nothing' });
    if (line.rejectedQuantity > 0 && !line.rejectReason?.trim()) throw new BadUserInputError({ field: `${at}.rejectReason`, message: 'say why goods were rejected' });
    if (line.expiryDate <= line.manufactureDate) throw new BadUserInputError({ field: `${at}.expiryDate`, message: `must be after the manufacture date ${line.manufactureDate}` });
    if (line.manufactureDate > today) throw new BadUserInputError({ field: `${at}.manufactureDate`, message: 'cannot be in the future' });
    if (line.acceptedQuantity > 0 && line.expiryDate < today) throw new BadUserInputError({ field: `${at}.expiryDate`, message: `lot ${lotNo} expired on ${line.expiryDate}; reject it` });
    const key = `${requestLine.productId}|${lotNo}`;
    if (lots.has(key)) throw new BadUserInputError({ field: `${at}.lotNo`, message: `lot ${lotNo} is already on another inspection line of this product` });
    lots.add(key);
    const known = await ctx.em.findOne(Batch, { franchiseId: doc.franchiseId, productId: requestLine.productId, lotNo });
    if (known && (known.manufactureDate !== line.manufactureDate || known.expiryDate !== line.expiryDate))
      throw new BadUserInputError({ field: `${at}.expiryDate`, message: `lot ${lotNo} is on file with manufacture ${known.manufactureDate} and expiry ${known.expiryDate}` });
    rows.push({
      franchiseId: doc.franchiseId,
      requestId: doc.id,
      requestLineId: requestLine.id,
      productId: requestLine.productId,
      lotNo,
      manufactureDate: line.manufactureDate,
      expiryDate: line.expiryDate,
      acceptedQuantity: line.acceptedQuantity,
      rejectedQuantity: line.rejectedQuantity,
      rejectReason: line.rejectReason?.trim() || null,
    });
  }
  for (const old of await ctx.em.find(PurchaseInspectionLine, { requestId: doc.id })) ctx.em.remove(old);
  for (const row of rows) ctx.em.create(PurchaseInspectionLine, row);
  Object.assign(doc, { inspectedAt: now(), keeperSignedById: null, keeperSignedAt: null, managerSignedById: null, managerSignedAt: null });
  await ctx.em.flush();
  return doc;
}

const SIGNER_PERMISSION: Record<InspectionSigner, string> = {
  [InspectionSigner.WAREHOUSE_KEEPER]: InventoryPermission['stock:write'],
  [InspectionSigner.PRODUCT_MANAGER]: InventoryPermission['purchase:request'],
};

/**
 * Signs the recorded inspection as the warehouse keeper or the product manager; two different
 * people must sign, and once both have, the purchase is INSPECTED (ready to put away).
 */
export async function signInspection(ctx: RequestContext, input: SignInspectionInput): Promise<PurchaseRequest> {
  const doc = await forVerb(ctx, input, 'signInspection');
  const signer = requirePerson(ctx, 'Signing an inspection');
  if (!doc.inspectedAt) throw new ConflictError(`Purchase ${doc.requestNo} has no inspection recorded yet; record it before signing`, { reason: 'NOTHING_TO_SIGN' });
  if (!ctx.actor!.permissions.has(SIGNER_PERMISSION[input.as]))
    throw new ForbiddenError(`Signing as ${input.as} needs the ${SIGNER_PERMISSION[input.as]} permission`);
  const keeper = input.as === InspectionSigner.WAREHOUSE_KEEPER;
  const [mine, other] = keeper ? [doc.keeperSignedById, doc.managerSignedById] : [doc.managerSignedById, doc.keeperSignedById];
  if (mine) throw new ConflictError(`The inspection of ${doc.requestNo} is already signed as ${input.as}`, { reason: 'ALREADY_SIGNED' });
  if (other === signer)
    throw new BadUserInputError({ field: 'as', message: 'you already signed this inspection; the warehouse keeper and the product manager must be two different people', reason: 'SAME_SIGNER' });
  if (keeper) Object.assign(doc, { keeperSignedById: signer, keeperSignedAt: now() });
  else Object.assign(doc, { managerSignedById: signer, managerSignedAt: now() });
  if (!doc.keeperSignedById || !doc.managerSignedById) {
    await ctx.em.flush();
    return doc;
  }
  doc.status = S.INSPECTED;
  return transitioned(ctx, doc, 'signInspection', S.ARRIVED);
}

/** The first open zone of the warehouse for a storage class (by code), or a clear error. */
async function defaultZone(ctx: RequestContext, warehouse: Warehouse, product: Product, field: string): Promise<StorageZone> {
  const zone = await ctx.em.findOne(
    StorageZone,
    { warehouseId: warehouse.id, storageClass: product.storageClass, status: WarehouseStatus.ACTIVE, nonConforming: false, onHold: false },
    { orderBy: { code: 'asc' } },
  );
  if (!zone) throw new BadUserInputError({ field, message: `warehouse ${warehouse.code} has no open ${product.storageClass} zone for ${product.genericName} ${product.specification}` });
  return zone;
}

/** The zone for a product: the one named (right storage class, open) or the default one. */
export async function putAwayZone(ctx: RequestContext, warehouse: Warehouse, product: Product, zoneId: string | null | undefined, field: string): Promise<StorageZone> {
  return zoneId ? zoneFor(ctx, warehouse, zoneId, product, field) : defaultZone(ctx, warehouse, product, field);
}

/**
 * Puts an inspected purchase away: the accepted quantity of each lot goes into a zone of its
 * storage class as RECEIPT moves (the stock service's receipt, documented by this purchase and
 * the paper inbound slip number). Rejected quantities are never received.
 */
export async function putAwayPurchase(ctx: RequestContext, input: PutAwayPurchaseInput): Promise<PurchaseRequest> {
  const doc = await forVerb(ctx, input, 'putAway');
  const warehouse = await getActiveWarehouse(ctx, doc.warehouseId);
  const inspected = await ctx.em.find(PurchaseInspectionLine, { requestId: doc.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const zones = new Map<string, string | null | undefined>();
  for (const [i, line] of (input.lines ?? []).entries()) {
    if (!inspected.some((l) => l.id === line.inspectionLineId)) throw new BadUserInputError({ field: `lines.${i}.inspectionLineId`, message: 'is not an inspection line of this purchase' });
    zones.set(line.inspectionLineId, line.zoneId);
  }
  const accepted = inspected.filter((l) => l.acceptedQuantity > 0);
  for (const line of accepted) {
    const index = (input.lines ?? []).findIndex((l) => l.inspectionLineId === line.id);
    const zone = await putAwayZone(ctx, warehouse, await getProduct(ctx, line.productId), zones.get(line.id), index >= 0 ? `lines.${index}.zoneId` : 'lines');
    line.zoneId = zone.id;
  }
  if (accepted.length) {
    const receipt = await receiveStock(
      ctx,
      {
        warehouseId: warehouse.id,
        documentNo: input.inboundSlipNo.trim(),
        supplierId: doc.supplierId,
        note: `采购入库 ${doc.requestNo}`,
        lines: accepted.map((l) => ({ productId: l.productId, zoneId: l.zoneId!, lotNo: l.lotNo, manufactureDate: l.manufactureDate, expiryDate: l.expiryDate, quantity: l.acceptedQuantity })),
      },
      { type: 'PURCHASE', id: doc.id },
    );
    const lots = await ctx.em.find(Batch, { id: { $in: receipt.moves.map((m) => m.batchId) } });
    for (const line of accepted) line.batchId = lots.find((b) => b.productId === line.productId && b.lotNo === line.lotNo)?.id ?? null;
  }
  Object.assign(doc, { inboundSlipNo: input.inboundSlipNo.trim(), receivedAt: now(), receivedById: requireActor(ctx).id, status: S.RECEIVED });
  return transitioned(ctx, doc, 'putAway', S.INSPECTED);
}

// ---------------------------------------------------------------------------- reads

/** Purchase requests as plain rows: warehouse, supplier, lines and inspection lines (with product and zone) embedded. */
function purchaseReadSpec(ctx: RequestContext): ReadSpec<PurchaseRequest> {
  const line: ReadSpec<PurchaseRequestLine> = { entity: PurchaseRequestLine, always: ['id', 'franchiseId', 'requestId', 'productId'], embeds: { product: productEmbed(ctx, 'product_id') } };
  const inspection: ReadSpec<PurchaseInspectionLine> = {
    entity: PurchaseInspectionLine,
    always: ['id', 'franchiseId', 'requestId', 'requestLineId', 'productId', 'zoneId'],
    embeds: { product: productEmbed(ctx, 'product_id'), zone: zoneEmbed('zone_id') },
  };
  return {
    entity: PurchaseRequest,
    always: ['id', 'franchiseId', 'warehouseId', 'supplierId', 'requestedById'],
    needs: PEOPLE_NEEDS,
    embeds: {
      warehouse: warehouseEmbed('warehouse_id'),
      supplier: supplierEmbed('supplier_id'),
      lines: embedChildren(line, 'purchase_request_line', 'request_id', (a) => `${a}.line_no`),
      // As inspectionLinesOf: in the order of their request lines, then by lot number.
      inspectionLines: embedChildren(inspection, 'purchase_inspection_line', 'request_id', (a) => `(select rl.line_no from purchase_request_line rl where rl.id = ${a}.request_line_id), ${a}.lot_no`),
    },
  };
}

export async function listPurchaseRequests(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, purchaseReadSpec(ctx), args, selection, {
    where: (await warehouseScopeCondition(ctx)) as FilterQuery<PurchaseRequest>,
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }],
  });
}

export async function findPurchaseRequest(ctx: RequestContext, id: string): Promise<PurchaseRequest | null> {
  const doc = await ctx.em.findOne(PurchaseRequest, { id });
  return doc && (await visible(ctx, doc)) ? doc : null;
}

export function purchaseLinesOf(ctx: RequestContext, requestIds: readonly string[]) {
  return ctx.em.find(PurchaseRequestLine, { requestId: { $in: [...requestIds] } }, { orderBy: { lineNo: 'asc' } });
}

/** Inspection lines in the order of their request lines, then by lot number (one inspection writes them all at one instant). */
export async function inspectionLinesOf(ctx: RequestContext, requestIds: readonly string[]) {
  const [lines, requestLines] = await Promise.all([
    ctx.em.find(PurchaseInspectionLine, { requestId: { $in: [...requestIds] } }),
    ctx.em.find(PurchaseRequestLine, { requestId: { $in: [...requestIds] } }, { fields: ['id', 'lineNo'] }),
  ]);
  const lineNo = new Map(requestLines.map((l) => [l.id, l.lineNo]));
  return lines.sort((a, b) => (lineNo.get(a.requestLineId) ?? 0) - (lineNo.get(b.requestLineId) ?? 0) || a.lotNo.localeCompare(b.lotNo));
}

/**
 * Suggested purchase quantities for a warehouse, one statement: per product, the units issued
 * (orders and transfers out) over the last three months, stock on hand and available (usable
 * lots in usable zones), what is already on order, and branch requisitions waiting to be picked.
 * Suggested = expected issues over `coverDays` + open demand − available − on order, at least 0.
 */
export async function purchaseSuggestions(ctx: RequestContext, input: { warehouseId: string; coverDays?: number | null; productIds?: readonly string[] | null }): Promise<PurchaseSuggestion[]> {
  const warehouse = await getActiveWarehouse(ctx, input.warehouseId);
  const coverDays = input.coverDays ?? 30;
  if (!Number.isInteger(coverDays) || coverDays < 1 || coverDays > 365) throw new BadUserInputError({ field: 'coverDays', message: 'must be a whole number of days from 1 to 365' });
  const at = now();
  const since = new Date(at);
  since.setUTCMonth(since.getUTCMonth() - 3);
  const windowDays = (at.getTime() - since.getTime()) / 86_400_000;
  const today = localDate(at, warehouse.timeZone);
  const products = input.productIds?.length ? JSON.stringify([...new Set(input.productIds)]) : null;
  const rows = await ctx.em.execute<{ product_id: string; issued: number; on_hand: number; available: number; on_order: number; open_demand: number }[]>(
    `with wanted as (select (jsonb_array_elements_text(?::jsonb))::uuid as product_id),
     issued as (
       select m.product_id, sum(-m.quantity)::int as issued from stock_move m
        where m.warehouse_id = ? and m.kind in ('ISSUE', 'TRANSFER_OUT') and m.occurred_at >= ? and m.occurred_at <= ?
          and (? is null or m.product_id in (select product_id from wanted))
        group by m.product_id),
     stock as (
       select b.product_id, sum(b.on_hand)::int as on_hand,
              coalesce(sum(b.on_hand - b.reserved) filter (where bt.status = 'AVAILABLE' and b.expiry_date >= ?::date and not z.on_hold and not z.non_conforming), 0)::int as available
         from stock_balance b join batch bt on bt.id = b.batch_id join storage_zone z on z.id = b.zone_id
        where b.warehouse_id = ? and b.on_hand > 0 and (? is null or b.product_id in (select product_id from wanted))
        group by b.product_id),
     on_order as (
       select l.product_id, sum(l.quantity)::int as qty from purchase_request_line l join purchase_request r on r.id = l.request_id
        where r.warehouse_id = ? and r.status in (${ON_ORDER_STATUSES.map(() => '?').join(', ')}) and (? is null or l.product_id in (select product_id from wanted))
        group by l.product_id),
     demand as (
       select l.product_id, sum(l.quantity)::int as qty from stock_requisition_line l join stock_requisition r on r.id = l.requisition_id
        where r.from_warehouse_id = ? and r.leg <> 'INBOUND' and r.status in ('SUBMITTED', 'APPROVED') and (? is null or l.product_id in (select product_id from wanted))
        group by l.product_id),
     ids as (select product_id from wanted union select product_id from issued union select product_id from stock union select product_id from on_order union select product_id from demand)
     select ids.product_id, coalesce(i.issued, 0) as issued, coalesce(s.on_hand, 0) as on_hand, coalesce(s.available, 0) as available,
            coalesce(o.qty, 0) as on_order, coalesce(d.qty, 0) as open_demand
       from ids left join issued i using (product_id) left join stock s using (product_id) left join on_order o using (product_id) left join demand d using (product_id)
      limit 500`,
    [products ?? '[]', warehouse.id, since, at, products, today, warehouse.id, products, warehouse.id, ...ON_ORDER_STATUSES, products, warehouse.id, products],
  );
  return rows
    .map((r) => {
      const issued = Number(r.issued);
      const expected = Math.ceil((issued / windowDays) * coverDays);
      return {
        productId: r.product_id,
        issuedLastThreeMonths: issued,
        averageMonthlyIssue: Math.round((issued / 3) * 10) / 10,
        onHand: Number(r.on_hand),
        available: Number(r.available),
        onOrder: Number(r.on_order),
        openDemand: Number(r.open_demand),
        suggestedQuantity: Math.max(0, expected + Number(r.open_demand) - Number(r.available) - Number(r.on_order)),
      };
    })
    .sort((a, b) => b.suggestedQuantity - a.suggestedQuantity || b.issuedLastThreeMonths - a.issuedLastThreeMonths || a.productId.localeCompare(b.productId));
}
