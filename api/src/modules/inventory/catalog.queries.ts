import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedById, jsonOf, readPage, type Embed, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { FranchiseProduct, Product, Supplier } from './catalog.entity';

/**
 * The catalog read path: products, suppliers and franchise terms as plain rows with the
 * columns the request selects; the caller's franchise terms embedded in the product's row.
 * Other inventory reads embed products and suppliers through `productEmbed` / `supplierEmbed`.
 */

const TERMS_READ: ReadSpec<FranchiseProduct> = { entity: FranchiseProduct, always: ['id', 'franchiseId', 'productId'] };

/** The caller's franchise's terms for the product in the row (as catalog.termsFor: none for a franchise that set none). */
function termsEmbed(ctx: RequestContext): Embed {
  const franchiseId = requireActor(ctx).franchiseId;
  if (!/^[0-9a-f-]{36}$/i.test(franchiseId)) throw new Error('a franchise id is a uuid');
  return {
    spec: TERMS_READ,
    sql: (a, selection, em) =>
      `(select ${jsonOf(em, TERMS_READ, `${a}_fp`, selection)} from franchise_product ${a}_fp where ${a}_fp.product_id = ${a}.id and ${a}_fp.franchise_id = '${franchiseId}')`,
  };
}

export function productReadSpec(ctx: RequestContext): ReadSpec<Product> {
  return { entity: Product, always: ['id', 'franchiseId'], embeds: { franchiseTerms: termsEmbed(ctx) } };
}

const SUPPLIER_READ: ReadSpec<Supplier> = { entity: Supplier, always: ['id', 'franchiseId'] };

/** A product embedded by the id in `column` (as productLoader: HQ's shared catalog and the caller's franchise's own). */
export const productEmbed = (ctx: RequestContext, column: string) => embedById(productReadSpec(ctx), 'product', column);

/** A supplier embedded by the id in `column` (as supplierLoader). */
export const supplierEmbed = (column: string) => embedById(SUPPLIER_READ, 'supplier', column);

export function listProducts(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, productReadSpec(ctx), args, selection, { defaultSort: [{ field: 'genericName', direction: SortDirection.ASC }] });
}

export function listSuppliers(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, SUPPLIER_READ, args, selection, { defaultSort: [{ field: 'name', direction: SortDirection.ASC }] });
}

export function listFranchiseProducts(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, TERMS_READ, args, selection, { defaultSort: [{ field: 'updatedAt', direction: SortDirection.DESC }] });
}
