import type { EntityManager } from '@mikro-orm/postgresql';
import { defineJob } from '../../core/jobs/jobs';
import { systemContext, type RequestContext } from '../../core/context';
import { inOperation } from '../../core/tenancy/request-transaction';
import { StockAlertKind } from './alert.entity';
import { raiseAlert } from './alert.service';
import { now } from './inventory.time';
import { runExpiryCheck } from './expiry.service';
import { escalateOverdueExcursions } from './storage.service';

export { flagExpiredBatches } from './expiry.service';

export interface LedgerMismatch {
  balanceId: string | null;
  franchiseId: string;
  warehouseId: string;
  onHand: number;
  ledgerOnHand: number;
  reserved: number;
  reservedByReservations: number;
}

/**
 * Every balance against its ledger: on hand must equal the sum of its moves, reserved the sum of
 * its active reservations' allocations. Returns the places that differ (none, normally).
 */
export async function verifyLedger(em: EntityManager): Promise<LedgerMismatch[]> {
  const rows = await em.execute<Record<string, string | number | null>[]>(
    `with moved as (
       select franchise_id, warehouse_id, zone_id, product_id, batch_id, sum(quantity)::int as qty from stock_move group by 1, 2, 3, 4, 5
     ), held as (
       select a.balance_id, sum(a.quantity)::int as qty from stock_reservation_allocation a
         join stock_reservation r on r.id = a.reservation_id where r.status = 'ACTIVE' group by 1
     )
     select b.id, b.franchise_id, b.warehouse_id, b.on_hand, coalesce(m.qty, 0) as ledger, b.reserved, coalesce(h.qty, 0) as held
       from stock_balance b
       left join moved m using (warehouse_id, zone_id, product_id, batch_id)
       left join held h on h.balance_id = b.id
      where b.on_hand <> coalesce(m.qty, 0) or b.reserved <> coalesce(h.qty, 0)
     union all
     select null, m.franchise_id, m.warehouse_id, 0, m.qty, 0, 0 from moved m
      where not exists (select 1 from stock_balance b where (b.warehouse_id, b.zone_id, b.product_id, b.batch_id) = (m.warehouse_id, m.zone_id, m.product_id, m.batch_id))`,
  );
  return rows.map((r) => ({
    balanceId: r.id == null ? null : String(r.id),
    franchiseId: String(r.franchise_id),
    warehouseId: String(r.warehouse_id),
    onHand: Number(r.on_hand),
    ledgerOnHand: Number(r.ledger),
    reserved: Number(r.reserved),
    reservedByReservations: Number(r.held),
  }));
}

/**
 * The hourly check: each place whose balance differs from its ledger raises a LEDGER_MISMATCH
 * alert (through the outbox, like every alert), once per place and hour.
 */
export async function checkLedger(ctx: RequestContext, at: Date = now()): Promise<LedgerMismatch[]> {
  const mismatches = await verifyLedger(ctx.em);
  const hour = at.toISOString().slice(0, 13);
  for (const m of mismatches)
    await raiseAlert(ctx, {
      franchiseId: m.franchiseId,
      kind: StockAlertKind.LEDGER_MISMATCH,
      dedupeKey: `ledger:${m.balanceId ?? m.warehouseId}:${hour}`,
      warehouseId: m.warehouseId,
      subjectId: m.balanceId,
      message: `库存余额与流水不符：现存 ${m.onHand}（流水合计 ${m.ledgerOnHand}），预留 ${m.reserved}（有效预留合计 ${m.reservedByReservations}）。`,
      details: { ...m },
    });
  return mismatches;
}

export const flagExpiredJob = defineJob({
  name: 'inventory.flag-expired',
  description: 'Every night: flag lots past their expiry date as EXPIRED and alert (expired lots still in stock, the 30 / 60 / 90-day near-expiry digest per warehouse).',
  cron: '5 0 * * *',
  run: async (runtime) => {
    const ctx = systemContext(runtime);
    return inOperation(ctx, () => runExpiryCheck(ctx));
  },
});

export const ledgerCheckJob = defineJob({
  name: 'inventory.ledger-check',
  description: 'Verify that stock balances equal the sums of the ledger and of active reservations; raise an alert where not (hourly).',
  cron: '17 * * * *',
  run: async (runtime) => {
    const ctx = systemContext(runtime);
    const mismatches = await inOperation(ctx, () => checkLedger(ctx));
    if (mismatches.length) runtime.logger.error({ mismatches: mismatches.slice(0, 20), count: mismatches.length }, 'stock ledger and balances differ');
    return { mismatches: mismatches.length };
  },
});

export const excursionCheckJob = defineJob({
  name: 'inventory.excursion-check',
  description: 'Storage excursions that lasted beyond the franchise’s limit open a case for the warehouse’s responsible person (every minute).',
  cron: '* * * * *',
  run: async (runtime) => {
    const ctx = systemContext(runtime);
    return { cases: await inOperation(ctx, () => escalateOverdueExcursions(ctx)) };
  },
});
