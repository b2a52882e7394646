import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { customerEmbed } from '../customers/customer.queries';
import { staffEmbed } from '../identity/staff.queries';
import { orgUnitEmbed } from '../org/org.queries';
import { orgUnitScopeCondition } from '../org/org.service';
import { CallRecord } from './call.entity';

/** Calls as plain rows, the customer, agent and store embedded in the page's one statement when asked for. */
export function callReadSpec(ctx: RequestContext): ReadSpec<CallRecord> {
  return {
    entity: CallRecord,
    always: ['id', 'franchiseId', 'orgUnitId', 'customerId', 'agentId'],
    embeds: { customer: customerEmbed(ctx, 'customer_id'), agent: staffEmbed(ctx, 'agent_id'), orgUnit: orgUnitEmbed(ctx, 'org_unit_id') },
  };
}

/** `calls(filter, sorting, paging)`: the call log of the caller's part of the organisation, latest first. The CSV / XLSX export reads the same query. */
export async function listCalls(ctx: RequestContext, args: ListArgs, where: FilterQuery<CallRecord> = {}, selection: Selection | null = null) {
  const scope = await orgUnitScopeCondition(ctx);
  return readPage(ctx.em, callReadSpec(ctx), args, selection, {
    where: { ...scope, ...(where as object) } as FilterQuery<CallRecord>,
    defaultSort: [
      { field: 'offeredAt', direction: SortDirection.DESC },
      { field: 'id', direction: SortDirection.DESC },
    ],
  });
}

/** `call(id)`: null when not visible. */
export async function readCall(ctx: RequestContext, id: string, selection: Selection | null = null): Promise<CallRecord | null> {
  const page = await listCalls(ctx, { paging: { limit: 1, offset: 0 } }, { id }, selection);
  return (page.nodes[0] as CallRecord | undefined) ?? null;
}
