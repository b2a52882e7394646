import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { Product } from './catalog.entity';
import { productLoader } from './catalog.service';
import { InventoryPermission } from './inventory.permissions';
import { daysBetween, DEFAULT_TIME_ZONE } from './inventory.time';
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
import { listBalances, listMoves, listReservations, type ReadTimes } from './stock.queries';
import * as stock from './stock.service';
import { Batch, BatchStatus, StorageZone, Warehouse } from './warehouse.entity';
import { batchLoader, businessToday, effectiveBatchStatus, warehouseLoader, warehouseToday, zoneLoader } from './warehouse.service';

const allocationsByReservation = (ctx: RequestContext) =>
  ctx.loaders.get(stock.allocationsOf, () =>
    new DataLoader<string, StockReservationAllocation[]>(async (ids) => {
      const all = await stock.allocationsOf(ctx, ids);
      return ids.map((id) => all.filter((a) => a.reservationId === id));
    }),
  );

/** Where a balance, move or reservation is and what it holds: embedded in a page's rows (stock.queries), else loaded. */
@Resolver(() => StockBalance)
export class StockBalanceResolver {
  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => StockBalanceConnection, { description: 'Stock on hand per warehouse, zone, product and lot (places with nothing on hand only when filtering by onHand). Earliest expiry first.' })
  stockBalances(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => StockBalanceFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StockBalanceSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listBalances(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() row: StockBalance, @Ctx() ctx: RequestContext) {
    return embedded(row, 'product', () => productLoader(ctx).load(row.productId));
  }

  @FieldResolver(() => Warehouse, { nullable: true })
  warehouse(@Root() row: StockBalance, @Ctx() ctx: RequestContext) {
    return embedded(row, 'warehouse', () => warehouseLoader(ctx).load(row.warehouseId));
  }

  @FieldResolver(() => StorageZone, { nullable: true })
  zone(@Root() row: StockBalance, @Ctx() ctx: RequestContext) {
    return embedded(row, 'zone', () => zoneLoader(ctx).load(row.zoneId));
  }

  @FieldResolver(() => Batch, { nullable: true })
  batch(@Root() row: StockBalance, @Ctx() ctx: RequestContext) {
    return embedded(row, 'batch', () => batchLoader(ctx).load(row.batchId));
  }

  @FieldResolver(() => BatchStatus, { nullable: true, description: 'The lot’s status today (EXPIRED past its expiry date).' })
  batchStatus(@Root() row: StockBalance & ReadTimes, @Ctx() ctx: RequestContext) {
    // A page row carries its lot's stored status and its warehouse's time zone (stock.queries); a row from elsewhere loads them.
    if (row.lotStatus && 'warehouseTimeZone' in row) return effectiveBatchStatus({ status: row.lotStatus, expiryDate: row.expiryDate }, businessToday(row.warehouseTimeZone ?? DEFAULT_TIME_ZONE));
    return Promise.all([batchLoader(ctx).load(row.batchId), warehouseToday(ctx, row.warehouseId)]).then(([batch, today]) => batch && effectiveBatchStatus(batch, today));
  }

  @FieldResolver(() => Int, { description: 'Days until the lot expires (negative: expired) in the warehouse’s calendar, for expiry colours.' })
  daysToExpiry(@Root() row: StockBalance & ReadTimes, @Ctx() ctx: RequestContext): number | Promise<number> {
    if ('warehouseTimeZone' in row) return daysBetween(businessToday(row.warehouseTimeZone ?? DEFAULT_TIME_ZONE), row.expiryDate);
    return warehouseToday(ctx, row.warehouseId).then((today) => daysBetween(today, row.expiryDate));
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
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listMoves(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() row: StockMove, @Ctx() ctx: RequestContext) {
    return embedded(row, 'product', () => productLoader(ctx).load(row.productId));
  }

  @FieldResolver(() => Batch, { nullable: true })
  batch(@Root() row: StockMove, @Ctx() ctx: RequestContext) {
    return embedded(row, 'batch', () => batchLoader(ctx).load(row.batchId));
  }

  @FieldResolver(() => StorageZone, { nullable: true })
  zone(@Root() row: StockMove, @Ctx() ctx: RequestContext) {
    return embedded(row, 'zone', () => zoneLoader(ctx).load(row.zoneId));
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
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listReservations(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
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
    return embedded(reservation, 'allocations', () => allocationsByReservation(ctx).load(reservation.id));
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() reservation: StockReservation, @Ctx() ctx: RequestContext) {
    return embedded(reservation, 'product', () => productLoader(ctx).load(reservation.productId));
  }
}
