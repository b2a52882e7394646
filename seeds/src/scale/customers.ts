import type { Client } from 'pg';
import type { OrgUnit, StaffUser } from '@pharmadesk/api';
import { buildCustomers } from '../demo/customers';
import { Rng, stableUuid } from '../framework/rng';
import { clock } from '@pharmadesk/api';

/** Columns written by the scale generator (generated columns are left to PostgreSQL). */
const COLUMNS = [
  'id', 'franchise_id', 'record_no', 'name', 'gender', 'birth_date', 'birth_date_estimated', 'phone', 'address', 'email', 'member_card_no',
  'org_unit_id', 'doctor_id', 'health_manager_id', 'source_channel', 'medical_history', 'allergies', 'current_medications', 'family_members',
  'personality', 'interests', 'tags', 'consent_phone', 'consent_sms', 'consent_wechat', 'consent_marketing', 'total_spend', 'purchase_count',
  'last_purchase_at', 'last_service_at', 'created_at', 'updated_at',
] as const;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Writes `count` customers for one franchise straight into PostgreSQL (as the owner),
 * in batches of JSON rows: the benchmark's 200,000-customer franchise in well under a
 * minute. Deterministic for a given seed. Returns the names and phones written, for queries.
 */
export async function generateScaleCustomers(
  client: Client,
  input: { franchise: OrgUnit; stores: OrgUnit[]; doctors: StaffUser[]; managers: StaffUser[]; count: number; seed?: number; batchSize?: number },
): Promise<{ names: string[]; phones: string[]; cards: string[] }> {
  const rng = new Rng(input.seed ?? 200_000);
  const batchSize = input.batchSize ?? 5000;
  const usedPhones = new Set<string>();
  const names: string[] = [];
  const phones: string[] = [];
  const cards: string[] = [];
  const now = clock.now();
  await client.query(`select set_config('app.franchise_ids', '*', false)`);
  for (let done = 0; done < input.count; done += batchSize) {
    const { customers } = buildCustomers(rng.derive(`batch-${done}`), { ...input, count: Math.min(batchSize, input.count - done), now, usedPhones, withPurchases: false });
    const rows = customers.map((c, i) => {
      c.id = stableUuid(`${input.seed ?? 200_000}:${input.franchise.id}:${done + i}`);
      c.recordNo = `${input.franchise.code}-S-${String(done + i + 1).padStart(7, '0')}`; // unique across batches
      names.push(c.name as string);
      phones.push(c.phone as string);
      if (c.memberCardNo) cards.push(c.memberCardNo as string);
      return Object.fromEntries(COLUMNS.map((col) => [col, c[Object.keys(c).find((k) => snake(k) === col)!] ?? null]));
    });
    await client.query(
      `insert into customer (${COLUMNS.join(', ')})
       select ${COLUMNS.join(', ')} from json_populate_recordset(null::customer, $1::json)`,
      [JSON.stringify(rows)],
    );
  }
  await client.query('analyze customer');
  return { names, phones, cards };
}
