import DataLoader from 'dataloader';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, NotFoundError } from '../../core/errors';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { checkVersion } from '../../core/services/updates';
import { CaseChannel, CasePriority, CaseType } from '../cases/case.entity';
import { createCase } from '../cases/case.service';
import { Customer } from '../customers/customer.entity';
import { getProduct } from './catalog.service';
import { now } from './inventory.time';
import { RecallContact, RecallContactStatus, type BatchRecall } from './recall.entity';
import { getRecall, recallCustomerResolvers, recallRecipients } from './recall.service';
import { warehouseScopeCondition } from './stock.service';
import { findWarehouse } from './warehouse.service';
import { PEOPLE_NEEDS } from './documents.common';

/**
 * Recall outreach: in one action, a contact for every document that received the recalled
 * lot (and a case for each customer known, to call them), then outcomes per contact; the
 * recall's progress counts them.
 */

/** Stock issued straight to a customer (documentType CUSTOMER, the document is the customer): its recipient is that customer. */
export const directIssueCustomers = recallCustomerResolvers.contribute({
  documentType: 'CUSTOMER',
  async customers(ctx, documentIds) {
    const found = await ctx.em.find(Customer, { id: { $in: [...documentIds] } }, { fields: ['id'] });
    return new Map(found.map((c) => [c.id, c.id]));
  },
});

export interface OutreachResult {
  recall: BatchRecall;
  contactsCreated: number;
  casesOpened: number;
}

/**
 * Creates the outreach for a recall in one action (again later: only recipients new since):
 * a contact per document that issued the lot in the caller's reach, and, with `openCases`,
 * a HIGH case per customer known (an after-sales case to call them about the recall).
 */
export async function startOutreach(ctx: RequestContext, input: { recallId: string; openCases?: boolean | null }): Promise<OutreachResult> {
  requireActor(ctx);
  const recall = await getRecall(ctx, input.recallId);
  const product = await getProduct(ctx, recall.productId);
  const recipients = (await recallRecipients(ctx, recall.id)).filter((r) => r.documentId && r.documentType);
  const existing = new Set((await ctx.em.find(RecallContact, { recallId: recall.id }, { fields: ['franchiseId', 'documentType', 'documentId'] })).map((c) => `${c.franchiseId}|${c.documentType}|${c.documentId}`));
  let contactsCreated = 0;
  let casesOpened = 0;
  for (const r of recipients) {
    if (existing.has(`${r.franchiseId}|${r.documentType}|${r.documentId}`)) continue;
    // Only staff who see the warehouse reach its recipients.
    const warehouse = await findWarehouse(ctx, r.warehouseId);
    if (!warehouse) continue;
    const contact = ctx.em.create(RecallContact, {
      franchiseId: r.franchiseId,
      recallId: recall.id,
      warehouseId: r.warehouseId,
      documentType: r.documentType!,
      documentId: r.documentId!,
      documentNo: r.documentNo,
      customerId: r.customerId,
      quantity: r.quantity,
    });
    contactsCreated++;
    if (r.customerId && input.openCases !== false) {
      const subject = `召回通知：${product.genericName} ${product.specification} 批号 ${recall.lotNo}`;
      const c = await createCase(ctx, {
        type: CaseType.AFTER_SALES,
        channel: CaseChannel.PHONE,
        customerId: r.customerId,
        orgUnitId: warehouse.orgUnitId,
        priority: CasePriority.HIGH,
        subject,
        description: `${subject}（${recall.reason}）。客户收到该批号 ${r.quantity}${product.unit}${r.documentNo ? `（单号 ${r.documentNo}）` : ''}。请联系客户停止使用并安排退回，在召回进度中记录结果。`,
        productRef: product.approvalNumber ?? product.id.slice(0, 8),
        batchRef: recall.lotNo,
        orderRef: r.documentNo ?? null,
        tags: ['recall'],
      });
      contact.caseId = c.id;
      casesOpened++;
    }
  }
  await ctx.em.flush();
  return { recall, contactsCreated, casesOpened };
}

/** The contact, or NOT_FOUND when another franchise's or outside the caller's warehouses. */
export async function getContact(ctx: RequestContext, id: string): Promise<RecallContact> {
  const contact = await ctx.em.findOne(RecallContact, { id });
  if (!contact || !(await findWarehouse(ctx, contact.warehouseId))) throw new NotFoundError('Recall contact', id);
  return contact;
}

/** Records what came of reaching a recipient: contacted, the goods returned (how many), or unreachable. */
export async function recordOutcome(
  ctx: RequestContext,
  input: { id: string; version: number; status: RecallContactStatus; note?: string | null; returnedQuantity?: number | null },
): Promise<RecallContact> {
  const actor = requireActor(ctx);
  const contact = await getContact(ctx, input.id);
  checkVersion(contact, input.version, 'Recall contact');
  if (input.status === RecallContactStatus.PENDING) throw new BadUserInputError({ field: 'status', message: 'record CONTACTED, RETURNED or UNREACHABLE' });
  if (contact.status === RecallContactStatus.RETURNED) throw new ConflictError('The goods already came back; this contact is done', { status: contact.status });
  if (input.status === RecallContactStatus.RETURNED) {
    const q = input.returnedQuantity ?? contact.quantity;
    if (!Number.isInteger(q) || q < 1 || q > contact.quantity) throw new BadUserInputError({ field: 'returnedQuantity', message: `must be a whole number from 1 to ${contact.quantity} (what the document took)` });
    contact.returnedQuantity = q;
  } else if (input.returnedQuantity != null) throw new BadUserInputError({ field: 'returnedQuantity', message: 'only with status RETURNED' });
  if (input.status === RecallContactStatus.UNREACHABLE && !input.note?.trim()) throw new BadUserInputError({ field: 'note', message: 'say how you tried to reach them' });
  contact.status = input.status;
  contact.outcomeNote = input.note?.trim() || contact.outcomeNote || null;
  contact.contactedAt = now();
  contact.contactedById = actor.kind === 'user' ? actor.id : null;
  await ctx.em.flush();
  return contact;
}

const CONTACT_READ: ReadSpec<RecallContact> = { entity: RecallContact, always: ['id', 'franchiseId', 'recallId', 'warehouseId', 'customerId', 'caseId'], needs: PEOPLE_NEEDS };

/** A recall's contacts in the caller's reach (NOT_FOUND when the recall is not visible). */
export async function listContacts(ctx: RequestContext, recallId: string, args: ListArgs, selection: Selection | null = null) {
  await getRecall(ctx, recallId);
  const scope = await warehouseScopeCondition(ctx);
  return readPage(ctx.em, CONTACT_READ, args, selection, { where: { recallId, ...scope } as FilterQuery<RecallContact>, defaultSort: [{ field: 'createdAt', direction: SortDirection.ASC }] });
}

export interface RecallProgressCounts {
  recipients: number;
  pending: number;
  contacted: number;
  returned: number;
  unreachable: number;
  returnedQuantity: number;
}

/** Per recall: its contacts by outcome (what the caller may see of them), one statement per page of recalls. */
export const recallProgressLoader = (ctx: RequestContext) =>
  ctx.loaders.get(recallProgressLoader, () =>
    new DataLoader<string, RecallProgressCounts>(async (ids) => {
      const rows = await ctx.em.execute<{ recall_id: string; status: RecallContactStatus; n: number; returned: number }[]>(
        `select recall_id, status, count(*)::int as n, coalesce(sum(returned_quantity), 0)::int as returned from recall_contact
          where recall_id in (select (jsonb_array_elements_text(?::jsonb))::uuid) group by 1, 2`,
        [JSON.stringify(ids)],
      );
      return ids.map((id) => {
        const mine = rows.filter((r) => r.recall_id === id);
        const of = (s: RecallContactStatus) => mine.find((r) => r.status === s)?.n ?? 0;
        return {
          recipients: mine.reduce((sum, r) => sum + r.n, 0),
          pending: of(RecallContactStatus.PENDING),
          contacted: of(RecallContactStatus.CONTACTED),
          returned: of(RecallContactStatus.RETURNED),
          unreachable: of(RecallContactStatus.UNREACHABLE),
          returnedQuantity: mine.reduce((sum, r) => sum + r.returned, 0),
        };
      });
    }),
  );

