import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, NotFoundError } from '../../core/errors';
import { Case } from '../cases/case.entity';
import { caseLinkResolvers } from '../cases/case-links';
import { Product } from './catalog.entity';
import { productLoader } from './catalog.service';
import { Batch } from './warehouse.entity';
import { batchLoader } from './warehouse.service';

/**
 * Cases about a product or a lot: the links checked (a product in the caller's catalog, a lot
 * of the case's franchise, the lot being of that product) and shown on the case.
 */
export const stockCaseLinks = caseLinkResolvers.contribute({
  name: 'inventory',
  fields: ['productId', 'lotId'],
  async resolve(ctx, links, franchiseId) {
    const lot = links.lotId ? await batchLoader(ctx).load(links.lotId) : null;
    if (links.lotId && (!lot || lot.franchiseId !== franchiseId)) throw new NotFoundError('Lot (case.lotId)', links.lotId);
    if (lot && links.productId && lot.productId !== links.productId)
      throw new BadUserInputError({ field: 'case.lotId', message: `lot ${lot.lotNo} is not a lot of the linked product`, reason: 'OTHER_PRODUCT' });
    const productId = links.productId ?? lot?.productId;
    if (!productId) return {};
    const product = await productLoader(ctx).load(productId);
    if (!product) throw new NotFoundError('Product (case.productId)', productId);
    return { productId, productRef: `${product.genericName} ${product.specification}`, ...(lot ? { lotId: lot.id, batchRef: lot.lotNo } : {}) };
  },
});

@Resolver(() => Case)
export class CaseStockResolver {
  @FieldResolver(() => Product, { nullable: true, description: 'The linked product.' })
  product(@Ctx() ctx: RequestContext, @Root() c: Case) {
    return c.productId ? productLoader(ctx).load(c.productId) : null;
  }

  @FieldResolver(() => Batch, { nullable: true, description: 'The linked lot, with its expiry and status.' })
  lot(@Ctx() ctx: RequestContext, @Root() c: Case) {
    return c.lotId ? batchLoader(ctx).load(c.lotId) : null;
  }
}
