import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { checkVersion } from '../../core/services/updates';
import { StockAlertKind, StockMinimum } from './alert.entity';
import { raiseAlert } from './alert.service';
import { getProduct } from './catalog.service';
import { now } from './inventory.time';
import { warehouseScopeCondition } from './stock.service';
import { getWarehouse } from './warehouse.service';

/**
 * Low stock: a minimum per product and warehouse; when the usable stock there (on hand minus
 * reserved, of available lots not past their date, in zones not on hold) falls below it, a
 * LOW_STOCK alert is raised once, until it is back at or above the minimum.
 */

/**
 * Re-checks the minimums of these products at a warehouse, in the caller's transaction (after a
 * move, a reservation or a release): a minimum newly undercut raises its alert; one met again
 * is reset. Writes only when a minimum's state flips.
 */
export async function checkLowStock(ctx: Pick<RequestContext, 'em' | 'actor'>, warehouseId: string, productIds: readonly string[]): Promise<number> {
  if (!productIds.length) return 0;
  const at = now();
  const flipped = await ctx.em.execute<{ id: string; franchise_id: string; product_id: string; min_quantity: number; available: number; low_since: Date | null; name: string; code: string }[]>(
    `with usable as (
       select m.id, coalesce(sum(b.on_hand - b.reserved) filter (
                where bt.status = 'AVAILABLE' and b.expiry_date >= (?::timestamptz at time zone w.time_zone)::date and not z.on_hold), 0)::int as available
         from stock_minimum m join warehouse w on w.id = m.warehouse_id
         left join stock_balance b on b.warehouse_id = m.warehouse_id and b.product_id = m.product_id
         left join batch bt on bt.id = b.batch_id left join storage_zone z on z.id = b.zone_id
        where m.warehouse_id = ? and m.product_id in (select (jsonb_array_elements_text(?::jsonb))::uuid) and m.min_quantity > 0
        group by m.id)
     update stock_minimum m set low_since = case when u.available < m.min_quantity then ?::timestamptz else null end, version = m.version + 1, updated_at = ?
       from usable u
      where u.id = m.id and (u.available < m.min_quantity) <> (m.low_since is not null)
     returning m.id, m.franchise_id, m.product_id, m.min_quantity, u.available, m.low_since,
               (select p.generic_name || ' ' || p.specification from product p where p.id = m.product_id) as name,
               (select w.name from warehouse w where w.id = m.warehouse_id) as code`,
    [at, warehouseId, JSON.stringify([...new Set(productIds)]), at, at],
  );
  let raised = 0;
  for (const m of flipped.filter((f) => f.low_since)) {
    const id = await raiseAlert(ctx, {
      franchiseId: m.franchise_id,
      kind: StockAlertKind.LOW_STOCK,
      dedupeKey: `low:${m.id}:${new Date(m.low_since!).toISOString()}`,
      warehouseId,
      productId: m.product_id,
      subjectId: m.id,
      message: `${m.code} 的 ${m.name} 可用库存 ${m.available}，低于最低库存 ${m.min_quantity}，请补货。`,
      details: { available: m.available, minQuantity: m.min_quantity },
    });
    if (id) raised++;
  }
  return raised;
}

/** Sets (or with 0, turns off) the minimum of a product at a warehouse; checked against the stock at once. */
export async function setStockMinimum(ctx: RequestContext, input: { warehouseId: string; productId: string; minQuantity: number; version?: number | null }): Promise<StockMinimum> {
  requireActor(ctx);
  if (!Number.isInteger(input.minQuantity) || input.minQuantity < 0) throw new BadUserInputError({ field: 'minQuantity', message: 'must be a whole number, 0 or more (0 turns the alert off)' });
  const warehouse = await getWarehouse(ctx, input.warehouseId);
  const product = await getProduct(ctx, input.productId);
  let minimum = await ctx.em.findOne(StockMinimum, { warehouseId: warehouse.id, productId: product.id });
  if (minimum) {
    if (input.version != null) checkVersion(minimum, input.version, 'Stock minimum');
    minimum.minQuantity = input.minQuantity;
    if (!input.minQuantity) minimum.lowSince = null;
  } else minimum = ctx.em.create(StockMinimum, { franchiseId: warehouse.franchiseId, warehouseId: warehouse.id, productId: product.id, minQuantity: input.minQuantity });
  await ctx.em.flush();
  await checkLowStock(ctx, warehouse.id, [product.id]);
  await ctx.em.refresh(minimum);
  return minimum;
}

const MINIMUM_READ: ReadSpec<StockMinimum> = { entity: StockMinimum, always: ['id', 'franchiseId', 'warehouseId', 'productId'] };

export async function listStockMinimums(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await warehouseScopeCondition(ctx);
  return readPage(ctx.em, MINIMUM_READ, args, selection, { where: scope as FilterQuery<StockMinimum>, defaultSort: [{ field: 'updatedAt', direction: SortDirection.DESC }] });
}
