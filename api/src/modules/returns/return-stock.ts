import type { RequestContext } from '../../core/context';
import { getProduct } from '../inventory/catalog.service';
import { requestDestruction } from '../inventory/destruction.service';
import { nonConformingZone } from '../inventory/requisition.service';
import { StockMoveKind } from '../inventory/stock.entity';
import { postMoves, type MoveRequest } from '../inventory/stock.service';
import { getBatch, getWarehouse } from '../inventory/warehouse.service';
import type { ReturnLine, ReturnRequest } from './return.entity';

/**
 * Returned goods back into stock, through the inventory services only: resalable units into
 * the lot and zone they were picked from (RETURN_RESTOCK, available again), the others into
 * the warehouse's non-conforming area (never available) with a destruction request for them,
 * which then goes through its own approval and witness.
 */

export const RETURN_DOCUMENT = 'RETURN';

export interface PutBack {
  line: ReturnLine;
  resalable: number;
  nonResalable: number;
}

export async function putBackReturnedGoods(ctx: RequestContext, r: ReturnRequest, lines: readonly PutBack[]): Promise<{ restocked: number; quarantined: number; destructionId: string | null }> {
  const warehouse = await getWarehouse(ctx, r.warehouseId);
  const document = { documentType: RETURN_DOCUMENT, documentId: r.id, documentNo: r.returnNo };
  const moves: MoveRequest[] = [];
  const quarantine = new Map<string, { zoneId: string; batchId: string; quantity: number }>();
  for (const { line, resalable, nonResalable } of lines) {
    const batch = await getBatch(ctx, line.batchId!);
    const base = { warehouseId: warehouse.id, productId: line.productId, batchId: batch.id, expiryDate: batch.expiryDate, kind: StockMoveKind.RETURN_RESTOCK, ...document };
    if (resalable > 0) moves.push({ ...base, zoneId: line.zoneId!, quantity: resalable, reason: `退货入库（${r.returnNo}）` });
    if (nonResalable > 0) {
      const zone = await nonConformingZone(ctx, warehouse, await getProduct(ctx, line.productId));
      moves.push({ ...base, zoneId: zone.id, quantity: nonResalable, reason: `退货不合格品（${r.returnNo}）` });
      const key = `${zone.id}|${batch.id}`;
      const held = quarantine.get(key) ?? { zoneId: zone.id, batchId: batch.id, quantity: 0 };
      quarantine.set(key, { ...held, quantity: held.quantity + nonResalable });
    }
  }
  await ctx.em.flush(); // a non-conforming area opened on first use exists before its balance
  await postMoves(ctx, warehouse.franchiseId, moves);
  const destruction = quarantine.size
    ? await requestDestruction(ctx, { warehouseId: warehouse.id, reason: `退货检验不合格，待销毁（${r.returnNo}）`, lines: [...quarantine.values()] })
    : null;
  const sum = (pick: (p: PutBack) => number) => lines.reduce((n, p) => n + pick(p), 0);
  return { restocked: sum((p) => p.resalable), quarantined: sum((p) => p.nonResalable), destructionId: destruction?.id ?? null };
}
