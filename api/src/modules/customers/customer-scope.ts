import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/context';
import { orgScopeSql } from '../org/org.service';

/**
 * Which customers a caller may open beyond their part of the org tree: a doctor works at a branch
 * center and serves the customers of the franchise's stores, so a customer is also theirs when they
 * are the customer's doctor or the customer has an appointment with them (any status: a follow-up
 * needs the archive of an earlier visit). Nobody else is widened: only a staff member named as the
 * customer's doctor or booked as the doctor of an appointment (bookings take doctors only) matches.
 * Row-level security still bounds everything to the caller's franchises.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function doctorId(ctx: RequestContext): string | null {
  const actor = ctx.actor;
  return actor?.kind === 'user' && UUID.test(actor.id) ? actor.id : null;
}

/** SQL: the customer row `alias` is served by the calling doctor (false for API keys and system work). */
export function servedByCallerSql(ctx: RequestContext, alias: string): string {
  const id = doctorId(ctx);
  return id ? `(${alias}.doctor_id = '${id}' or exists (select 1 from appointment served where served.customer_id = ${alias}.id and served.doctor_id = '${id}'))` : 'false';
}

/** SQL condition for a customer row `alias` the caller may see: in their part of the tree, or served by them; null when their whole franchise is in scope. */
export function customerScopeSql(ctx: RequestContext, alias: string): string | null {
  const inTree = orgScopeSql(ctx, `${alias}.org_unit_id`);
  return inTree ? `(${inTree} or ${servedByCallerSql(ctx, alias)})` : null;
}

/** Per request, batched: whether each customer id is served by the calling doctor (one statement per tick). */
function servedLoader(ctx: RequestContext, id: string): DataLoader<string, boolean> {
  return ctx.loaders.get('customers.servedByCaller', () =>
    new DataLoader<string, boolean>(async (customerIds) => {
      const rows = await ctx.em.execute<{ id: string }[]>(
        `select c.id from customer c where c.id = any(?::uuid[]) and (c.doctor_id = ? or exists (select 1 from appointment a where a.customer_id = c.id and a.doctor_id = ?))`,
        [`{${customerIds.join(',')}}`, id, id],
      );
      const served = new Set(rows.map((r) => r.id));
      return customerIds.map((c) => served.has(c));
    }),
  );
}

/** Whether the customer (outside the caller's part of the tree) is served by the calling doctor (see above). */
export async function servedByCaller(ctx: RequestContext, customer: { id: string; doctorId?: string | null }): Promise<boolean> {
  const id = doctorId(ctx);
  if (!id) return false;
  return customer.doctorId === id || servedLoader(ctx, id).load(customer.id);
}
