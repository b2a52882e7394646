import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import { StockAlertKind } from './alert.entity';
import { raiseAlert } from './alert.service';
import { DEFAULT_TIME_ZONE, localDate, now } from './inventory.time';

/**
 * Flags lots past their expiry date as EXPIRED (in each franchise's own time zone). Reads never
 * wait for this: a lot past its date already counts as EXPIRED (effectiveBatchStatus, FEFO);
 * the flag makes lists, filters and alerts say so too. Returns how many lots it flagged.
 */
export async function flagExpiredBatches(em: EntityManager, at: Date = now()): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `update batch b set status = 'EXPIRED', status_reason = 'expired on ' || b.expiry_date, version = b.version + 1, updated_at = ?
       from org_unit f
      where f.id = b.franchise_id and b.status in ('AVAILABLE', 'ON_HOLD', 'QUARANTINED')
        and b.expiry_date < (?::timestamptz at time zone f.time_zone)::date
     returning b.id`,
    [at, at],
  );
  return rows.length;
}

/** The near-expiry windows the lists and the daily alert use (days left, in the warehouse's own zone). */
export const EXPIRY_WINDOWS = [30, 60, 90] as const;

interface ExpiringRow {
  franchise_id: string;
  warehouse_id: string;
  warehouse_name: string;
  batch_id: string;
  lot_no: string;
  product_name: string;
  expiry_date: string;
  days_left: number;
  on_hand: number;
}

const windowOf = (daysLeft: number) => EXPIRY_WINDOWS.find((w) => daysLeft <= w)!;

/**
 * The daily expiry run (each warehouse by its own calendar): lots past their date are flagged
 * EXPIRED, each warehouse still holding one gets an EXPIRED alert per lot, and each warehouse
 * with stock expiring within 90 days gets one NEAR_EXPIRY digest a day (counts per 30 / 60 /
 * 90-day window and the lots). Alerts go through the outbox (live, and the responsible
 * person's bell). Idempotent: a second run the same day raises nothing new.
 */
export async function runExpiryCheck(ctx: RequestContext, at: Date = now()): Promise<{ flagged: number; expiredAlerts: number; nearExpiryAlerts: number }> {
  const flagged = await flagExpiredBatches(ctx.em, at);
  const rows = await ctx.em.execute<ExpiringRow[]>(
    `select b.franchise_id, b.warehouse_id, w.name as warehouse_name, b.batch_id, bt.lot_no, p.generic_name || ' ' || p.specification as product_name,
            to_char(b.expiry_date, 'YYYY-MM-DD') as expiry_date, (b.expiry_date - (?::timestamptz at time zone w.time_zone)::date) as days_left, sum(b.on_hand)::int as on_hand
       from stock_balance b join warehouse w on w.id = b.warehouse_id join batch bt on bt.id = b.batch_id join product p on p.id = b.product_id
      where b.on_hand > 0 and b.expiry_date <= (?::timestamptz at time zone w.time_zone)::date + ${Math.max(...EXPIRY_WINDOWS)}
        and bt.status <> 'RECALLED'
      group by 1, 2, 3, 4, 5, 6, 7, 8
      order by 2, 7, 5`,
    [at, at],
  );
  let expiredAlerts = 0;
  let nearExpiryAlerts = 0;
  const byWarehouse = new Map<string, ExpiringRow[]>();
  for (const row of rows) byWarehouse.set(row.warehouse_id, [...(byWarehouse.get(row.warehouse_id) ?? []), row]);
  for (const [warehouseId, lots] of byWarehouse) {
    const { franchise_id: franchiseId, warehouse_name: warehouseName } = lots[0]!;
    for (const lot of lots.filter((l) => Number(l.days_left) < 0)) {
      const raised = await raiseAlert(ctx, {
        franchiseId,
        kind: StockAlertKind.EXPIRED,
        dedupeKey: `expired:${warehouseId}:${lot.batch_id}`,
        warehouseId,
        batchId: lot.batch_id,
        message: `${lot.product_name} 批号 ${lot.lot_no} 已于 ${lot.expiry_date} 过期，${warehouseName} 尚有 ${lot.on_hand}，已不可用，请申请销毁。`,
        details: { lotNo: lot.lot_no, expiryDate: lot.expiry_date, onHand: lot.on_hand },
      });
      if (raised) expiredAlerts++;
    }
    const near = lots.filter((l) => Number(l.days_left) >= 0);
    if (!near.length) continue;
    const counts = Object.fromEntries(EXPIRY_WINDOWS.map((w) => [w, near.filter((l) => windowOf(Number(l.days_left)) === w).length]));
    const today = localDate(at, (await getTimeZone(ctx, warehouseId)) ?? DEFAULT_TIME_ZONE);
    const raised = await raiseAlert(ctx, {
      franchiseId,
      kind: StockAlertKind.NEAR_EXPIRY,
      dedupeKey: `near-expiry:${warehouseId}:${today}`,
      warehouseId,
      message: `${warehouseName} 近效期：30 天内 ${counts[30]} 批，31–60 天 ${counts[60]} 批，61–90 天 ${counts[90]} 批。最近的是 ${near[0]!.product_name} 批号 ${near[0]!.lot_no}（${near[0]!.expiry_date}）。`,
      details: { date: today, counts, lots: near.slice(0, 50).map((l) => ({ batchId: l.batch_id, lotNo: l.lot_no, product: l.product_name, expiryDate: l.expiry_date, daysLeft: Number(l.days_left), onHand: l.on_hand })) },
    });
    if (raised) nearExpiryAlerts++;
  }
  return { flagged, expiredAlerts, nearExpiryAlerts };
}

async function getTimeZone(ctx: RequestContext, warehouseId: string): Promise<string | undefined> {
  const [row] = await ctx.em.execute<{ time_zone: string }[]>(`select time_zone from warehouse where id = ?`, [warehouseId]);
  return row?.time_zone;
}
