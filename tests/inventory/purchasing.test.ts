import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { BALANCES, createProduct, createWarehouse, inDays, must, receive, staffWith, type ProductRow, type WarehouseSetup } from './support';

// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);

const DOC = 'id version status requestNo requestedById decidedById keeperSignedById managerSignedById inboundSlipNo';
type Doc = { id: string; version: number; status: string; requestNo: string; requestedById: string; decidedById: string | null; keeperSignedById: string | null; managerSignedById: string | null; inboundSlipNo: string | null };

/** Purchasing: request → approval → supplier order → arrival → joint inspection → put-away. */
describe('purchasing with joint inspection', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let manager: Caller & { id: string };
  let keeper: Caller & { id: string };
  let approver: Caller & { id: string };
  let east: WarehouseSetup;
  let supplierId: string;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
    east = await createWarehouse(owner, 'EAST-PUR');
    manager = await staffWith(app, owner, 'product_manager', 'pm@east.demo');
    keeper = await staffWith(app, owner, 'warehouse_keeper', 'keeper@east.demo');
    approver = await staffWith(app, owner, 'purchasing_approver', 'approver@east.demo');
    supplierId = (await must<{ createOneSupplier: { id: string } }>(owner, 'mutation { createOneSupplier(input: { supplier: { name: "华东医药供应链有限公司", licenseNo: "沪AA0210099" } }) { id } }')).createOneSupplier.id;
  }, 120_000);
  afterAll(() => app.stop());

  const verb = async (caller: Caller, name: string, input: Record<string, unknown>, inputType: string) =>
    (await must<Record<string, Doc>>(caller, `mutation($i: ${inputType}!) { ${name}(input: $i) { ${DOC} } }`, { i: input }))[name]!;

  /** A purchase of the given products taken as far as ARRIVED by the product manager and the approver. */
  async function arrived(products: ProductRow[], quantity = 10): Promise<Doc & { lines: { id: string; productId: string }[] }> {
    const { createPurchaseRequest } = await must<{ createPurchaseRequest: Doc & { lines: { id: string; productId: string; suggestedQuantity: number }[] } }>(
      manager,
      `mutation($i: CreatePurchaseRequestInput!) { createPurchaseRequest(input: $i) { ${DOC} lines { id productId suggestedQuantity } } }`,
      { i: { warehouseId: east.warehouseId, supplierId, lines: products.map((p) => ({ productId: p.id, quantity })) } },
    );
    let doc: Doc = await verb(manager, 'submitPurchaseRequest', { id: createPurchaseRequest.id, version: createPurchaseRequest.version }, 'DocumentVersionInput');
    doc = await verb(approver, 'approvePurchaseRequest', { id: doc.id, version: doc.version, note: '同意' }, 'DocumentDecisionInput');
    doc = await verb(manager, 'placeSupplierOrder', { id: doc.id, version: doc.version, supplierOrderNo: `PO-${doc.requestNo}`, expectedDate: inDays(3) }, 'PlaceSupplierOrderInput');
    doc = await verb(keeper, 'recordArrival', { id: doc.id, version: doc.version, note: '外箱完好' }, 'RecordArrivalInput');
    expect(doc.status).toBe('ARRIVED');
    return { ...doc, lines: createPurchaseRequest.lines };
  }

  it('a rejected inspection line never becomes available: both sign, the accepted goods are put away, the rejected ones never enter stock', async () => {
    const [good, broken] = [await createProduct(hq), await createProduct(hq)];
    const doc = await arrived([good, broken]);
    const lineOf = (p: ProductRow) => doc.lines.find((l) => l.productId === p.id)!.id;
    const inspected = await verb(
      keeper,
      'recordInspection',
      {
        id: doc.id,
        version: doc.version,
        lines: [
          { requestLineId: lineOf(good), lotNo: 'PA-1', manufactureDate: inDays(-30), expiryDate: inDays(700), acceptedQuantity: 8, rejectedQuantity: 2, rejectReason: '外包装破损' },
          { requestLineId: lineOf(broken), lotNo: 'PB-1', manufactureDate: inDays(-30), expiryDate: inDays(700), acceptedQuantity: 0, rejectedQuantity: 10, rejectReason: '批号与随货单不符' },
        ],
      },
      'RecordInspectionInput',
    );
    // The keeper signs; signing as the product manager too is refused (two people), and so is signing twice.
    let signed = await verb(keeper, 'signInspection', { id: doc.id, version: inspected.version, as: 'WAREHOUSE_KEEPER' }, 'SignInspectionInput');
    const hqBoth = await hq.graphql('mutation($i: SignInspectionInput!) { signInspection(input: $i) { id } }', { i: { id: doc.id, version: signed.version, as: 'WAREHOUSE_KEEPER' } });
    expect(hqBoth.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_SIGNED' });
    const ownerAlone = await owner.graphql('mutation($i: SignInspectionInput!) { signInspection(input: $i) { id } }', { i: { id: doc.id, version: signed.version, as: 'PRODUCT_MANAGER' } });
    expect(errorCodes(ownerAlone)).toEqual([]); // the owner may sign as product manager: a different person
    signed = (await must<{ purchaseRequest: Doc }>(keeper, `query($id: ID!) { purchaseRequest(id: $id) { ${DOC} } }`, { id: doc.id })).purchaseRequest;
    expect(signed).toMatchObject({ status: 'INSPECTED', keeperSignedById: keeper.id });

    const done = await verb(keeper, 'putAwayPurchase', { id: doc.id, version: signed.version, inboundSlipNo: 'RK-2026-0001' }, 'PutAwayPurchaseInput');
    expect(done).toMatchObject({ status: 'RECEIVED', inboundSlipNo: 'RK-2026-0001' });

    const goodStock = await must<{ stockBalances: { nodes: { onHand: number; available: number; batch: { lotNo: string } }[] } }>(keeper, BALANCES, { w: east.warehouseId, p: good.id });
    expect(goodStock.stockBalances.nodes.map((b) => [b.batch.lotNo, b.onHand, b.available])).toEqual([['PA-1', 8, 8]]);
    const brokenStock = await must<{ stockBalances: { totalCount: number } }>(keeper, BALANCES, { w: east.warehouseId, p: broken.id });
    expect(brokenStock.stockBalances.totalCount).toBe(0);
    const reserveRejected = await owner.graphql('mutation($w: ID!, $p: ID!) { reserveStock(input: { warehouseId: $w, documentId: "00000000-0000-4000-8000-0000000f0001", lines: [{ productId: $p, quantity: 1 }] }) { id } }', { w: east.warehouseId, p: broken.id });
    expect(reserveRejected.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_STOCK', available: 0 });
    const reserveMore = await owner.graphql('mutation($w: ID!, $p: ID!) { reserveStock(input: { warehouseId: $w, documentId: "00000000-0000-4000-8000-0000000f0002", lines: [{ productId: $p, quantity: 9 }] }) { id } }', { w: east.warehouseId, p: good.id });
    expect(reserveMore.body.errors![0]!.extensions).toMatchObject({ reason: 'INSUFFICIENT_STOCK', available: 8 });

    const moves = await must<{ stockMoves: { nodes: { kind: string; quantity: number; documentType: string; documentId: string; documentNo: string }[] } }>(
      keeper,
      'query($id: ID!) { stockMoves(filter: { documentId: { eq: $id } }) { nodes { kind quantity documentType documentId documentNo } } }',
      { id: doc.id },
    );
    expect(moves.stockMoves.nodes).toEqual([{ kind: 'RECEIPT', quantity: 8, documentType: 'PURCHASE', documentId: doc.id, documentNo: 'RK-2026-0001' }]);
    const listed = await must<{ purchaseRequests: { totalCount: number; nodes: { id: string; inspectionLines: { lotNo: string; acceptedQuantity: number; rejectedQuantity: number; rejectReason: string | null; zone: { code: string } | null }[] }[] } }>(
      manager,
      'query($id: ID!) { purchaseRequests(filter: { id: { eq: $id } }) { totalCount nodes { id inspectionLines { lotNo acceptedQuantity rejectedQuantity rejectReason zone { code } } } } }',
      { id: doc.id },
    );
    expect(listed.purchaseRequests.nodes[0]!.inspectionLines).toEqual([
      { lotNo: 'PA-1', acceptedQuantity: 8, rejectedQuantity: 2, rejectReason: '外包装破损', zone: { code: 'A' } },
      { lotNo: 'PB-1', acceptedQuantity: 0, rejectedQuantity: 10, rejectReason: '批号与随货单不符', zone: null },
    ]);
  });

  it('nobody approves their own request, signs twice as two roles, or edits a stale version', async () => {
    const product = await createProduct(hq);
    const { createPurchaseRequest: draft } = await must<{ createPurchaseRequest: Doc }>(manager, `mutation($i: CreatePurchaseRequestInput!) { createPurchaseRequest(input: $i) { ${DOC} } }`, {
      i: { warehouseId: east.warehouseId, lines: [{ productId: product.id, quantity: 5 }] },
    });
    const edited = await verb(manager, 'updatePurchaseRequest', { id: draft.id, version: draft.version, note: '加急', lines: [{ productId: product.id, quantity: 6 }] }, 'UpdatePurchaseRequestInput');
    const stale = await owner.graphql('mutation($i: UpdatePurchaseRequestInput!) { updatePurchaseRequest(input: $i) { id } }', { i: { id: draft.id, version: draft.version, note: '旧版本' } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const tooEarly = await approver.graphql('mutation($i: DocumentDecisionInput!) { approvePurchaseRequest(input: $i) { id } }', { i: { id: draft.id, version: edited.version } });
    expect(errorCodes(tooEarly)).toEqual(['INVALID_TRANSITION']);

    // The owner writes one and cannot approve it; the approver can.
    const { createPurchaseRequest: own } = await must<{ createPurchaseRequest: Doc }>(owner, `mutation($i: CreatePurchaseRequestInput!) { createPurchaseRequest(input: $i) { ${DOC} } }`, {
      i: { warehouseId: east.warehouseId, supplierId, lines: [{ productId: product.id, quantity: 5 }] },
    });
    const submitted = await verb(owner, 'submitPurchaseRequest', { id: own.id, version: own.version }, 'DocumentVersionInput');
    const self = await owner.graphql('mutation($i: DocumentDecisionInput!) { approvePurchaseRequest(input: $i) { id } }', { i: { id: own.id, version: submitted.version } });
    expect(self.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_REQUEST' });
    expect(errorCodes(await keeper.graphql('mutation($i: DocumentDecisionInput!) { approvePurchaseRequest(input: $i) { id } }', { i: { id: own.id, version: submitted.version } }))).toEqual(['FORBIDDEN']);
    const noReason = await approver.graphql('mutation($i: DocumentDecisionInput!) { rejectPurchaseRequest(input: $i) { id } }', { i: { id: own.id, version: submitted.version } });
    expect(noReason.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });

    // Two signatures from one person: the second is refused and the purchase stays ARRIVED.
    const doc = await arrived([product]);
    const recorded = await verb(keeper, 'recordInspection', { id: doc.id, version: doc.version, lines: [{ requestLineId: doc.lines[0]!.id, lotNo: 'SIG-1', manufactureDate: inDays(-10), expiryDate: inDays(500), acceptedQuantity: 10 }] }, 'RecordInspectionInput');
    const first = await verb(hq, 'signInspection', { id: doc.id, version: recorded.version, as: 'WAREHOUSE_KEEPER' }, 'SignInspectionInput');
    const twice = await hq.graphql('mutation($i: SignInspectionInput!) { signInspection(input: $i) { id } }', { i: { id: doc.id, version: first.version, as: 'PRODUCT_MANAGER' } });
    expect(twice.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'as' });
    const keeperAsManager = await keeper.graphql('mutation($i: SignInspectionInput!) { signInspection(input: $i) { id } }', { i: { id: doc.id, version: first.version, as: 'PRODUCT_MANAGER' } });
    expect(errorCodes(keeperAsManager)).toEqual(['FORBIDDEN']);
    const after = await must<{ purchaseRequest: Doc }>(manager, `query($id: ID!) { purchaseRequest(id: $id) { ${DOC} } }`, { id: doc.id });
    expect(after.purchaseRequest).toMatchObject({ status: 'ARRIVED', version: first.version, managerSignedById: null });
  });

  it('two decisions on one request at the same moment: one wins, the other is a CONFLICT and changes nothing', async () => {
    const product = await createProduct(hq);
    const { createPurchaseRequest: draft } = await must<{ createPurchaseRequest: Doc }>(manager, `mutation($i: CreatePurchaseRequestInput!) { createPurchaseRequest(input: $i) { ${DOC} } }`, {
      i: { warehouseId: east.warehouseId, lines: [{ productId: product.id, quantity: 5 }] },
    });
    const submitted = await verb(manager, 'submitPurchaseRequest', { id: draft.id, version: draft.version }, 'DocumentVersionInput');
    const input = { id: submitted.id, version: submitted.version, note: '同时审批' };
    const [approved, rejected] = await Promise.all([
      approver.graphql('mutation($i: DocumentDecisionInput!) { approvePurchaseRequest(input: $i) { status } }', { i: input }),
      owner.graphql('mutation($i: DocumentDecisionInput!) { rejectPurchaseRequest(input: $i) { status } }', { i: input }),
    ]);
    const outcomes = [approved, rejected].map((r) => (r.body.errors ? r.body.errors[0]!.extensions!.code : 'OK')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    const after = await must<{ purchaseRequest: Doc }>(manager, `query($id: ID!) { purchaseRequest(id: $id) { ${DOC} } }`, { id: submitted.id });
    expect(after.purchaseRequest.version).toBe(submitted.version + 1);
    expect(['APPROVED', 'REJECTED']).toContain(after.purchaseRequest.status);
  });

  it('bad inspection and put-away input is refused with its field, nothing written: negative quantity, expiry before manufacture, unknown line, a cold product into a normal zone', async () => {
    const cold = await createProduct(hq, { storageClass: 'COLD', genericName: '重组人胰岛素注射液' });
    const doc = await arrived([cold]);
    const line = (fields: Record<string, unknown>) => ({ requestLineId: doc.lines[0]!.id, lotNo: 'CD-1', manufactureDate: inDays(-10), expiryDate: inDays(300), acceptedQuantity: 10, ...fields });
    const bad = async (fields: Record<string, unknown>) =>
      (await keeper.graphql('mutation($i: RecordInspectionInput!) { recordInspection(input: $i) { id } }', { i: { id: doc.id, version: doc.version, lines: [line(fields)] } })).body.errors![0]!.extensions!;
    expect(await bad({ acceptedQuantity: -1 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.acceptedQuantity' });
    expect(await bad({ expiryDate: inDays(-20) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.expiryDate' });
    expect(await bad({ rejectedQuantity: 1 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.rejectReason' });
    expect(await bad({ requestLineId: '00000000-0000-4000-8000-00000000dead' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.requestLineId' });
    const untouched = await must<{ purchaseRequest: Doc & { inspectionLines: unknown[] } }>(keeper, `query($id: ID!) { purchaseRequest(id: $id) { ${DOC} inspectionLines { id } } }`, { id: doc.id });
    expect(untouched.purchaseRequest).toMatchObject({ version: doc.version, inspectionLines: [] });

    const recorded = await verb(keeper, 'recordInspection', { id: doc.id, version: doc.version, lines: [line({})] }, 'RecordInspectionInput');
    const k = await verb(keeper, 'signInspection', { id: doc.id, version: recorded.version, as: 'WAREHOUSE_KEEPER' }, 'SignInspectionInput');
    const both = await verb(manager, 'signInspection', { id: doc.id, version: k.version, as: 'PRODUCT_MANAGER' }, 'SignInspectionInput');
    const lines = await must<{ purchaseRequest: { inspectionLines: { id: string }[] } }>(keeper, 'query($id: ID!) { purchaseRequest(id: $id) { inspectionLines { id } } }', { id: doc.id });
    const wrongZone = await keeper.graphql('mutation($i: PutAwayPurchaseInput!) { putAwayPurchase(input: $i) { id } }', {
      i: { id: doc.id, version: both.version, inboundSlipNo: 'RK-COLD', lines: [{ inspectionLineId: lines.purchaseRequest.inspectionLines[0]!.id, zoneId: east.normalZoneId }] },
    });
    expect(wrongZone.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.zoneId' });
    expect(wrongZone.body.errors![0]!.message).toContain('COLD');
    expect((await must<{ stockBalances: { totalCount: number } }>(keeper, BALANCES, { w: east.warehouseId, p: cold.id })).stockBalances.totalCount).toBe(0);
    // Without a zone named, the cold goods go to the cold zone.
    await verb(keeper, 'putAwayPurchase', { id: doc.id, version: both.version, inboundSlipNo: 'RK-COLD' }, 'PutAwayPurchaseInput');
    const stock = await must<{ stockBalances: { nodes: { onHand: number; zone: { code: string } }[] } }>(keeper, BALANCES, { w: east.warehouseId, p: cold.id });
    expect(stock.stockBalances.nodes.map((b) => [b.zone.code, b.onHand])).toEqual([['C', 10]]);
  });

  it('suggests purchase quantities from the last three months’ issues, stock and what is on order', async () => {
    const product = await createProduct(hq);
    await receive(owner, east.warehouseId, [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'SG-1', expiryDate: inDays(600), quantity: 100 }]);
    const { reserveStock } = await must<{ reserveStock: { id: string }[] }>(owner, 'mutation($w: ID!, $p: ID!) { reserveStock(input: { warehouseId: $w, documentId: "00000000-0000-4000-8000-0000000f0010", lines: [{ productId: $p, quantity: 90 }] }) { id } }', { w: east.warehouseId, p: product.id });
    await must(owner, 'mutation($id: ID!) { issueStockReservation(input: { id: $id }) { moves { id } } }', { id: reserveStock[0]!.id });
    const SUGGEST = 'query($w: ID!, $p: [ID!]) { purchaseSuggestions(warehouseId: $w, coverDays: 92, productIds: $p) { productId issuedLastThreeMonths averageMonthlyIssue onHand available onOrder openDemand suggestedQuantity product { genericName } } }';
    const before = await must<{ purchaseSuggestions: Record<string, unknown>[] }>(manager, SUGGEST, { w: east.warehouseId, p: [product.id] });
    expect(before.purchaseSuggestions).toEqual([expect.objectContaining({ productId: product.id, issuedLastThreeMonths: 90, averageMonthlyIssue: 30, onHand: 10, available: 10, onOrder: 0, openDemand: 0 })]);
    const suggested = before.purchaseSuggestions[0]!.suggestedQuantity as number;
    expect(suggested).toBeGreaterThanOrEqual(80); // about 90 over the next 92 days, less the 10 available
    const { createPurchaseRequest } = await must<{ createPurchaseRequest: Doc & { lines: { suggestedQuantity: number }[] } }>(manager, `mutation($i: CreatePurchaseRequestInput!) { createPurchaseRequest(input: $i) { ${DOC} lines { suggestedQuantity } } }`, {
      i: { warehouseId: east.warehouseId, lines: [{ productId: product.id, quantity: 50 }] },
    });
    await verb(manager, 'submitPurchaseRequest', { id: createPurchaseRequest.id, version: createPurchaseRequest.version }, 'DocumentVersionInput');
    const after = await must<{ purchaseSuggestions: { onOrder: number; suggestedQuantity: number }[] }>(manager, SUGGEST, { w: east.warehouseId, p: [product.id] });
    expect(after.purchaseSuggestions[0]).toMatchObject({ onOrder: 50, suggestedQuantity: suggested - 50 });
  });

  it('another franchise’s purchase is NOT_FOUND, and its warehouse cannot be bought for', async () => {
    const product = await createProduct(hq);
    const doc = await arrived([product]);
    const westOwner = await signIn(app, 'owner@west.demo');
    expect((await must<{ purchaseRequest: unknown }>(westOwner, 'query($id: ID!) { purchaseRequest(id: $id) { id } }', { id: doc.id })).purchaseRequest).toBeNull();
    const res = await westOwner.graphql('mutation($i: RecordInspectionInput!) { recordInspection(input: $i) { id } }', { i: { id: doc.id, version: doc.version, lines: [{ requestLineId: doc.lines[0]!.id, lotNo: 'X', manufactureDate: inDays(-1), expiryDate: inDays(100), acceptedQuantity: 1 }] } });
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    const buy = await westOwner.graphql('mutation($i: CreatePurchaseRequestInput!) { createPurchaseRequest(input: $i) { id } }', { i: { warehouseId: east.warehouseId, lines: [{ productId: product.id, quantity: 1 }] } });
    expect(errorCodes(buy)).toEqual(['NOT_FOUND']);
    expect((await must<{ purchaseRequests: { totalCount: number } }>(westOwner, '{ purchaseRequests { totalCount } }')).purchaseRequests.totalCount).toBe(0);
    expect((await must<{ purchaseRequests: { totalCount: number } }>(hq, 'query($id: ID!) { purchaseRequests(filter: { id: { eq: $id } }) { totalCount } }', { id: doc.id })).purchaseRequests.totalCount).toBe(1);
  });
});
