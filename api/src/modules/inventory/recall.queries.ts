import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { productEmbed } from './catalog.queries';
import { BatchRecall } from './recall.entity';

/** Recalls as plain rows, their product embedded: HQ's (reaching every franchise) and the caller's franchise's own. */
function recallReadSpec(ctx: RequestContext): ReadSpec<BatchRecall> {
  return { entity: BatchRecall, always: ['id', 'franchiseId', 'productId'], embeds: { product: productEmbed(ctx, 'product_id') } };
}

export function listRecalls(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, recallReadSpec(ctx), args, selection, { defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}
