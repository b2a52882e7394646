import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import { findPage, type ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { SatisfactionRequest } from './satisfaction-request.entity';

/** Asks for the customer's satisfaction about something resolved (once per source). */
export async function requestSatisfaction(
  em: EntityManager,
  request: { franchiseId: string; customerId: string; sourceKind: string; sourceId: string; sourceRef: string; staffId?: string | null },
): Promise<SatisfactionRequest> {
  const existing = await em.findOne(SatisfactionRequest, { sourceKind: request.sourceKind, sourceId: request.sourceId });
  return existing ?? em.create(SatisfactionRequest, request);
}

export function listSatisfactionRequests(ctx: RequestContext, args: ListArgs) {
  return findPage(ctx.em, SatisfactionRequest, args, { defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}
