import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { ConflictError, NotFoundError } from '../../core/errors';
import { defineExtensionPoint } from '../../core/modules/module';
import { getProduct } from './catalog.service';
import { now } from './inventory.time';
import { BatchRecall, RecallStatus } from './recall.entity';

/** Who received a recalled lot: one row per document (an order) that took it out of a warehouse. */
export interface RecallRecipientRow {
  franchiseId: string;
  warehouseId: string;
  documentType: string | null;
  documentId: string | null;
  documentNo: string | null;
  quantity: number;
  issuedAt: Date;
  /** The customer the document belongs to, from the module that owns the document (orders). */
  customerId: string | null;
}

/**
 * How a module that issues stock against its documents names their customers (the orders
 * module contributes one for ORDER): documents of its type in, customer ids by document id out.
 */
export interface RecallCustomerResolver {
  documentType: string;
  customers(ctx: RequestContext, documentIds: readonly string[]): Promise<Map<string, string>>;
}

export const recallCustomerResolvers = defineExtensionPoint<RecallCustomerResolver>('inventory.recall-customers');

/**
 * Recalls a lot: every lot of the product with that number the caller reaches (HQ: in every
 * franchise; a franchise: its own) becomes RECALLED in one statement, so from this commit on no
 * reservation, pick or issue takes it (reservations lock lots they read, so one in flight finishes
 * first and the next sees the recall). Lots received later under the same number arrive RECALLED.
 */
export async function recallBatch(ctx: RequestContext, input: { productId: string; lotNo: string; reason: string }): Promise<BatchRecall> {
  const actor = requireActor(ctx);
  const product = await getProduct(ctx, input.productId);
  const lotNo = input.lotNo.trim();
  const franchiseId = actor.isHq ? null : actor.franchiseId;
  const open = await ctx.em.findOne(BatchRecall, { productId: product.id, lotNo, status: RecallStatus.OPEN, franchiseId });
  if (open) throw new ConflictError(`Lot ${lotNo} of ${product.genericName} is already under recall (since ${open.createdAt.toISOString()})`, { recallId: open.id });
  const reason = input.reason.trim();
  const blocked = await ctx.em.execute<{ id: string }[]>(
    `update batch set status = 'RECALLED', status_reason = ?, version = version + 1, updated_at = ?
      where product_id = ? and lot_no = ? and status <> 'RECALLED' ${franchiseId ? 'and franchise_id = ?' : ''}
     returning id`,
    [`召回: ${reason}`, now(), product.id, lotNo, ...(franchiseId ? [franchiseId] : [])],
  );
  const recall = ctx.em.create(BatchRecall, { franchiseId, productId: product.id, lotNo, reason, lotsBlocked: blocked.length, recalledById: actor.kind === 'user' ? actor.id : null });
  await ctx.em.flush();
  return recall;
}

/** An open recall (HQ's or the franchise's own) of this lot number, if any. */
export function openRecallOf(ctx: RequestContext, productId: string, lotNo: string) {
  return ctx.em.findOne(BatchRecall, { productId, lotNo, status: RecallStatus.OPEN });
}

export async function getRecall(ctx: RequestContext, id: string): Promise<BatchRecall> {
  const recall = await ctx.em.findOne(BatchRecall, { id });
  if (!recall) throw new NotFoundError('Recall', id);
  return recall;
}

/**
 * Everyone who received the recalled lot, as far as the caller may see: the documents that
 * issued it (newest first), with their customer where the owning module names one.
 */
export async function recallRecipients(ctx: RequestContext, recallId: string): Promise<RecallRecipientRow[]> {
  const recall = await getRecall(ctx, recallId);
  const rows = await ctx.em.execute<{ franchise_id: string; warehouse_id: string; document_type: string | null; document_id: string | null; document_no: string | null; quantity: number; issued_at: Date }[]>(
    `select m.franchise_id, m.warehouse_id, m.document_type, m.document_id, max(m.document_no) as document_no,
            sum(-m.quantity)::int as quantity, max(m.occurred_at) as issued_at
       from stock_move m join batch b on b.id = m.batch_id
      where b.product_id = ? and b.lot_no = ? and m.kind = 'ISSUE' ${recall.franchiseId ? 'and m.franchise_id = ?' : ''}
      group by m.franchise_id, m.warehouse_id, m.document_type, m.document_id
      order by issued_at desc`,
    [recall.productId, recall.lotNo, ...(recall.franchiseId ? [recall.franchiseId] : [])],
  );
  const customers = new Map<string, string>();
  for (const resolver of recallCustomerResolvers.all()) {
    const ids = rows.filter((r) => r.document_type === resolver.documentType && r.document_id).map((r) => r.document_id!);
    if (ids.length) for (const [doc, customer] of await resolver.customers(ctx, ids)) customers.set(doc, customer);
  }
  return rows.map((r) => ({
    franchiseId: r.franchise_id,
    warehouseId: r.warehouse_id,
    documentType: r.document_type,
    documentId: r.document_id,
    documentNo: r.document_no,
    quantity: Number(r.quantity),
    issuedAt: new Date(r.issued_at),
    customerId: r.document_id ? (customers.get(r.document_id) ?? null) : null,
  }));
}
