import { Client } from 'pg';
import { clock, excursionCheckJob, ledgerCheckJob } from '@pharmadesk/api';
import { startTestApp, takeFromSubscription, type TestApp } from '../support/app';
import { apiKeyCaller, errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive, type WarehouseSetup } from './support';

// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);

const RECORD = `mutation($r: [StorageReadingInput!]!) { recordStorageReadings(input: { readings: $r }) {
  accepted duplicates excursionsOpened { id status zoneId startedAt maxTemperature limits } } }`;
const ZONE = 'query($w: ID!) { warehouse(id: $w) { zones { id code onHold holdReason version } } }';
const RESERVE = 'mutation($w: ID!, $p: ID!, $o: ID!, $q: Int!) { reserveStock(input: { warehouseId: $w, documentId: $o, lines: [{ productId: $p, quantity: $q }] }) { id } }';
const ALERTS = 'subscription { stockAlertRaised { id kind warehouseId zoneId message franchiseId } }';

const minutesAgo = (m: number) => new Date(clock.nowMs() - m * 60_000).toISOString();

/** Temperature and humidity readings, excursions that hold a zone, the cases they open, and the ledger check's alert. */
describe('storage conditions', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller & { tokens: { accessToken: string; user: { id: string } } };
  let sensor: Caller;
  let east: WarehouseSetup;
  let coldProductId: string;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo') as never]);
    east = await createWarehouse(owner, 'EAST-COLD');
    // The owner is responsible for the warehouse: alerts and excursion cases go to them.
    const { warehouse } = await must<{ warehouse: { version: number } }>(owner, 'query($w: ID!) { warehouse(id: $w) { version } }', { w: east.warehouseId });
    await must(owner, 'mutation($w: ID!, $v: Int!, $s: ID!) { updateOneWarehouse(input: { id: $w, version: $v, update: { responsibleStaffId: $s } }) { id } }', { w: east.warehouseId, v: warehouse.version, s: owner.tokens.user.id });
    sensor = await apiKeyCaller(app, owner, { permissions: ['storage:record'] });
    coldProductId = (await createProduct(hq, { storageClass: 'COLD', genericName: '重组人胰岛素注射液' })).id;
    await receive(owner, east.warehouseId, [{ productId: coldProductId, zoneId: east.coldZoneId, lotNo: 'INS-1', expiryDate: inDays(300), quantity: 20 }]);
  }, 120_000);
  afterAll(() => app.stop());

  it('an excursion puts the zone on hold: nothing is reserved from it, an alert goes out live, and only a person releases it once readings are back in range', async () => {
    const live = takeFromSubscription<{ stockAlertRaised: { kind: string; zoneId: string; message: string } }>(app.wsClient({ authorization: `Bearer ${owner.tokens.accessToken}` }), { query: ALERTS }, 1, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    await must(owner, RESERVE, { w: east.warehouseId, p: coldProductId, o: '00000000-0000-4000-8000-0000000f0001', q: 2 });

    // A sensor gateway's batch, out of order: 3.1 °C ten minutes ago, 8.6 °C five minutes ago (the cold store allows 0–4 °C).
    const batch = [
      { zoneId: east.coldZoneId, sensorId: 'T-01', recordedAt: minutesAgo(5), temperature: 8.6, humidity: 60 },
      { zoneId: east.coldZoneId, sensorId: 'T-01', recordedAt: minutesAgo(10), temperature: 3.1, humidity: 58 },
    ];
    const first = await must<{ recordStorageReadings: { accepted: number; duplicates: number; excursionsOpened: { id: string; status: string; maxTemperature: number; limits: string }[] } }>(sensor, RECORD, { r: batch });
    expect(first.recordStorageReadings).toMatchObject({ accepted: 2, duplicates: 0, excursionsOpened: [{ status: 'OPEN', maxTemperature: 8.6, limits: '0–4 °C, 45–75 %' }] });
    const excursionId = first.recordStorageReadings.excursionsOpened[0]!.id;
    // Sent again (a retry): nothing new, no second excursion.
    expect((await must<{ recordStorageReadings: unknown }>(sensor, RECORD, { r: batch })).recordStorageReadings).toEqual({ accepted: 0, duplicates: 2, excursionsOpened: [] });

    const [alert] = await live;
    expect(alert!.data!.stockAlertRaised).toMatchObject({ kind: 'EXCURSION', zoneId: east.coldZoneId });
    expect(alert!.data!.stockAlertRaised.message).toContain('8.6 °C');

    const zone = async () => (await must<{ warehouse: { zones: { id: string; onHold: boolean; holdReason: string | null; version: number }[] } }>(owner, ZONE, { w: east.warehouseId })).warehouse.zones.find((z) => z.id === east.coldZoneId)!;
    expect(await zone()).toMatchObject({ onHold: true, holdReason: expect.stringContaining('0–4 °C') });
    const refused = await owner.graphql(RESERVE, { w: east.warehouseId, p: coldProductId, o: '00000000-0000-4000-8000-0000000f0002', q: 1 });
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_STOCK', available: 0 });
    // What was reserved before the excursion does not ship from a held zone either.
    const reservations = await must<{ stockReservations: { nodes: { id: string }[] } }>(owner, '{ stockReservations(filter: { documentId: { eq: "00000000-0000-4000-8000-0000000f0001" } }) { nodes { id } } }');
    const ship = await owner.graphql('mutation($id: ID!) { issueStockReservation(input: { id: $id }) { reservation { id } } }', { id: reservations.stockReservations.nodes[0]!.id });
    expect(ship.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ZONE_ON_HOLD' });

    // Still out of range: it cannot be released yet.
    const early = await owner.graphql('mutation($id: ID!) { releaseStorageZone(input: { id: $id, note: "设备已检修" }) { id } }', { id: east.coldZoneId });
    expect(early.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'EXCURSION_OPEN' });

    // Back within limits: the excursion closes, the zone stays held until a person releases it.
    await must(sensor, RECORD, { r: [{ zoneId: east.coldZoneId, sensorId: 'T-01', recordedAt: minutesAgo(1), temperature: 3.4 }] });
    const excursion = await must<{ storageExcursions: { nodes: { id: string; status: string; endedAt: string | null; readingsOut: number }[] } }>(owner, 'query($z: ID!) { storageExcursions(filter: { zoneId: { eq: $z } }) { nodes { id status endedAt readingsOut } } }', { z: east.coldZoneId });
    expect(excursion.storageExcursions.nodes).toEqual([{ id: excursionId, status: 'CLOSED', endedAt: expect.any(String), readingsOut: 1 }]);
    expect((await zone()).onHold).toBe(true);
    const stale = await owner.graphql('mutation($id: ID!) { releaseStorageZone(input: { id: $id, version: 1, note: "x" }) { id } }', { id: east.coldZoneId });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const released = await must<{ releaseStorageZone: { onHold: boolean; holdReason: string | null } }>(owner, 'mutation($id: ID!, $v: Int) { releaseStorageZone(input: { id: $id, version: $v, note: "压缩机已修复，抽检药品外观及温度记录正常" }) { onHold holdReason } }', { id: east.coldZoneId, v: (await zone()).version });
    expect(released.releaseStorageZone).toEqual({ onHold: false, holdReason: null });
    await must(owner, RESERVE, { w: east.warehouseId, p: coldProductId, o: '00000000-0000-4000-8000-0000000f0003', q: 1 });
    const after = await must<{ storageExcursions: { nodes: { releaseNote: string; releasedById: string }[] } }>(owner, 'query($id: ID!) { storageExcursions(filter: { id: { eq: $id } }) { nodes { releaseNote releasedById } } }', { id: excursionId });
    expect(after.storageExcursions.nodes[0]).toEqual({ releaseNote: '压缩机已修复，抽检药品外观及温度记录正常', releasedById: owner.tokens.user.id });
  });

  it('an excursion lasting beyond the franchise’s limit opens a case for the responsible person (on arrival, or by the job)', async () => {
    await must(owner, 'mutation { updateInventorySettings(input: { excursionCaseAfterMinutes: 15 }) { excursionCaseAfterMinutes } }');
    const zoneOf = async (code: string) => (await must<{ createOneStorageZone: { id: string } }>(owner, 'mutation($w: ID!, $c: String!) { createOneStorageZone(input: { storageZone: { warehouseId: $w, code: $c, name: $c, storageClass: COLD } }) { id } }', { w: east.warehouseId, c: code })).createOneStorageZone.id;
    const [slow, quick] = [await zoneOf('C2'), await zoneOf('C3')];
    // Humid for 30 minutes in one batch: the case is opened as the readings arrive.
    await must(sensor, RECORD, { r: [30, 20, 10].map((m, i) => ({ zoneId: slow, readingId: `H-${i}`, recordedAt: minutesAgo(m), temperature: 3, humidity: 82 })) });
    // Out of range five minutes ago: not yet; the job opens its case once 15 minutes have passed.
    await must(sensor, RECORD, { r: [{ zoneId: quick, readingId: 'Q-1', recordedAt: minutesAgo(5), temperature: -2.5 }] });
    const excursions = async () =>
      (await must<{ storageExcursions: { nodes: { zoneId: string; caseId: string | null; status: string }[] } }>(owner, 'query($w: ID!) { storageExcursions(filter: { warehouseId: { eq: $w }, status: { eq: OPEN } }) { nodes { zoneId caseId status } } }', { w: east.warehouseId })).storageExcursions.nodes;
    const slowCase = (await excursions()).find((e) => e.zoneId === slow)!.caseId;
    expect(slowCase).toEqual(expect.any(String));
    expect((await excursions()).find((e) => e.zoneId === quick)!.caseId).toBeNull();

    await clock.at(new Date(clock.nowMs() + 11 * 60_000), () => excursionCheckJob.run(app.server.app.runtime, {}));
    const quickCase = (await excursions()).find((e) => e.zoneId === quick)!.caseId;
    expect(quickCase).toEqual(expect.any(String));
    const cases = await must<{ cases: { nodes: { id: string; ownerId: string; priority: string; subject: string }[] } }>(owner, 'query($a: ID!, $b: ID!) { cases(filter: { id: { in: [$a, $b] } }) { nodes { id ownerId priority subject } } }', { a: slowCase, b: quickCase });
    expect(cases.cases.nodes).toHaveLength(2);
    for (const c of cases.cases.nodes) expect(c).toMatchObject({ ownerId: owner.tokens.user.id, priority: 'URGENT', subject: expect.stringContaining('温湿度超标已持续') });
    // Once only: the job again opens nothing more.
    expect(await excursionCheckJob.run(app.server.app.runtime, {})).toEqual({ cases: 0 });
    const kinds = await must<{ stockAlerts: { nodes: { kind: string; zoneId: string }[] } }>(owner, 'query($w: ID!) { stockAlerts(filter: { warehouseId: { eq: $w }, kind: { eq: EXCURSION_ESCALATED } }) { nodes { kind zoneId } } }', { w: east.warehouseId });
    expect(kinds.stockAlerts.nodes.map((a) => a.zoneId).sort()).toEqual([slow, quick].sort());
  });

  it('refuses bad readings with the field named, and writes none of the batch', async () => {
    const count = async () => (await must<{ storageReadings: { totalCount: number } }>(owner, 'query($z: ID!) { storageReadings(filter: { zoneId: { eq: $z } }) { totalCount } }', { z: east.normalZoneId })).storageReadings.totalCount;
    const before = await count();
    const good = { zoneId: east.normalZoneId, recordedAt: minutesAgo(1), temperature: 22 };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ zoneId: east.normalZoneId, recordedAt: minutesAgo(1), humidity: 120 }, 'BAD_USER_INPUT', 'readings.1.humidity'],
      [{ zoneId: east.normalZoneId, recordedAt: new Date(clock.nowMs() + 3_600_000).toISOString(), temperature: 22 }, 'BAD_USER_INPUT', 'readings.1.recordedAt'],
      [{ zoneId: east.normalZoneId, recordedAt: minutesAgo(1) }, 'BAD_USER_INPUT', 'readings.1'],
      [{ zoneId: '00000000-0000-4000-8000-000000000bad', recordedAt: minutesAgo(1), temperature: 22 }, 'NOT_FOUND', ''],
    ];
    for (const [bad, code, field] of cases) {
      const res = await sensor.graphql(RECORD, { r: [good, bad] });
      expect(errorCodes(res)).toEqual([code]);
      if (field) expect(res.body.errors![0]!.extensions!.field).toBe(field);
    }
    expect(await count()).toBe(before);
    // A key without storage:record may not post.
    const reader = await apiKeyCaller(app, owner, { permissions: ['inventory:read'] });
    expect(errorCodes(await reader.graphql(RECORD, { r: [good] }))).toEqual(['FORBIDDEN']);
  });

  it('gives a zone’s readings for a chart, bucketed, with out-of-range counts', async () => {
    const zone = (await must<{ createOneStorageZone: { id: string } }>(owner, 'mutation($w: ID!) { createOneStorageZone(input: { storageZone: { warehouseId: $w, code: "N2", name: "常温二区", storageClass: NORMAL } }) { id } }', { w: east.warehouseId })).createOneStorageZone.id;
    const from = new Date(Math.floor((clock.nowMs() - 3 * 3_600_000) / 3_600_000) * 3_600_000);
    const at = (minutes: number) => new Date(from.getTime() + minutes * 60_000).toISOString();
    await must(owner, RECORD, { r: [{ zoneId: zone, recordedAt: at(10), temperature: 21, humidity: 50 }, { zoneId: zone, recordedAt: at(40), temperature: 23, humidity: 60 }, { zoneId: zone, recordedAt: at(70), temperature: 27, humidity: 55 }] });
    const { storageReadingSeries } = await must<{ storageReadingSeries: unknown[] }>(owner, 'query($z: ID!, $f: DateTime!, $t: DateTime!) { storageReadingSeries(zoneId: $z, from: $f, to: $t, bucketMinutes: 60) { bucketStart readings minTemperature avgTemperature maxTemperature avgHumidity outOfRange } }', { z: zone, f: from.toISOString(), t: at(180) });
    expect(storageReadingSeries).toEqual([
      { bucketStart: at(0), readings: 2, minTemperature: 21, avgTemperature: 22, maxTemperature: 23, avgHumidity: 55, outOfRange: 0 },
      { bucketStart: at(60), readings: 1, minTemperature: 27, avgTemperature: 27, maxTemperature: 27, avgHumidity: 55, outOfRange: 1 },
    ]);
    const bad = await owner.graphql('query($z: ID!, $f: DateTime!) { storageReadingSeries(zoneId: $z, from: $f, to: $f) { readings } }', { z: zone, f: from.toISOString() });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it('the ledger check raises its alert through the outbox (a typed event), once per place and hour', async () => {
    const product = await createProduct(hq);
    await receive(owner, east.warehouseId, [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'LG-1', expiryDate: inDays(400), quantity: 5 }]);
    const client = new Client({ connectionString: app.database.url });
    await client.connect();
    try {
      // Someone wrote a balance behind the ledger's back.
      await client.query(`update stock_balance set on_hand = 7 where product_id = $1`, [product.id]);
      const live = takeFromSubscription<{ stockAlertRaised: { kind: string; message: string } }>(app.wsClient({ authorization: `Bearer ${owner.tokens.accessToken}` }), { query: 'subscription { stockAlertRaised(kinds: [LEDGER_MISMATCH]) { kind message } }' }, 1, 20_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(await ledgerCheckJob.run(app.server.app.runtime, {})).toEqual({ mismatches: 1 });
      expect(await ledgerCheckJob.run(app.server.app.runtime, {})).toEqual({ mismatches: 1 });
      const [event] = await live;
      expect(event!.data!.stockAlertRaised).toMatchObject({ kind: 'LEDGER_MISMATCH', message: expect.stringContaining('现存 7（流水合计 5）') });
      const outbox = await client.query(`select topic, payload->>'kind' as kind from event_outbox where topic = 'stock.alert' and payload->>'kind' = 'LEDGER_MISMATCH'`);
      expect(outbox.rows).toEqual([{ topic: 'stock.alert', kind: 'LEDGER_MISMATCH' }]);
      await client.query(`update stock_balance set on_hand = 5 where product_id = $1`, [product.id]);
    } finally {
      await client.end();
    }
  });
});
