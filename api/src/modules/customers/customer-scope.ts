import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/context';
import { orgScopeSql } from '../org/org.service';

/**
 * Which customers a caller may open beyond their part of the org tree: a doctor works at a branch
 * center and serves the customers of the franchise's stores, so a customer is also theirs when they
 * are the customer's doctor or the customer has an appointment with them (any status: a follow-up
 * needs the archive of an earlier visit). The consulting department (test:lab) reviews the lab
 * reports of every store's customers, so the customers with a test order are theirs too. An outbound
 * call task (the calls module's) lets its agent see its customer: a supervisor may give an agent of
 * one store the customers of another, and the agent must see whom they call and log the call to
 * them (any state of the task: a done one keeps its history readable). Nobody else is widened. Row-level security still bounds everything to the caller's franchises.
 */

/** The permission of the consulting department that receives samples and reviews reports (the journey module's). */
const LAB_REVIEW = 'test:lab';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function callerUserId(ctx: RequestContext): string | null {
  const actor = ctx.actor;
  return actor?.kind === 'user' && UUID.test(actor.id) ? actor.id : null;
}

const reviewsLabReports = (ctx: RequestContext) => ctx.actor?.kind === 'user' && ctx.actor.permissions.has(LAB_REVIEW);

/** SQL: the customer row `alias` is served by the caller (false for API keys and system work). */
export function servedByCallerSql(ctx: RequestContext, alias: string): string {
  const id = callerUserId(ctx);
  const served = [
    ...(id
      ? [
          `${alias}.doctor_id = '${id}'`,
          `exists (select 1 from appointment served where served.customer_id = ${alias}.id and served.doctor_id = '${id}')`,
          `exists (select 1 from outbound_task called where called.customer_id = ${alias}.id and called.assignee_id = '${id}')`,
        ]
      : []),
    ...(reviewsLabReports(ctx) ? [`exists (select 1 from test_order tested where tested.customer_id = ${alias}.id)`] : []),
  ];
  return served.length ? `(${served.join(' or ')})` : 'false';
}

/** SQL condition for a customer row `alias` the caller may see: in their part of the tree, or served by them; null when their whole franchise is in scope. */
export function customerScopeSql(ctx: RequestContext, alias: string): string | null {
  const inTree = orgScopeSql(ctx, `${alias}.org_unit_id`);
  return inTree ? `(${inTree} or ${servedByCallerSql(ctx, alias)})` : null;
}

/** Per request, batched: whether each customer id is served by the caller (one statement per tick). */
function servedLoader(ctx: RequestContext): DataLoader<string, boolean> {
  return ctx.loaders.get('customers.servedByCaller', () =>
    new DataLoader<string, boolean>(async (customerIds) => {
      const rows = await ctx.em.execute<{ id: string }[]>(
        `select c.id from customer c where c.id = any(?::uuid[]) and ${servedByCallerSql(ctx, 'c')}`,
        [`{${customerIds.join(',')}}`],
      );
      const served = new Set(rows.map((r) => r.id));
      return customerIds.map((c) => served.has(c));
    }),
  );
}

/** Whether the customer (outside the caller's part of the tree) is served by the caller (see above). */
export async function servedByCaller(ctx: RequestContext, customer: { id: string; doctorId?: string | null }): Promise<boolean> {
  const id = callerUserId(ctx);
  if (!id && !reviewsLabReports(ctx)) return false;
  return (!!id && customer.doctorId === id) || servedLoader(ctx).load(customer.id);
}
