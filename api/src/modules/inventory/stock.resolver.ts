import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { Product } from './catalog.entity';
import { productLoader } from './catalog.service';
import { InventoryPermission } from './inventory.permissions';
import { daysBetween } from './inventory.time';
import {
  AdjustStockInput,
  IssueStockReservationInput,
  ReceiveStockInput,
  ReleaseStockReservationInput,
  ReserveStockInput,
  StockBalanceConnection,
  StockBalanceFilter,
  StockBalanceSort,
  StockIssueResult,
  StockMoveConnection,
  StockMoveFilter,
  StockMoveSort,
  StockReceiptResult,
  StockReservationConnection,
  StockReservationFilter,
  StockReservationSort,
} from './inventory.types';
import { StockBalance, StockMove, StockReservation, StockReservationAllocation } from './stock.entity';
import * as stock from './stock.service';
import { Batch, BatchStatus, StorageZone, Warehouse } from './warehouse.entity';
import { batchLoader, effectiveBatchStatus, warehouseLoader, warehouseToday, zoneLoader } from './warehouse.service';

const allocationsByReservation = (ctx: RequestContext) =>
  ctx.loaders.get(stock.allocationsOf, () =>
    new DataLoader<string, StockReservationAllocation[]>(async (ids) => {
      const all = await stock.allocationsOf(ctx, ids);
      return ids.map((id) => all.filter((a) => a.reservationId === id));
    }),
  );

/** Where a balance, move or reservation is and what it holds: resolved per page through loaders. */
@Resolver(() => StockBalance)
export class StockBalanceResolver {
  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => StockBalanceConnection, { description: 'Stock on hand per warehouse, zone, product and lot (places with nothing on hand only when filtering by onHand). Earliest expiry first.' })
  stockBalances(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => StockBalanceFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StockBalanceSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return stock.listBalances(ctx, { filter, sorting, paging });
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() row: StockBalance, @Ctx() ctx: RequestContext) {
    return productLoader(ctx).load(row.productId);
  }

  @FieldResolver(() => Warehouse, { nullable: true })
  warehouse(@Root() row: StockBalance, @Ctx() ctx: RequestContext) {
    return warehouseLoader(ctx).load(row.warehouseId);
  }

  @FieldResolver(() => StorageZone, { nullable: true })
  zone(@Root() row: StockBalance, @Ctx() ctx: RequestContext) {
    return zoneLoader(ctx).load(row.zoneId);
  }

  @FieldResolver(() => Batch, { nullable: true })
  batch(@Root() row: StockBalance, @Ctx() ctx: RequestContext) {
    return batchLoader(ctx).load(row.batchId);
  }

  @FieldResolver(() => BatchStatus, { nullable: true, description: 'The lot’s status today (EXPIRED past its expiry date).' })
  async batchStatus(@Root() row: StockBalance, @Ctx() ctx: RequestContext) {
    const [batch, today] = await Promise.all([batchLoader(ctx).load(row.batchId), warehouseToday(ctx, row.warehouseId)]);
    return batch && effectiveBatchStatus(batch, today);
  }

  @FieldResolver(() => Int, { description: 'Days until the lot expires (negative: expired) in the warehouse’s calendar, for expiry colours.' })
  async daysToExpiry(@Root() row: StockBalance, @Ctx() ctx: RequestContext): Promise<number> {
    return daysBetween(await warehouseToday(ctx, row.warehouseId), row.expiryDate);
  }
}

@Resolver(() => StockMove)
export class StockMoveResolver {
  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => StockMoveConnection, { description: 'The stock ledger: every change of on-hand stock with its reason, document and actor, newest first.' })
  stockMoves(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => StockMoveFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StockMoveSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return stock.listMoves(ctx, { filter, sorting, paging });
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() row: StockMove, @Ctx() ctx: RequestContext) {
    return productLoader(ctx).load(row.productId);
  }

  @FieldResolver(() => Batch, { nullable: true })
  batch(@Root() row: StockMove, @Ctx() ctx: RequestContext) {
    return batchLoader(ctx).load(row.batchId);
  }

  @FieldResolver(() => StorageZone, { nullable: true })
  zone(@Root() row: StockMove, @Ctx() ctx: RequestContext) {
    return zoneLoader(ctx).load(row.zoneId);
  }

  @Authorized(InventoryPermission['stock:write'])
  @Mutation(() => StockReceiptResult, { description: 'Record goods put away (inbound record with its paper slip no.): lots registered, RECEIPT moves posted.' })
  receiveStock(@Ctx() ctx: RequestContext, @Arg('input') input: ReceiveStockInput) {
    return stock.receiveStock(ctx, input);
  }

  @Authorized(InventoryPermission['stock:write'])
  @Mutation(() => StockMove, { description: 'Correct on-hand stock at one place with a reason (ADJUSTMENT move); never below what is reserved.' })
  adjustStock(@Ctx() ctx: RequestContext, @Arg('input') input: AdjustStockInput) {
    return stock.adjustStock(ctx, input);
  }
}

@Resolver(() => StockReservation)
export class StockReservationResolver {
  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => StockReservationConnection, { description: 'Reservations of stock for orders, newest first.' })
  stockReservations(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => StockReservationFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StockReservationSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return stock.listReservations(ctx, { filter, sorting, paging });
  }

  @Authorized(InventoryPermission['stock:reserve'])
  @Mutation(() => [StockReservation], { description: 'Reserve stock for a document’s lines at a warehouse, first expiry first; all lines or none (CONFLICT, reason INSUFFICIENT_STOCK).' })
  reserveStock(@Ctx() ctx: RequestContext, @Arg('input') input: ReserveStockInput) {
    return stock.reserveStock(ctx, input);
  }

  @Authorized(InventoryPermission['stock:reserve'])
  @Mutation(() => StockReservation, { description: 'Give a reservation’s stock back (order cancelled).' })
  releaseStockReservation(@Ctx() ctx: RequestContext, @Arg('input') input: ReleaseStockReservationInput) {
    return stock.releaseReservation(ctx, input);
  }

  @Authorized(InventoryPermission['stock:reserve'])
  @Mutation(() => StockIssueResult, { description: 'Ship a reservation: its lots leave as ISSUE moves.' })
  issueStockReservation(@Ctx() ctx: RequestContext, @Arg('input') input: IssueStockReservationInput) {
    return stock.issueReservation(ctx, input);
  }

  @FieldResolver(() => [StockReservationAllocation], { description: 'Which lots in which zones hold it.' })
  allocations(@Root() reservation: StockReservation, @Ctx() ctx: RequestContext) {
    return allocationsByReservation(ctx).load(reservation.id);
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() reservation: StockReservation, @Ctx() ctx: RequestContext) {
    return productLoader(ctx).load(reservation.productId);
  }
}
