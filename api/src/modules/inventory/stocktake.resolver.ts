import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { embedded } from '../../core/read/page';
import { selectionOf, subSelection } from '../../core/read/selection';
import { Product } from './catalog.entity';
import { productLoader } from './catalog.service';
import { InventoryPermission } from './inventory.permissions';
import {
  CancelStocktakeInput,
  OpenStocktakeInput,
  RecordStocktakeCountsInput,
  RequestStocktakeRecountInput,
  StocktakeConnection,
  StocktakeCountResult,
  StocktakeFilter,
  StocktakeLineConnection,
  StocktakeLineFilter,
  StocktakeLineSort,
  StocktakeSort,
  StocktakeVersionInput,
} from './stock-control.types';
import { StockMove } from './stock.entity';
import { Stocktake, StocktakeLine } from './stocktake.entity';
import { lineCountsLoader, listStocktakeLines, listStocktakes, movesDuringCountLoader, readLines } from './stocktake.queries';
import * as stocktakes from './stocktake.service';
import { StorageZone, Warehouse } from './warehouse.entity';
import { warehouseLoader, zoneLoader } from './warehouse.service';

const P = InventoryPermission;

/** A line as read (stocktake.queries): its book-side columns and the sheet's blind flag. */
type LineRow = StocktakeLine & { blind?: boolean; currentOnHand?: number };

@Resolver(() => Stocktake)
export class StocktakeResolver {
  @Authorized(P['stocktake:count'])
  @Query(() => StocktakeConnection, { description: 'Count sheets (盘点单) in your part of the tree, newest first.' })
  stocktakes(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => StocktakeFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StocktakeSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listStocktakes(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['stocktake:count'])
  @Query(() => Stocktake, { nullable: true })
  stocktake(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return stocktakes.findStocktake(ctx, id);
  }

  @Authorized(P['stocktake:count'])
  @Query(() => StocktakeLineConnection, { description: 'The places of a sheet to count. On a blind sheet, book quantities and variances are null unless you hold stocktake:manage.' })
  stocktakeLines(
    @Ctx() ctx: RequestContext,
    @Arg('stocktakeId', () => ID) stocktakeId: string,
    @Arg('filter', () => StocktakeLineFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StocktakeLineSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listStocktakeLines(ctx, stocktakeId, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['stocktake:manage'])
  @Mutation(() => Stocktake, { description: 'Open a count sheet for a warehouse or a zone: its lines snapshot the book (blind by default).' })
  openStocktake(@Ctx() ctx: RequestContext, @Arg('input') input: OpenStocktakeInput) {
    return stocktakes.openStocktake(ctx, input);
  }

  @Authorized(P['stocktake:count'])
  @Mutation(() => StocktakeCountResult, { description: 'Enter counts (and recounts) on a sheet being counted; goods not on the sheet by batchId + zoneId.' })
  async recordStocktakeCounts(@Ctx() ctx: RequestContext, @Arg('input') input: RecordStocktakeCountsInput, @Info() info?: GraphQLResolveInfo) {
    const ids = await stocktakes.recordCounts(ctx, input);
    const selection = info ? subSelection(info, selectionOf(info), 'lines') : null;
    return { stocktake: await stocktakes.getStocktake(ctx, input.stocktakeId), lines: await readLines(ctx, input.stocktakeId, ids, selection) };
  }

  @Authorized(P['stocktake:count'])
  @Mutation(() => Stocktake, { description: 'Counting done: first counts off by more than the threshold are flagged for a recount (the sheet stays COUNTING); else it goes to REVIEW.' })
  submitStocktake(@Ctx() ctx: RequestContext, @Arg('input') input: StocktakeVersionInput) {
    return stocktakes.submitStocktake(ctx, input);
  }

  @Authorized(P['stocktake:manage'])
  @Mutation(() => Stocktake, { description: 'Send places back to be counted again (REVIEW → COUNTING).' })
  requestStocktakeRecount(@Ctx() ctx: RequestContext, @Arg('input') input: RequestStocktakeRecountInput) {
    return stocktakes.requestRecount(ctx, input);
  }

  @Authorized(P['stocktake:manage'])
  @Mutation(() => Stocktake, { description: 'Approve the counts (someone who counted none of it).' })
  approveStocktake(@Ctx() ctx: RequestContext, @Arg('input') input: StocktakeVersionInput) {
    return stocktakes.approveStocktake(ctx, input);
  }

  @Authorized(P['stocktake:manage'])
  @Mutation(() => Stocktake, { description: 'Post an approved sheet: each variance becomes an ADJUSTMENT move in the ledger.' })
  postStocktake(@Ctx() ctx: RequestContext, @Arg('input') input: StocktakeVersionInput) {
    return stocktakes.postStocktake(ctx, input);
  }

  @Authorized(P['stocktake:manage'])
  @Mutation(() => Stocktake)
  cancelStocktake(@Ctx() ctx: RequestContext, @Arg('input') input: CancelStocktakeInput) {
    return stocktakes.cancelStocktake(ctx, input);
  }

  @FieldResolver(() => Warehouse, { nullable: true })
  warehouse(@Root() sheet: Stocktake, @Ctx() ctx: RequestContext) {
    return embedded(sheet, 'warehouse', () => warehouseLoader(ctx).load(sheet.warehouseId));
  }

  @FieldResolver(() => StorageZone, { nullable: true })
  zone(@Root() sheet: Stocktake, @Ctx() ctx: RequestContext) {
    return embedded(sheet, 'zone', () => (sheet.zoneId ? zoneLoader(ctx).load(sheet.zoneId) : null));
  }

  @FieldResolver(() => Int)
  async lineCount(@Root() sheet: Stocktake, @Ctx() ctx: RequestContext) {
    return (await lineCountsLoader(ctx).load(sheet.id)).lineCount;
  }

  @FieldResolver(() => Int)
  async countedCount(@Root() sheet: Stocktake, @Ctx() ctx: RequestContext) {
    return (await lineCountsLoader(ctx).load(sheet.id)).countedCount;
  }

  @FieldResolver(() => Int, { description: 'Places waiting for a recount.' })
  async recountCount(@Root() sheet: Stocktake, @Ctx() ctx: RequestContext) {
    return (await lineCountsLoader(ctx).load(sheet.id)).recountCount;
  }

  @FieldResolver(() => [StockMove], { nullable: true, description: 'Moves at the sheet’s places while it was open (not lost: counts are compared with on hand at the count). Null for counters on a blind sheet.' })
  movesDuringCount(@Root() sheet: Stocktake, @Ctx() ctx: RequestContext) {
    return stocktakes.seesBook(ctx, sheet.blind) ? movesDuringCountLoader(ctx).load(sheet.id) : null;
  }
}

@Resolver(() => StocktakeLine)
export class StocktakeLineResolver {
  @FieldResolver(() => String, { nullable: true })
  productName(@Root() line: LineRow) {
    return (line as unknown as Record<string, unknown>).productName ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  specification(@Root() line: LineRow) {
    return (line as unknown as Record<string, unknown>).specification ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  unit(@Root() line: LineRow) {
    return (line as unknown as Record<string, unknown>).unit ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  lotNo(@Root() line: LineRow) {
    return (line as unknown as Record<string, unknown>).lotNo ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  zoneCode(@Root() line: LineRow) {
    return (line as unknown as Record<string, unknown>).zoneCode ?? null;
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: LineRow, @Ctx() ctx: RequestContext) {
    return productLoader(ctx).load(line.productId);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'On hand when the sheet opened. Null for counters on a blind sheet.' })
  bookQuantity(@Root() line: LineRow, @Ctx() ctx: RequestContext): number | null {
    return stocktakes.seesBook(ctx, line.blind !== false) ? line.bookQuantity : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Moved in (+) or out (−) at this place since the sheet opened, until it was counted (until now while uncounted). Null for counters on a blind sheet.' })
  movedQuantity(@Root() line: LineRow, @Ctx() ctx: RequestContext): number | null {
    if (!stocktakes.seesBook(ctx, line.blind !== false)) return null;
    return (line.onHandAtCount ?? line.currentOnHand ?? line.bookQuantity) - line.bookQuantity;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'What the count should find: book at opening + moves until the count. Null for counters on a blind sheet.' })
  expectedQuantity(@Root() line: LineRow, @Ctx() ctx: RequestContext): number | null {
    if (!stocktakes.seesBook(ctx, line.blind !== false)) return null;
    return line.onHandAtCount ?? line.currentOnHand ?? line.bookQuantity;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Counted − expected; what posting adjusts. Null until counted, and for counters on a blind sheet.' })
  variance(@Root() line: LineRow, @Ctx() ctx: RequestContext): number | null {
    return stocktakes.seesBook(ctx, line.blind !== false) ? stocktakes.varianceOf(line) : null;
  }
}
