import type { FilterQuery } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { labelStates } from '../../core/plugins/workflows';
import { embedById, embedChildren, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { customerEmbed } from '../customers/customer.queries';
import { productEmbed } from '../inventory/catalog.queries';
import { orderReadSpec } from '../orders/order.queries';
import { orgUnitEmbed } from '../org/org.queries';
import { orgScopeSql, orgUnitScopeCondition } from '../org/org.service';
import { ReturnEvent, ReturnLine, ReturnRequest } from './return.entity';
import { readRows } from '../../core/read/sql';

/**
 * The returns read path: the queue and a return by id as plain rows with the columns the
 * request selects; the order, customer, store, lines (with their products) and the timeline
 * embedded in the page's one statement; state labels computed for the whole page.
 */

function lineReadSpec(ctx: RequestContext): ReadSpec<ReturnLine> {
  return { entity: ReturnLine, always: ['id', 'franchiseId', 'returnId', 'orderLineId', 'productId', 'batchId', 'zoneId'], embeds: { product: productEmbed(ctx, 'product_id') } };
}
const EVENT_READ: ReadSpec<ReturnEvent> = { entity: ReturnEvent, always: ['id', 'returnId', 'actorId'] };

export function returnReadSpec(ctx: RequestContext): ReadSpec<ReturnRequest> {
  return {
    entity: ReturnRequest,
    always: ['id', 'franchiseId', 'workflow', 'state', 'orderId', 'customerId', 'orgUnitId', 'warehouseId', 'caseId', 'replacementOrderId'],
    // Workflow guards may read any field of the return.
    needs: { allowedActions: '*' },
    embeds: {
      order: embedById(orderReadSpec(ctx), 'sales_order', 'order_id', (a) => orgScopeSql(ctx, `${a}.org_unit_id`) ?? 'true'),
      customer: customerEmbed(ctx, 'customer_id'),
      orgUnit: orgUnitEmbed(ctx, 'org_unit_id'),
      lines: embedChildren(lineReadSpec(ctx), 'sales_return_line', 'return_id', (l) => `${l}.line_no, ${l}.created_at, ${l}.id`),
      events: embedChildren(EVENT_READ, 'sales_return_event', 'return_id', (e) => `${e}.occurred_at, ${e}.id`),
    },
  };
}

/** `returns(filter, sorting, paging)`: the caller's part of the org tree; the default order is the queue's: the most urgent clock first, then the newest. */
export async function listReturns(ctx: RequestContext, args: ListArgs, where: FilterQuery<ReturnRequest> = {}, selection: Selection | null = null) {
  const scope = await orgUnitScopeCondition(ctx);
  return readPage(ctx.em, returnReadSpec(ctx), args, selection, {
    where: { ...scope, ...(where as object) } as FilterQuery<ReturnRequest>,
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }, { field: 'returnNo', direction: SortDirection.DESC }],
    complete: !selection || selection.has('stateLabel') ? (rows) => labelStates(ctx.em, rows) : undefined,
  });
}

/** `return(id)`: one return with what the request selects (lines, inspection, refund, timeline) in one statement; null when not visible. */
export async function readReturn(ctx: RequestContext, id: string, selection: Selection | null = null): Promise<ReturnRequest | null> {
  const page = await listReturns(ctx, { paging: { limit: 1, offset: 0 } }, { id }, selection);
  return (page.nodes[0] as ReturnRequest | undefined) ?? null;
}

function grouped<T extends object>(ctx: RequestContext, entity: new () => T, key: keyof T & string, orderBy: Record<string, 'asc'>) {
  return ctx.loaders.get(`returns:${entity.name}.${key}`, () =>
    new DataLoader<string, T[]>(async (ids) => {
      const rows = await ctx.em.find(entity, { [key]: { $in: [...ids] } } as never, { orderBy: orderBy as never });
      const by = new Map<string, T[]>();
      for (const row of rows) by.set(row[key] as string, [...(by.get(row[key] as string) ?? []), row]);
      return ids.map((id) => by.get(id) ?? []);
    }),
  );
}

/** For returns that did not come from a page (a mutation's result, a live event). */
export const returnLinesLoader = (ctx: RequestContext) => grouped(ctx, ReturnLine, 'returnId', { lineNo: 'asc', createdAt: 'asc' });
export const returnEventsLoader = (ctx: RequestContext) => grouped(ctx, ReturnEvent, 'returnId', { occurredAt: 'asc', id: 'asc' });

/** `Order.returns`: the returns of every order of the page in one statement, oldest first. */
export const returnsOfOrderLoader = (ctx: RequestContext) => grouped(ctx, ReturnRequest, 'orderId', { createdAt: 'asc' });

/** The store of each return, for the reports module (plain rows, one statement). */
export function returnReportRows(ctx: RequestContext, ids: readonly string[]) {
  return readRows<{ id: string; org_unit_id: string }>(ctx.em, `select r.id, r.org_unit_id from sales_return r where r.id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
}
