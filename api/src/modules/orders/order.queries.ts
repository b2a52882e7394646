import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { labelStates } from '../../core/plugins/workflows';
import { jsonOf, readPage, type Embed, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { customerEmbed } from '../customers/customer.queries';
import { orgUnitEmbed } from '../org/org.queries';
import { orgUnitScopeCondition } from '../org/org.service';
import { Order, OrderError, OrderEvent, OrderLine, OrderPick, OrderTrackingEvent } from './order.entity';
import { readRows } from '../../core/read/sql';

/**
 * The orders read path: pages and the order by id as plain rows with the columns the request
 * selects; customer, store, lines (with their picked lots) and the timeline embedded in the
 * page's one statement; state labels computed for the whole page.
 */

/** Rows of a child table of the order as one JSON array (`order by` on the child's alias). */
function childRows<T>(spec: ReadSpec<T>, table: string, parentColumn: string, orderBy: (alias: string) => string): Embed {
  return {
    spec,
    sql: (a, selection, em) => {
      const alias = `${a}_${table.split('_').pop()!.slice(0, 2)}`;
      return `(select coalesce(json_agg(${jsonOf(em, spec, alias, selection)} order by ${orderBy(alias)}), '[]'::json) from "${table}" ${alias} where ${alias}."${parentColumn}" = ${a}.id)`;
    },
  };
}

const PICK_READ: ReadSpec<OrderPick> = { entity: OrderPick, always: ['id', 'lineId', 'batchId', 'zoneId'] };
const LINE_READ: ReadSpec<OrderLine> = {
  entity: OrderLine,
  always: ['id', 'franchiseId', 'orderId', 'productId'],
  embeds: { picks: childRows(PICK_READ, 'sales_order_pick', 'line_id', (p) => `${p}.expiry_date, ${p}.id`) },
};
const EVENT_READ: ReadSpec<OrderEvent> = { entity: OrderEvent, always: ['id', 'orderId', 'actorId'] };
const TRACKING_READ: ReadSpec<OrderTrackingEvent> = { entity: OrderTrackingEvent, always: ['id', 'orderId'] };
const ERROR_READ: ReadSpec<OrderError> = { entity: OrderError, always: ['id', 'orderId', 'agentId', 'recordedById', 'withdrawnById'] };

export function orderReadSpec(ctx: RequestContext): ReadSpec<Order> {
  return {
    entity: Order,
    always: ['id', 'franchiseId', 'workflow', 'state', 'customerId', 'orgUnitId', 'warehouseId'],
    // Workflow guards may read any field of the order.
    needs: { allowedActions: '*' },
    embeds: {
      customer: customerEmbed(ctx, 'customer_id'),
      orgUnit: orgUnitEmbed(ctx, 'org_unit_id'),
      lines: childRows(LINE_READ, 'sales_order_line', 'order_id', (l) => `${l}.line_no`),
      events: childRows(EVENT_READ, 'sales_order_event', 'order_id', (e) => `${e}.occurred_at, ${e}.id`),
      trackingEvents: childRows(TRACKING_READ, 'sales_order_tracking_event', 'order_id', (t) => `${t}.occurred_at, ${t}.id`),
      errors: childRows(ERROR_READ, 'sales_order_error', 'order_id', (e) => `${e}.recorded_at, ${e}.id`),
    },
  };
}

/** `orders(filter, sorting, paging)`: the caller's part of the org tree, newest first by default. */
export async function listOrders(ctx: RequestContext, args: ListArgs, where: FilterQuery<Order> = {}, selection: Selection | null = null) {
  const scope = await orgUnitScopeCondition(ctx);
  return readPage(ctx.em, orderReadSpec(ctx), args, selection, {
    where: { ...scope, ...(where as object) } as FilterQuery<Order>,
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }, { field: 'orderNo', direction: SortDirection.DESC }],
    complete: !selection || selection.has('stateLabel') ? (rows) => labelStates(ctx.em, rows) : undefined,
  });
}

/** `order(id)`: one order with what the request selects (lines, picked lots, timeline) in one statement; null when not visible. */
export async function readOrder(ctx: RequestContext, id: string, selection: Selection | null = null): Promise<Order | null> {
  const page = await listOrders(ctx, { paging: { limit: 1, offset: 0 } }, { id }, selection);
  return (page.nodes[0] as Order | undefined) ?? null;
}

/** The store of each order, for the reports module (plain rows, one statement). */
export function orderReportRows(ctx: RequestContext, ids: readonly string[]) {
  return readRows<{ id: string; org_unit_id: string; created_by_id: string | null }>(ctx.em, `select o.id, o.org_unit_id, o.created_by_id from sales_order o where o.id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
}
