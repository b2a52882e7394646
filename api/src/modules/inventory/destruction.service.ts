import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedChildren, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { StaffStatus } from '../identity/staff-user.entity';
import { listStaff } from '../identity/staff.queries';
import { findStaff } from '../identity/staff.service';
import { productEmbed } from './catalog.queries';
import { getProduct } from './catalog.service';
import { lockForVerb, nextDocumentNo, PEOPLE_NEEDS, requireOtherPerson, requirePerson, type Transitions } from './documents.common';
import { DestructionStatus, StockDestruction, StockDestructionLine } from './documents.entity';
import type { DestroyStockInput, DocumentCancelInput, DocumentDecisionInput, DocumentVersionInput, RequestDestructionInput } from './documents.types';
import { localDate, now } from './inventory.time';
import { StockBalance, StockMoveKind } from './stock.entity';
import { InsufficientStockError, postMoves, warehouseScopeCondition } from './stock.service';
import { BatchStatus } from './warehouse.entity';
import { batchEmbed, warehouseEmbed, zoneEmbed } from './warehouse.queries';
import { effectiveBatchStatus, findWarehouse, getActiveWarehouse, getBatch, getWarehouse, getZone } from './warehouse.service';

const D = DestructionStatus;
const DESTRUCTION: Transitions<DestructionStatus> = {
  approve: [D.REQUESTED],
  reject: [D.REQUESTED],
  destroy: [D.APPROVED],
  cancel: [D.REQUESTED, D.APPROVED],
};

export const DESTRUCTION_DOCUMENT = 'DESTRUCTION';
/** Lots that may be destroyed wherever they lie; any lot may be destroyed from the non-conforming area. */
const DESTROYABLE: readonly BatchStatus[] = [BatchStatus.EXPIRED, BatchStatus.DAMAGED, BatchStatus.RECALLED];

const visible = async (ctx: RequestContext, doc: StockDestruction) => !!(await findWarehouse(ctx, doc.warehouseId));

function forVerb(ctx: RequestContext, input: DocumentVersionInput, verb: string): Promise<StockDestruction> {
  return lockForVerb(ctx, StockDestruction, 'Destruction', input, DESTRUCTION, verb, (doc) => visible(ctx, doc));
}

async function transitioned(ctx: RequestContext, doc: StockDestruction, action: string, from: string): Promise<StockDestruction> {
  await ctx.em.flush();
  await publishEvent(ctx, 'destruction.transitioned', doc.franchiseId, { destructionId: doc.id, destructionNo: doc.destructionNo, warehouseId: doc.warehouseId, action, from, to: doc.status });
  return doc;
}

/**
 * Asks to destroy expired, damaged or recalled goods (or anything in the non-conforming area) of
 * one warehouse: each line a lot in a zone, no more than is there and not reserved.
 */
export async function requestDestruction(ctx: RequestContext, input: RequestDestructionInput): Promise<StockDestruction> {
  const actor = requireActor(ctx);
  const warehouse = await getActiveWarehouse(ctx, input.warehouseId);
  const today = localDate(now(), warehouse.timeZone);
  const places = new Set<string>();
  const lines: Omit<StockDestructionLine, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'destructionId'>[] = [];
  for (const [i, line] of input.lines.entries()) {
    const at = `lines.${i}`;
    const zone = await getZone(ctx, line.zoneId);
    if (zone.warehouseId !== warehouse.id) throw new BadUserInputError({ field: `${at}.zoneId`, message: `zone ${zone.code} is not in warehouse ${warehouse.code}` });
    const batch = await getBatch(ctx, line.batchId, 'Lot');
    if (batch.franchiseId !== warehouse.franchiseId) throw new NotFoundError('Lot', line.batchId);
    const status = effectiveBatchStatus(batch, today);
    if (!zone.nonConforming && !DESTROYABLE.includes(status))
      throw new BadUserInputError({ field: `${at}.batchId`, message: `lot ${batch.lotNo} is ${status} (expires ${batch.expiryDate}); only expired, damaged or recalled goods, or goods in the non-conforming area, are destroyed` });
    const key = `${zone.id}|${batch.id}`;
    if (places.has(key)) throw new BadUserInputError({ field: `${at}.batchId`, message: `lot ${batch.lotNo} in zone ${zone.code} is on another line already` });
    places.add(key);
    const balance = await ctx.em.findOne(StockBalance, { warehouseId: warehouse.id, zoneId: zone.id, batchId: batch.id });
    const free = balance ? balance.onHand - balance.reserved : 0;
    if (line.quantity > free) throw new InsufficientStockError(await getProduct(ctx, batch.productId), warehouse, line.quantity, free);
    lines.push({ franchiseId: warehouse.franchiseId, zoneId: zone.id, productId: batch.productId, batchId: batch.id, quantity: line.quantity });
  }
  const doc = ctx.em.create(StockDestruction, {
    franchiseId: warehouse.franchiseId,
    destructionNo: await nextDocumentNo(ctx, warehouse, 'XH'),
    warehouseId: warehouse.id,
    reason: input.reason.trim(),
    requestedById: actor.id,
  });
  for (const line of lines) ctx.em.create(StockDestructionLine, { ...line, destructionId: doc.id });
  return transitioned(ctx, doc, 'create', '');
}

export async function decideDestruction(ctx: RequestContext, input: DocumentDecisionInput, approve: boolean): Promise<StockDestruction> {
  const verb = approve ? 'approve' : 'reject';
  const doc = await forVerb(ctx, input, verb);
  if (!approve && !input.note?.trim()) throw new BadUserInputError({ field: 'note', message: 'say why the destruction is rejected' });
  doc.decidedById = requireOtherPerson(ctx, doc.requestedById, `Destruction ${doc.destructionNo}`);
  doc.decidedAt = now();
  doc.decisionNote = input.note?.trim() || null;
  doc.status = approve ? D.APPROVED : D.REJECTED;
  return transitioned(ctx, doc, verb, D.REQUESTED);
}

/**
 * Records the destruction, done before a witness (a second person of the franchise) by a stated
 * method: the goods leave the warehouse as DESTRUCTION moves; who, when, how and the witness stay on record.
 */
export async function destroyStock(ctx: RequestContext, input: DestroyStockInput): Promise<StockDestruction> {
  const doc = await forVerb(ctx, input, 'destroy');
  const destroyer = requirePerson(ctx, 'A destruction');
  if (input.witnessId === destroyer) throw new BadUserInputError({ field: 'witnessId', message: 'the witness must be a second person, not the one who destroys', reason: 'SAME_PERSON' });
  const witness = await findStaff(ctx, input.witnessId);
  if (!witness || witness.franchiseId !== doc.franchiseId) throw new NotFoundError('Witness', input.witnessId);
  const lines = await ctx.em.find(StockDestructionLine, { destructionId: doc.id });
  const method = input.method.trim();
  await postMoves(
    ctx,
    doc.franchiseId,
    await Promise.all(
      lines.map(async (l) => ({
        warehouseId: doc.warehouseId,
        zoneId: l.zoneId,
        productId: l.productId,
        batchId: l.batchId,
        expiryDate: (await getBatch(ctx, l.batchId)).expiryDate,
        kind: StockMoveKind.DESTRUCTION,
        quantity: -l.quantity,
        reason: `销毁（${method}）: ${doc.reason}`,
        documentType: DESTRUCTION_DOCUMENT,
        documentId: doc.id,
        documentNo: doc.destructionNo,
      })),
    ),
  );
  Object.assign(doc, { status: D.DESTROYED, method, witnessId: witness.id, destroyedById: destroyer, destroyedAt: now(), destructionNote: input.note?.trim() || null });
  return transitioned(ctx, doc, 'destroy', D.APPROVED);
}

export async function cancelDestruction(ctx: RequestContext, input: DocumentCancelInput): Promise<StockDestruction> {
  const doc = await forVerb(ctx, input, 'cancel');
  const from = doc.status;
  Object.assign(doc, { status: D.CANCELLED, decisionNote: input.reason.trim() });
  return transitioned(ctx, doc, 'cancel', from);
}

// ---------------------------------------------------------------------------- reads

/** Destructions as plain rows: the warehouse and the lines (with product, lot and zone) embedded. */
function destructionReadSpec(ctx: RequestContext): ReadSpec<StockDestruction> {
  const line: ReadSpec<StockDestructionLine> = {
    entity: StockDestructionLine,
    always: ['id', 'franchiseId', 'destructionId', 'productId', 'batchId', 'zoneId'],
    embeds: { product: productEmbed(ctx, 'product_id'), batch: batchEmbed(ctx, 'batch_id'), zone: zoneEmbed('zone_id') },
  };
  return {
    entity: StockDestruction,
    always: ['id', 'franchiseId', 'warehouseId', 'requestedById', 'witnessId'],
    needs: PEOPLE_NEEDS,
    embeds: { warehouse: warehouseEmbed('warehouse_id'), lines: embedChildren(line, 'stock_destruction_line', 'destruction_id', (a) => `${a}.created_at, ${a}.id`) },
  };
}

export async function listDestructions(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, destructionReadSpec(ctx), args, selection, {
    where: (await warehouseScopeCondition(ctx)) as FilterQuery<StockDestruction>,
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }],
  });
}

export async function findDestruction(ctx: RequestContext, id: string): Promise<StockDestruction | null> {
  const doc = await ctx.em.findOne(StockDestruction, { id });
  return doc && (await visible(ctx, doc)) ? doc : null;
}

export function destructionLinesOf(ctx: RequestContext, ids: readonly string[]) {
  return ctx.em.find(StockDestructionLine, { destructionId: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** Who may witness a destruction at a warehouse: active staff of its franchise in the caller's reach, other than the caller, by name. */
export async function witnessCandidates(ctx: RequestContext, warehouseId: string, selection: Selection | null = null) {
  const warehouse = await getWarehouse(ctx, warehouseId);
  const me = requirePerson(ctx, 'Choosing a witness');
  const page = await listStaff(ctx, { filter: { franchiseId: { eq: warehouse.franchiseId }, status: { eq: StaffStatus.ACTIVE }, id: { neq: me } }, paging: { limit: 200, offset: 0 } }, selection);
  return page.nodes;
}
