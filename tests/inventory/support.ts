import { clock } from '@pharmadesk/api';
import { DEMO_PASSWORD } from '@pharmadesk/seeds';
import type { Caller } from '../support/actors';
import type { TestApp } from '../support/app';

/** Runs an operation that must succeed, returning its data. */
export async function must<T = Record<string, unknown>>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await caller.graphql<T>(query, variables);
  if (res.body.errors || !res.body.data) throw new Error(`${caller.label}: ${JSON.stringify(res.body.errors)}`);
  return res.body.data;
}

/** The date `days` from today by the product's clock, in the demo franchises' zone (YYYY-MM-DD). */
export function inDays(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(clock.now());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface ProductRow {
  id: string;
  genericName: string;
  storageClass: string;
}

let serial = 0;

/** HQ adds a shared product (normal storage unless told). */
export async function createProduct(hq: Caller, fields: Record<string, unknown> = {}): Promise<ProductRow> {
  serial++;
  const { createOneProduct } = await must<{ createOneProduct: ProductRow }>(
    hq,
    'mutation($p: ProductInput!) { createOneProduct(input: { product: $p }) { id genericName storageClass } }',
    {
      p: {
        genericName: `阿莫西林胶囊 ${serial}`,
        brandName: '阿莫仙',
        specification: '0.25g×24粒',
        dosageForm: '胶囊',
        unit: '盒',
        approvalNumber: `国药准字H${String(44021300 + serial)}`,
        category: 'PRESCRIPTION',
        storageClass: 'NORMAL',
        shelfLifeDays: 730,
        priceCents: 2350,
        shared: true,
        ...fields,
      },
    },
  );
  return createOneProduct;
}

export interface WarehouseSetup {
  warehouseId: string;
  franchiseId: string;
  normalZoneId: string;
  coldZoneId: string;
}

/** A franchise owner opens a warehouse at their franchise with a normal and a cold zone. */
export async function createWarehouse(owner: Caller, code: string): Promise<WarehouseSetup> {
  const units = await must<{ orgUnits: { nodes: { id: string; kind: string }[] } }>(owner, '{ orgUnits(paging: { limit: 50 }) { nodes { id kind } } }');
  const franchise = units.orgUnits.nodes.find((u) => u.kind === 'FRANCHISE' || u.kind === 'HQ')!;
  const { createOneWarehouse } = await must<{ createOneWarehouse: { id: string; franchiseId: string } }>(
    owner,
    'mutation($w: WarehouseInput!) { createOneWarehouse(input: { warehouse: $w }) { id franchiseId } }',
    { w: { orgUnitId: franchise.id, code, name: `${code} 仓库` } },
  );
  const zone = async (zoneCode: string, storageClass: string) =>
    (
      await must<{ createOneStorageZone: { id: string } }>(owner, 'mutation($z: StorageZoneInput!) { createOneStorageZone(input: { storageZone: $z }) { id } }', {
        z: { warehouseId: createOneWarehouse.id, code: zoneCode, name: `${zoneCode} 区`, storageClass },
      })
    ).createOneStorageZone.id;
  return { warehouseId: createOneWarehouse.id, franchiseId: createOneWarehouse.franchiseId, normalZoneId: await zone('A', 'NORMAL'), coldZoneId: await zone('C', 'COLD') };
}

export interface ReceiptLine {
  productId: string;
  zoneId: string;
  lotNo: string;
  manufactureDate?: string;
  expiryDate: string;
  quantity: number;
}

/** Receives lots into a warehouse; returns the moves' batch ids by lot number. */
export async function receive(caller: Caller, warehouseId: string, lines: ReceiptLine[], documentNo = `RK-${++serial}`): Promise<Record<string, string>> {
  const { receiveStock } = await must<{ receiveStock: { moves: { batchId: string; batch: { lotNo: string } }[] } }>(
    caller,
    'mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { moves { batchId batch { lotNo } } } }',
    { i: { warehouseId, documentNo, lines: lines.map((l) => ({ manufactureDate: inDays(-200), ...l })) } },
  );
  return Object.fromEntries(receiveStock.moves.map((m) => [m.batch.lotNo, m.batchId]));
}

export const BALANCES = `query($w: ID!, $p: ID!) { stockBalances(filter: { warehouseId: { eq: $w }, productId: { eq: $p } }, paging: { limit: 200 }) {
  totalCount nodes { id onHand reserved available expiryDate batchStatus daysToExpiry batch { lotNo } zone { code } } } }`;

/** A new staff member of the caller's franchise with one built-in role template (the demo password), signed in. */
export async function staffWith(app: TestApp, owner: Caller, template: string, email: string, orgUnitKind = 'FRANCHISE'): Promise<Caller & { id: string }> {
  const roles = await must<{ roles: { nodes: { id: string; templateKey: string }[] } }>(owner, '{ roles(filter: { builtIn: { is: true } }, paging: { limit: 50 }) { nodes { id templateKey } } }');
  const roleId = roles.roles.nodes.find((r) => r.templateKey === template)!.id;
  const units = await must<{ orgUnits: { nodes: { id: string; kind: string }[] } }>(owner, '{ orgUnits(paging: { limit: 50 }) { nodes { id kind } } }');
  const unit = units.orgUnits.nodes.find((u) => u.kind === orgUnitKind)!;
  const { createOneStaffUser } = await must<{ createOneStaffUser: { id: string } }>(owner, 'mutation($s: StaffUserInput!) { createOneStaffUser(input: { staffUser: $s }) { id } }', {
    s: { orgUnitId: unit.id, email, displayName: template, password: DEMO_PASSWORD, jobTitle: 'OTHER', roleIds: [roleId] },
  });
  const res = await app.graphql<{ login: { accessToken: string } }>('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: email, p: DEMO_PASSWORD });
  const headers = { authorization: `Bearer ${res.body.data!.login.accessToken}` };
  return { id: createOneStaffUser.id, label: email, headers, graphql: (q, v) => app.graphql(q, v, headers) };
}
