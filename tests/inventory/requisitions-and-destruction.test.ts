import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { BALANCES, createProduct, createWarehouse, inDays, must, receive, staffWith, type WarehouseSetup } from './support';

// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);

type Doc = { id: string; version: number; status: string };
const DOC = 'id version status';

/** Branch requisitions (request → approval → FEFO picking → in transit → receipt with discrepancies) and destruction before a witness. */
describe('requisitions and destruction', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let keeper: Caller & { id: string };
  let approver: Caller & { id: string };
  let central: WarehouseSetup;
  let branch: { warehouseId: string; normalZoneId: string };

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
    central = await createWarehouse(owner, 'EAST-CW');
    keeper = await staffWith(app, owner, 'warehouse_keeper', 'keeper.rq@east.demo');
    approver = await staffWith(app, owner, 'purchasing_approver', 'approver.rq@east.demo');
    const units = await must<{ orgUnits: { nodes: { id: string; kind: string }[] } }>(owner, '{ orgUnits(paging: { limit: 50 }) { nodes { id kind } } }');
    const { createOneWarehouse } = await must<{ createOneWarehouse: { id: string } }>(owner, 'mutation($u: ID!) { createOneWarehouse(input: { warehouse: { orgUnitId: $u, code: "EAST-BR", name: "东区分中心仓" } }) { id } }', {
      u: units.orgUnits.nodes.find((u) => u.kind === 'BRANCH_CENTER')!.id,
    });
    const zone = await must<{ createOneStorageZone: { id: string } }>(owner, 'mutation($w: ID!) { createOneStorageZone(input: { storageZone: { warehouseId: $w, code: "A", name: "常温区", storageClass: NORMAL } }) { id } }', { w: createOneWarehouse.id });
    branch = { warehouseId: createOneWarehouse.id, normalZoneId: zone.createOneStorageZone.id };
  }, 120_000);
  afterAll(() => app.stop());

  const verb = async (caller: Caller, name: string, input: Record<string, unknown>, inputType: string) =>
    (await must<Record<string, Doc>>(caller, `mutation($i: ${inputType}!) { ${name}(input: $i) { ${DOC} } }`, { i: input }))[name]!;

  async function requisition(productId: string, quantity: number): Promise<Doc> {
    const { createRequisition } = await must<{ createRequisition: Doc }>(keeper, `mutation($i: CreateRequisitionInput!) { createRequisition(input: $i) { ${DOC} } }`, {
      i: { fromWarehouseId: central.warehouseId, toWarehouseId: branch.warehouseId, note: '月度要货', lines: [{ productId, quantity }] },
    });
    return createRequisition;
  }

  it('picks first expiry first, ships as TRANSFER_OUT, and the branch receives the good goods, the damaged into the non-conforming area (never available), the short recorded', async () => {
    const product = await createProduct(hq);
    await receive(owner, central.warehouseId, [
      { productId: product.id, zoneId: central.normalZoneId, lotNo: 'LATE', expiryDate: inDays(700), quantity: 20 },
      { productId: product.id, zoneId: central.normalZoneId, lotNo: 'EARLY', expiryDate: inDays(300), quantity: 6 },
    ]);
    const submitted = await requisition(product.id, 10);
    const self = await keeper.graphql('mutation($i: DocumentDecisionInput!) { approveRequisition(input: $i) { id } }', { i: { id: submitted.id, version: submitted.version } });
    expect(errorCodes(self)).toEqual(['FORBIDDEN']); // a keeper holds no approval permission
    const approved = await verb(approver, 'approveRequisition', { id: submitted.id, version: submitted.version }, 'DocumentDecisionInput');
    const picked = await verb(keeper, 'pickRequisition', { id: approved.id, version: approved.version }, 'DocumentVersionInput');
    expect(picked.status).toBe('PICKED');
    const held = await must<{ stockBalances: { nodes: { reserved: number; batch: { lotNo: string } }[] } }>(keeper, BALANCES, { w: central.warehouseId, p: product.id });
    expect(held.stockBalances.nodes.map((b) => [b.batch.lotNo, b.reserved])).toEqual([['EARLY', 6], ['LATE', 4]]);

    const shipped = await verb(keeper, 'shipRequisition', { id: picked.id, version: picked.version, outboundSlipNo: 'CK-BR-1' }, 'ShipRequisitionInput');
    expect(shipped.status).toBe('IN_TRANSIT');
    const out = await must<{ stockMoves: { nodes: { kind: string; quantity: number; warehouseId: string; documentNo: string }[] } }>(keeper, 'query($id: ID!) { stockMoves(filter: { documentId: { eq: $id } }, sorting: [{ field: quantity, direction: ASC }]) { nodes { kind quantity warehouseId documentNo } } }', { id: shipped.id });
    expect(out.stockMoves.nodes).toEqual([
      { kind: 'TRANSFER_OUT', quantity: -6, warehouseId: central.warehouseId, documentNo: 'CK-BR-1' },
      { kind: 'TRANSFER_OUT', quantity: -4, warehouseId: central.warehouseId, documentNo: 'CK-BR-1' },
    ]);
    const { stockRequisition } = await must<{ stockRequisition: { transferLines: { id: string; shippedQuantity: number; batch: { lotNo: string } }[] } }>(keeper, 'query($id: ID!) { stockRequisition(id: $id) { transferLines { id shippedQuantity batch { lotNo } } } }', { id: shipped.id });
    const lot = (lotNo: string) => stockRequisition.transferLines.find((t) => t.batch.lotNo === lotNo)!;

    // Received + damaged more than shipped is refused and nothing is received.
    const tooMany = await keeper.graphql('mutation($i: ReceiveTransferInput!) { receiveTransfer(input: $i) { id } }', {
      i: { id: shipped.id, version: shipped.version, lines: [{ transferLineId: lot('EARLY').id, receivedQuantity: 6, damagedQuantity: 1 }, { transferLineId: lot('LATE').id, receivedQuantity: 4 }] },
    });
    expect(tooMany.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.receivedQuantity' });
    const missing = await keeper.graphql('mutation($i: ReceiveTransferInput!) { receiveTransfer(input: $i) { id } }', { i: { id: shipped.id, version: shipped.version, lines: [{ transferLineId: lot('EARLY').id, receivedQuantity: 6 }] } });
    expect(missing.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines' });
    expect((await must<{ stockBalances: { totalCount: number } }>(keeper, BALANCES, { w: branch.warehouseId, p: product.id })).stockBalances.totalCount).toBe(0);

    const received = await verb(keeper, 'receiveTransfer', {
      id: shipped.id,
      version: shipped.version,
      lines: [
        { transferLineId: lot('EARLY').id, receivedQuantity: 4, damagedQuantity: 1, note: '一盒压破' },
        { transferLineId: lot('LATE').id, receivedQuantity: 4 },
      ],
    }, 'ReceiveTransferInput');
    expect(received.status).toBe('RECEIVED');
    const after = await must<{ stockRequisition: { transferLines: { receivedQuantity: number; damagedQuantity: number; shortQuantity: number; batch: { lotNo: string } }[] } }>(keeper, 'query($id: ID!) { stockRequisition(id: $id) { transferLines { receivedQuantity damagedQuantity shortQuantity batch { lotNo } } } }', { id: shipped.id });
    expect(after.stockRequisition.transferLines.map((t) => [t.batch.lotNo, t.receivedQuantity, t.damagedQuantity, t.shortQuantity]).sort()).toEqual([['EARLY', 4, 1, 1], ['LATE', 4, 0, 0]]);
    const atBranch = await must<{ stockBalances: { nodes: { onHand: number; available: number; batch: { lotNo: string }; zone: { code: string; nonConforming: boolean } }[] } }>(
      keeper,
      'query($w: ID!, $p: ID!) { stockBalances(filter: { warehouseId: { eq: $w }, productId: { eq: $p } }) { nodes { onHand available batch { lotNo } zone { code nonConforming } } } }',
      { w: branch.warehouseId, p: product.id },
    );
    expect(atBranch.stockBalances.nodes.map((b) => [b.batch.lotNo, b.zone.code, b.zone.nonConforming, b.onHand]).sort()).toEqual([['EARLY', 'A', false, 4], ['EARLY', 'BHG', true, 1], ['LATE', 'A', false, 4]]);
    // The damaged unit is never allocated: 8 good units can be reserved, 9 cannot.
    const nine = await keeper.graphql('mutation($w: ID!, $p: ID!) { reserveStock(input: { warehouseId: $w, documentId: "00000000-0000-4000-8000-0000000f1001", lines: [{ productId: $p, quantity: 9 }] }) { id } }', { w: branch.warehouseId, p: product.id });
    expect(nine.body.errors![0]!.extensions).toMatchObject({ reason: 'INSUFFICIENT_STOCK', available: 8 });

    // Typed events went out through the outbox for each step.
    const pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    const { rows } = await pg.query<{ action: string }>(`select payload->>'action' as action from event_outbox where topic = 'requisition.transitioned' and payload->>'requisitionId' = $1 order by position`, [shipped.id]);
    await pg.end();
    expect(rows.map((r) => r.action)).toEqual(['create', 'approve', 'pick', 'ship', 'receive']);
    const { stockRequisitions } = await must<{ stockRequisitions: { nodes: Record<string, { displayName: string }>[] } }>(keeper, 'query($id: ID!) { stockRequisitions(filter: { id: { eq: $id } }) { nodes { requestedBy { displayName } decidedBy { displayName } pickedBy { displayName } shippedBy { displayName } receivedBy { displayName } } } }', { id: shipped.id });
    expect(Object.fromEntries(Object.entries(stockRequisitions.nodes[0]!).map(([k, v]) => [k, v.displayName]))).toEqual({ requestedBy: 'warehouse_keeper', decidedBy: 'purchasing_approver', pickedBy: 'warehouse_keeper', shippedBy: 'warehouse_keeper', receivedBy: 'warehouse_keeper' });
  });

  it('a requisition that cannot be covered picks nothing; a cancelled picked one gives its stock back; bad requests are refused', async () => {
    const product = await createProduct(hq);
    await receive(owner, central.warehouseId, [{ productId: product.id, zoneId: central.normalZoneId, lotNo: 'FEW', expiryDate: inDays(400), quantity: 3 }]);
    const big = await requisition(product.id, 5);
    const approved = await verb(approver, 'approveRequisition', { id: big.id, version: big.version }, 'DocumentDecisionInput');
    const short = await keeper.graphql('mutation($i: DocumentVersionInput!) { pickRequisition(input: $i) { id } }', { i: { id: approved.id, version: approved.version } });
    expect(short.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_STOCK', asked: 5, available: 3 });
    const small = await requisition(product.id, 2);
    const ok = await verb(approver, 'approveRequisition', { id: small.id, version: small.version }, 'DocumentDecisionInput');
    const picked = await verb(keeper, 'pickRequisition', { id: ok.id, version: ok.version }, 'DocumentVersionInput');
    await verb(keeper, 'cancelRequisition', { id: picked.id, version: picked.version, reason: '门店已调剂' }, 'DocumentCancelInput');
    const stock = await must<{ stockBalances: { nodes: { reserved: number }[] } }>(keeper, BALANCES, { w: central.warehouseId, p: product.id });
    expect(stock.stockBalances.nodes.map((b) => b.reserved)).toEqual([0]);

    const wrongWay = await keeper.graphql('mutation($i: CreateRequisitionInput!) { createRequisition(input: $i) { id } }', { i: { fromWarehouseId: branch.warehouseId, toWarehouseId: central.warehouseId, lines: [{ productId: product.id, quantity: 1 }] } });
    expect(wrongWay.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromWarehouseId' });
    const negative = await keeper.graphql('mutation($i: CreateRequisitionInput!) { createRequisition(input: $i) { id } }', { i: { fromWarehouseId: central.warehouseId, toWarehouseId: branch.warehouseId, lines: [{ productId: product.id, quantity: -2 }] } });
    expect(negative.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.quantity' });
    const list = await must<{ stockRequisitions: { totalCount: number; nodes: { status: string }[] } }>(keeper, 'query($t: ID!) { stockRequisitions(filter: { toWarehouseId: { eq: $t }, status: { in: [CANCELLED] } }) { totalCount nodes { status } } }', { t: branch.warehouseId });
    expect(list.stockRequisitions.nodes.map((n) => n.status)).toEqual(['CANCELLED']);
  });

  it('destroys damaged goods after approval before a second-person witness, keeping who, when, how and the witness', async () => {
    const product = await createProduct(hq);
    const lots = await receive(owner, central.warehouseId, [
      { productId: product.id, zoneId: central.normalZoneId, lotNo: 'GOOD', expiryDate: inDays(400), quantity: 5 },
      { productId: product.id, zoneId: central.normalZoneId, lotNo: 'BROKEN', expiryDate: inDays(400), quantity: 4 },
    ]);
    const REQUEST = `mutation($i: RequestDestructionInput!) { requestDestruction(input: $i) { ${DOC} destructionNo } }`;
    const line = (batchId: string, quantity: number) => ({ warehouseId: central.warehouseId, reason: '破损', lines: [{ zoneId: central.normalZoneId, batchId, quantity }] });
    // A good lot is not destroyed; an unknown lot, a negative quantity or more than is there are refused; nothing is written.
    expect((await keeper.graphql(REQUEST, { i: line(lots.GOOD!, 1) })).body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.batchId' });
    expect(errorCodes(await keeper.graphql(REQUEST, { i: line('00000000-0000-4000-8000-00000000dead', 1) }))).toEqual(['NOT_FOUND']);
    expect((await keeper.graphql(REQUEST, { i: line(lots.BROKEN!, -1) })).body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.quantity' });
    await must(keeper, 'mutation($id: ID!) { holdBatch(input: { id: $id, status: DAMAGED, reason: "外包装破损渗漏" }) { id } }', { id: lots.BROKEN });
    expect((await keeper.graphql(REQUEST, { i: line(lots.BROKEN!, 5) })).body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_STOCK', available: 4 });
    expect((await must<{ stockDestructions: { totalCount: number } }>(keeper, 'query($w: ID!) { stockDestructions(filter: { warehouseId: { eq: $w } }) { totalCount } }', { w: central.warehouseId })).stockDestructions.totalCount).toBe(0);

    const requested = (await must<{ requestDestruction: Doc & { destructionNo: string } }>(keeper, REQUEST, { i: line(lots.BROKEN!, 4) })).requestDestruction;
    expect(requested.destructionNo).toMatch(/^XH-\d{4}-\d{6}$/);
    const early = await keeper.graphql('mutation($i: DestroyStockInput!) { destroyStock(input: $i) { id } }', { i: { id: requested.id, version: requested.version, method: '焚烧', witnessId: approver.id } });
    expect(errorCodes(early)).toEqual(['INVALID_TRANSITION']);
    const approved = await verb(approver, 'approveDestruction', { id: requested.id, version: requested.version, note: '同意销毁' }, 'DocumentDecisionInput');
    // The keeper (who may not list staff) chooses the witness among the franchise's people, never themself.
    const { destructionWitnesses } = await must<{ destructionWitnesses: { id: string; displayName: string }[] }>(keeper, 'query($w: ID!) { destructionWitnesses(warehouseId: $w) { id displayName } }', { w: central.warehouseId });
    expect(destructionWitnesses.map((s) => s.id)).toContain(approver.id);
    expect(destructionWitnesses.map((s) => s.id)).not.toContain(keeper.id);
    const alone = await keeper.graphql('mutation($i: DestroyStockInput!) { destroyStock(input: $i) { id } }', { i: { id: approved.id, version: approved.version, method: '焚烧', witnessId: keeper.id } });
    expect(alone.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'witnessId' });
    const stale = await keeper.graphql('mutation($i: DestroyStockInput!) { destroyStock(input: $i) { id } }', { i: { id: approved.id, version: requested.version, method: '焚烧', witnessId: approver.id } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);

    const { destroyStock } = await must<{ destroyStock: Doc & { method: string; witnessId: string; destroyedAt: string; lines: { quantity: number; batch: { lotNo: string } }[] } }>(
      keeper,
      'mutation($i: DestroyStockInput!) { destroyStock(input: $i) { id status method witnessId destroyedAt lines { quantity batch { lotNo } } } }',
      { i: { id: approved.id, version: approved.version, method: '焚烧', witnessId: approver.id, note: '环保公司现场焚烧' } },
    );
    expect(destroyStock).toMatchObject({ status: 'DESTROYED', method: '焚烧', witnessId: approver.id, lines: [{ quantity: 4, batch: { lotNo: 'BROKEN' } }] });
    const moves = await must<{ stockMoves: { nodes: { kind: string; quantity: number; actorId: string }[] } }>(keeper, 'query($id: ID!) { stockMoves(filter: { documentId: { eq: $id } }) { nodes { kind quantity actorId } } }', { id: approved.id });
    expect(moves.stockMoves.nodes).toEqual([{ kind: 'DESTRUCTION', quantity: -4, actorId: keeper.id }]);
    const stock = await must<{ stockBalances: { nodes: { onHand: number; batch: { lotNo: string } }[] } }>(keeper, BALANCES, { w: central.warehouseId, p: product.id });
    expect(stock.stockBalances.nodes.map((b) => [b.batch.lotNo, b.onHand])).toEqual([['GOOD', 5]]);
    // The record names its people, in the list and on the document.
    const PEOPLE = 'requestedBy { displayName } decidedBy { displayName } destroyedBy { displayName } witness { displayName }';
    const named = await must<{ stockDestructions: { nodes: unknown[] }; stockDestruction: unknown }>(keeper, `query($id: ID!) { stockDestructions(filter: { id: { eq: $id } }) { nodes { ${PEOPLE} } } stockDestruction(id: $id) { ${PEOPLE} } }`, { id: approved.id });
    const people = { requestedBy: { displayName: 'warehouse_keeper' }, decidedBy: { displayName: 'purchasing_approver' }, destroyedBy: { displayName: 'warehouse_keeper' }, witness: { displayName: 'purchasing_approver' } };
    expect(named.stockDestructions.nodes).toEqual([people]);
    expect(named.stockDestruction).toEqual(people);
  });
});
