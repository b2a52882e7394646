import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { Actor, RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../core/errors';
import { byIdLoader } from '../../core/loaders';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { canSeeFranchise } from '../../core/tenancy/scope';
import { CatalogStatus, FranchiseProduct, Product, Supplier } from './catalog.entity';
import type { FranchiseProductTermsInput, ProductInput, ProductUpdate, SupplierInput, SupplierUpdate } from './inventory.types';

export const productLoader = (ctx: RequestContext) => byIdLoader(ctx, Product);
export const supplierLoader = (ctx: RequestContext) => byIdLoader(ctx, Supplier);

/** HQ's shared rows are read-only for franchises; a franchise edits its own. */
export function assertCanEdit(actor: Actor, record: { id: string; franchiseId?: string | null }, what: string): void {
  if (record.franchiseId == null && !actor.isHq) throw new ForbiddenError(`${what} ${record.id} is in HQ’s shared catalog; only HQ can change it`);
}

/** Edits leave out a field to keep it; null only clears optional fields. */
export function refuseClearing(update: object, required: readonly string[]): void {
  for (const key of required)
    if ((update as Record<string, unknown>)[key] === null) throw new BadUserInputError({ field: `update.${key}`, message: 'cannot be cleared; leave it out to keep it' });
}

async function assertBarcodeFree(ctx: RequestContext, barcode: string | null | undefined, franchiseId: string | null, exceptId?: string) {
  if (!barcode) return;
  const taken = await ctx.em.findOne(Product, { barcode, $or: [{ franchiseId: null }, { franchiseId }], ...(exceptId ? { id: { $ne: exceptId } } : {}) } as FilterQuery<Product>);
  if (taken) throw new ConflictError(`Barcode ${barcode} already belongs to ${taken.genericName} ${taken.specification}`, { field: 'barcode', existingId: taken.id });
}

export async function findProduct(ctx: RequestContext, id: string): Promise<Product | null> {
  return productLoader(ctx).load(id);
}

export async function getProduct(ctx: RequestContext, id: string, label = 'Product'): Promise<Product> {
  const product = await findProduct(ctx, id);
  if (!product) throw new NotFoundError(label, id);
  return product;
}

export async function createProduct(ctx: RequestContext, input: ProductInput): Promise<Product> {
  const actor = requireActor(ctx);
  if (input.shared && !actor.isHq) throw new ForbiddenError('Only HQ adds products to the shared catalog; leave shared off to add one for your franchise');
  const franchiseId = input.shared ? null : actor.franchiseId;
  await assertBarcodeFree(ctx, input.barcode, franchiseId);
  const { shared: _shared, ...fields } = input;
  const product = ctx.em.create(Product, { ...fields, franchiseId });
  await ctx.em.flush();
  return product;
}

export async function updateProduct(ctx: RequestContext, id: string, version: number, update: ProductUpdate): Promise<Product> {
  const actor = requireActor(ctx);
  refuseClearing(update, ['genericName', 'specification', 'dosageForm', 'unit', 'category', 'storageClass', 'shelfLifeDays', 'priceCents']);
  const product = await getProduct(ctx, id);
  assertCanEdit(actor, product, 'Product');
  checkVersion(product, version, 'Product');
  if (update.barcode !== undefined) await assertBarcodeFree(ctx, update.barcode, product.franchiseId ?? null, product.id);
  applyUpdate(product, update as Partial<Product>);
  await ctx.em.flush();
  return product;
}

export async function setProductStatus(ctx: RequestContext, id: string, status: CatalogStatus): Promise<Product> {
  const actor = requireActor(ctx);
  const product = await getProduct(ctx, id);
  assertCanEdit(actor, product, 'Product');
  product.status = status;
  await ctx.em.flush();
  return product;
}

// ---------------------------------------------------------------------------- per-franchise terms

/** The caller's franchise's terms for these products (HQ: none, it sells at list price). */
export async function termsFor(ctx: RequestContext, franchiseId: string, productIds: readonly string[]): Promise<Map<string, FranchiseProduct>> {
  const rows = await ctx.em.find(FranchiseProduct, { franchiseId, productId: { $in: [...productIds] } });
  return new Map(rows.map((r) => [r.productId, r]));
}

/** Sets whether a franchise sells a product and at what price; HQ may do it for any franchise. */
export async function setFranchiseProductTerms(ctx: RequestContext, input: FranchiseProductTermsInput): Promise<FranchiseProduct> {
  const actor = requireActor(ctx);
  const franchiseId = input.franchiseId ?? actor.franchiseId;
  if (!canSeeFranchise(ctx.scope, franchiseId)) throw new NotFoundError('Franchise', franchiseId);
  const product = await getProduct(ctx, input.productId);
  if (product.franchiseId != null && product.franchiseId !== franchiseId)
    throw new BadUserInputError({ field: 'productId', message: 'must be a shared product or one of that franchise’s own' });
  let terms = await ctx.em.findOne(FranchiseProduct, { franchiseId, productId: product.id });
  if (terms) {
    if (input.version != null) checkVersion(terms, input.version, 'Franchise product terms');
    applyUpdate(terms, { available: input.available, priceCents: input.priceCents });
  } else {
    terms = ctx.em.create(FranchiseProduct, { franchiseId, productId: product.id, available: input.available ?? true, priceCents: input.priceCents ?? null });
  }
  await ctx.em.flush();
  return terms;
}

// ---------------------------------------------------------------------------- suppliers

export async function getSupplier(ctx: RequestContext, id: string, label = 'Supplier'): Promise<Supplier> {
  const supplier = await supplierLoader(ctx).load(id);
  if (!supplier) throw new NotFoundError(label, id);
  return supplier;
}

export async function createSupplier(ctx: RequestContext, input: SupplierInput): Promise<Supplier> {
  const actor = requireActor(ctx);
  if (input.shared && !actor.isHq) throw new ForbiddenError('Only HQ adds shared suppliers; leave shared off to add one for your franchise');
  const { shared, ...fields } = input;
  const supplier = ctx.em.create(Supplier, { ...fields, franchiseId: shared ? null : actor.franchiseId });
  await ctx.em.flush();
  return supplier;
}

export async function updateSupplier(ctx: RequestContext, id: string, version: number, update: SupplierUpdate): Promise<Supplier> {
  const actor = requireActor(ctx);
  refuseClearing(update, ['name', 'status']);
  const supplier = await getSupplier(ctx, id);
  assertCanEdit(actor, supplier, 'Supplier');
  checkVersion(supplier, version, 'Supplier');
  applyUpdate(supplier, update as Partial<Supplier>);
  await ctx.em.flush();
  return supplier;
}
