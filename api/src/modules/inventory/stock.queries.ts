import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedChildren, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { productEmbed } from './catalog.queries';
import { addDays, localDate, now } from './inventory.time';
import { StockBalance, StockMove, StockReservation, StockReservationAllocation } from './stock.entity';
import { warehouseScopeCondition } from './stock.service';
import type { BatchStatus } from './warehouse.entity';
import { batchEmbed, warehouseEmbed, zoneEmbed } from './warehouse.queries';
import { getWarehouse } from './warehouse.service';

/**
 * The stock read path: balances, the ledger and reservations as plain rows with the columns
 * the request selects; product, lot, warehouse, zone and allocations embedded in the page's
 * one statement. Writes (stock.service) keep entities, row locks and the unit of work.
 */

/** What a balance row of a page carries for its expiry fields: the lot's stored status and the warehouse's time zone. */
export interface ReadTimes {
  lotStatus?: BatchStatus;
  warehouseTimeZone?: string | null;
}

function balanceReadSpec(ctx: RequestContext): ReadSpec<StockBalance> {
  return {
    entity: StockBalance,
    always: ['id', 'franchiseId', 'warehouseId', 'zoneId', 'productId', 'batchId'],
    // Made effective for today in the warehouse's calendar by the field resolvers.
    needs: { daysToExpiry: ['expiryDate', 'warehouseTimeZone'], batchStatus: ['expiryDate', 'lotStatus', 'warehouseTimeZone'] },
    computed: {
      lotStatus: (a) => `(select ${a}_bs.status from batch ${a}_bs where ${a}_bs.id = ${a}.batch_id)`,
      warehouseTimeZone: (a) => `(select ${a}_wt.time_zone from warehouse ${a}_wt where ${a}_wt.id = ${a}.warehouse_id)`,
    },
    embeds: { product: productEmbed(ctx, 'product_id'), batch: batchEmbed(ctx, 'batch_id'), warehouse: warehouseEmbed('warehouse_id'), zone: zoneEmbed('zone_id') },
  };
}

function moveReadSpec(ctx: RequestContext): ReadSpec<StockMove> {
  return {
    entity: StockMove,
    always: ['id', 'franchiseId', 'warehouseId', 'zoneId', 'productId', 'batchId'],
    embeds: { product: productEmbed(ctx, 'product_id'), batch: batchEmbed(ctx, 'batch_id'), zone: zoneEmbed('zone_id') },
  };
}

const ALLOCATION_READ: ReadSpec<StockReservationAllocation> = { entity: StockReservationAllocation, always: ['id', 'franchiseId', 'reservationId'] };

function reservationReadSpec(ctx: RequestContext): ReadSpec<StockReservation> {
  return {
    entity: StockReservation,
    always: ['id', 'franchiseId', 'warehouseId', 'productId'],
    embeds: {
      product: productEmbed(ctx, 'product_id'),
      allocations: embedChildren(ALLOCATION_READ, 'stock_reservation_allocation', 'reservation_id', (a) => `${a}.id`),
    },
  };
}

const EARLIEST_EXPIRY = [{ field: 'expiryDate', direction: SortDirection.ASC }];

/** Stock on hand per place; places with nothing on hand stay out unless the filter asks about onHand. */
export async function listBalances(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await warehouseScopeCondition(ctx);
  const asksOnHand = JSON.stringify(args.filter ?? {}).includes('"onHand"');
  return readPage(ctx.em, balanceReadSpec(ctx), args, selection, {
    where: { ...scope, ...(asksOnHand ? {} : { onHand: { $gt: 0 } }) } as FilterQuery<StockBalance>,
    defaultSort: EARLIEST_EXPIRY,
  });
}

export async function listMoves(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await warehouseScopeCondition(ctx);
  return readPage(ctx.em, moveReadSpec(ctx), args, selection, { where: scope as FilterQuery<StockMove>, defaultSort: [{ field: 'occurredAt', direction: SortDirection.DESC }] });
}

export async function listReservations(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await warehouseScopeCondition(ctx);
  return readPage(ctx.em, reservationReadSpec(ctx), args, selection, { where: scope as FilterQuery<StockReservation>, defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}

/**
 * Stock at a warehouse that expires within `withinDays` (by the warehouse's calendar, its
 * franchise's time zone), earliest first; with `includeExpired`, lots already past their date too.
 */
export async function listNearExpiry(
  ctx: RequestContext,
  input: { warehouseId: string; withinDays?: number | null; includeExpired?: boolean | null },
  args: ListArgs,
  selection: Selection | null = null,
) {
  const within = input.withinDays ?? 90;
  if (!Number.isInteger(within) || within < 0 || within > 730) throw new BadUserInputError({ field: 'withinDays', message: 'must be a whole number of days from 0 to 730' });
  const warehouse = await getWarehouse(ctx, input.warehouseId);
  const today = localDate(now(), warehouse.timeZone);
  const expiry = input.includeExpired ? { $lte: addDays(today, within) } : { $gte: today, $lte: addDays(today, within) };
  return readPage(ctx.em, balanceReadSpec(ctx), args, selection, {
    where: { warehouseId: warehouse.id, onHand: { $gt: 0 }, expiryDate: expiry } as FilterQuery<StockBalance>,
    defaultSort: EARLIEST_EXPIRY,
  });
}
