import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { FranchiseProduct, Product, Supplier } from './catalog.entity';
import * as catalogReads from './catalog.queries';
import * as catalog from './catalog.service';
import { InventoryPermission } from './inventory.permissions';
import {
  CreateOneProductInput,
  CreateOneSupplierInput,
  FranchiseProductConnection,
  FranchiseProductFilter,
  FranchiseProductSort,
  FranchiseProductTermsInput,
  ProductConnection,
  ProductFilter,
  ProductSort,
  SetProductStatusInput,
  SupplierConnection,
  SupplierFilter,
  SupplierSort,
  UpdateOneProductInput,
  UpdateOneSupplierInput,
} from './inventory.types';

/** The caller's franchise's terms per product, one query per page. */
const termsLoader = (ctx: RequestContext) =>
  ctx.loaders.get(catalog.termsFor, () =>
    new DataLoader<string, FranchiseProduct | null>(async (productIds) => {
      const terms = await catalog.termsFor(ctx, ctx.actor!.franchiseId, productIds);
      return productIds.map((id) => terms.get(id) ?? null);
    }),
  );

@Resolver(() => Product)
export class ProductResolver {
  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => ProductConnection, { description: 'Products: HQ’s shared catalog and your franchise’s own.' })
  products(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ProductFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [ProductSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return catalogReads.listProducts(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => Product, { nullable: true })
  product(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return catalog.findProduct(ctx, id);
  }

  @Authorized(InventoryPermission['catalog:manage'])
  @Mutation(() => Product, { description: 'Add a product: HQ to the shared catalog (shared: true), a franchise to its own.' })
  createOneProduct(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneProductInput) {
    return catalog.createProduct(ctx, input.product);
  }

  @Authorized(InventoryPermission['catalog:manage'])
  @Mutation(() => Product, { description: 'Edit a product’s details (HQ’s shared ones: HQ only).' })
  updateOneProduct(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneProductInput) {
    return catalog.updateProduct(ctx, input.id, input.version, input.update);
  }

  @Authorized(InventoryPermission['catalog:manage'])
  @Mutation(() => Product, { description: 'Discontinue a product or bring it back.' })
  setProductStatus(@Ctx() ctx: RequestContext, @Arg('input') input: SetProductStatusInput) {
    return catalog.setProductStatus(ctx, input.id, input.status);
  }

  @FieldResolver(() => Boolean, { description: 'In HQ’s shared catalog.' })
  shared(@Root() product: Product): boolean {
    return product.franchiseId == null;
  }

  @FieldResolver(() => FranchiseProduct, { nullable: true, description: 'Your franchise’s terms (availability, price); null: sold at list price.' })
  franchiseTerms(@Root() product: Product, @Ctx() ctx: RequestContext) {
    return embedded(product, 'franchiseTerms', () => termsLoader(ctx).load(product.id));
  }

  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => FranchiseProductConnection, { description: 'Franchises’ availability and prices per product (yours; HQ: every franchise’s).' })
  franchiseProducts(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => FranchiseProductFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [FranchiseProductSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return catalogReads.listFranchiseProducts(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(InventoryPermission['catalog:manage'])
  @Mutation(() => FranchiseProduct, { description: 'Whether a franchise sells a product and at what price (HQ: for any franchise).' })
  setFranchiseProductTerms(@Ctx() ctx: RequestContext, @Arg('input') input: FranchiseProductTermsInput) {
    return catalog.setFranchiseProductTerms(ctx, input);
  }
}

@Resolver(() => Supplier)
export class SupplierResolver {
  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => SupplierConnection, { description: 'Suppliers: HQ’s shared ones and your franchise’s own.' })
  suppliers(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => SupplierFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [SupplierSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return catalogReads.listSuppliers(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => Supplier, { nullable: true })
  supplier(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return catalog.supplierLoader(ctx).load(id);
  }

  @Authorized(InventoryPermission['catalog:manage'])
  @Mutation(() => Supplier)
  createOneSupplier(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneSupplierInput) {
    return catalog.createSupplier(ctx, input.supplier);
  }

  @Authorized(InventoryPermission['catalog:manage'])
  @Mutation(() => Supplier)
  updateOneSupplier(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneSupplierInput) {
    return catalog.updateSupplier(ctx, input.id, input.version, input.update);
  }
}
