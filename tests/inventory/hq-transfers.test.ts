import { inScopedTransaction, SYSTEM_SCOPE, verifyLedger } from '@pharmadesk/api';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { BALANCES, createProduct, createWarehouse, inDays, must, receive, type WarehouseSetup } from './support';

// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);

type Doc = { id: string; version: number; status: string; leg: string };
const DOC = 'id version status leg';
type Transfer = { id: string; shippedQuantity: number; receivedQuantity: number | null; damagedQuantity: number | null; shortQuantity: number | null; batch: { lotNo: string; expiryDate: string; manufactureDate: string } | null };

/**
 * Transfers from HQ's central warehouse to a franchise: two legs, each in its own tenant. The
 * franchise asks (or HQ pushes); HQ approves, picks first expiry first and ships from its central
 * warehouse (TRANSFER_OUT in HQ's ledger); the franchise receives its inbound leg with its
 * discrepancies (TRANSFER_IN, same lots and dates, damaged goods into quarantine).
 */
describe('transfers from HQ to a franchise', () => {
  let app: TestApp;
  let hq: Caller;
  let hqApprover: Caller;
  let hqKeeper: Caller;
  let east: Caller;
  let west: Caller;
  let central: WarehouseSetup;
  let eastStock: WarehouseSetup;
  let westStock: WarehouseSetup;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, hqApprover, hqKeeper, east, west] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'purchasing@hq.demo'), signIn(app, 'warehouse@hq.demo'), signIn(app, 'owner@east.demo'), signIn(app, 'owner@west.demo')]);
    const units = await must<{ orgUnits: { nodes: { id: string; kind: string }[] } }>(hq, '{ orgUnits(filter: { kind: { eq: HQ } }) { nodes { id kind } } }');
    const { createOneWarehouse } = await must<{ createOneWarehouse: { id: string; franchiseId: string; kind: string } }>(hq, 'mutation($u: ID!) { createOneWarehouse(input: { warehouse: { orgUnitId: $u, code: "HQ-TR", name: "总部调拨总库" } }) { id franchiseId kind } }', { u: units.orgUnits.nodes[0]!.id });
    expect(createOneWarehouse.kind).toBe('CENTRAL');
    const zone = async (code: string, storageClass: string) =>
      (await must<{ createOneStorageZone: { id: string } }>(hq, 'mutation($w: ID!, $c: String!, $s: StorageClass!) { createOneStorageZone(input: { storageZone: { warehouseId: $w, code: $c, name: $c, storageClass: $s } }) { id } }', { w: createOneWarehouse.id, c: code, s: storageClass })).createOneStorageZone.id;
    central = { warehouseId: createOneWarehouse.id, franchiseId: createOneWarehouse.franchiseId, normalZoneId: await zone('A', 'NORMAL'), coldZoneId: await zone('C', 'COLD') };
    [eastStock, westStock] = await Promise.all([createWarehouse(east, 'EAST-TR'), createWarehouse(west, 'WEST-TR')]);
  }, 120_000);
  afterAll(() => app.stop());

  const verb = async (caller: Caller, name: string, input: Record<string, unknown>, inputType: string) =>
    (await must<Record<string, Doc>>(caller, `mutation($i: ${inputType}!) { ${name}(input: $i) { ${DOC} } }`, { i: input }))[name]!;
  const CREATE = `mutation($i: CreateRequisitionInput!) { createRequisition(input: $i) { ${DOC} requisitionNo fromWarehouseId fromWarehouseName fromWarehouse { id } toWarehouseId } }`;
  const ONE = `query($id: ID!) { stockRequisition(id: $id) { ${DOC} outboundSlipNo transferLines { id shippedQuantity receivedQuantity damagedQuantity shortQuantity batch { lotNo expiryDate manufactureDate } } counterpart { ${DOC} } } }`;
  const one = async (caller: Caller, id: string) => (await must<{ stockRequisition: (Doc & { outboundSlipNo: string | null; transferLines: Transfer[]; counterpart: Doc | null }) | null }>(caller, ONE, { id })).stockRequisition;
  /** HQ's outbound leg of the franchise's request: HQ finds it by its counterpart. */
  const outboundOf = async (inboundId: string) => {
    const { stockRequisitions } = await must<{ stockRequisitions: { nodes: (Doc & { counterpart: { id: string } | null })[] } }>(hq, `query($t: ID!) { stockRequisitions(filter: { leg: { eq: OUTBOUND }, toWarehouseId: { eq: $t } }, paging: { limit: 100 }) { nodes { ${DOC} counterpart { id } } } }`, { t: eastStock.warehouseId });
    return stockRequisitions.nodes.find((n) => n.counterpart?.id === inboundId)!;
  };

  it('a franchise asks HQ, HQ ships first expiry first from its central warehouse, the franchise receives the same lots with its discrepancies; each side sees only its own leg', async () => {
    const product = await createProduct(hq);
    await receive(hq, central.warehouseId, [
      { productId: product.id, zoneId: central.normalZoneId, lotNo: 'HQ-LATE', expiryDate: inDays(700), quantity: 30 },
      { productId: product.id, zoneId: central.normalZoneId, lotNo: 'HQ-EARLY', manufactureDate: inDays(-100), expiryDate: inDays(400), quantity: 8 },
      { productId: product.id, zoneId: central.normalZoneId, lotNo: 'HQ-SHORT', expiryDate: inDays(30), quantity: 50 },
    ]);

    // The franchise may ask its own supplying warehouses and HQ's central one, by name only.
    const { requisitionSources } = await must<{ requisitionSources: { id: string; name: string; kind: string; hq: boolean }[] }>(east, 'query($t: ID!) { requisitionSources(toWarehouseId: $t) { id name kind hq } }', { t: eastStock.warehouseId });
    expect(requisitionSources).toContainEqual({ id: central.warehouseId, name: '总部调拨总库', kind: 'CENTRAL', hq: true });
    expect(requisitionSources.map((s) => s.id)).not.toContain(westStock.warehouseId);

    const { createRequisition: inbound } = await must<{ createRequisition: Doc & { requisitionNo: string; fromWarehouseName: string; fromWarehouse: unknown; fromWarehouseId: string } }>(east, CREATE, {
      i: { fromWarehouseId: central.warehouseId, toWarehouseId: eastStock.warehouseId, note: '总部调拨', lines: [{ productId: product.id, quantity: 10 }] },
    });
    expect(inbound).toMatchObject({ leg: 'INBOUND', status: 'SUBMITTED', fromWarehouseId: central.warehouseId, fromWarehouseName: '总部调拨总库', fromWarehouse: null });
    expect(inbound.requisitionNo).toMatch(/^YH-\d{4}-\d{6}$/);

    // HQ works on its own leg, in its own tenant.
    const outbound = await outboundOf(inbound.id);
    expect(outbound).toMatchObject({ leg: 'OUTBOUND', status: 'SUBMITTED' });
    // The request is audited on each side, in each side's tenant; east's entry names only its own leg.
    const audit = await must<{ auditLogs: { nodes: { franchiseId: string; targetIds: string[]; actorLabel: string }[] } }>(hq, '{ auditLogs(filter: { operation: { eq: "createRequisition" } }, paging: { limit: 200 }) { nodes { franchiseId targetIds actorLabel } } }');
    expect(audit.auditLogs.nodes.find((e) => e.targetIds.includes(outbound.id))).toMatchObject({ franchiseId: central.franchiseId, actorLabel: 'owner@east.demo' });
    expect(audit.auditLogs.nodes.find((e) => e.targetIds.includes(inbound.id))).toMatchObject({ franchiseId: eastStock.franchiseId });
    const eastAudit = await must<{ auditLogs: { nodes: { targetIds: string[] }[] } }>(east, '{ auditLogs(filter: { operation: { eq: "createRequisition" } }, paging: { limit: 200 }) { nodes { targetIds } } }');
    expect(eastAudit.auditLogs.nodes.flatMap((e) => e.targetIds)).not.toContain(outbound.id);

    // The franchise gets NOT_FOUND for HQ's leg and sees none of HQ's stock; it cannot approve its own inbound leg either.
    expect(await one(east, outbound.id)).toBeNull();
    expect(errorCodes(await east.graphql('mutation($i: DocumentDecisionInput!) { approveRequisition(input: $i) { id } }', { i: { id: outbound.id, version: outbound.version } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await east.graphql('mutation($i: DocumentDecisionInput!) { approveRequisition(input: $i) { id } }', { i: { id: inbound.id, version: inbound.version } }))).toEqual(['INVALID_TRANSITION']);
    expect((await must<{ stockBalances: { totalCount: number } }>(east, BALANCES, { w: central.warehouseId, p: product.id })).stockBalances.totalCount).toBe(0);
    expect((await east.graphql('query($id: ID!) { warehouse(id: $id) { id } }', { id: central.warehouseId })).body.data).toEqual({ warehouse: null });

    const approved = await verb(hqApprover, 'approveRequisition', { id: outbound.id, version: outbound.version, note: '同意调拨' }, 'DocumentDecisionInput');
    expect((await one(east, inbound.id))!.status).toBe('APPROVED');
    const picked = await verb(hqKeeper, 'pickRequisition', { id: approved.id, version: approved.version }, 'DocumentVersionInput');
    // First expiry first, never a lot too short-dated for the shelf-life minimum.
    const held = await must<{ stockBalances: { nodes: { reserved: number; batch: { lotNo: string } }[] } }>(hq, BALANCES, { w: central.warehouseId, p: product.id });
    expect(held.stockBalances.nodes.filter((b) => b.reserved).map((b) => [b.batch.lotNo, b.reserved])).toEqual([['HQ-EARLY', 8], ['HQ-LATE', 2]]);
    const shipped = await verb(hqKeeper, 'shipRequisition', { id: picked.id, version: picked.version, outboundSlipNo: 'CK-HQ-1' }, 'ShipRequisitionInput');
    expect(shipped.status).toBe('IN_TRANSIT');

    // TRANSFER_OUT in HQ's ledger against HQ's document.
    const out = await must<{ stockMoves: { nodes: { kind: string; quantity: number; warehouseId: string; franchiseId: string }[] } }>(hq, 'query($id: ID!) { stockMoves(filter: { documentId: { eq: $id } }, sorting: [{ field: quantity, direction: ASC }]) { nodes { kind quantity warehouseId franchiseId } } }', { id: outbound.id });
    expect(out.stockMoves.nodes).toEqual([
      { kind: 'TRANSFER_OUT', quantity: -8, warehouseId: central.warehouseId, franchiseId: central.franchiseId },
      { kind: 'TRANSFER_OUT', quantity: -2, warehouseId: central.warehouseId, franchiseId: central.franchiseId },
    ]);
    expect((await must<{ stockMoves: { totalCount: number } }>(east, 'query($id: ID!) { stockMoves(filter: { documentId: { eq: $id } }) { totalCount } }', { id: outbound.id })).stockMoves.totalCount).toBe(0);

    // The franchise's inbound leg is in transit with the shipped lots, as its own lots of the same number and dates.
    const arriving = (await one(east, inbound.id))!;
    expect(arriving).toMatchObject({ status: 'IN_TRANSIT', outboundSlipNo: 'CK-HQ-1', counterpart: null });
    const lot = (lotNo: string) => arriving.transferLines.find((t) => t.batch?.lotNo === lotNo)!;
    expect(lot('HQ-EARLY')).toMatchObject({ shippedQuantity: 8, batch: { expiryDate: inDays(400), manufactureDate: inDays(-100) } });
    expect(lot('HQ-LATE')).toMatchObject({ shippedQuantity: 2, batch: { expiryDate: inDays(700) } });

    // West never sees east's inbound leg.
    expect(await one(west, inbound.id)).toBeNull();
    const lines = [
      { transferLineId: lot('HQ-EARLY').id, receivedQuantity: 6, damagedQuantity: 1, note: '一盒压破' },
      { transferLineId: lot('HQ-LATE').id, receivedQuantity: 2 },
    ];
    expect(errorCodes(await west.graphql('mutation($i: ReceiveTransferInput!) { receiveTransfer(input: $i) { id } }', { i: { id: inbound.id, version: arriving.version, lines } }))).toEqual(['NOT_FOUND']);
    // HQ cannot receive on its own outbound leg; more than shipped is refused; nothing is written.
    expect(errorCodes(await hq.graphql('mutation($i: ReceiveTransferInput!) { receiveTransfer(input: $i) { id } }', { i: { id: shipped.id, version: shipped.version, lines } }))).toEqual(['INVALID_TRANSITION']);
    const tooMany = await east.graphql('mutation($i: ReceiveTransferInput!) { receiveTransfer(input: $i) { id } }', { i: { id: inbound.id, version: arriving.version, lines: [{ ...lines[0], receivedQuantity: 8 }, lines[1]] } });
    expect(tooMany.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.receivedQuantity' });
    expect((await must<{ stockBalances: { totalCount: number } }>(east, BALANCES, { w: eastStock.warehouseId, p: product.id })).stockBalances.totalCount).toBe(0);

    // Two receipts of the same inbound at once: one wins, the other is a version conflict.
    const receipt = () => east.graphql<{ receiveTransfer: Doc }>(`mutation($i: ReceiveTransferInput!) { receiveTransfer(input: $i) { ${DOC} } }`, { i: { id: inbound.id, version: arriving.version, lines } });
    const both = await Promise.all([receipt(), receipt()]);
    expect(both.map((r) => (r.body.errors ? r.body.errors[0]!.extensions!.code : r.body.data!.receiveTransfer.status)).sort()).toEqual(['CONFLICT', 'RECEIVED']);

    const atEast = await must<{ stockBalances: { nodes: { onHand: number; available: number; expiryDate: string; batch: { lotNo: string }; zone: { nonConforming: boolean } }[] } }>(
      east,
      'query($w: ID!, $p: ID!) { stockBalances(filter: { warehouseId: { eq: $w }, productId: { eq: $p } }) { nodes { onHand available expiryDate batch { lotNo } zone { nonConforming } } } }',
      { w: eastStock.warehouseId, p: product.id },
    );
    expect(atEast.stockBalances.nodes.map((b) => [b.batch.lotNo, b.expiryDate, b.zone.nonConforming, b.onHand]).sort()).toEqual([
      ['HQ-EARLY', inDays(400), false, 6],
      ['HQ-EARLY', inDays(400), true, 1],
      ['HQ-LATE', inDays(700), false, 2],
    ]);
    // The damaged unit is quarantined, never allocated: 8 good units can be reserved, 9 cannot.
    const nine = await east.graphql('mutation($w: ID!, $p: ID!) { reserveStock(input: { warehouseId: $w, documentId: "00000000-0000-4000-8000-0000000f2001", lines: [{ productId: $p, quantity: 9 }] }) { id } }', { w: eastStock.warehouseId, p: product.id });
    expect(nine.body.errors![0]!.extensions).toMatchObject({ reason: 'INSUFFICIENT_STOCK', available: 8 });
    const inMoves = await must<{ stockMoves: { nodes: { kind: string; quantity: number }[] } }>(east, 'query($id: ID!) { stockMoves(filter: { documentId: { eq: $id } }) { nodes { kind quantity } } }', { id: inbound.id });
    expect(inMoves.stockMoves.nodes.map((m) => [m.kind, m.quantity]).sort()).toEqual([['TRANSFER_IN', 1], ['TRANSFER_IN', 2], ['TRANSFER_IN', 6]]);

    // HQ's outbound leg shows the receipt: RECEIVED, and the franchise's leg with what arrived.
    const hqView = (await one(hq, outbound.id))!;
    expect(hqView.status).toBe('RECEIVED');
    expect(hqView.counterpart).toMatchObject({ id: inbound.id, leg: 'INBOUND', status: 'RECEIVED' });
    const received = (await one(hq, inbound.id))!.transferLines.map((t) => [t.batch!.lotNo, t.receivedQuantity, t.damagedQuantity, t.shortQuantity]).sort();
    expect(received).toEqual([['HQ-EARLY', 6, 1, 1], ['HQ-LATE', 2, 0, 0]]);

    // Both ledgers balance; each leg's events went out in its own franchise.
    expect(await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => verifyLedger(em as never))).toEqual([]);
    const pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    const { rows } = await pg.query<{ franchise_id: string; leg: string; action: string }>(
      `select franchise_id, payload->>'leg' as leg, payload->>'action' as action from event_outbox where topic = 'requisition.transitioned' and payload->>'requisitionId' in ($1, $2) order by position`,
      [inbound.id, outbound.id],
    );
    await pg.end();
    const byLeg = (leg: string) => rows.filter((r) => r.leg === leg);
    expect(byLeg('INBOUND').map((r) => r.action)).toEqual(['create', 'approve', 'pick', 'ship', 'receive']);
    expect(byLeg('OUTBOUND').map((r) => r.action)).toEqual(['create', 'approve', 'pick', 'ship', 'receive']);
    expect(new Set(byLeg('INBOUND').map((r) => r.franchise_id))).toEqual(new Set([eastStock.franchiseId]));
    expect(new Set(byLeg('OUTBOUND').map((r) => r.franchise_id))).toEqual(new Set([central.franchiseId]));
  });

  it('the demo has a shipment from HQ on the road to each franchise, and both ledgers balance', async () => {
    for (const [caller, code] of [[east, 'EAST'], [west, 'WEST']] as const) {
      const { stockRequisitions } = await must<{ stockRequisitions: { nodes: { leg: string; status: string; fromWarehouseName: string; transferLines: { shippedQuantity: number }[] }[] } }>(
        caller,
        '{ stockRequisitions(filter: { leg: { eq: INBOUND }, status: { eq: IN_TRANSIT } }) { nodes { leg status outboundSlipNo fromWarehouseName transferLines { shippedQuantity } } } }',
      );
      expect(stockRequisitions.nodes).toContainEqual(expect.objectContaining({ outboundSlipNo: `HQ-CK-DB-${code}-0001`, fromWarehouseName: '总部中心仓' }));
    }
    expect(await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => verifyLedger(em as never))).toEqual([]);
  });

  it('HQ pushes a transfer to a franchise; the franchise may withdraw a request before HQ decides; bad requests are refused and nothing is written', async () => {
    const product = await createProduct(hq);
    const { createRequisition: pushed } = await must<{ createRequisition: Doc }>(hq, CREATE, { i: { fromWarehouseId: central.warehouseId, toWarehouseId: westStock.warehouseId, lines: [{ productId: product.id, quantity: 3 }] } });
    expect(pushed).toMatchObject({ leg: 'OUTBOUND', status: 'SUBMITTED' });
    const westList = await must<{ stockRequisitions: { nodes: (Doc & { fromWarehouseName: string })[] } }>(west, `query($t: ID!) { stockRequisitions(filter: { toWarehouseId: { eq: $t } }) { nodes { ${DOC} fromWarehouseName } } }`, { t: westStock.warehouseId });
    expect(westList.stockRequisitions.nodes).toEqual([expect.objectContaining({ leg: 'INBOUND', status: 'SUBMITTED', fromWarehouseName: '总部调拨总库' })]);
    expect(await one(east, westList.stockRequisitions.nodes[0]!.id)).toBeNull();

    // West withdraws: HQ's leg is cancelled with it, and HQ can no longer approve it.
    const westInbound = westList.stockRequisitions.nodes[0]!;
    await verb(west, 'cancelRequisition', { id: westInbound.id, version: westInbound.version, reason: '本店已从他处补货' }, 'DocumentCancelInput');
    const cancelled = (await one(hq, pushed.id))!;
    expect(cancelled.status).toBe('CANCELLED');
    expect(errorCodes(await hqApprover.graphql('mutation($i: DocumentDecisionInput!) { approveRequisition(input: $i) { id } }', { i: { id: cancelled.id, version: cancelled.version } }))).toEqual(['INVALID_TRANSITION']);

    // HQ rejects a franchise's request: the franchise sees why.
    const { createRequisition: asked } = await must<{ createRequisition: Doc }>(east, CREATE, { i: { fromWarehouseId: central.warehouseId, toWarehouseId: eastStock.warehouseId, lines: [{ productId: product.id, quantity: 2 }] } });
    const hqLeg = await outboundOf(asked.id);
    await verb(hqApprover, 'rejectRequisition', { id: hqLeg.id, version: hqLeg.version, note: '总部库存不足' }, 'DocumentDecisionInput');
    expect((await must<{ stockRequisition: { status: string; decisionNote: string } }>(east, 'query($id: ID!) { stockRequisition(id: $id) { status decisionNote } }', { id: asked.id })).stockRequisition).toEqual({ status: 'REJECTED', decisionNote: '总部库存不足' });

    const count = async () => (await must<{ stockRequisitions: { totalCount: number } }>(hq, '{ stockRequisitions(paging: { limit: 1 }) { totalCount } }')).stockRequisitions.totalCount;
    const before = await count();
    const bad = async (caller: Caller, input: Record<string, unknown>) => (await caller.graphql('mutation($i: CreateRequisitionInput!) { createRequisition(input: $i) { id } }', { i: input })).body.errors![0]!.extensions;
    // Another franchise's warehouse is NOT_FOUND; a negative quantity, an HQ warehouse as the receiver, or a non-central source are refused.
    expect(await bad(east, { fromWarehouseId: westStock.warehouseId, toWarehouseId: eastStock.warehouseId, lines: [{ productId: product.id, quantity: 1 }] })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await bad(east, { fromWarehouseId: central.warehouseId, toWarehouseId: eastStock.warehouseId, lines: [{ productId: product.id, quantity: -1 }] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.quantity' });
    expect(await bad(hq, { fromWarehouseId: westStock.warehouseId, toWarehouseId: eastStock.warehouseId, lines: [{ productId: product.id, quantity: 1 }] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromWarehouseId' });
    expect(await bad(east, { fromWarehouseId: central.warehouseId, toWarehouseId: eastStock.warehouseId, lines: [{ productId: '00000000-0000-4000-8000-00000000dead', quantity: 1 }] })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await count()).toBe(before);
  });

  it('HQ picks for a franchise with the franchise’s minimum remaining shelf life, not its own; the franchise’s copy of the lot keeps HQ’s shared supplier', async () => {
    const product = await createProduct(hq);
    const { createOneSupplier: supplier } = await must<{ createOneSupplier: { id: string } }>(hq, 'mutation { createOneSupplier(input: { supplier: { name: "国药控股分销中心", shared: true } }) { id } }');
    // HQ accepts lots with 30 days left; east keeps the default 90.
    const settings = `query($f: ID) { inventorySettings(franchiseId: $f) { minRemainingShelfLifeDays version } }`;
    const hqSettings = (await must<{ inventorySettings: { version: number } }>(hq, settings, { f: central.franchiseId })).inventorySettings;
    await must(hq, 'mutation($v: Int) { updateInventorySettings(input: { minRemainingShelfLifeDays: 30, version: $v }) { minRemainingShelfLifeDays } }', { v: hqSettings.version });
    expect((await must<{ inventorySettings: { minRemainingShelfLifeDays: number } }>(east, settings, { f: eastStock.franchiseId })).inventorySettings.minRemainingShelfLifeDays).toBe(90);
    await must(hq, 'mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { moves { id } } }', {
      i: {
        warehouseId: central.warehouseId,
        documentNo: 'RK-HQ-SHELF',
        supplierId: supplier.id,
        lines: [
          { productId: product.id, zoneId: central.normalZoneId, lotNo: 'HQ-60D', manufactureDate: inDays(-300), expiryDate: inDays(60), quantity: 20 },
          { productId: product.id, zoneId: central.normalZoneId, lotNo: 'HQ-400D', manufactureDate: inDays(-30), expiryDate: inDays(400), quantity: 20 },
        ],
      },
    });

    const { createRequisition: inbound } = await must<{ createRequisition: Doc }>(east, CREATE, { i: { fromWarehouseId: central.warehouseId, toWarehouseId: eastStock.warehouseId, lines: [{ productId: product.id, quantity: 5 }] } });
    const outbound = await outboundOf(inbound.id);
    const approved = await verb(hqApprover, 'approveRequisition', { id: outbound.id, version: outbound.version }, 'DocumentDecisionInput');
    const picked = await verb(hqKeeper, 'pickRequisition', { id: approved.id, version: approved.version }, 'DocumentVersionInput');
    // HQ-60D is good enough for HQ (30 days) but not for east (90 days at delivery): skipped.
    const held = await must<{ stockBalances: { nodes: { reserved: number; batch: { lotNo: string } }[] } }>(hq, BALANCES, { w: central.warehouseId, p: product.id });
    expect(held.stockBalances.nodes.map((b) => [b.batch.lotNo, b.reserved]).sort()).toEqual([['HQ-400D', 5], ['HQ-60D', 0]]);

    await verb(hqKeeper, 'shipRequisition', { id: picked.id, version: picked.version, outboundSlipNo: 'CK-HQ-SHELF' }, 'ShipRequisitionInput');
    const arriving = await must<{ stockRequisition: { transferLines: { shippedQuantity: number; batch: { lotNo: string; supplierId: string | null } }[] } }>(east, 'query($id: ID!) { stockRequisition(id: $id) { transferLines { shippedQuantity batch { lotNo supplierId } } } }', { id: inbound.id });
    expect(arriving.stockRequisition.transferLines).toEqual([{ shippedQuantity: 5, batch: { lotNo: 'HQ-400D', supplierId: supplier.id } }]);
    const { supplier: seen } = await must<{ supplier: { name: string } | null }>(east, 'query($id: ID!) { supplier(id: $id) { name } }', { id: supplier.id });
    expect(seen).toEqual({ name: '国药控股分销中心' });
  });
});
