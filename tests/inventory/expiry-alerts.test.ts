import { clock, flagExpiredJob } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, must, receive } from './support';

// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);

const NEAR = 'query($w: ID!, $d: Int, $x: Boolean) { nearExpiryStock(warehouseId: $w, withinDays: $d, includeExpired: $x) { totalCount nodes { expiryDate onHand batch { lotNo } } } }';

/** The near-expiry list and the daily expiry run, by the franchise's calendar (Asia/Shanghai), not the server's. */
describe('expiry alerts', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller & { tokens: { user: { id: string } } };

  beforeAll(async () => {
    // The bell is a reaction to the alert's outbox event: a pg-boss job.
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
  }, 120_000);
  afterAll(() => app.stop());

  it('lists stock expiring within 30 / 60 / 90 days and the daily run flags and alerts once, in the franchise’s time zone', async () => {
    const lots = (w: string, p: string, z: string) => [
      { productId: p, zoneId: z, lotNo: 'EX-30', manufactureDate: '2026-01-01', expiryDate: '2027-04-10', quantity: 3 },
      { productId: p, zoneId: z, lotNo: 'EX-60', manufactureDate: '2026-01-01', expiryDate: '2027-05-01', quantity: 4 },
      { productId: p, zoneId: z, lotNo: 'EX-90', manufactureDate: '2026-01-01', expiryDate: '2027-06-01', quantity: 5 },
      { productId: p, zoneId: z, lotNo: 'EX-LATER', manufactureDate: '2026-01-01', expiryDate: '2027-09-01', quantity: 6 },
    ].map((l) => ({ ...l, w }));
    const product = await createProduct(hq, { genericName: '维生素C片' });
    const east = await createWarehouse(owner, 'EAST-EXP2');
    const { warehouse } = await must<{ warehouse: { version: number } }>(owner, 'query($w: ID!) { warehouse(id: $w) { version } }', { w: east.warehouseId });
    await must(owner, 'mutation($w: ID!, $v: Int!, $s: ID!) { updateOneWarehouse(input: { id: $w, version: $v, update: { responsibleStaffId: $s } }) { id } }', { w: east.warehouseId, v: warehouse.version, s: owner.tokens.user.id });
    // Received in February; one lot's last day is 10 March.
    await clock.at('2027-02-01T02:00:00Z', () =>
      receive(owner, east.warehouseId, [...lots(east.warehouseId, product.id, east.normalZoneId).map(({ w: _w, ...l }) => l), { productId: product.id, zoneId: east.normalZoneId, lotNo: 'EX-GONE', manufactureDate: '2026-01-01', expiryDate: '2027-03-10', quantity: 2 }]),
    );

    // 01:00 on 11 March in Shanghai: still 10 March by UTC, but EX-GONE has expired and EX-30 has exactly 30 days left.
    await clock.at('2027-03-10T17:00:00Z', async () => {
      const near = async (days: number, expired = false) =>
        (await must<{ nearExpiryStock: { nodes: { batch: { lotNo: string } }[] } }>(owner, NEAR, { w: east.warehouseId, d: days, x: expired })).nearExpiryStock.nodes.map((n) => n.batch.lotNo);
      expect(await near(30)).toEqual(['EX-30']);
      expect(await near(60)).toEqual(['EX-30', 'EX-60']);
      expect(await near(90)).toEqual(['EX-30', 'EX-60', 'EX-90']);
      expect(await near(30, true)).toEqual(['EX-GONE', 'EX-30']);
      expect(errorCodes(await owner.graphql(NEAR, { w: east.warehouseId, d: -1 }))).toEqual(['BAD_USER_INPUT']);

      const first = (await flagExpiredJob.run(app.server.app.runtime, {})) as { flagged: number; expiredAlerts: number; nearExpiryAlerts: number };
      expect(first.flagged).toBeGreaterThanOrEqual(1);
      const alerts = async () =>
        (await must<{ stockAlerts: { nodes: { kind: string; message: string; details: { counts?: Record<string, number> } }[] } }>(owner, 'query($w: ID!) { stockAlerts(filter: { warehouseId: { eq: $w } }, sorting: [{ field: kind, direction: DESC }]) { nodes { kind message details } } }', { w: east.warehouseId })).stockAlerts.nodes;
      const raised = await alerts();
      expect(raised.map((a) => a.kind)).toEqual(['NEAR_EXPIRY', 'EXPIRED']);
      expect(raised[0]!.details.counts).toEqual({ 30: 1, 60: 1, 90: 1 });
      expect(raised[0]!.message).toContain('30 天内 1 批，31–60 天 1 批，61–90 天 1 批');
      expect(raised[1]!.message).toContain('EX-GONE');
      const { batches } = await must<{ batches: { nodes: { lotNo: string; status: string }[] } }>(owner, 'query($p: ID!) { batches(filter: { productId: { eq: $p } }) { nodes { lotNo status } } }', { p: product.id });
      expect(batches.nodes.find((b) => b.lotNo === 'EX-GONE')!.status).toBe('EXPIRED');
      // The same day again: nothing new.
      await flagExpiredJob.run(app.server.app.runtime, {});
      expect(await alerts()).toHaveLength(2);
    });

    // The responsible person hears of both in their bell (a reaction to the outbox events).
    let kinds: string[] = [];
    for (let i = 0; i < 60 && kinds.length < 2; i++) {
      const inbox = await must<{ myNotifications: { nodes: { kind: string; subject: string }[] } }>(owner, '{ myNotifications(paging: { limit: 50 }) { nodes { kind subject } } }');
      kinds = inbox.myNotifications.nodes.filter((n) => n.kind === 'stock.alert' && n.subject.startsWith('EAST-EXP2')).map((n) => n.subject);
      if (kinds.length < 2) await new Promise((r) => setTimeout(r, 500));
    }
    expect(kinds.sort()).toEqual(['EAST-EXP2 仓库库存预警：已过期', 'EAST-EXP2 仓库库存预警：近效期']);
  });

  it('counts days to expiry and a lot’s status by the warehouse’s own calendar, not Shanghai’s', async () => {
    // A franchise in Xinjiang time (UTC+6): at 17:00 UTC it is already tomorrow in Shanghai, still today there.
    const { createOneFranchise: far } = await must<{ createOneFranchise: { id: string } }>(
      hq,
      'mutation($f: FranchiseInput!) { createOneFranchise(input: { franchise: $f }) { id } }',
      { f: { name: '新疆康乐药房', ownerName: '艾力', ownerPhone: '13900002222', cooperationType: 'PARTNER', contractDate: '2026-11-01', timeZone: 'Asia/Urumqi' } },
    );
    const { createOneWarehouse: xj } = await must<{ createOneWarehouse: { id: string; timeZone: string } }>(hq, 'mutation($w: WarehouseInput!) { createOneWarehouse(input: { warehouse: $w }) { id timeZone } }', {
      w: { orgUnitId: far.id, code: 'XJ-TZ', name: '乌鲁木齐仓' },
    });
    expect(xj.timeZone).toBe('Asia/Urumqi');
    const { createOneStorageZone: xjZone } = await must<{ createOneStorageZone: { id: string } }>(hq, 'mutation($z: StorageZoneInput!) { createOneStorageZone(input: { storageZone: $z }) { id } }', {
      z: { warehouseId: xj.id, code: 'A', name: '常温区', storageClass: 'NORMAL' },
    });
    const east = await createWarehouse(owner, 'EAST-TZ');
    const product = await createProduct(hq, { genericName: '复方甘草片' });
    const lot = (zoneId: string, lotNo: string) => ({ productId: product.id, zoneId, lotNo, manufactureDate: '2026-01-01', expiryDate: '2027-03-10', quantity: 5 });
    await clock.at('2027-02-01T02:00:00Z', async () => {
      await receive(hq, xj.id, [lot(xjZone.id, 'TZ-XJ')]);
      await receive(owner, east.warehouseId, [lot(east.normalZoneId, 'TZ-EAST')]);
    });

    await clock.at('2027-03-10T17:00:00Z', async () => {
      const stock = async (caller: Caller, w: string) =>
        (await must<{ stockBalances: { nodes: { daysToExpiry: number; batchStatus: string; batch: { lotNo: string; effectiveStatus: string } }[] } }>(
          caller,
          `query($w: ID!, $p: ID!) { stockBalances(filter: { warehouseId: { eq: $w }, productId: { eq: $p } }) { nodes { daysToExpiry batchStatus batch { lotNo effectiveStatus } } } }`,
          { w, p: product.id },
        )).stockBalances.nodes[0]!;
      // 23:00 on 10 March in Urumqi: the lot's last day, still usable.
      expect(await stock(hq, xj.id)).toEqual({ daysToExpiry: 0, batchStatus: 'AVAILABLE', batch: { lotNo: 'TZ-XJ', effectiveStatus: 'AVAILABLE' } });
      // 01:00 on 11 March in Shanghai: the same expiry date has passed.
      expect(await stock(owner, east.warehouseId)).toEqual({ daysToExpiry: -1, batchStatus: 'EXPIRED', batch: { lotNo: 'TZ-EAST', effectiveStatus: 'EXPIRED' } });
      const near = await must<{ nearExpiryStock: { nodes: { batch: { lotNo: string } }[] } }>(hq, NEAR, { w: xj.id, d: 30 });
      expect(near.nearExpiryStock.nodes.map((n) => n.batch.lotNo)).toEqual(['TZ-XJ']);
    });
  });
});
