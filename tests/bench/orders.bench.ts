import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { load, report, type Figures } from './measure';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 200);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
/** Orders waiting for review, per run (more than a run can review). */
const REVIEW_POOL = Number(process.env.BENCH_REVIEW_POOL ?? 6_000);
const PAGE_CLIENTS = (process.env.BENCH_CLIENT_COUNTS ?? '1,8,32').split(',').map(Number);
const PAGE_SIZE = 50;

const REVIEW = `mutation($i: OrderActionInput!) { reviewOrder(input: $i) { id state } }`;
/** The admin's orders list page (schema/operations/orders.graphql OrderList with its OrderRow fragment), newest first. */
const LIST_PAGE = `query($filter: OrderFilter, $paging: OffsetPaging) { orders(filter: $filter, paging: $paging, sorting: [{ field: createdAt, direction: DESC }]) { totalCount nodes {
  id version orderNo channel workflow state stage stateLabel paymentStatus totalCents deliveryName deliveryPhone waitingReason waitingReasonCode carrier trackingNo trackingStatus createdAt lastActivityAt
  customer { id name recordNo } orgUnit { id name } } } }`;
/** The same rows in plain SQL, in the product's order (created_at desc, then id); state labels are left out there. */
const PLAIN_PAGE = `select o.id, o.version, o.order_no, o.channel, o.workflow, o.state, o.stage, o.payment_status, o.total_cents, o.delivery_name, o.delivery_phone, o.waiting_reason, o.waiting_reason_code,
    o.carrier, o.tracking_no, o.tracking_status, o.created_at, o.last_activity_at, c.id as customer_id, c.name as customer_name, c.record_no, u.id as unit_id, u.name as unit_name
  from sales_order o left join customer c on c.id = o.customer_id left join org_unit u on u.id = o.org_unit_id
 where o.franchise_id = $1 and ($2::text is null or o.stage = $2)
   and ($3::text is null or o.order_no ilike $3 or o.delivery_phone ilike $3 or o.customer_id = any($4::uuid[]))
 order by o.created_at desc, o.id limit ${PAGE_SIZE}`;
/** Its total as the product gives it: exact up to 10,000 (past that the product shows the planner's estimate). */
const PLAIN_COUNT = `select count(*) from (select 1 from sales_order o where o.franchise_id = $1 and ($2::text is null or o.stage = $2)
   and ($3::text is null or o.order_no ilike $3 or o.delivery_phone ilike $3 or o.customer_id = any($4::uuid[])) limit 10001) m`;

interface Statement {
  sql: string;
  bindings: unknown[];
}
const short = (sql: string) => sql.replace(/\s+/g, ' ').slice(0, 160);

/**
 * Orders under load, product vs plain pg in the same run: order reviews (each reserves its stock
 * first expiry first) per second with 32 clients, on one hot product and spread over many, and the
 * orders list page (50 rows with customer and store, and the total; newest first, one status, the
 * search box) over 1,000,000 orders bulk-loaded with SQL. The API runs in this process: its CPU per
 * request includes the load generator's own HTTP client (the plain pg side has no HTTP at all).
 * Figures and the plan of each list variant go to tests/bench/results/orders.json.
 */
describe('orders benchmarks', () => {
  let app: TestApp;
  let agent: Caller;
  let pool: Pool;
  let franchiseId: string;
  let warehouseId: string;
  let log: Statement[] | null = null;
  let knex: ReturnType<PostgreSqlConnection['getKnex']>;
  let pools: Record<'hotApi' | 'hotPlain' | 'spreadApi' | 'spreadPlain', string[]>;
  const figures: Figures[] = [];
  const notes: Record<string, unknown> = {};
  const sql = <T,>(text: string, values: unknown[] = []) => inScopedTransaction(app.server.database.orm.em, SYSTEM_SCOPE, (em) => em.execute<T[]>(text, values));

  /** `count` online orders of one line each, UNDER_REVIEW, for `productIds` in turn (SQL: the bench measures the review, not the entry). */
  const ordersToReview = async (count: number, productIds: string[], tag: string): Promise<string[]> => {
    const rows = await sql<{ id: string }>(
      `with p as (select row_number() over (order by id) - 1 as n, id, generic_name, specification, price_cents from product where id = any(?::uuid[])),
            u as (select org_unit_id, id as customer_id, row_number() over (order by id) - 1 as n from customer where franchise_id = ? limit 50),
            src as (select gen_random_uuid() as id, g, p.id as product_id, p.generic_name, p.specification, p.price_cents, u.customer_id, u.org_unit_id
                      from generate_series(1, ?) g join p on p.n = g % ? join u on u.n = g % 50),
            o as (insert into sales_order (id, franchise_id, version, created_at, updated_at, order_no, channel, customer_id, org_unit_id, warehouse_id, workflow, state, stage, delivery_name, delivery_phone, delivery_address, payment_status, subtotal_cents, discount_cents, total_cents, last_activity_at)
                  select id, ?, 1, now(), now(), ? || lpad(g::text, 7, '0'), 'PHONE', customer_id, org_unit_id, ?, 'online_order', 'UNDER_REVIEW', 'REVIEW', '压测', '13800138000', '上海市浦东新区世纪大道 100 号', 'UNPAID', price_cents, 0, price_cents, now() from src)
       insert into sales_order_line (id, franchise_id, version, created_at, updated_at, order_id, line_no, product_id, product_name, specification, quantity, unit_price_cents, discount_cents, line_total_cents)
       select gen_random_uuid(), ?, 1, now(), now(), id, 1, product_id, generic_name, specification, 1, price_cents, 0, price_cents from src returning order_id as id`,
      [`{${productIds.join(",")}}`, franchiseId, count, productIds.length, franchiseId, `EAST-DD-${tag}-`, warehouseId, franchiseId],
    );
    return rows.map((r) => r.id);
  };

  /** Plain pg doing what a review does: the order locked, its line's stock reserved first expiry first, the order approved with its timeline entry. */
  async function plainReview(orderId: string): Promise<boolean> {
    const client = await pool.connect();
    try {
      await client.query(`begin; select set_config('app.franchise_ids', '${franchiseId}', true)`);
      const { rows: [order] } = await client.query<{ id: string; version: number }>(`select id, version from sales_order where id = $1 and state = 'UNDER_REVIEW' for update`, [orderId]);
      const { rows: lines } = await client.query<{ product_id: string; quantity: number }>(`select product_id, quantity from sales_order_line where order_id = $1 order by line_no`, [orderId]);
      if (!order) return void (await client.query('rollback')), false;
      for (const line of lines) {
        const { rows: [balance] } = await client.query<{ id: string; batch_id: string; zone_id: string }>(
          `select sb.id, sb.batch_id, sb.zone_id from stock_balance sb join batch b on b.id = sb.batch_id
            where sb.warehouse_id = $1 and sb.product_id = $2 and sb.available >= $3 and b.status = 'AVAILABLE' order by sb.expiry_date, sb.id limit 1 for update of sb`,
          [warehouseId, line.product_id, line.quantity],
        );
        if (!balance) return void (await client.query('rollback')), false;
        const reservationId = randomUUID();
        await client.query(`update stock_balance set reserved = reserved + $2, updated_at = now() where id = $1`, [balance.id, line.quantity]);
        await client.query(
          `insert into stock_reservation (id, franchise_id, warehouse_id, product_id, quantity, document_type, document_id, delivery_date, created_at, updated_at) values ($1, $2, $3, $4, $5, 'ORDER', $6, current_date, now(), now())`,
          [reservationId, franchiseId, warehouseId, line.product_id, line.quantity, orderId],
        );
        await client.query(`insert into stock_reservation_allocation (id, franchise_id, reservation_id, balance_id, batch_id, zone_id, quantity) values ($1, $2, $3, $4, $5, $6, $7)`, [randomUUID(), franchiseId, reservationId, balance.id, balance.batch_id, balance.zone_id, line.quantity]);
      }
      await client.query(`update sales_order set state = 'APPROVED', stage = 'FULFILLMENT', version = version + 1, reviewed_at = now(), last_activity_at = now(), updated_at = now() where id = $1`, [orderId]);
      await client.query(`insert into sales_order_event (id, franchise_id, order_id, kind, action, from_state, to_state, details, occurred_at) values ($1, $2, $3, 'TRANSITION', 'review', 'UNDER_REVIEW', 'APPROVED', '{}', now())`, [randomUUID(), franchiseId, orderId]);
      await client.query('commit');
      return true;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  beforeAll(async () => {
    app = await startTestApp();
    const keeper = await signIn(app, 'warehouse@east.demo');
    agent = await signIn(app, 'agent@east.demo');
    const [warehouse] = await sql<{ id: string; franchise_id: string; zone_id: string }>(
      `select w.id, w.franchise_id, z.id as zone_id from warehouse w join storage_zone z on z.warehouse_id = w.id and z.storage_class = 'NORMAL' where w.code = 'EAST-DC'`,
    );
    [franchiseId, warehouseId] = [warehouse!.franchise_id, warehouse!.id];
    notes.machine = { cpus: os.cpus().length, uptime: execSync('uptime').toString().trim() };
    // Products like a shared one, each with a lot of 100,000 units in the distribution center.
    const [template] = await sql<{ id: string }>(`select id from product where franchise_id is null and storage_class = 'NORMAL' order by generic_name limit 1`);
    const productIds = (
      await sql<{ id: string }>(
        `insert into product (id, franchise_id, generic_name, brand_name, specification, dosage_form, unit, approval_number, category, storage_class, shelf_life_days, barcode, price_cents, status, version, created_at, updated_at)
         select gen_random_uuid(), null, p.generic_name || ' 压测 ' || g, null, p.specification, p.dosage_form, p.unit, null, p.category, p.storage_class, p.shelf_life_days, null, p.price_cents, 'ACTIVE', 1, now(), now()
           from product p, generate_series(1, ?) g where p.id = ? returning id`,
        [PRODUCTS, template!.id],
      )
    ).map((r) => r.id);
    const lines = productIds.map((productId) => ({ productId, zoneId: warehouse!.zone_id, lotNo: `BENCH-${productId.slice(0, 8)}`, manufactureDate: '2026-01-01', expiryDate: '2029-01-01', quantity: 100_000 }));
    const received = await keeper.graphql(`mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { documentId } }`, { i: { warehouseId, documentNo: 'BENCH-RK-ORDERS', lines } });
    expect(received.body.errors).toBeUndefined();
    // Orders under review, one pool per run: all for one hot product, or spread over every product.
    const hot = productIds.slice(0, 1);
    pools = {
      hotApi: await ordersToReview(REVIEW_POOL, hot, 'RHA'), hotPlain: await ordersToReview(REVIEW_POOL, hot, 'RHP'),
      spreadApi: await ordersToReview(REVIEW_POOL, productIds, 'RSA'), spreadPlain: await ordersToReview(REVIEW_POOL, productIds, 'RSP'),
    };
    notes.reviewPoolPerRun = REVIEW_POOL;

    // A million orders over the last two years in every state, at east's stores, for its customers (SQL, not the services).
    const started = Date.now();
    await sql(
      `with u as (select id as customer_id, org_unit_id, row_number() over (order by id) - 1 as n from customer where franchise_id = ?),
            s as (select * from (values ('RECEIVED','NEW'),('UNDER_REVIEW','REVIEW'),('WAITING_CUSTOMER','WAITING_CUSTOMER'),('APPROVED','FULFILLMENT'),('PICKING','FULFILLMENT'),('SHIPPED','SHIPPED'),('DELIVERED','DELIVERED'),('RECEIPT_CONFIRMED','COMPLETED'),('RECEIPT_CONFIRMED','COMPLETED'),('RECEIPT_CONFIRMED','COMPLETED'),('CANCELLED','CANCELLED')) v(state, stage)),
            sn as (select row_number() over () - 1 as n, state, stage from s),
            k as (select count(*) as customers from u)
       insert into sales_order (id, franchise_id, version, created_at, updated_at, order_no, channel, customer_id, org_unit_id, warehouse_id, workflow, state, stage, delivery_name, delivery_phone, delivery_address, payment_status, subtotal_cents, discount_cents, total_cents, last_activity_at)
       select gen_random_uuid(), ?, 1, ts, ts, 'EAST-DD-M-' || lpad(g::text, 7, '0'), (array['ONLINE_SHOP','APP','WECHAT','PHONE'])[1 + g % 4], u.customer_id, u.org_unit_id, ?, 'online_order', sn.state, sn.stage,
              '压测', '1380013' || lpad((g % 10000)::text, 4, '0'), '上海市浦东新区世纪大道 100 号', case when sn.stage in ('COMPLETED','DELIVERED','SHIPPED') then 'PAID' else 'UNPAID' end, 1000 + g % 50000, 0, 1000 + g % 50000, ts
         from generate_series(1, ?) g
         cross join k
         join u on u.n = g % k.customers
         join sn on sn.n = g % 11
         cross join lateral (select now() - interval '2 hours' - ((g::double precision / ?) * interval '730 days') as ts) t`,
      [franchiseId, franchiseId, warehouseId, ORDERS, ORDERS],
    );
    await sql(`analyze sales_order; analyze sales_order_line; analyze customer; analyze org_unit`);
    notes.bulkLoadSeconds = Math.round((Date.now() - started) / 100) / 10;
    const [{ n }] = (await sql<{ n: string }>(`select count(*) as n from sales_order where franchise_id = ?`, [franchiseId])) as [{ n: string }];
    notes.ordersInFranchise = Number(n);
    expect(Number(n)).toBeGreaterThanOrEqual(ORDERS);
    pool = new Pool({ connectionString: app.server.database.appUrl, max: 10 });
    knex = (app.server.database.orm.em.getConnection() as PostgreSqlConnection).getKnex();
    knex.on('query', (q: Statement) => {
      log?.push({ sql: q.sql, bindings: q.bindings ?? [] });
    });
  }, 1_800_000);
  afterAll(async () => {
    notes.uptimeAtEnd = execSync('uptime').toString().trim();
    report('orders', figures, notes);
    await pool?.end();
    await app?.stop();
  });

  const uptime = () => execSync('uptime').toString().trim();
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  /** The SQL statements `call` sends through the API's connection (authentication included). */
  const statementsOf = async (call: () => Promise<unknown>): Promise<Statement[]> => {
    log = [];
    await call();
    const captured = log;
    log = null;
    return captured;
  };
  /** EXPLAIN (ANALYZE, BUFFERS) as the API's role, in east's scope, as the request ran it. */
  const explain = (statement: Statement): Promise<string[]> =>
    knex.transaction(async (trx) => {
      await trx.raw(`select set_config('app.franchise_ids', ?, true)`, [franchiseId]);
      const res = await trx.raw(`explain (analyze, buffers) ${statement.sql}`, statement.bindings as never);
      return (res.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']);
    });

  it(`reviews orders (reserving their stock) with ${CLIENTS} clients, on one hot product and over ${PRODUCTS}`, async () => {
    const reviewViaApi = (ids: string[]) => async () => {
      const id = ids.pop();
      if (!id) return false;
      const reply = await agent.graphql<{ reviewOrder: { state: string } }>(REVIEW, { i: { id } });
      if (reply.body.errors) throw new Error(JSON.stringify(reply.body.errors));
      return reply.body.data!.reviewOrder.state === 'APPROVED';
    };
    const reviewViaPlain = (ids: string[]) => () => {
      const id = ids.pop();
      return id ? plainReview(id) : Promise.resolve(false);
    };
    // One review alone first: its SQL statements (authentication and the scoped transaction included).
    let approved = false;
    const sent = await statementsOf(async () => (approved = await reviewViaApi(pools.spreadApi)()));
    expect(approved).toBe(true);
    notes.statementsPerReview = sent.length;
    notes.reviewStatements = sent.map((s) => short(s.sql));
    for (const [label, api, plain] of [['hot product', pools.hotApi, pools.hotPlain], [`${PRODUCTS} products`, pools.spreadApi, pools.spreadPlain]] as const) {
      const load1m = uptime();
      const viaApi = await load(`review, ${label}, product, ${CLIENTS} clients`, CLIENTS, SECONDS, reviewViaApi(api));
      const viaPlain = await load(`review, ${label}, plain pg, ${CLIENTS} clients`, CLIENTS, SECONDS, reviewViaPlain(plain));
      figures.push(viaApi, viaPlain);
      notes[`review ${label}, ${CLIENTS} clients`] = {
        reviewsPerSecond: { product: viaApi.perSecond, plain: viaPlain.perSecond, ratio: ratio(viaApi.perSecond, viaPlain.perSecond) },
        p95Ms: { product: viaApi.p95Ms, plain: viaPlain.p95Ms },
        cpuMsPerReview: { product: viaApi.cpuMsPerCall, plain: viaPlain.cpuMsPerCall },
        uptime: load1m,
      };
      expect(viaApi.failed + viaPlain.failed).toBe(0); // the pools outlast the runs
    }
    // Nothing oversold.
    const [bad] = await sql<{ n: string }>(`select count(*) as n from stock_balance where reserved > on_hand or on_hand < 0`);
    expect(Number(bad!.n)).toBe(0);
  }, 600_000);

  // The list as the admin asks for it: newest first; one status; the search box (order number or phone as typed, or the customers it found).
  const variants = [
    { label: 'newest', filter: {}, stage: null, search: null },
    { label: 'waiting for the customer', filter: { stage: { in: ['WAITING_CUSTOMER'] } }, stage: 'WAITING_CUSTOMER', search: null },
    { label: 'search a phone', filter: null, stage: null, search: '13800132345' },
  ] as const;
  for (const variant of variants)
    it(`serves the orders list page (${variant.label}) over ${ORDERS.toLocaleString('en')} orders`, async () => {
      let filter: Record<string, unknown> = variant.filter ?? {};
      let customerIds: string[] = [];
      if (variant.search) {
        const found = await agent.graphql<{ searchCustomers: { customer: { id: string } }[] }>(`query($q: String!) { searchCustomers(query: $q, limit: 50) { customer { id } } }`, { q: variant.search });
        customerIds = found.body.data?.searchCustomers.map((c) => c.customer.id) ?? [];
        const like = `%${variant.search}%`;
        filter = { or: [{ orderNo: { iLike: like } }, { deliveryPhone: { iLike: like } }, ...(customerIds.length ? [{ customerId: { in: customerIds } }] : [])] };
      }
      const variables = { filter, paging: { limit: PAGE_SIZE } };
      let rows = 0;
      const page = async () => {
        const res = await agent.graphql<{ orders: { nodes: unknown[]; totalCount: number } }>(LIST_PAGE, variables);
        if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
        rows = res.body.data!.orders.nodes.length;
        return true;
      };
      const args = [franchiseId, variant.stage, variant.search ? `%${variant.search}%` : null, `{${customerIds.join(',')}}`];
      let plainRows = 0;
      const plain = async () => {
        const client = await pool.connect();
        try {
          await client.query(`begin; select set_config('app.franchise_ids', '${franchiseId}', true)`);
          const found = await client.query(PLAIN_PAGE, args);
          await client.query(PLAIN_COUNT, args);
          await client.query('commit');
          plainRows = found.rows.length;
          return true;
        } finally {
          client.release();
        }
      };
      const sent = await statementsOf(page);
      await plain();
      notes[`listPage ${variant.label}: statements per request`] = sent.length;
      const main = sent.find((s) => /from "sales_order"/.test(s.sql) && /limit/i.test(s.sql));
      if (main) notes[`listPage ${variant.label}: plan`] = await explain(main);
      expect(rows).toBe(plainRows);
      expect(rows).toBeGreaterThan(0);
      for (const clients of PAGE_CLIENTS) {
        const load1m = uptime();
        const product = await load(`orders page ${variant.label}, product, ${clients} clients`, clients, SECONDS, page);
        const baseline = await load(`orders page ${variant.label}, plain pg, ${clients} clients`, clients, SECONDS, plain);
        figures.push(product, baseline);
        notes[`listPage ${variant.label}, ${clients} clients`] = {
          reqPerSecond: { product: product.perSecond, plain: baseline.perSecond, ratio: ratio(product.perSecond, baseline.perSecond) },
          p50Ms: { product: product.p50Ms, plain: baseline.p50Ms },
          p95Ms: { product: product.p95Ms, plain: baseline.p95Ms },
          cpuMsPerRequest: { product: product.cpuMsPerCall, plain: baseline.cpuMsPerCall },
          uptime: load1m,
        };
      }
    }, 900_000);
});
