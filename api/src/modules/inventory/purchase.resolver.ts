import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { Product, Supplier } from './catalog.entity';
import { productLoader, supplierLoader } from './catalog.service';
import { groupBy } from './documents.common';
import { PurchaseInspectionLine, PurchaseRequest, PurchaseRequestLine } from './documents.entity';
import {
  CreatePurchaseRequestInput,
  DocumentCancelInput,
  DocumentDecisionInput,
  DocumentVersionInput,
  PlaceSupplierOrderInput,
  PurchaseRequestConnection,
  PurchaseRequestFilter,
  PurchaseRequestSort,
  PurchaseSuggestion,
  PutAwayPurchaseInput,
  RecordArrivalInput,
  RecordInspectionInput,
  SignInspectionInput,
  UpdatePurchaseRequestInput,
} from './documents.types';
import { InventoryPermission } from './inventory.permissions';
import * as purchases from './purchase.service';
import { StorageZone, Warehouse } from './warehouse.entity';
import { warehouseLoader, zoneLoader } from './warehouse.service';

const P = InventoryPermission;

const linesByRequest = (ctx: RequestContext) =>
  ctx.loaders.get(purchases.purchaseLinesOf, () => new DataLoader<string, PurchaseRequestLine[]>(async (ids) => groupBy(await purchases.purchaseLinesOf(ctx, ids), 'requestId', ids)));
const inspectionByRequest = (ctx: RequestContext) =>
  ctx.loaders.get(purchases.inspectionLinesOf, () => new DataLoader<string, PurchaseInspectionLine[]>(async (ids) => groupBy(await purchases.inspectionLinesOf(ctx, ids), 'requestId', ids)));

@Resolver(() => PurchaseRequest)
export class PurchaseRequestResolver {
  @Authorized(P['inventory:read'])
  @Query(() => PurchaseRequestConnection, { description: 'Purchase requests of the warehouses in your scope, newest first.' })
  purchaseRequests(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => PurchaseRequestFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [PurchaseRequestSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return purchases.listPurchaseRequests(ctx, { filter, sorting, paging }, selectionOf(info, ['nodes']));
  }

  @Authorized(P['inventory:read'])
  @Query(() => PurchaseRequest, { nullable: true })
  purchaseRequest(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return purchases.findPurchaseRequest(ctx, id);
  }

  @Authorized(P['inventory:read'])
  @Query(() => [PurchaseSuggestion], { description: 'Suggested purchase quantities for a warehouse from the last three months’ issues, stock, what is on order and open requisitions; largest first.' })
  purchaseSuggestions(
    @Ctx() ctx: RequestContext,
    @Arg('warehouseId', () => ID) warehouseId: string,
    @Arg('coverDays', () => Int, { nullable: true, defaultValue: 30, description: 'Days of issues to cover.' }) coverDays?: number,
    @Arg('productIds', () => [ID], { nullable: true }) productIds?: string[],
  ) {
    return purchases.purchaseSuggestions(ctx, { warehouseId, coverDays, productIds });
  }

  @Authorized(P['purchase:request'])
  @Mutation(() => PurchaseRequest, { description: 'Write a purchase request (DRAFT); each line keeps the suggested quantity of the moment.' })
  createPurchaseRequest(@Ctx() ctx: RequestContext, @Arg('input') input: CreatePurchaseRequestInput) {
    return purchases.createPurchaseRequest(ctx, input);
  }

  @Authorized(P['purchase:request'])
  @Mutation(() => PurchaseRequest, { description: 'Edit a DRAFT request (supplier, note, lines).' })
  updatePurchaseRequest(@Ctx() ctx: RequestContext, @Arg('input') input: UpdatePurchaseRequestInput) {
    return purchases.updatePurchaseRequest(ctx, input);
  }

  @Authorized(P['purchase:request'])
  @Mutation(() => PurchaseRequest, { description: 'Submit a DRAFT request for approval.' })
  submitPurchaseRequest(@Ctx() ctx: RequestContext, @Arg('input') input: DocumentVersionInput) {
    return purchases.submitPurchaseRequest(ctx, input);
  }

  @Authorized(P['purchase:approve'])
  @Mutation(() => PurchaseRequest, { description: 'Approve a submitted request (never your own).' })
  approvePurchaseRequest(@Ctx() ctx: RequestContext, @Arg('input') input: DocumentDecisionInput) {
    return purchases.decidePurchaseRequest(ctx, input, true);
  }

  @Authorized(P['purchase:approve'])
  @Mutation(() => PurchaseRequest, { description: 'Reject a submitted request with a note (never your own).' })
  rejectPurchaseRequest(@Ctx() ctx: RequestContext, @Arg('input') input: DocumentDecisionInput) {
    return purchases.decidePurchaseRequest(ctx, input, false);
  }

  @Authorized(P['purchase:request'])
  @Mutation(() => PurchaseRequest, { description: 'Send an approved request to the supplier (supplier order number).' })
  placeSupplierOrder(@Ctx() ctx: RequestContext, @Arg('input') input: PlaceSupplierOrderInput) {
    return purchases.placeSupplierOrder(ctx, input);
  }

  @Authorized(P['purchase:inspect'])
  @Mutation(() => PurchaseRequest, { description: 'The ordered goods arrived at the warehouse (to be inspected).' })
  recordArrival(@Ctx() ctx: RequestContext, @Arg('input') input: RecordArrivalInput) {
    return purchases.recordArrival(ctx, input);
  }

  @Authorized(P['purchase:request'])
  @Mutation(() => PurchaseRequest, { description: 'Cancel a request before the goods arrive, with a reason.' })
  cancelPurchaseRequest(@Ctx() ctx: RequestContext, @Arg('input') input: DocumentCancelInput) {
    return purchases.cancelPurchaseRequest(ctx, input);
  }

  @Authorized(P['purchase:inspect'])
  @Mutation(() => PurchaseRequest, { description: 'Record the joint inspection: per lot, accepted and rejected quantities (with reasons), lot number and dates. Clears earlier signatures.' })
  recordInspection(@Ctx() ctx: RequestContext, @Arg('input') input: RecordInspectionInput) {
    return purchases.recordInspection(ctx, input);
  }

  @Authorized(P['purchase:inspect'])
  @Mutation(() => PurchaseRequest, { description: 'Sign the inspection as the warehouse keeper or the product manager (two different people); both signed: INSPECTED.' })
  signInspection(@Ctx() ctx: RequestContext, @Arg('input') input: SignInspectionInput) {
    return purchases.signInspection(ctx, input);
  }

  @Authorized(P['purchase:inspect'])
  @Mutation(() => PurchaseRequest, { description: 'Put the accepted goods away into zones of their storage class (RECEIPT moves, inbound slip number); rejected goods never enter stock.' })
  putAwayPurchase(@Ctx() ctx: RequestContext, @Arg('input') input: PutAwayPurchaseInput) {
    return purchases.putAwayPurchase(ctx, input);
  }

  @FieldResolver(() => [PurchaseRequestLine])
  lines(@Root() doc: PurchaseRequest, @Ctx() ctx: RequestContext) {
    return embedded(doc, 'lines', () => linesByRequest(ctx).load(doc.id));
  }

  @FieldResolver(() => [PurchaseInspectionLine], { description: 'The inspection as recorded (one line per lot).' })
  inspectionLines(@Root() doc: PurchaseRequest, @Ctx() ctx: RequestContext) {
    return embedded(doc, 'inspectionLines', () => inspectionByRequest(ctx).load(doc.id));
  }

  @FieldResolver(() => Warehouse, { nullable: true })
  warehouse(@Root() doc: PurchaseRequest, @Ctx() ctx: RequestContext) {
    return embedded(doc, 'warehouse', () => warehouseLoader(ctx).load(doc.warehouseId));
  }

  @FieldResolver(() => Supplier, { nullable: true })
  supplier(@Root() doc: PurchaseRequest, @Ctx() ctx: RequestContext) {
    return embedded(doc, 'supplier', () => (doc.supplierId ? supplierLoader(ctx).load(doc.supplierId) : null));
  }
}

@Resolver(() => PurchaseRequestLine)
export class PurchaseRequestLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: PurchaseRequestLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'product', () => productLoader(ctx).load(line.productId));
  }
}

@Resolver(() => PurchaseInspectionLine)
export class PurchaseInspectionLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: PurchaseInspectionLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'product', () => productLoader(ctx).load(line.productId));
  }

  @FieldResolver(() => StorageZone, { nullable: true })
  zone(@Root() line: PurchaseInspectionLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'zone', () => (line.zoneId ? zoneLoader(ctx).load(line.zoneId) : null));
  }
}

@Resolver(() => PurchaseSuggestion)
export class PurchaseSuggestionResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() row: PurchaseSuggestion, @Ctx() ctx: RequestContext) {
    return productLoader(ctx).load(row.productId);
  }
}
