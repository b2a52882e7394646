import type { EntityManager } from '@mikro-orm/postgresql';
import { defineJob } from '../../core/jobs/jobs';
import { inScopedTransaction, SYSTEM_SCOPE } from '../../core/tenancy/scope';
import { now } from './inventory.time';

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

export interface LedgerMismatch {
  balanceId: string;
  franchiseId: string;
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
  const rows = await em.execute<Record<string, string | number>[]>(
    `with moved as (
       select warehouse_id, zone_id, product_id, batch_id, sum(quantity)::int as qty from stock_move group by 1, 2, 3, 4
     ), held as (
       select a.balance_id, sum(a.quantity)::int as qty from stock_reservation_allocation a
         join stock_reservation r on r.id = a.reservation_id where r.status = 'ACTIVE' group by 1
     )
     select b.id, b.franchise_id, b.on_hand, coalesce(m.qty, 0) as ledger, b.reserved, coalesce(h.qty, 0) as held
       from stock_balance b
       left join moved m using (warehouse_id, zone_id, product_id, batch_id)
       left join held h on h.balance_id = b.id
      where b.on_hand <> coalesce(m.qty, 0) or b.reserved <> coalesce(h.qty, 0)
     union all
     select null, null, 0, m.qty, 0, 0 from moved m
      where not exists (select 1 from stock_balance b where (b.warehouse_id, b.zone_id, b.product_id, b.batch_id) = (m.warehouse_id, m.zone_id, m.product_id, m.batch_id))`,
  );
  return rows.map((r) => ({
    balanceId: String(r.id),
    franchiseId: String(r.franchise_id),
    onHand: Number(r.on_hand),
    ledgerOnHand: Number(r.ledger),
    reserved: Number(r.reserved),
    reservedByReservations: Number(r.held),
  }));
}

export const flagExpiredJob = defineJob({
  name: 'inventory.flag-expired',
  description: 'Flag lots past their expiry date as EXPIRED (every night, just after midnight).',
  cron: '5 0 * * *',
  run: (runtime) => inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, (em) => flagExpiredBatches(em)),
});

export const ledgerCheckJob = defineJob({
  name: 'inventory.ledger-check',
  description: 'Verify that stock balances equal the sums of the ledger and of active reservations; alert when not (hourly).',
  cron: '17 * * * *',
  run: async (runtime) => {
    const mismatches = await inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, (em) => verifyLedger(em));
    if (mismatches.length) {
      runtime.logger.error({ mismatches: mismatches.slice(0, 20), count: mismatches.length }, 'stock ledger and balances differ');
      for (const m of mismatches) runtime.pubsub.publish('inventory.alerts', { kind: 'LEDGER_MISMATCH', ...m });
    }
    return { mismatches: mismatches.length };
  },
});
