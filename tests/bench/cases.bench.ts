import os from 'node:os';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { Client } from 'pg';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { generateScaleCases } from '@pharmadesk/seeds';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { measure, report, type Figures } from './measure';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
/** East gets most of them. */
const EAST_SHARE = 0.9;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

const QUEUE = `query Queue($viewId: ID!, $limit: Int!) {
  caseQueue(viewId: $viewId, paging: { limit: $limit }) {
    totalCount
    nodes {
      id caseNo subject priority stage state stateLabel slaStatus slaDueAt isVip escalationLevel
      customer { id name tags }
      owner { id displayName }
      slaClocks { kind dueAt pausedAt warnedAt breachedAt }
    }
  }
}`;

const LIST = `query Cases($limit: Int!) {
  cases(filter: { stage: { in: [NEW, OPEN] } }, sorting: [{ field: slaDueAt, direction: ASC }], paging: { limit: $limit }) {
    totalCount
    nodes {
      id caseNo subject priority stage state stateLabel slaStatus slaDueAt isVip escalationLevel
      customer { id name tags }
      owner { id displayName }
      slaClocks { kind dueAt pausedAt warnedAt breachedAt }
    }
  }
}`;

/**
 * `CLIENTS` clients in a process of their own (so the load generator's fetch and JSON
 * parsing do not share the API's event loop), each sending the same operation again as
 * soon as its previous answer arrived, for `seconds` after `warmupSeconds` unmeasured.
 */
const LOAD_SCRIPT = `
const cfg = JSON.parse(process.argv[1]);
(async () => {
  const latencies = [];
  let errors = 0, firstError, warmupRequests = 0;
  async function run(until, keep) {
    async function one() {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          const res = await fetch(cfg.url, { method: 'POST', headers: cfg.headers, body: cfg.body });
          const json = await res.json();
          if (!res.ok || json.errors) { errors++; firstError ??= JSON.stringify(json.errors ?? res.status).slice(0, 500); }
          else if (keep) latencies.push(performance.now() - started);
          else warmupRequests++;
        } catch (error) { errors++; firstError ??= String(error); }
      }
    }
    await Promise.all(Array.from({ length: cfg.concurrency }, one));
  }
  await run(performance.now() + cfg.warmupSeconds * 1000, false);
  errors = 0;
  const started = performance.now();
  await run(started + cfg.seconds * 1000, true);
  process.send({ latencies, errors, firstError, warmupRequests, elapsedMs: performance.now() - started }, () => process.exit(0));
})();`;

interface LoadResult {
  figures: Figures;
  requestsPerSecond: number;
  errors: number;
  firstError?: string;
  /** CPU time per request (warm-up included) of the API process and of the database's backends. */
  cpuMsPerRequest: { api: number; postgres: number | null };
}

/** CPU milliseconds used so far by the PostgreSQL backends serving `database` (Linux /proc; null elsewhere). */
function postgresCpuMs(database: string): number | null {
  try {
    const tick = 1000 / 100; // USER_HZ
    let total = 0;
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        total += (Number(fields[11]) + Number(fields[12])) * tick;
      } catch {
        // the process ended meanwhile
      }
    }
    return total;
  } catch {
    return null;
  }
}

function concurrentLoad(
  name: string,
  database: string,
  cfg: { url: string; headers: Record<string, string>; body: string; concurrency: number; seconds: number; warmupSeconds: number },
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const cpuBefore = process.cpuUsage();
    const pgBefore = postgresCpuMs(database);
    const child = spawn(process.execPath, ['-e', LOAD_SCRIPT, JSON.stringify(cfg)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('message', (m: { latencies: number[]; errors: number; firstError?: string; warmupRequests: number; elapsedMs: number }) => {
      const cpu = process.cpuUsage(cpuBefore);
      const pgAfter = postgresCpuMs(database);
      const requests = m.latencies.length + m.warmupRequests;
      const round = (n: number) => Math.round(n * 10) / 10;
      resolve({
        figures: figuresOf(name, m.latencies),
        requestsPerSecond: round((m.latencies.length / m.elapsedMs) * 1000),
        errors: m.errors,
        firstError: m.firstError,
        cpuMsPerRequest: { api: round((cpu.user + cpu.system) / 1000 / requests), postgres: pgBefore === null || pgAfter === null ? null : round((pgAfter - pgBefore) / requests) },
      });
    });
    child.once('exit', (code) => code && reject(new Error(`load generator exited with ${code}`)));
  });
}

function figuresOf(name: string, latencies: number[]): Figures {
  const times = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { name, runs: times.length, p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), p99Ms: round(at(0.99)), meanMs: round(times.reduce((a, b) => a + b, 0) / (times.length || 1)) };
}

interface Statement {
  sql: string;
  bindings: unknown[];
}

/**
 * The supervisor's queue board at scale: 1,000,000 cases (east 90 %, ~3 % open), the
 * shared "open cases by SLA" view and the plain open-case list, as supervisor@east.demo
 * over real HTTP. Throughput and latency at 32 concurrent clients; SQL statements per
 * request by page size (relations must load in batches, never per row); EXPLAIN ANALYZE
 * of every statement of one queue page, run as the API role under row-level security.
 */
describe(`supervisor queue on ${CASES.toLocaleString('en')} cases`, () => {
  let app: TestApp;
  let supervisor: Caller;
  let eastId: string;
  let viewId: string;
  const generated: Record<string, unknown> = {};
  let statements = 0;
  let log: Statement[] | null = null;
  let knex: ReturnType<PostgreSqlConnection['getKnex']>;

  beforeAll(async () => {
    app = await startTestApp();
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: string; code: string }>(`select id, code from org_unit where kind = 'FRANCHISE' and code in ('EAST', 'WEST')`);
      const east = rows.find((r) => r.code === 'EAST')!;
      const west = rows.find((r) => r.code === 'WEST')!;
      eastId = east.id;
      const started = Date.now();
      const e = await generateScaleCases(db, { franchiseId: east.id, count: Math.round(CASES * EAST_SHARE) });
      const w = await generateScaleCases(db, { franchiseId: west.id, count: CASES - Math.round(CASES * EAST_SHARE) });
      Object.assign(generated, {
        generateSeconds: Math.round((Date.now() - started) / 100) / 10,
        east: { ...e, seconds: Math.round(e.ms / 100) / 10 },
        west: { ...w, seconds: Math.round(w.ms / 100) / 10 },
      });
      console.log(`generated ${CASES.toLocaleString('en')} cases in ${generated.generateSeconds} s`, generated);
    } finally {
      await db.end();
    }
    knex = (app.server.database.orm.em.getConnection() as PostgreSqlConnection).getKnex();
    knex.on('query', (q: Statement) => {
      statements++;
      log?.push({ sql: q.sql, bindings: q.bindings ?? [] });
    });
    supervisor = await signIn(app, 'supervisor@east.demo');
    const res = await supervisor.graphql<{ createOneCaseView: { id: string } }>(
      `mutation($v: CaseViewInput!) { createOneCaseView(input: { caseView: $v }) { id } }`,
      { v: { name: '待处理 · 按 SLA 到期 Open by SLA due', shared: true, filter: {}, sorting: [{ field: 'slaDueAt', direction: 'ASC' }], columns: ['caseNo', 'subject', 'priority', 'slaDueAt', 'owner'] } },
    );
    if (!res.body.data) throw new Error(JSON.stringify(res.body.errors));
    viewId = res.body.data.createOneCaseView.id;
  }, 1_800_000);
  afterAll(() => app?.stop());

  /** Runs one request and returns the SQL statements it sent (authentication included). */
  async function statementsOf(query: string, variables: Record<string, unknown>): Promise<Statement[]> {
    log = [];
    const before = statements;
    const res = await supervisor.graphql(query, variables);
    const captured = log;
    log = null;
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    expect(captured.length).toBe(statements - before);
    return captured;
  }

  /** EXPLAIN (ANALYZE, BUFFERS) as the API's role, in east's scope, as the request ran it. */
  async function explain(statement: Statement): Promise<string> {
    return knex.transaction(async (trx) => {
      await trx.raw(`select set_config('app.franchise_ids', ?, true)`, [eastId]);
      const res = await trx.raw(`explain (analyze, buffers) ${statement.sql}`, statement.bindings as never);
      return (res.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
    });
  }

  const short = (sql: string) => sql.replace(/\s+/g, ' ').slice(0, 150);
  const isSelect = (s: Statement) => /^\s*select\b/i.test(s.sql) && !/set_config/.test(s.sql);
  const executionMs = (plan: string) => Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);

  it('measures the queue page and the open-case list', async () => {
    // Warm up caches and code paths.
    for (let i = 0; i < 20; i++) {
      await supervisor.graphql(QUEUE, { viewId, limit: 50 });
      await supervisor.graphql(LIST, { limit: 50 });
    }
    const page = await supervisor.graphql<{ caseQueue: { totalCount: number; nodes: { slaDueAt: string | null }[] } }>(QUEUE, { viewId, limit: 50 });
    if (page.body.errors) throw new Error(JSON.stringify(page.body.errors));
    const totalCount = page.body.data!.caseQueue.totalCount;

    // SQL statements per request by page size (authentication and the scoped transaction included).
    const baseline = (await statementsOf('{ serverInfo { version } }', {})).length;
    const perPage: Record<string, Record<number, number>> = { caseQueue: {}, cases: {} };
    for (const limit of [10, 50, 100]) {
      perPage.caseQueue![limit] = (await statementsOf(QUEUE, { viewId, limit })).length;
      perPage.cases![limit] = (await statementsOf(LIST, { limit })).length;
    }

    // Every statement of one queue page of 50, with its EXPLAIN ANALYZE time.
    const queueStatements = await statementsOf(QUEUE, { viewId, limit: 50 });
    const timings: { sql: string; executionMs: number | null }[] = [];
    for (const s of queueStatements) timings.push({ sql: short(s.sql), executionMs: isSelect(s) ? executionMs(await explain(s)) : null });
    const main = queueStatements.find((s) => /from "service_case"/.test(s.sql) && /order by/i.test(s.sql) && /limit/i.test(s.sql) && !/^\s*explain/i.test(s.sql));
    const mainPlan = main ? await explain(main) : 'main queue statement not found';
    const listStatements = await statementsOf(LIST, { limit: 50 });
    const listMain = listStatements.find((s) => /from "service_case"/.test(s.sql) && /order by/i.test(s.sql) && /limit/i.test(s.sql) && !/^\s*explain/i.test(s.sql));
    const listPlan = listMain ? await explain(listMain) : 'main list statement not found';
    console.log(`\nstatements of one caseQueue page of 50 (EXPLAIN ANALYZE execution ms):\n${timings.map((t) => `  ${String(t.executionMs ?? '-').padStart(8)}  ${t.sql}`).join('\n')}`);
    console.log(`\nmain queue SQL:\n${main?.sql}\nbindings: ${JSON.stringify(main?.bindings)}\n\nEXPLAIN (ANALYZE, BUFFERS) as the API role in east's scope:\n${mainPlan}`);
    console.log(`\nmain list SQL:\n${listMain?.sql}\n\nEXPLAIN (ANALYZE, BUFFERS):\n${listPlan}`);

    // One request at a time, then CLIENTS at once.
    const sequentialQueue = await measure('queue page of 50, one client', 200, () => supervisor.graphql(QUEUE, { viewId, limit: 50 }));
    const sequentialList = await measure('open-case list of 50, one client', 200, () => supervisor.graphql(LIST, { limit: 50 }));
    const sequentialBaseline = await measure('baseline: serverInfo as the same user', 200, () => supervisor.graphql('{ serverInfo { version } }'));
    const load = (name: string, query: string, variables: Record<string, unknown>) =>
      concurrentLoad(name, app.database.name, {
        url: app.graphqlUrl,
        headers: { 'content-type': 'application/json', ...supervisor.headers },
        body: JSON.stringify({ query, variables }),
        concurrency: CLIENTS,
        seconds: SECONDS,
        warmupSeconds: 3,
      });
    const queueLoad = await load(`queue page of 50, ${CLIENTS} clients`, QUEUE, { viewId, limit: 50 });
    const listLoad = await load(`open-case list of 50, ${CLIENTS} clients`, LIST, { limit: 50 });

    report('cases', [queueLoad.figures, listLoad.figures, sequentialQueue, sequentialList, sequentialBaseline], {
      cases: CASES,
      ...generated,
      openInEastQueue: totalCount,
      concurrency: CLIENTS,
      seconds: SECONDS,
      queueRequestsPerSecond: queueLoad.requestsPerSecond,
      listRequestsPerSecond: listLoad.requestsPerSecond,
      cpuMsPerRequestUnderLoad: { queue: queueLoad.cpuMsPerRequest, list: listLoad.cpuMsPerRequest },
      errorsUnderLoad: { queue: queueLoad.errors, list: listLoad.errors, first: queueLoad.firstError ?? listLoad.firstError },
      statementsPerRequest: perPage,
      statementsForAuthenticatedServerInfo: baseline,
      queuePageStatements: timings,
      mainQueueSql: main?.sql,
      mainQueuePlan: mainPlan.split('\n'),
      mainListPlan: listPlan.split('\n'),
      loadAverage1m: os.loadavg()[0]!.toFixed(2), // other work on the machine skews figures
      note: 'API in the jest process, load from a separate process; HTTP end to end, authentication included',
    });
    expect(queueLoad.errors + listLoad.errors).toBe(0);
    // Relations load in batches: a bigger page never costs more statements.
    for (const counts of Object.values(perPage)) {
      expect(counts[100]).toBeLessThanOrEqual(counts[10]!);
      expect(counts[50]).toBeLessThanOrEqual(counts[10]!);
    }
  });
});
