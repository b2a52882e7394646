import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import { defineExtensionPoint } from '../../core/modules/module';

/** What a case may point at beyond its customer: an order and one of its lines, a product, a lot. */
export interface CaseLinks {
  orderId?: string | null;
  orderLineId?: string | null;
  productId?: string | null;
  lotId?: string | null;
}

/** The links once checked, with what people read for them (order number, product name, lot number) and the order's customer. */
export interface ResolvedCaseLinks extends CaseLinks {
  orderRef?: string | null;
  productRef?: string | null;
  batchRef?: string | null;
  customerId?: string | null;
}

/**
 * The case-links extension point: the module that owns a kind of record (orders, inventory)
 * checks the links to it: NOT_FOUND outside the caller's reach or the case's franchise, a
 * BAD_USER_INPUT naming `case.<field>` when links disagree, and fills in what follows (an
 * order line gives its order, product and lot). The cases module knows none of those tables.
 */
export interface CaseLinkResolver {
  name: string;
  /** The link fields this resolver checks. */
  fields: readonly (keyof CaseLinks)[];
  resolve(ctx: RequestContext, links: ResolvedCaseLinks, franchiseId: string): Promise<ResolvedCaseLinks>;
}

export const caseLinkResolvers = defineExtensionPoint<CaseLinkResolver>('cases.link-resolvers');

const LINK_FIELDS = ['orderId', 'orderLineId', 'productId', 'lotId'] as const;

export function hasLinkChange(input: CaseLinks & { orderRef?: string | null }): boolean {
  return LINK_FIELDS.some((f) => input[f] !== undefined) || input.orderRef !== undefined;
}

/** Checks and completes a case's links through every resolver, in two rounds (what one fills, another checks). */
export async function resolveCaseLinks(ctx: RequestContext, links: ResolvedCaseLinks, franchiseId: string): Promise<ResolvedCaseLinks> {
  const resolvers = caseLinkResolvers.all();
  const unchecked = LINK_FIELDS.filter((f) => links[f] && !resolvers.some((r) => r.fields.includes(f)));
  if (unchecked.length) throw new BadUserInputError(unchecked.map((f) => ({ field: `case.${f}`, message: 'cannot be linked: nothing installed knows this kind of record' })));
  let resolved = { ...links };
  for (let round = 0; round < 2; round++) for (const r of resolvers) resolved = { ...resolved, ...(await r.resolve(ctx, resolved, franchiseId)) };
  return resolved;
}
