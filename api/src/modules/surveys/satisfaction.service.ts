import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
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

/** Satisfaction requests as plain rows (the read path). */
const SATISFACTION_READ: ReadSpec<SatisfactionRequest> = { entity: SatisfactionRequest, always: ['id', 'franchiseId'] };

export function listSatisfactionRequests(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, SATISFACTION_READ, args, selection, { defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}
