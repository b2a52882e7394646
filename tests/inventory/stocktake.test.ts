import { inScopedTransaction, SYSTEM_SCOPE, verifyLedger } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive, staffWith, type WarehouseSetup } from './support';

// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);

const OPEN = 'mutation($i: OpenStocktakeInput!) { openStocktake(input: $i) { id countNo status blind version } }';
const LINES = `query($s: ID!) { stocktakeLines(stocktakeId: $s, paging: { limit: 200 }) { totalCount nodes {
  id lotNo productName zoneCode countedQuantity recountRequired recounts previousCount foundDuringCount version bookQuantity movedQuantity expectedQuantity variance } } }`;
const COUNT = `mutation($s: ID!, $c: [StocktakeCountInput!]!) { recordStocktakeCounts(input: { stocktakeId: $s, counts: $c }) {
  stocktake { id status countedCount lineCount } lines { id lotNo countedQuantity bookQuantity variance expectedQuantity } } }`;
const SHEET = 'query($id: ID!) { stocktake(id: $id) { id status version lineCount countedCount recountCount movesDuringCount { kind quantity documentNo onHandAfter } } }';

interface Line {
  id: string;
  lotNo: string;
  countedQuantity: number | null;
  recountRequired: boolean;
  recounts: number;
  previousCount: number | null;
  foundDuringCount: boolean;
  version: number;
  bookQuantity: number | null;
  movedQuantity: number | null;
  expectedQuantity: number | null;
  variance: number | null;
}

/** Count sheets: blind counts, moves during the count, recounts over the threshold, four eyes, posting as adjustments. */
describe('stocktake', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let counter: Caller & { id: string };
  let keeper: Caller & { id: string };
  let east: WarehouseSetup;
  let other: WarehouseSetup;
  let productId: string;
  let lots: Record<string, string>;

  const lines = async (caller: Caller, sheetId: string) => (await must<{ stocktakeLines: { nodes: Line[] } }>(caller, LINES, { s: sheetId })).stocktakeLines.nodes;
  const byLot = (all: Line[], lot: string) => all.find((l) => l.lotNo === lot)!;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
    [east, other] = [await createWarehouse(owner, 'EAST-PD'), await createWarehouse(owner, 'EAST-PD2')];
    counter = await staffWith(app, owner, 'stock_counter', 'counter@east.demo');
    keeper = await staffWith(app, owner, 'warehouse_keeper', 'keeper-pd@east.demo');
    productId = (await createProduct(hq, { genericName: '布洛芬缓释胶囊' })).id;
    lots = await receive(owner, east.warehouseId, [
      { productId, zoneId: east.normalZoneId, lotNo: 'PD-1', expiryDate: inDays(300), quantity: 10 },
      { productId, zoneId: east.normalZoneId, lotNo: 'PD-2', expiryDate: inDays(400), quantity: 5 },
    ]);
    // A lot of the franchise's that this warehouse's book does not know (it lies in the other warehouse).
    Object.assign(lots, await receive(owner, other.warehouseId, [{ productId, zoneId: other.normalZoneId, lotNo: 'PD-3', expiryDate: inDays(500), quantity: 4 }]));
  }, 120_000);
  afterAll(() => app.stop());

  it('a blind count hides book quantities: the counter sees the places, never the book, the variances or the moves, through any field', async () => {
    const { openStocktake: sheet } = await must<{ openStocktake: { id: string; status: string; blind: boolean; countNo: string } }>(owner, OPEN, { i: { warehouseId: east.warehouseId, zoneId: east.normalZoneId } });
    expect(sheet).toMatchObject({ status: 'COUNTING', blind: true, countNo: expect.stringMatching(/-PD-\d{4}-\d{6}$/) });
    const seen = await lines(counter, sheet.id);
    expect(seen.map((l) => [l.lotNo, l.bookQuantity, l.movedQuantity, l.expectedQuantity, l.variance])).toEqual([['PD-1', null, null, null, null], ['PD-2', null, null, null, null]]);
    const counted = await must<{ recordStocktakeCounts: { lines: { bookQuantity: number | null; variance: number | null; expectedQuantity: number | null; countedQuantity: number }[] } }>(counter, COUNT, { s: sheet.id, c: [{ lineId: byLot(seen, 'PD-1').id, quantity: 9 }] });
    expect(counted.recordStocktakeCounts.lines).toEqual([{ id: expect.any(String), lotNo: 'PD-1', countedQuantity: 9, bookQuantity: null, variance: null, expectedQuantity: null }].map(({ id: _id, lotNo: _l, ...rest }) => expect.objectContaining(rest)));
    expect((await must<{ stocktake: { movesDuringCount: unknown } }>(counter, SHEET, { id: sheet.id })).stocktake.movesDuringCount).toBeNull();
    // Nor around the sheet: the counter role reads no stock, no ledger, no lots' balances.
    for (const query of ['{ stockBalances { nodes { onHand } } }', '{ stockMoves { nodes { onHandAfter } } }', '{ stockAlerts { nodes { details } } }'])
      expect(errorCodes(await counter.graphql(query))).toEqual(['FORBIDDEN']);
    // The owner (stocktake:manage) sees the book and the variance.
    const managed = await lines(owner, sheet.id);
    expect(byLot(managed, 'PD-1')).toMatchObject({ bookQuantity: 10, countedQuantity: 9, variance: -1 });
    expect(byLot(managed, 'PD-2')).toMatchObject({ bookQuantity: 5, countedQuantity: null, variance: null });
    const version = (await must<{ stocktake: { version: number } }>(owner, SHEET, { id: sheet.id })).stocktake.version;
    await must(owner, 'mutation($id: ID!, $v: Int!) { cancelStocktake(input: { id: $id, version: $v, reason: "演示用" }) { status } }', { id: sheet.id, v: version });
  });

  it('moves during the count are shown and reckoned with; big variances are recounted; someone who did not count approves; posting adjusts the ledger', async () => {
    const { openStocktake: sheet } = await must<{ openStocktake: { id: string; countNo: string } }>(owner, OPEN, { i: { warehouseId: east.warehouseId, recountThreshold: 0, note: '月末盘点' } });
    // While counting, 2 of PD-1 ship for an order.
    const reservation = (await must<{ reserveStock: { id: string }[] }>(owner, 'mutation($w: ID!, $p: ID!) { reserveStock(input: { warehouseId: $w, documentId: "00000000-0000-4000-8000-0000000d0001", lines: [{ productId: $p, quantity: 2 }] }) { id } }', { w: east.warehouseId, p: productId })).reserveStock[0]!;
    await must(owner, 'mutation($id: ID!) { issueStockReservation(input: { id: $id, documentNo: "CK-PD-1" }) { reservation { id } } }', { id: reservation.id });

    let seen = await lines(counter, sheet.id);
    await must(counter, COUNT, { s: sheet.id, c: [{ lineId: byLot(seen, 'PD-1').id, quantity: 8 }, { lineId: byLot(seen, 'PD-2').id, quantity: 3 }] });
    // Goods found on the shelf that the book does not have here: the keeper counts them.
    await must(keeper, COUNT, { s: sheet.id, c: [{ batchId: lots['PD-3'], zoneId: east.normalZoneId, quantity: 2, note: '货架底层发现' }] });

    // PD-2 is 2 short of the book (threshold 0): recount; the counter sees only the flag.
    let current = (await must<{ stocktake: { version: number } }>(owner, SHEET, { id: sheet.id })).stocktake;
    const submitted = await must<{ submitStocktake: { status: string; recountCount: number; version: number } }>(counter, 'mutation($id: ID!, $v: Int!) { submitStocktake(input: { id: $id, version: $v }) { status recountCount version } }', { id: sheet.id, v: current.version });
    expect(submitted.submitStocktake).toMatchObject({ status: 'COUNTING', recountCount: 2 });
    seen = await lines(counter, sheet.id);
    expect(seen.filter((l) => l.recountRequired).map((l) => [l.lotNo, l.variance]).sort()).toEqual([['PD-2', null], ['PD-3', null]]);
    await must(counter, COUNT, { s: sheet.id, c: [{ lineId: byLot(seen, 'PD-2').id, quantity: 4, version: byLot(seen, 'PD-2').version }, { lineId: byLot(seen, 'PD-3').id, quantity: 2 }] });
    const stale = await counter.graphql(COUNT, { s: sheet.id, c: [{ lineId: byLot(seen, 'PD-2').id, quantity: 5, version: byLot(seen, 'PD-2').version }] });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const review = await must<{ submitStocktake: { status: string; version: number } }>(counter, 'mutation($id: ID!, $v: Int!) { submitStocktake(input: { id: $id, version: $v }) { status version } }', { id: sheet.id, v: submitted.submitStocktake.version });
    expect(review.submitStocktake.status).toBe('REVIEW');

    // The reviewer sees the book, the move during the count and what each count means.
    const reviewed = await lines(owner, sheet.id);
    expect(byLot(reviewed, 'PD-1')).toMatchObject({ bookQuantity: 10, movedQuantity: -2, expectedQuantity: 8, countedQuantity: 8, variance: 0 });
    expect(byLot(reviewed, 'PD-2')).toMatchObject({ bookQuantity: 5, movedQuantity: 0, countedQuantity: 4, previousCount: 3, recounts: 1, variance: -1 });
    expect(byLot(reviewed, 'PD-3')).toMatchObject({ bookQuantity: 0, foundDuringCount: true, countedQuantity: 2, variance: 2 });
    const during = await must<{ stocktake: { movesDuringCount: unknown[] } }>(owner, SHEET, { id: sheet.id });
    expect(during.stocktake.movesDuringCount).toEqual([{ kind: 'ISSUE', quantity: -2, documentNo: 'CK-PD-1', onHandAfter: 8 }]);

    // Four eyes: the keeper counted PD-3, so the keeper may not approve; the counter may not at all.
    const versionNow = review.submitStocktake.version;
    const own = await keeper.graphql('mutation($id: ID!, $v: Int!) { approveStocktake(input: { id: $id, version: $v }) { status } }', { id: sheet.id, v: versionNow });
    expect(own.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_COUNT' });
    expect(errorCodes(await counter.graphql('mutation($id: ID!, $v: Int!) { approveStocktake(input: { id: $id, version: $v }) { status } }', { id: sheet.id, v: versionNow }))).toEqual(['FORBIDDEN']);
    const approved = await must<{ approveStocktake: { status: string; version: number } }>(owner, 'mutation($id: ID!, $v: Int!) { approveStocktake(input: { id: $id, version: $v }) { status version } }', { id: sheet.id, v: versionNow });
    expect(approved.approveStocktake.status).toBe('APPROVED');
    expect(errorCodes(await owner.graphql('mutation($id: ID!, $v: Int!) { postStocktake(input: { id: $id, version: $v }) { status } }', { id: sheet.id, v: versionNow }))).toEqual(['CONFLICT']);
    current = (await must<{ postStocktake: { version: number; status: string } }>(owner, 'mutation($id: ID!, $v: Int!) { postStocktake(input: { id: $id, version: $v }) { status version } }', { id: sheet.id, v: approved.approveStocktake.version })).postStocktake;
    expect(current).toMatchObject({ status: 'POSTED' });

    const balances = await must<{ stockBalances: { nodes: { onHand: number; batch: { lotNo: string } }[] } }>(owner, 'query($w: ID!, $p: ID!) { stockBalances(filter: { warehouseId: { eq: $w }, productId: { eq: $p } }) { nodes { onHand batch { lotNo } } } }', { w: east.warehouseId, p: productId });
    expect(balances.stockBalances.nodes.map((b) => [b.batch.lotNo, b.onHand])).toEqual([['PD-1', 8], ['PD-2', 4], ['PD-3', 2]]);
    const moves = await must<{ stockMoves: { nodes: { kind: string; quantity: number; documentNo: string; reason: string }[] } }>(owner, 'query($id: ID!) { stockMoves(filter: { documentId: { eq: $id } }, sorting: [{ field: quantity, direction: ASC }]) { nodes { kind quantity documentNo reason } } }', { id: sheet.id });
    expect(moves.stockMoves.nodes).toEqual([
      { kind: 'ADJUSTMENT', quantity: -1, documentNo: sheet.countNo, reason: `盘点 ${sheet.countNo}` },
      { kind: 'ADJUSTMENT', quantity: 2, documentNo: sheet.countNo, reason: `盘点 ${sheet.countNo}：货架底层发现` },
    ]);
    expect(await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => verifyLedger(em as never))).toEqual([]);
    // A posted sheet takes no more counts.
    expect(errorCodes(await counter.graphql(COUNT, { s: sheet.id, c: [{ lineId: byLot(seen, 'PD-1').id, quantity: 1 }] }))).toEqual(['INVALID_TRANSITION']);
  });

  it('bad input is refused with codes and nothing is written', async () => {
    const { openStocktake: sheet } = await must<{ openStocktake: { id: string; version: number } }>(owner, OPEN, { i: { warehouseId: east.warehouseId, zoneId: east.coldZoneId, blind: false } });
    // Overlapping sheets: the whole warehouse while a zone of it is counted.
    expect(errorCodes(await owner.graphql(OPEN, { i: { warehouseId: east.warehouseId } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await owner.graphql(OPEN, { i: { warehouseId: other.warehouseId, zoneId: east.normalZoneId } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await owner.graphql(OPEN, { i: { warehouseId: other.warehouseId, recountThreshold: -1 } }))).toEqual(['BAD_USER_INPUT']);
    const negative = await counter.graphql(COUNT, { s: sheet.id, c: [{ batchId: lots['PD-1'], zoneId: east.coldZoneId, quantity: 1 }, { batchId: lots['PD-2'], zoneId: east.coldZoneId, quantity: -3 }] });
    expect(errorCodes(negative)).toEqual(['BAD_USER_INPUT']);
    expect(negative.body.errors![0]!.extensions!.field).toBe('counts.1.quantity');
    const wrongZone = await counter.graphql(COUNT, { s: sheet.id, c: [{ batchId: lots['PD-1'], zoneId: east.normalZoneId, quantity: 1 }] });
    expect(wrongZone.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'counts.0.zoneId' });
    expect(errorCodes(await counter.graphql(COUNT, { s: sheet.id, c: [{ lineId: '00000000-0000-4000-8000-00000000dead', quantity: 1 }] }))).toEqual(['NOT_FOUND']);
    expect((await lines(owner, sheet.id)).length).toBe(0);
    // Not counted yet (an open sheet with a found line left uncounted cannot be submitted).
    await must(counter, COUNT, { s: sheet.id, c: [{ batchId: lots['PD-1'], zoneId: east.coldZoneId, quantity: 0 }] });
    const found = await lines(counter, sheet.id);
    expect(found[0]).toMatchObject({ bookQuantity: 0, variance: 0 });
    const version = (await must<{ stocktake: { version: number } }>(owner, SHEET, { id: sheet.id })).stocktake.version;
    await must(owner, 'mutation($id: ID!, $v: Int!) { cancelStocktake(input: { id: $id, version: $v, reason: "开错库区" }) { status } }', { id: sheet.id, v: version });
    expect(errorCodes(await owner.graphql('mutation($id: ID!, $v: Int!) { submitStocktake(input: { id: $id, version: $v }) { status } }', { id: sheet.id, v: version + 1 }))).toEqual(['INVALID_TRANSITION']);
  });
});
