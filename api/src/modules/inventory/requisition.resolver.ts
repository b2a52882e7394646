import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { Product } from './catalog.entity';
import { productLoader } from './catalog.service';
import { groupBy } from './documents.common';
import { StockRequisition, StockRequisitionLine, StockTransferLine } from './documents.entity';
import {
  CreateRequisitionInput,
  DocumentCancelInput,
  DocumentDecisionInput,
  DocumentVersionInput,
  ReceiveTransferInput,
  RequisitionSource,
  ShipRequisitionInput,
  StockRequisitionConnection,
  StockRequisitionFilter,
  StockRequisitionSort,
} from './documents.types';
import { InventoryPermission } from './inventory.permissions';
import * as requisitions from './requisition.service';
import { Batch, StorageZone, Warehouse } from './warehouse.entity';
import { batchLoader, warehouseLoader, zoneLoader } from './warehouse.service';

const P = InventoryPermission;

const linesByRequisition = (ctx: RequestContext) =>
  ctx.loaders.get(requisitions.requisitionLinesOf, () => new DataLoader<string, StockRequisitionLine[]>(async (ids) => groupBy(await requisitions.requisitionLinesOf(ctx, ids), 'requisitionId', ids)));
const transfersByRequisition = (ctx: RequestContext) =>
  ctx.loaders.get(requisitions.transferLinesOf, () => new DataLoader<string, StockTransferLine[]>(async (ids) => groupBy(await requisitions.transferLinesOf(ctx, ids), 'requisitionId', ids)));

@Resolver(() => StockRequisition)
export class StockRequisitionResolver {
  @Authorized(P['inventory:read'])
  @Query(() => StockRequisitionConnection, { description: 'Branch requisitions to or from the warehouses in your scope, newest first.' })
  stockRequisitions(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => StockRequisitionFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StockRequisitionSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return requisitions.listRequisitions(ctx, { filter, sorting, paging }, selectionOf(info, ['nodes']));
  }

  @Authorized(P['inventory:read'])
  @Query(() => StockRequisition, { nullable: true })
  stockRequisition(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return requisitions.findRequisition(ctx, id);
  }

  @Authorized(P['inventory:read'])
  @Query(() => [RequisitionSource], { description: 'Where a warehouse may ask goods from: its franchise’s central or franchise warehouse, and HQ’s central warehouse.' })
  requisitionSources(@Ctx() ctx: RequestContext, @Arg('toWarehouseId', () => ID) toWarehouseId: string) {
    return requisitions.requisitionSources(ctx, toWarehouseId);
  }

  @Authorized(P['stock:write'])
  @Mutation(() => StockRequisition, { description: 'A warehouse requests products from a supplying warehouse; from HQ’s central warehouse this writes HQ’s outbound leg and the franchise’s inbound leg.' })
  createRequisition(@Ctx() ctx: RequestContext, @Arg('input') input: CreateRequisitionInput) {
    return requisitions.createRequisition(ctx, input);
  }

  @Authorized(P['stock:approve'])
  @Mutation(() => StockRequisition, { description: 'Approve a requisition (never your own).' })
  approveRequisition(@Ctx() ctx: RequestContext, @Arg('input') input: DocumentDecisionInput) {
    return requisitions.decideRequisition(ctx, input, true);
  }

  @Authorized(P['stock:approve'])
  @Mutation(() => StockRequisition, { description: 'Reject a requisition with a note (never your own).' })
  rejectRequisition(@Ctx() ctx: RequestContext, @Arg('input') input: DocumentDecisionInput) {
    return requisitions.decideRequisition(ctx, input, false);
  }

  @Authorized(P['stock:write'])
  @Mutation(() => StockRequisition, { description: 'Pick an approved requisition first expiry first (stock reserved at the supplying warehouse; all lines or none).' })
  pickRequisition(@Ctx() ctx: RequestContext, @Arg('input') input: DocumentVersionInput) {
    return requisitions.pickRequisition(ctx, input);
  }

  @Authorized(P['stock:write'])
  @Mutation(() => StockRequisition, { description: 'Ship what was picked (TRANSFER_OUT moves, outbound slip no.): in transit.' })
  shipRequisition(@Ctx() ctx: RequestContext, @Arg('input') input: ShipRequisitionInput) {
    return requisitions.shipRequisition(ctx, input);
  }

  @Authorized(P['stock:write'])
  @Mutation(() => StockRequisition, { description: 'Receive a shipped requisition at the branch: good goods in (TRANSFER_IN), damaged into the non-conforming area, short recorded.' })
  receiveTransfer(@Ctx() ctx: RequestContext, @Arg('input') input: ReceiveTransferInput) {
    return requisitions.receiveTransfer(ctx, input);
  }

  @Authorized(P['stock:write'])
  @Mutation(() => StockRequisition, { description: 'Cancel a requisition before it ships (picked stock is released).' })
  cancelRequisition(@Ctx() ctx: RequestContext, @Arg('input') input: DocumentCancelInput) {
    return requisitions.cancelRequisition(ctx, input);
  }

  @FieldResolver(() => StockRequisition, { nullable: true, description: 'The other leg of a transfer from HQ: HQ sees the franchise’s inbound leg (its receipt); a franchise never sees HQ’s.' })
  counterpart(@Root() doc: StockRequisition, @Ctx() ctx: RequestContext) {
    return requisitions.counterpartOf(ctx, doc);
  }

  @FieldResolver(() => [StockRequisitionLine])
  lines(@Root() doc: StockRequisition, @Ctx() ctx: RequestContext) {
    return embedded(doc, 'lines', () => linesByRequisition(ctx).load(doc.id));
  }

  @FieldResolver(() => [StockTransferLine], { description: 'The lots shipped, and what arrived of each.' })
  transferLines(@Root() doc: StockRequisition, @Ctx() ctx: RequestContext) {
    return embedded(doc, 'transferLines', () => transfersByRequisition(ctx).load(doc.id));
  }

  @FieldResolver(() => Warehouse, { nullable: true })
  fromWarehouse(@Root() doc: StockRequisition, @Ctx() ctx: RequestContext) {
    return embedded(doc, 'fromWarehouse', () => warehouseLoader(ctx).load(doc.fromWarehouseId));
  }

  @FieldResolver(() => Warehouse, { nullable: true })
  toWarehouse(@Root() doc: StockRequisition, @Ctx() ctx: RequestContext) {
    return embedded(doc, 'toWarehouse', () => warehouseLoader(ctx).load(doc.toWarehouseId));
  }
}

@Resolver(() => StockRequisitionLine)
export class StockRequisitionLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: StockRequisitionLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'product', () => productLoader(ctx).load(line.productId));
  }
}

@Resolver(() => StockTransferLine)
export class StockTransferLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: StockTransferLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'product', () => productLoader(ctx).load(line.productId));
  }

  @FieldResolver(() => Batch, { nullable: true })
  batch(@Root() line: StockTransferLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'batch', () => batchLoader(ctx).load(line.batchId));
  }

  @FieldResolver(() => StorageZone, { nullable: true })
  toZone(@Root() line: StockTransferLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'toZone', () => (line.toZoneId ? zoneLoader(ctx).load(line.toZoneId) : null));
  }
}
