import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { generateScaleCustomers } from '@pharmadesk/seeds';
import type { OrgUnit, StaffUser } from '@pharmadesk/api';

export interface BenchFranchise {
  franchiseId: string;
  storeIds: string[];
  doctors: StaffUser[];
  managers: StaffUser[];
  /** Agents of the first store (role agent). */
  agents: StaffUser[];
  sample: { names: string[]; phones: string[]; cards: string[] };
  generateMs: number;
}

/**
 * A franchise of its own for a benchmark ('压测加盟 Bench', Asia/Shanghai), written with SQL: three
 * stores, an owner (owner@bench.demo, the demo password), a doctor, a health manager per store,
 * `agents` agents at the first store, and `customers` generated archives.
 */
export async function createBenchFranchise(db: Client, options: { customers: number; agents?: number }): Promise<BenchFranchise> {
  const { rows: [hq] } = await db.query(`select id, path from org_unit where kind = 'HQ'`);
  const franchiseId = randomUUID();
  await db.query(`insert into org_unit (id, franchise_id, kind, name, code, parent_id, path, status, time_zone, created_at, updated_at, version) values ($1, $1, 'FRANCHISE', '压测加盟 Bench', 'BENCH', $2, $3, 'ACTIVE', 'Asia/Shanghai', now(), now(), 1)`, [franchiseId, hq.id, `${hq.path}${franchiseId}/`]);
  const storeIds = [randomUUID(), randomUUID(), randomUUID()];
  for (const [i, id] of storeIds.entries())
    await db.query(`insert into org_unit (id, franchise_id, kind, name, code, parent_id, path, status, time_zone, created_at, updated_at, version) values ($1, $2, 'STORE', $3, $4, $2, $5, 'ACTIVE', 'Asia/Shanghai', now(), now(), 1)`, [id, franchiseId, `压测门店 ${i + 1}`, `B-${i + 1}`, `${hq.path}${franchiseId}/${id}/`]);
  const { rows: roles } = await db.query(`select id, template_key from role where template_key in ('franchise_owner', 'health_manager', 'pharmacist', 'agent')`);
  const role = (key: string) => roles.find((r) => r.template_key === key).id;
  const { rows: [hash] } = await db.query(`select password_hash from staff_user where email = 'owner@east.demo'`);
  const person = async (email: string, title: string, unit: string, template: string, name = email) => {
    const id = randomUUID();
    await db.query(
      `insert into staff_user (id, franchise_id, org_unit_id, email, password_hash, display_name, status, job_title, role_ids, specialties, certificates, created_at, updated_at, version)
       values ($1, $2, $3, $4, $5, $8, 'ACTIVE', $6, $7, '{}', '{}', now(), now(), 1)`,
      [id, franchiseId, unit, email, hash.password_hash, title, [role(template)], name],
    );
    return { id, orgUnitId: unit, franchiseId } as StaffUser;
  };
  await person('owner@bench.demo', 'FRANCHISE_OWNER', franchiseId, 'franchise_owner');
  const doctors = [await person('doctor@bench.demo', 'DOCTOR', storeIds[0]!, 'pharmacist')];
  const managers: StaffUser[] = [];
  for (const [i, s] of storeIds.entries()) managers.push(await person(`manager${i}@bench.demo`, 'HEALTH_MANAGER', s, 'health_manager'));
  const agents: StaffUser[] = [];
  for (let i = 0; i < (options.agents ?? 0); i++) agents.push(await person(`agent${i}@bench.demo`, 'AGENT', storeIds[i % storeIds.length]!, 'agent', `压测坐席${i + 1}`));
  const started = Date.now();
  const sample = await generateScaleCustomers(db, {
    franchise: { id: franchiseId, code: 'BENCH' } as OrgUnit,
    stores: storeIds.map((id) => ({ id }) as OrgUnit),
    doctors,
    managers,
    count: options.customers,
  });
  return { franchiseId, storeIds, doctors, managers, agents, sample, generateMs: Date.now() - started };
}
