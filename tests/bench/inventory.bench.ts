import { randomUUID } from 'node:crypto';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { load, report, type Figures } from './measure';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 1_000);
const MOVES = Number(process.env.BENCH_MOVES ?? 1_000_000);
const PAGE_CLIENTS = (process.env.BENCH_CLIENT_COUNTS ?? '1,8,32').split(',').map(Number);

const RESERVE = `mutation($i: ReserveStockInput!) { reserveStock(input: $i) { id } }`;
const STOCK_PAGE = `query($w: ID!) { stockBalances(filter: { warehouseId: { eq: $w }, onHand: { gt: 0 } }, paging: { limit: 50 }) {
  totalCount nodes { id onHand reserved available expiryDate daysToExpiry batchStatus batch { id lotNo } product { id genericName specification unit storageClass } warehouse { id name } zone { id name onHold } } } }`;

/**
 * Plain pg doing the same reservation: the first-expiry-first available balance locked, its
 * reserved count raised, the reservation and its allocation written, in one transaction under
 * the franchise's row-level security. No checks beyond what the SQL does.
 */
async function plainReserve(pool: Pool, franchiseId: string, warehouseId: string, productId: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query(`begin; select set_config('app.franchise_ids', '${franchiseId}', true)`);
    const { rows } = await client.query<{ id: string; batch_id: string; zone_id: string }>(
      `select sb.id, sb.batch_id, sb.zone_id from stock_balance sb join batch b on b.id = sb.batch_id
        where sb.warehouse_id = $1 and sb.product_id = $2 and sb.available >= 1 and b.status = 'AVAILABLE' and b.expiry_date > current_date + 90
        order by sb.expiry_date, sb.id limit 1 for update of sb`,
      [warehouseId, productId],
    );
    if (!rows[0]) return void (await client.query('rollback')), false;
    const reservationId = randomUUID();
    await client.query(`update stock_balance set reserved = reserved + 1, updated_at = now() where id = $1`, [rows[0].id]);
    await client.query(
      `insert into stock_reservation (id, franchise_id, warehouse_id, product_id, quantity, document_type, document_id, delivery_date, created_at, updated_at) values ($1, $2, $3, $4, 1, 'ORDER', $5, current_date, now(), now())`,
      [reservationId, franchiseId, warehouseId, productId, randomUUID()],
    );
    await client.query(`insert into stock_reservation_allocation (id, franchise_id, reservation_id, balance_id, batch_id, zone_id, quantity) values ($1, $2, $3, $4, $5, $6, 1)`, [randomUUID(), franchiseId, reservationId, rows[0].id, rows[0].batch_id, rows[0].zone_id]);
    await client.query('commit');
    return true;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Stock under load, product vs plain pg in the same run: reservations per second with 32
 * concurrent clients on one hot product and spread over 1,000 products, and the stock-on-hand
 * page (50 balances with product, lot, warehouse and zone) over a ledger of 1,000,000 moves.
 */
describe('inventory benchmarks', () => {
  let app: TestApp;
  let keeper: Caller;
  let pool: Pool;
  let franchiseId: string;
  let warehouseId: string;
  let hotProductId: string;
  let productIds: string[] = [];
  let statements = 0;
  const figures: Figures[] = [];
  const notes: Record<string, unknown> = {};

  beforeAll(async () => {
    app = await startTestApp();
    keeper = await signIn(app, 'warehouse@east.demo');
    const sql = <T,>(text: string, values: unknown[] = []) => inScopedTransaction(app.server.database.orm.em, SYSTEM_SCOPE, (em) => em.execute<T[]>(text, values));
    const [warehouse] = await sql<{ id: string; franchise_id: string; zone_id: string }>(
      `select w.id, w.franchise_id, z.id as zone_id from warehouse w join storage_zone z on z.warehouse_id = w.id and z.storage_class = 'NORMAL' where w.code = 'EAST-DC'`,
    );
    [franchiseId, warehouseId] = [warehouse!.franchise_id, warehouse!.id];
    // 1,000 products like a shared one, each with a lot of 100,000 units in the distribution center (the hot one too).
    const [template] = await sql<{ id: string }>(`select id from product where franchise_id is null and storage_class = 'NORMAL' order by generic_name limit 1`);
    productIds = (
      await sql<{ id: string }>(
        `insert into product (id, franchise_id, generic_name, brand_name, specification, dosage_form, unit, approval_number, category, storage_class, shelf_life_days, barcode, price_cents, status, version, created_at, updated_at)
         select gen_random_uuid(), null, p.generic_name || ' 压测 ' || g, null, p.specification, p.dosage_form, p.unit, null, p.category, p.storage_class, p.shelf_life_days, null, p.price_cents, 'ACTIVE', 1, now(), now()
           from product p, generate_series(1, ?) g where p.id = ? returning id`,
        [PRODUCTS, template!.id],
      )
    ).map((r) => r.id);
    hotProductId = productIds[0]!;
    for (let i = 0; i < productIds.length; i += 200) {
      const lines = productIds.slice(i, i + 200).map((productId) => ({ productId, zoneId: warehouse!.zone_id, lotNo: `BENCH-${productId.slice(0, 8)}`, manufactureDate: '2026-01-01', expiryDate: '2029-01-01', quantity: 100_000 }));
      const res = await keeper.graphql(`mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { documentId } }`, { i: { warehouseId, documentNo: `BENCH-RK-${i}`, lines } });
      expect(res.body.errors).toBeUndefined();
    }
    // A ledger of a million moves at this warehouse: pairs of +1 / -1 adjustments on the bench lots (balances unchanged).
    await sql(
      `insert into stock_move (id, franchise_id, warehouse_id, zone_id, product_id, batch_id, kind, quantity, on_hand_after, reason, occurred_at, created_at)
       select gen_random_uuid(), sb.franchise_id, sb.warehouse_id, sb.zone_id, sb.product_id, sb.batch_id, 'ADJUSTMENT', case when g % 2 = 0 then 1 else -1 end, sb.on_hand, '压测', now() - (g || ' seconds')::interval, now()
         from generate_series(1, ?) g
         join (select row_number() over (order by id) - 1 as n, * from stock_balance where warehouse_id = ? limit ?) sb on sb.n = g % ?`,
      [MOVES, warehouseId, Math.min(PRODUCTS, 1_000), Math.min(PRODUCTS, 1_000)],
    );
    await sql(`analyze stock_move; analyze stock_balance; analyze product; analyze batch`);
    pool = new Pool({ connectionString: app.server.database.appUrl, max: 10 });
    const knex = (app.server.database.orm.em.getConnection() as PostgreSqlConnection).getKnex();
    knex.on('query', () => void statements++);
  }, 1_800_000);
  afterAll(async () => {
    report('inventory', figures, notes);
    await pool?.end();
    await app?.stop();
  });

  const reserveThroughApi = (productId: () => string) => async () => {
    const res = await keeper.graphql(RESERVE, { i: { warehouseId, documentId: randomUUID(), lines: [{ productId: productId(), quantity: 1 }] } });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return true;
  };
  const pick = () => productIds[Math.floor(Math.random() * productIds.length)]!;

  it('reserves on one hot product and over 1,000 products with 32 clients', async () => {
    const runs = [
      await load(`reserve hot product, product, ${CLIENTS} clients`, CLIENTS, SECONDS, reserveThroughApi(() => hotProductId)),
      await load(`reserve hot product, plain pg, ${CLIENTS} clients`, CLIENTS, SECONDS, () => plainReserve(pool, franchiseId, warehouseId, hotProductId)),
      await load(`reserve ${PRODUCTS} products, product, ${CLIENTS} clients`, CLIENTS, SECONDS, reserveThroughApi(pick)),
      await load(`reserve ${PRODUCTS} products, plain pg, ${CLIENTS} clients`, CLIENTS, SECONDS, () => plainReserve(pool, franchiseId, warehouseId, pick())),
    ];
    figures.push(...runs);
    notes.reservationsPerSecond = Object.fromEntries(runs.map((r) => [r.name, r.perSecond]));
    notes.reserveRatioHot = Math.round((runs[0]!.perSecond / runs[1]!.perSecond) * 100) / 100;
    notes.reserveRatioSpread = Math.round((runs[2]!.perSecond / runs[3]!.perSecond) * 100) / 100;
    const before = statements;
    await reserveThroughApi(() => hotProductId)();
    notes.statementsPerReservation = statements - before;
    // Nothing oversold, and the ledger still matches the balances' on-hand (the check the hourly job runs).
    const [bad] = await inScopedTransaction(app.server.database.orm.em, SYSTEM_SCOPE, (em) => em.execute<{ n: string }[]>(`select count(*) as n from stock_balance where reserved > on_hand or on_hand < 0`));
    expect(Number(bad!.n)).toBe(0);
  }, 600_000);

  it('serves the stock-on-hand page over a million moves', async () => {
    const page = async () => {
      const res = await keeper.graphql<{ stockBalances: { nodes: unknown[] } }>(STOCK_PAGE, { w: warehouseId });
      if (res.body.errors || res.body.data!.stockBalances.nodes.length !== 50) throw new Error(JSON.stringify(res.body.errors ?? 'short page'));
      return true;
    };
    const PLAIN = `select sb.id, sb.on_hand, sb.reserved, sb.available, sb.expiry_date, b.status, b.lot_no, p.generic_name, p.specification, p.unit, p.storage_class, w.name as warehouse, z.name as zone, z.on_hold
                     from stock_balance sb join batch b on b.id = sb.batch_id join product p on p.id = sb.product_id join warehouse w on w.id = sb.warehouse_id join storage_zone z on z.id = sb.zone_id
                    where sb.warehouse_id = $1 and sb.on_hand > 0 order by sb.expiry_date, sb.id limit 50`;
    const plain = async () => {
      const client = await pool.connect();
      try {
        await client.query(`begin; select set_config('app.franchise_ids', '${franchiseId}', true)`);
        const [rows] = [await client.query(PLAIN, [warehouseId]), await client.query(`select count(*) from stock_balance where warehouse_id = $1 and on_hand > 0`, [warehouseId])];
        await client.query('commit');
        return rows.rows.length === 50;
      } finally {
        client.release();
      }
    };
    const before = statements;
    await page();
    notes.statementsPerStockPage = statements - before;
    for (const clients of PAGE_CLIENTS) {
      const product = await load(`stock page, product, ${clients} clients`, clients, SECONDS, page);
      const baseline = await load(`stock page, plain pg, ${clients} clients`, clients, SECONDS, plain);
      figures.push(product, baseline);
      notes[`stockPageReqPerSecond${clients}`] = { product: product.perSecond, plain: baseline.perSecond, ratio: Math.round((product.perSecond / baseline.perSecond) * 100) / 100 };
    }
  }, 900_000);
});
