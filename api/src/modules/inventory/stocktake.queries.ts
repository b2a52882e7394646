import DataLoader from 'dataloader';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec, type Row } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { readRows } from '../../core/read/sql';
import { StockMove } from './stock.entity';
import { warehouseScopeCondition } from './stock.service';
import { Stocktake, StocktakeLine } from './stocktake.entity';
import { getStocktake } from './stocktake.service';
import { PEOPLE_NEEDS } from './documents.common';
import { warehouseEmbed, zoneEmbed } from './warehouse.queries';

/**
 * The stocktake read path: sheets and their lines as plain rows. A line carries what a
 * counter needs to find the place (product, lot, zone) computed in its row; book-side
 * figures are resolved per reader (stocktake.resolver: hidden on blind sheets).
 */

const SHEET_READ: ReadSpec<Stocktake> = {
  entity: Stocktake,
  always: ['id', 'franchiseId', 'warehouseId', 'zoneId', 'blind', 'createdAt', 'closedAt'],
  needs: PEOPLE_NEEDS,
  embeds: { warehouse: warehouseEmbed('warehouse_id'), zone: zoneEmbed('zone_id') },
};

export async function listStocktakes(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await warehouseScopeCondition(ctx);
  return readPage(ctx.em, SHEET_READ, args, selection, { where: scope as FilterQuery<Stocktake>, defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}

const onHandNow = (a: string) =>
  `coalesce((select b.on_hand from stock_balance b join stocktake s on s.id = ${a}.stocktake_id
     where b.warehouse_id = s.warehouse_id and b.zone_id = ${a}.zone_id and b.product_id = ${a}.product_id and b.batch_id = ${a}.batch_id), 0)`;

const BOOK = ['bookQuantity', 'onHandAtCount', 'countedQuantity', 'currentOnHand', 'blind'] as const;

export const LINE_READ: ReadSpec<StocktakeLine> = {
  entity: StocktakeLine,
  always: ['id', 'franchiseId', 'stocktakeId', 'zoneId', 'productId', 'batchId'],
  needs: { ...PEOPLE_NEEDS, bookQuantity: BOOK, movedQuantity: BOOK, expectedQuantity: BOOK, variance: BOOK },
  computed: {
    productName: (a) => `(select p.generic_name from product p where p.id = ${a}.product_id)`,
    specification: (a) => `(select p.specification from product p where p.id = ${a}.product_id)`,
    unit: (a) => `(select p.unit from product p where p.id = ${a}.product_id)`,
    lotNo: (a) => `(select bt.lot_no from batch bt where bt.id = ${a}.batch_id)`,
    zoneCode: (a) => `(select z.code from storage_zone z where z.id = ${a}.zone_id)`,
    blind: (a) => `(select s.blind from stocktake s where s.id = ${a}.stocktake_id)`,
    currentOnHand: onHandNow,
  },
};

/** A sheet's lines (NOT_FOUND when the sheet is not visible), by zone, product name and lot unless sorted otherwise. */
export async function listStocktakeLines(ctx: RequestContext, stocktakeId: string, args: ListArgs, selection: Selection | null = null) {
  await getStocktake(ctx, stocktakeId);
  return readPage(ctx.em, LINE_READ, args, selection, {
    where: { stocktakeId } as FilterQuery<StocktakeLine>,
    defaultSort: [{ field: 'zoneId', direction: SortDirection.ASC }, { field: 'expiryDate', direction: SortDirection.ASC }, { field: 'id', direction: SortDirection.ASC }],
  });
}

/** Lines by id as read rows (what the count mutation returns), in the order asked. */
export async function readLines(ctx: RequestContext, stocktakeId: string, ids: readonly string[], selection: Selection | null = null): Promise<Row[]> {
  const page = await readPage(ctx.em, LINE_READ, { filter: { id: { in: [...ids] } }, paging: { limit: Math.max(1, ids.length), offset: 0 } }, selection, { where: { stocktakeId } as FilterQuery<StocktakeLine> });
  const byId = new Map(page.nodes.map((r) => [r.id as string, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

export interface LineCounts {
  lineCount: number;
  countedCount: number;
  recountCount: number;
}

/** Per sheet: lines, lines counted, lines waiting for a recount (one statement per page of sheets). */
export const lineCountsLoader = (ctx: RequestContext) =>
  ctx.loaders.get(lineCountsLoader, () =>
    new DataLoader<string, LineCounts>(async (ids) => {
      const rows = await readRows<{ stocktake_id: string; lines: number; counted: number; recount: number }>(
        ctx.em,
        `select stocktake_id, count(*)::int as lines, count(counted_quantity)::int as counted, count(*) filter (where recount_required)::int as recount
           from stocktake_line where stocktake_id in (select (jsonb_array_elements_text(?::jsonb))::uuid) group by 1`,
        [JSON.stringify(ids)],
      );
      const by = new Map(rows.map((r) => [r.stocktake_id, { lineCount: r.lines, countedCount: r.counted, recountCount: r.recount }]));
      return ids.map((id) => by.get(id) ?? { lineCount: 0, countedCount: 0, recountCount: 0 });
    }),
  );

/** Moves at each sheet's places while it was open (its own adjustments aside), oldest first: one statement per page of sheets. */
export const movesDuringCountLoader = (ctx: RequestContext) =>
  ctx.loaders.get(movesDuringCountLoader, () =>
    new DataLoader<string, StockMove[]>(async (ids) => {
      const rows = await readRows<Record<string, unknown>>(
        ctx.em,
        `select s.id as stocktake_id, m.* from stocktake s
           join lateral (select * from stock_move m
                          where m.warehouse_id = s.warehouse_id and (s.zone_id is null or m.zone_id = s.zone_id)
                            and m.occurred_at >= s.created_at and (s.closed_at is null or m.occurred_at <= s.closed_at)
                            and m.document_id is distinct from s.id
                          order by m.occurred_at, m.id limit 500) m on true
          where s.id in (select (jsonb_array_elements_text(?::jsonb))::uuid)`,
        [JSON.stringify(ids)],
      );
      const by = new Map<string, StockMove[]>();
      for (const { stocktake_id, ...row } of rows) by.set(stocktake_id as string, [...(by.get(stocktake_id as string) ?? []), ctx.em.map(StockMove, row)]);
      return ids.map((id) => by.get(id) ?? []);
    }),
  );
