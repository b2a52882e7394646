import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedById, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { staffEmbed } from '../identity/staff.queries';
import { orgUnitEmbed } from '../org/org.queries';
import { orgUnitScopeCondition } from '../org/org.service';
import { customerScopeSql } from './customer-scope';
import { Customer, CustomerStatus } from './customer.entity';
import { customerFilters } from './customer.service';

/**
 * The customers read path: pages and embedded customers as plain rows with the columns the
 * request selects, store / doctor / health manager embedded in the same statement. PII fields
 * are masked (or their unmasked read recorded for the audit) by their field resolver (core/auth/pii).
 */
export function customerReadSpec(ctx: RequestContext): ReadSpec<Customer> {
  return {
    entity: Customer,
    always: ['id'],
    needs: { age: ['birthDate'] },
    embeds: { orgUnit: orgUnitEmbed(ctx, 'org_unit_id'), doctor: staffEmbed(ctx, 'doctor_id'), healthManager: staffEmbed(ctx, 'health_manager_id') },
  };
}

/** `customers(filter, sorting, paging)`: merged archives stay out unless the filter asks by status. */
export async function listCustomers(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await orgUnitScopeCondition(ctx);
  const onlyActive = !JSON.stringify(args.filter ?? {}).includes('"status"');
  return readPage(ctx.em, customerReadSpec(ctx), args, selection, {
    where: { ...scope, ...(onlyActive ? { status: CustomerStatus.ACTIVE } : {}) } as FilterQuery<Customer>,
    customFilters: customerFilters,
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }],
  });
}

/** A customer embedded by the id in `column`: null when outside the actor's part of the tree and not served by the calling doctor (as findCustomer). */
export function customerEmbed(ctx: RequestContext, column: string) {
  return embedById(customerReadSpec(ctx), 'customer', column, (alias) => customerScopeSql(ctx, alias) ?? 'true');
}

/** Active customers of a franchise by phone number (as stored, normalized): phone → customer id, for matching a call's number. */
export async function customerIdsByPhone(ctx: RequestContext, franchiseId: string, phones: readonly string[]): Promise<Map<string, string>> {
  if (!phones.length) return new Map();
  const rows: { id: string; phone: string }[] = await ctx.em
    .createQueryBuilder(Customer, 'c')
    .select(['id', 'phone'])
    .where({ franchiseId, phone: { $in: [...new Set(phones)] }, status: CustomerStatus.ACTIVE })
    .execute('all');
  return new Map(rows.map((r) => [r.phone, r.id]));
}
