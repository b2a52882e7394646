import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { BALANCES, createProduct, createWarehouse, inDays, must, receive, type ProductRow, type WarehouseSetup } from './support';


// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);
/** Products, warehouses, zones and lots, and stock as a ledger, over the real API. */
describe('catalog, warehouses and the stock ledger', () => {
  let app: TestApp;
  let hq: Caller;
  let eastOwner: Caller & { tokens: { user: { id: string } } };
  let westOwner: Caller;
  let amoxicillin: ProductRow;
  let insulin: ProductRow;
  let east: WarehouseSetup;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, eastOwner, westOwner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo'), signIn(app, 'owner@west.demo')]);
    amoxicillin = await createProduct(hq);
    insulin = await createProduct(hq, { genericName: '门冬胰岛素注射液', brandName: '诺和锐', specification: '3ml:300单位', dosageForm: '注射液', unit: '支', storageClass: 'COLD', shelfLifeDays: 900, priceCents: 8900 });
    east = await createWarehouse(eastOwner, 'EAST-WH');
  }, 120_000); // starting the app on a busy machine
  afterAll(() => app.stop());

  async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: app.database.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  describe('products', () => {
    it('shares HQ’s catalog with every franchise; each franchise sets its own availability and price', async () => {
      const terms = await must<{ setFranchiseProductTerms: { franchiseId: string; priceCents: number; available: boolean } }>(
        eastOwner,
        'mutation($p: ID!) { setFranchiseProductTerms(input: { productId: $p, priceCents: 2100 }) { franchiseId priceCents available } }',
        { p: amoxicillin.id },
      );
      expect(terms.setFranchiseProductTerms).toMatchObject({ priceCents: 2100, available: true });
      const PRODUCT = 'query($id: ID!) { product(id: $id) { id genericName shared priceCents franchiseTerms { priceCents available } } }';
      expect((await must<{ product: unknown }>(eastOwner, PRODUCT, { id: amoxicillin.id })).product).toMatchObject({ shared: true, priceCents: 2350, franchiseTerms: { priceCents: 2100, available: true } });
      expect((await must<{ product: unknown }>(westOwner, PRODUCT, { id: amoxicillin.id })).product).toMatchObject({ shared: true, priceCents: 2350, franchiseTerms: null });
      const westTerms = await must<{ franchiseProducts: { nodes: unknown[] } }>(westOwner, '{ franchiseProducts(paging: { limit: 200 }) { nodes { id franchiseId } } }');
      expect(westTerms.franchiseProducts.nodes).toEqual([]);
    });

    it('keeps a franchise’s own products to itself, and HQ’s shared ones read-only to franchises', async () => {
      const own = await createProduct(eastOwner, { genericName: '东区自营维生素C片', category: 'SUPPLEMENT', shared: false, approvalNumber: null });
      expect((await must<{ product: unknown }>(westOwner, 'query($id: ID!) { product(id: $id) { id } }', { id: own.id })).product).toBeNull();
      const found = await must<{ products: { nodes: { id: string }[] } }>(westOwner, '{ products(paging: { limit: 200 }) { nodes { id } } }');
      expect(found.products.nodes.map((p) => p.id)).toContain(amoxicillin.id);
      expect(found.products.nodes.map((p) => p.id)).not.toContain(own.id);

      const edit = await eastOwner.graphql('mutation($id: ID!) { updateOneProduct(input: { id: $id, version: 1, update: { priceCents: 1 } }) { id } }', { id: amoxicillin.id });
      expect(errorCodes(edit)).toEqual(['FORBIDDEN']);
      const shared = await eastOwner.graphql('mutation { createOneProduct(input: { product: { genericName: "x", specification: "x", dosageForm: "片剂", unit: "盒", category: OTC, storageClass: NORMAL, shelfLifeDays: 10, priceCents: 1, shared: true } }) { id } }');
      expect(errorCodes(shared)).toEqual(['FORBIDDEN']);
    });

    it('refuses a barcode already in use and a negative price, naming the field', async () => {
      await createProduct(hq, { barcode: '6901234567892' });
      const again = await hq.graphql('mutation { createOneProduct(input: { product: { genericName: "y", specification: "y", dosageForm: "片剂", unit: "盒", category: OTC, storageClass: NORMAL, shelfLifeDays: 10, priceCents: 1, barcode: "6901234567892", shared: true } }) { id } }');
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      const negative = await hq.graphql('mutation { createOneProduct(input: { product: { genericName: "y", specification: "y", dosageForm: "片剂", unit: "盒", category: OTC, storageClass: NORMAL, shelfLifeDays: 10, priceCents: -5, shared: true } }) { id } }');
      expect(errorCodes(negative)).toEqual(['BAD_USER_INPUT']);
      expect(negative.body.errors![0]!.extensions!.field).toBe('product.priceCents');
    });
  });

  describe('warehouses and zones', () => {
    it('gives zones their storage class’s limits and lets them be edited within sense', async () => {
      const { warehouse } = await must<{ warehouse: { kind: string; zones: { code: string; storageClass: string; temperatureMin: number; temperatureMax: number; humidityMin: number; humidityMax: number; id: string; version: number }[] } }>(
        eastOwner,
        'query($id: ID!) { warehouse(id: $id) { kind zones { id version code storageClass temperatureMin temperatureMax humidityMin humidityMax } } }',
        { id: east.warehouseId },
      );
      expect(warehouse.kind).toBe('FRANCHISE');
      expect(warehouse.zones.map(({ id: _id, version: _v, ...z }) => z)).toEqual([
        { code: 'A', storageClass: 'NORMAL', temperatureMin: 20, temperatureMax: 25, humidityMin: 45, humidityMax: 75 },
        { code: 'C', storageClass: 'COLD', temperatureMin: 0, temperatureMax: 4, humidityMin: 45, humidityMax: 75 },
      ]);
      const cold = warehouse.zones[1]!;
      const edited = await must<{ updateOneStorageZone: { temperatureMin: number; temperatureMax: number } }>(
        eastOwner,
        'mutation($id: ID!, $v: Int!) { updateOneStorageZone(input: { id: $id, version: $v, update: { temperatureMin: 2, temperatureMax: 8 } }) { temperatureMin temperatureMax } }',
        { id: cold.id, v: cold.version },
      );
      expect(edited.updateOneStorageZone).toEqual({ temperatureMin: 2, temperatureMax: 8 });
      const backwards = await eastOwner.graphql('mutation($id: ID!) { updateOneStorageZone(input: { id: $id, version: 2, update: { temperatureMin: 9 } }) { id } }', { id: cold.id });
      expect(errorCodes(backwards)).toEqual(['BAD_USER_INPUT']);
      expect(backwards.body.errors![0]!.extensions!.field).toBe('update.temperatureMin');
    });

    it('lets HQ open the central warehouse; franchises never see it', async () => {
      const central = await createWarehouse(hq, 'HQ-CENTRAL');
      const { warehouse } = await must<{ warehouse: { kind: string } }>(hq, 'query($id: ID!) { warehouse(id: $id) { kind } }', { id: central.warehouseId });
      expect(warehouse.kind).toBe('CENTRAL');
      expect((await must<{ warehouse: unknown }>(eastOwner, 'query($id: ID!) { warehouse(id: $id) { id } }', { id: central.warehouseId })).warehouse).toBeNull();
    });
  });

  describe('receiving and the ledger', () => {
    it('receives lots into zones: balances per place, RECEIPT moves with the slip number', async () => {
      const lots = await receive(eastOwner, east.warehouseId, [
        { productId: amoxicillin.id, zoneId: east.normalZoneId, lotNo: 'AMX-2601', expiryDate: inDays(400), quantity: 30 },
        { productId: amoxicillin.id, zoneId: east.normalZoneId, lotNo: 'AMX-2602', expiryDate: inDays(500), quantity: 20 },
        { productId: insulin.id, zoneId: east.coldZoneId, lotNo: 'INS-2601', expiryDate: inDays(300), quantity: 12 },
      ], 'RK-EAST-0001');
      const { stockBalances } = await must<{ stockBalances: { totalCount: number; nodes: { onHand: number; reserved: number; available: number; batch: { lotNo: string }; batchStatus: string; daysToExpiry: number }[] } }>(
        eastOwner, BALANCES, { w: east.warehouseId, p: amoxicillin.id },
      );
      expect(stockBalances.nodes.map((b) => [b.batch.lotNo, b.onHand, b.reserved, b.available, b.batchStatus])).toEqual([
        ['AMX-2601', 30, 0, 30, 'AVAILABLE'],
        ['AMX-2602', 20, 0, 20, 'AVAILABLE'],
      ]);
      expect(stockBalances.nodes[0]!.daysToExpiry).toBeGreaterThanOrEqual(399);
      const { stockMoves } = await must<{ stockMoves: { nodes: { kind: string; quantity: number; onHandAfter: number; documentNo: string; actorId: string }[] } }>(
        eastOwner, 'query($b: ID!) { stockMoves(filter: { batchId: { eq: $b } }) { nodes { kind quantity onHandAfter documentNo actorId } } }', { b: lots['INS-2601'] },
      );
      expect(stockMoves.nodes).toEqual([{ kind: 'RECEIPT', quantity: 12, onHandAfter: 12, documentNo: 'RK-EAST-0001', actorId: eastOwner.tokens.user.id }]);
      // The same lot again must carry the same dates; then it adds up on the same balance.
      await receive(eastOwner, east.warehouseId, [{ productId: amoxicillin.id, zoneId: east.normalZoneId, lotNo: 'AMX-2601', expiryDate: inDays(400), quantity: 5 }]);
      const after = await must<{ stockBalances: { nodes: { onHand: number; batch: { lotNo: string } }[] } }>(eastOwner, BALANCES, { w: east.warehouseId, p: amoxicillin.id });
      expect(after.stockBalances.nodes.map((b) => [b.batch.lotNo, b.onHand])).toEqual([['AMX-2601', 35], ['AMX-2602', 20]]);
    });

    it('rejects bad input with a code and writes nothing', async () => {
      const counts = async () => (await sql<{ moves: string; batches: string; balances: string }>('select (select count(*) from stock_move) as moves, (select count(*) from batch) as batches, (select sum(on_hand) from stock_balance) as balances'))[0];
      const before = await counts();
      const RECEIVE = 'mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { documentId } }';
      const good = { productId: amoxicillin.id, zoneId: east.normalZoneId, lotNo: 'AMX-OK', manufactureDate: inDays(-30), expiryDate: inDays(600), quantity: 10 };
      const attempt = (lines: unknown[]) => eastOwner.graphql(RECEIVE, { i: { warehouseId: east.warehouseId, documentNo: 'RK-BAD', lines } });
      const cases: [string, unknown[], string, string][] = [
        ['negative quantity', [good, { ...good, lotNo: 'AMX-NEG', quantity: -3 }], 'BAD_USER_INPUT', 'lines.1.quantity'],
        ['expiry before manufacture', [good, { ...good, lotNo: 'AMX-BACK', manufactureDate: inDays(-10), expiryDate: inDays(-20) }], 'BAD_USER_INPUT', 'lines.1.expiryDate'],
        ['a zone of the wrong storage class', [good, { ...good, productId: insulin.id, lotNo: 'INS-WARM' }], 'BAD_USER_INPUT', 'lines.1.zoneId'],
        ['a product that does not exist', [good, { ...good, productId: '00000000-0000-4000-8000-000000000001' }], 'NOT_FOUND', ''],
      ];
      for (const [what, lines, code, field] of cases) {
        const res = await attempt(lines);
        expect({ what, codes: errorCodes(res) }).toEqual({ what, codes: [code] });
        if (field) expect({ what, field: res.body.errors![0]!.extensions!.field }).toEqual({ what, field });
      }
      const unknownBatch = await eastOwner.graphql('mutation($w: ID!, $z: ID!) { adjustStock(input: { warehouseId: $w, zoneId: $z, batchId: "00000000-0000-4000-8000-000000000002", quantity: 5, reason: "盘盈" }) { id } }', { w: east.warehouseId, z: east.normalZoneId });
      expect(errorCodes(unknownBatch)).toEqual(['NOT_FOUND']);
      const zero = await eastOwner.graphql('mutation($w: ID!, $z: ID!) { adjustStock(input: { warehouseId: $w, zoneId: $z, batchId: "00000000-0000-4000-8000-000000000002", quantity: 0, reason: "x" }) { id } }', { w: east.warehouseId, z: east.normalZoneId });
      expect(errorCodes(zero)).toEqual(['BAD_USER_INPUT']);
      expect(await counts()).toEqual(before);
    });

    it('never lets stock go negative: an adjustment beyond what is there is INSUFFICIENT_STOCK naming product, warehouse, asked and available', async () => {
      const lots = await receive(eastOwner, east.warehouseId, [{ productId: amoxicillin.id, zoneId: east.normalZoneId, lotNo: 'AMX-ADJ', expiryDate: inDays(450), quantity: 4 }]);
      const ADJUST = 'mutation($w: ID!, $z: ID!, $b: ID!, $q: Int!) { adjustStock(input: { warehouseId: $w, zoneId: $z, batchId: $b, quantity: $q, reason: "盘亏" }) { quantity onHandAfter reason } }';
      const vars = { w: east.warehouseId, z: east.normalZoneId, b: lots['AMX-ADJ'] };
      const tooMuch = await eastOwner.graphql(ADJUST, { ...vars, q: -5 });
      expect(errorCodes(tooMuch)).toEqual(['CONFLICT']);
      expect(tooMuch.body.errors![0]!.extensions).toMatchObject({ reason: 'INSUFFICIENT_STOCK', productId: amoxicillin.id, warehouseId: east.warehouseId, asked: 5, available: 4 });
      expect(tooMuch.body.errors![0]!.message).toContain(amoxicillin.genericName);
      expect((await must<{ adjustStock: unknown }>(eastOwner, ADJUST, { ...vars, q: -4 })).adjustStock).toEqual({ quantity: -4, onHandAfter: 0, reason: '盘亏' });
    });

    it('keeps the ledger append-only and the balances within their constraints, whatever the caller', async () => {
      await expect(sql(`update stock_move set quantity = quantity + 1`)).rejects.toThrow(/append-only/);
      await expect(sql(`delete from stock_move`)).rejects.toThrow(/append-only/);
      await expect(sql(`update stock_balance set on_hand = -1`)).rejects.toThrow(/stock_balance_on_hand_check/);
      await expect(sql(`update stock_balance set reserved = on_hand + 1`)).rejects.toThrow(/stock_balance_reserved_le_on_hand_check/);
    });

    it('shows west nothing of east’s warehouses, lots, stock or moves', async () => {
      // West has stock of its own (the demo data): what it sees is all west's, none of it east's.
      const seen = await must<Record<string, { nodes: { id: string; franchiseId: string; warehouseId?: string }[] }>>(
        westOwner,
        '{ warehouses(paging: { limit: 200 }) { nodes { id franchiseId } } batches(paging: { limit: 200 }) { nodes { id franchiseId } } stockBalances(paging: { limit: 200 }) { nodes { id franchiseId warehouseId } } stockMoves(paging: { limit: 200 }) { nodes { id franchiseId warehouseId } } stockReservations(paging: { limit: 200 }) { nodes { id franchiseId warehouseId } } }',
      );
      const rows = Object.values(seen).flatMap((list) => list.nodes);
      expect(rows.length).toBeGreaterThan(0);
      const westId = (await must<{ me: { scope: { orgUnit: { franchiseId: string } } } }>(westOwner, '{ me { scope { orgUnit { franchiseId } } } }')).me.scope.orgUnit.franchiseId;
      expect(rows.filter((r) => r.franchiseId !== westId || r.id === east.warehouseId || r.warehouseId === east.warehouseId)).toEqual([]);
      const refused = await westOwner.graphql('mutation($w: ID!, $z: ID!, $p: ID!) { receiveStock(input: { warehouseId: $w, documentNo: "x", lines: [{ productId: $p, zoneId: $z, lotNo: "x", manufactureDate: "2026-01-01", expiryDate: "2028-01-01", quantity: 1 }] }) { documentId } }', { w: east.warehouseId, z: east.normalZoneId, p: amoxicillin.id });
      expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
    });
  });
});
