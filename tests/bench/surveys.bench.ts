import os from 'node:os';
import { Client } from 'pg';
import { clock, inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { planCallbacks } from '@pharmadesk/api/src/modules/surveys/callback-plan';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { createBenchFranchise, type BenchFranchise } from './bench-franchise';
import { countStatementsOfApi, measure, report, type Figures } from './measure';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 200_000);
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const AGENTS = 12;
/** Tuesday 15 December 2026, 08:00 in Shanghai: mid-month (the top-spender rule is due), two days before a holiday. */
const NOW = '2026-12-15T08:00:00+08:00';
const HOLIDAY = '2026-12-17';

const FIGURES = `query($i: SatisfactionFiguresInput!) { satisfactionFigures(input: $i) { totals { sent answered satisfactionRate dissatisfactionRate nps responseRate } groups { key label sent answered satisfactionRate dissatisfactionRate nps } } }`;

/** The year by month in plain SQL: the same counts the product's report draws (rates left to the client). */
const PLAIN_YEAR_BY_MONTH = `
  select to_char(r.sent_at at time zone 'Asia/Shanghai', 'YYYY-MM') as key, count(*) as sent,
         count(*) filter (where r.status = 'ANSWERED') as answered,
         count(*) filter (where r.status = 'ANSWERED' and r.rating >= 4) as satisfied,
         count(*) filter (where r.status = 'ANSWERED' and r.rating <= 2) as dissatisfied,
         count(*) filter (where r.status = 'ANSWERED' and r.nps_score >= 9) as promoters,
         count(*) filter (where r.status = 'ANSWERED' and r.nps_score <= 6) as detractors
    from satisfaction_request r
   where r.franchise_id = $1 and r.sent_at >= $2::timestamptz and r.sent_at < $3::timestamptz
   group by 1 order by 1`;

/**
 * Surveys at scale, in a franchise of 200,000 customers with 1,000,000 surveys over the past year
 * (written with SQL): the daily callback plan (every built-in rule plus a holiday rule; time and
 * statements, then the same day again, which must add nothing), and the satisfaction report
 * (a month by store, a quarter by agent, the year by month; p50 / p95 over HTTP) beside the
 * year by month in plain pg. Figures go to tests/bench/results/surveys.json.
 */
describe('surveys at scale', () => {
  let app: TestApp;
  let owner: Caller;
  let bench: BenchFranchise;
  const figures: Figures[] = [];
  const notes: Record<string, unknown> = {};

  beforeAll(async () => {
    clock.freezeAt(NOW);
    app = await startTestApp({ LOG_LEVEL: 'warn' });
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    try {
      bench = await createBenchFranchise(db, { customers: CUSTOMERS, agents: AGENTS });
      const started = Date.now();
      const { rows: [version] } = await db.query(`select id from survey_template_version where franchise_id is null order by created_at limit 1`);
      // One survey per row over the year before the clock: 60 % answered (ratings mostly 4–5, a
      // few 1–2), 30 % sent and waiting, 10 % expired; the last days' unanswered ones are what the
      // after-service rule calls back.
      await db.query(`select setseed(0.42)`);
      await db.query(
        `insert into satisfaction_request (id, franchise_id, version, created_at, updated_at, customer_id, source_kind, source_id, source_ref, staff_id, status,
                                           template_version_id, org_unit_id, channel, sent_at, answered_at, rating, nps_score)
         select gen_random_uuid(), $1, 1, x.sent_at, x.sent_at, c.id, 'case', gen_random_uuid(), 'BENCH-' || x.i, ($2::uuid[])[1 + x.i % array_length($2::uuid[], 1)], x.status,
                $3, c.org_unit_id, (array['PHONE', 'SMS', 'WECHAT', 'IN_STORE', 'ONLINE'])[1 + x.i % 5], x.sent_at,
                case when x.status = 'ANSWERED' then x.sent_at + interval '1 day' end,
                case when x.status = 'ANSWERED' then x.rating end,
                case when x.status = 'ANSWERED' then least(10, greatest(0, x.rating * 2 + (x.i % 3) - 1)) end
           from (select i, $4::timestamptz - (random() * 365) * interval '1 day' as sent_at,
                        case when random() < 0.6 then 'ANSWERED' when random() < 0.75 then 'SENT' else 'EXPIRED' end as status,
                        (array[1, 2, 3, 4, 4, 5, 5, 5, 5, 5])[1 + floor(random() * 10)::int] as rating
                   from generate_series(1, $5::int) i) x
           join lateral (select id, org_unit_id from customer where franchise_id = $1 and record_no = 'BENCH-S-' || lpad((1 + x.i % $6::int)::text, 7, '0')) c on true`,
        [bench.franchiseId, bench.agents.map((a) => a.id), version.id, new Date(NOW), ANSWERS, CUSTOMERS],
      );
      // New members this week, last month's spend per customer, and a holiday rule with its date.
      await db.query(`update customer set created_at = $2::timestamptz - ((id::text < '4') :: int + 2) * interval '1 day' where franchise_id = $1 and member_card_no is not null and id::text < '08'`, [bench.franchiseId, new Date(NOW)]);
      await db.query(
        `insert into customer_spend_month (customer_id, month, franchise_id, org_unit_id, amount, purchases)
         select id, date '2026-11-01', franchise_id, org_unit_id, (abs(hashtext(id::text)) % 500000) / 100.0, 1 + abs(hashtext(id::text)) % 5 from customer where franchise_id = $1`,
        [bench.franchiseId],
      );
      await db.query(
        `insert into callback_rule (id, franchise_id, version, created_at, updated_at, code, kind, name, enabled, delay_days, lead_days, top_n, day_of_month, no_repeat_days, holidays, tags)
         values (gen_random_uuid(), $1, 1, now(), now(), 'holiday', 'HOLIDAY', '重大节日前关怀回访', true, 0, 3, 10, 1, 7, $2, '{vip,chronic}')`,
        [bench.franchiseId, JSON.stringify([{ date: HOLIDAY, name: '冬至' }])],
      );
      await db.query('analyze satisfaction_request; analyze customer; analyze customer_spend_month');
      notes.generateSeconds = { customers: Math.round(bench.generateMs / 100) / 10, surveysAndRules: Math.round((Date.now() - started) / 100) / 10 };
    } finally {
      await db.end();
    }
    owner = await signIn(app, 'owner@bench.demo');
  }, 1_800_000);

  afterAll(async () => {
    clock.reset();
    await app?.stop();
    report('surveys', figures, { ...notes, customers: CUSTOMERS, answers: ANSWERS, loadAverage1m: os.loadavg()[0]!.toFixed(2) });
  });

  it('plans the day’s callbacks over 200,000 customers once, and a second run adds nothing', async () => {
    const statements = countStatementsOfApi();
    const plan = async () => {
      const before = statements();
      const started = process.hrtime.bigint();
      const added = await inScopedTransaction(app.server.database.orm.em, SYSTEM_SCOPE, (em) => planCallbacks(em, clock.now()));
      return { added, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10, statements: statements() - before };
    };
    const first = await plan();
    const again = await plan();
    notes.callbackPlan = first;
    notes.callbackPlanAgain = again;
    const total = (added: Record<string, number>) => Object.values(added).reduce((a, b) => a + b, 0);
    // Every kind with candidates in the data found some, and the second run of the day found them planned.
    expect(first.added).toMatchObject({ AFTER_SERVICE: expect.any(Number), TOP_SPENDERS: expect.any(Number), HOLIDAY: expect.any(Number) });
    expect(first.added.AFTER_SERVICE).toBeGreaterThan(0);
    expect(first.added.TOP_SPENDERS).toBeGreaterThan(0);
    expect(total(again.added)).toBe(0);
  });

  it('draws the satisfaction report over 1,000,000 surveys, beside plain pg', async () => {
    const ask = (input: Record<string, unknown>) => async () => {
      const res = await owner.graphql<{ satisfactionFigures: { totals: { sent: number } } }>(FIGURES, { i: input });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      return res.body.data!.satisfactionFigures;
    };
    const year = await ask({ from: '2025-12-15', to: '2026-12-14', groupBy: 'MONTH' })();
    expect(year.totals.sent).toBeGreaterThan(ANSWERS * 0.99);
    figures.push(await measure('report: a month by store', RUNS, ask({ from: '2026-11-01', to: '2026-11-30', groupBy: 'STORE' }), 3));
    figures.push(await measure('report: a quarter by agent', RUNS, ask({ from: '2026-09-01', to: '2026-11-30', groupBy: 'AGENT' }), 3));
    figures.push(await measure('report: the year by month', RUNS, ask({ from: '2025-12-15', to: '2026-12-14', groupBy: 'MONTH' }), 3));
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    try {
      figures.push(await measure('plain pg: the year by month', RUNS, () => db.query(PLAIN_YEAR_BY_MONTH, [bench.franchiseId, '2025-12-14T16:00:00Z', '2026-12-14T16:00:00Z']), 3));
    } finally {
      await db.end();
    }
  });
});
