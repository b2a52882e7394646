import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { complaintWorkflow, consultationWorkflow } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { countStatementsOfApi, report, withCpuProfile } from './measure';
import { openScaleDatabase, type ScaleDatabase } from './scale-database';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const CLIENTS = (process.env.BENCH_CLIENT_COUNTS ?? '1,8,32').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_SECONDS = 2;

const QUEUE = `query Queue($viewId: ID!) {
  caseQueue(viewId: $viewId, paging: { limit: 50 }) {
    totalCount
    nodes {
      id caseNo subject priority stage state stateLabel slaStatus slaDueAt isVip escalationLevel
      customer { id name tags }
      owner { id displayName }
      slaClocks { kind dueAt pausedAt warnedAt breachedAt }
    }
  }
}`;

const CUSTOMERS = `query Customers {
  customers(sorting: [{ field: createdAt, direction: DESC }], paging: { limit: 50 }) {
    totalCount
    nodes {
      id recordNo name phone tags segment
      orgUnit { id name }
      healthManager { id displayName }
    }
  }
}`;

/**
 * The plain server: node:http and pg answering the queue page with the same rows and fields
 * (one statement for the page with its relations as JSON, one for the count estimate), as the
 * API's database role under row-level security. Run in a process of its own.
 */
const PLAIN_SERVER = `
const http = require('node:http');
const { Pool } = require(process.env.PG_MODULE);
const cfg = JSON.parse(process.argv[1]);
const pool = new Pool({ connectionString: cfg.url, max: 10 });
let statements = 0;
const PAGE = \`
  select c.id, c.case_no as "caseNo", c.subject, c.priority, c.stage, c.state, c.workflow, c.sla_status as "slaStatus", c.sla_due_at as "slaDueAt",
         c.is_vip as "isVip", c.escalation_level as "escalationLevel",
         (select json_build_object('id', cu.id, 'name', cu.name, 'tags', cu.tags) from customer cu where cu.id = c.customer_id) as customer,
         (select json_build_object('id', s.id, 'displayName', s.display_name) from staff_user s where s.id = c.owner_id) as owner,
         (select coalesce(json_agg(json_build_object('kind', k.kind, 'dueAt', k.due_at, 'pausedAt', k.paused_at, 'warnedAt', k.warned_at, 'breachedAt', k.breached_at) order by k.started_at, k.kind), '[]')
            from case_sla_clock k where k.case_id = c.id) as "slaClocks"
    from service_case c
   where c.franchise_id = '\${cfg.franchiseId}' and c.stage in ('NEW', 'OPEN', 'PENDING_CUSTOMER')
   order by c.sla_due_at asc nulls last, c.id asc
   limit 50\`;
// The franchise named as the product's tenant filter names it (row-level security alone would not let the index order the page).
const COUNT = "explain (format json) select c.id from service_case c where c.franchise_id = '" + cfg.franchiseId + "' and c.stage in ('NEW', 'OPEN', 'PENDING_CUSTOMER')";
http.createServer(async (req, res) => {
  const client = await pool.connect();
  try {
    await client.query("begin; select set_config('app.franchise_ids', '" + cfg.franchiseId + "', true)");
    const [page, plan] = [await client.query(PAGE), await client.query(COUNT)];
    await client.query('commit');
    statements += 4;
    const nodes = page.rows.map((r) => ({ ...r, workflow: undefined, stateLabel: cfg.labels[r.workflow + '.' + r.state] ?? r.state }));
    const body = JSON.stringify({ data: { caseQueue: { totalCount: Math.round(plan.rows[0]['QUERY PLAN'][0].Plan['Plan Rows']), nodes } } });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    res.writeHead(500).end(JSON.stringify({ errors: [{ message: String(error) }] }));
  } finally {
    client.release();
  }
}).listen(0, '127.0.0.1', function () { process.send({ port: this.address().port }); });
process.on('message', (m) => { if (m === 'statements') process.send({ statements }); });
`;

/** Clients in a process of their own, each sending the same request again as soon as its answer arrived. */
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
          if (!res.ok || json.errors || !json.data) { errors++; firstError ??= JSON.stringify(json.errors ?? res.status).slice(0, 500); }
          else if (keep) latencies.push(performance.now() - started);
          else warmupRequests++;
        } catch (error) { errors++; firstError ??= String(error); }
      }
    }
    await Promise.all(Array.from({ length: cfg.concurrency }, one));
  }
  await run(performance.now() + cfg.warmupSeconds * 1000, false);
  process.send({ phase: 'measuring' });
  const started = performance.now();
  await run(started + cfg.seconds * 1000, true);
  process.send({ latencies, errors, firstError, elapsedMs: performance.now() - started }, () => process.exit(0));
})();`;

const TICK_MS = 1000 / 100; // USER_HZ

/** CPU milliseconds a process (or, with `thread`, one of its threads) has used (Linux /proc). */
function processCpuMs(pid: number, thread?: number): number {
  const fields = fs.readFileSync(thread ? `/proc/${pid}/task/${thread}/stat` : `/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** CPU milliseconds used so far by each PostgreSQL backend serving `database`, by pid. */
function postgresCpuMs(database: string): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      byPid.set(Number(pid), processCpuMs(Number(pid)));
    } catch {
      // the process ended meanwhile
    }
  }
  return byPid;
}

/** CPU the backends used between two samples (a backend that ended meanwhile is not counted; one that started counts whole). */
function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

interface Row {
  target: string;
  clients: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  serverCpuMsPerRequest: number;
  /** Of the server's CPU, what its JavaScript thread used (the rest: V8's garbage collection and compiler threads, libuv). */
  mainThreadCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  statementsPerRequest: number;
  errors: number;
  firstError?: string;
}

/**
 * Drives `url` with `clients` concurrent clients; server CPU, PostgreSQL CPU and statements
 * are sampled over the measured seconds only (warm-up excluded).
 */
function load(target: string, url: string, headers: Record<string, string>, body: string, clients: number, probe: { serverCpuMs(): number; mainThreadCpuMs(): number; statements(): Promise<number>; database: string }): Promise<Row> {
  return new Promise((resolve, reject) => {
    let before: { server: number; main: number; pg: Map<number, number>; statements: number } | undefined;
    const child = spawn(process.execPath, ['-e', LOAD_SCRIPT, JSON.stringify({ url, headers, body, concurrency: clients, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.on('message', (m: { phase?: string; latencies: number[]; errors: number; firstError?: string; elapsedMs: number }) => {
      if (m.phase === 'measuring') {
        void probe.statements().then((statements) => (before = { server: probe.serverCpuMs(), main: probe.mainThreadCpuMs(), pg: postgresCpuMs(probe.database), statements }));
        return;
      }
      void (async () => {
        const n = m.latencies.length || 1;
        const times = [...m.latencies].sort((a, b) => a - b);
        const at = (q: number) => Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN) * 10) / 10;
        const round = (x: number) => Math.round(x * 100) / 100;
        resolve({
          target,
          clients,
          requestsPerSecond: Math.round((m.latencies.length / m.elapsedMs) * 10_000) / 10,
          p50Ms: at(0.5),
          p95Ms: at(0.95),
          serverCpuMsPerRequest: round((probe.serverCpuMs() - before!.server) / n),
          mainThreadCpuMsPerRequest: round((probe.mainThreadCpuMs() - before!.main) / n),
          postgresCpuMsPerRequest: round(postgresCpuBetween(before!.pg, postgresCpuMs(probe.database)) / n),
          statementsPerRequest: round(((await probe.statements()) - before!.statements) / n),
          errors: m.errors,
          firstError: m.firstError,
        });
      })();
    });
    child.once('exit', (code) => code && reject(new Error(`load generator exited with ${code}`)));
  });
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };

/**
 * Self and total time by package and by function from a V8 CPU profile (total: the samples
 * with the function anywhere on their stack, each counted once however deep it recurses).
 */
function summarize(profile: { nodes: ProfileNode[] }) {
  const total = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
  const packageOf = (url: string, name: string) =>
    /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
    (url.includes('/api/src/') || url.includes('/api/dist/') ? 'pharmadesk api' : url.startsWith('node:') ? 'node core' : url ? 'other' : name || '(native)');
  const functionOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url ? `${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = { packages: new Map<string, number>(), functions: new Map<string, number>() };
  const inclusive = { packages: new Map<string, number>(), functions: new Map<string, number>() };
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  // Depth first from the root, carrying the packages and functions on the stack.
  const walk = (n: ProfileNode, packages: Set<string>, functions: Set<string>) => {
    const pkg = packageOf(n.callFrame.url, n.callFrame.functionName);
    const fn = functionOf(n);
    const p = packages.has(pkg) ? packages : new Set(packages).add(pkg);
    const f = functions.has(fn) ? functions : new Set(functions).add(fn);
    const hits = n.hitCount ?? 0;
    if (hits) {
      add(self.packages, pkg, hits);
      add(self.functions, fn, hits);
      for (const k of p) add(inclusive.packages, k, hits);
      for (const k of f) add(inclusive.functions, k, hits);
    }
    for (const c of n.children ?? []) walk(byId.get(c)!, p, f);
  };
  const childIds = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  for (const root of profile.nodes.filter((n) => !childIds.has(n.id))) walk(root, new Set(), new Set());
  const top = (m: Map<string, number>, k: number) => [...m].filter(([name]) => !['(root)', '(program)'].includes(name)).sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, hits]) => `${((hits / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
  return { packages: top(self.packages, 15), functions: top(self.functions, 20), packagesTotal: top(inclusive.packages, 15), functionsTotal: top(inclusive.functions, 30) };
}

/**
 * The read path at scale, side by side on one database of 1,000,000 cases: the product's
 * queue page (supervisor@east.demo, "open by SLA due", 50 rows with customer, owner and SLA
 * clocks), its customer list (50 customers with store and health manager) and a plain
 * `pg` + node:http server answering the queue's rows and fields, at 1, 8 and 32 clients:
 * requests/s, p50, p95, server CPU ms, PostgreSQL CPU ms and SQL statements per request, the
 * product's ratios to the plain server, and a CPU profile summary of the product under load.
 */
describe(`read path on ${CASES.toLocaleString('en')} cases`, () => {
  let scale: ScaleDatabase;
  let app: TestApp;
  let supervisor: Caller & { tokens: { user: { franchiseId: string } } };
  let viewId: string;
  let plain: ChildProcess;
  let plainUrl: string;
  let countStatements: () => number;

  beforeAll(async () => {
    scale = await openScaleDatabase(CASES);
    app = await startTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'warn' }, { database: scale.database });
    countStatements = countStatementsOfApi();
    supervisor = await signIn(app, 'supervisor@east.demo');
    const views = await supervisor.graphql<{ caseViews: { id: string; name: string }[] }>('{ caseViews { id name } }');
    const name = 'bench: open by SLA due';
    viewId = views.body.data?.caseViews.find((v) => v.name === name)?.id ?? '';
    if (!viewId) {
      const res = await supervisor.graphql<{ createOneCaseView: { id: string } }>(`mutation($v: CaseViewInput!) { createOneCaseView(input: { caseView: $v }) { id } }`, {
        v: { name, shared: true, filter: {}, sorting: [{ field: 'slaDueAt', direction: 'ASC' }], columns: [] },
      });
      if (!res.body.data) throw new Error(JSON.stringify(res.body.errors));
      viewId = res.body.data.createOneCaseView.id;
    }
    const labels: Record<string, string> = {};
    for (const w of [complaintWorkflow, consultationWorkflow]) for (const s of w.states) labels[`${w.name}.${s.name}`] = s.label;
    const apiUrl = app.server.database.appUrl;
    plain = spawn(process.execPath, ['-e', PLAIN_SERVER, JSON.stringify({ url: apiUrl, franchiseId: supervisor.tokens.user.franchiseId, labels })], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, PG_MODULE: require.resolve('pg') },
    });
    plainUrl = await new Promise<string>((resolve, reject) => {
      plain.once('message', (m: { port: number }) => resolve(`http://127.0.0.1:${m.port}/`));
      plain.once('exit', (code) => reject(new Error(`plain server exited with ${code}`)));
    });
  }, 3_600_000);
  afterAll(async () => {
    plain?.kill();
    await app?.stop();
    await scale?.stop();
  });

  it('measures the product beside a plain pg server', async () => {
    // Same rows and fields: the product's first page is the plain server's.
    const product = await supervisor.graphql<{ caseQueue: { totalCount: number; nodes: { id: string; stateLabel: string; slaClocks: unknown[]; customer: unknown }[] } }>(QUEUE, { viewId });
    if (product.body.errors) throw new Error(JSON.stringify(product.body.errors));
    const plainPage = (await (await fetch(plainUrl, { method: 'POST' })).json()) as { data: { caseQueue: { nodes: { id: string; stateLabel: string }[] } } };
    expect(plainPage.data.caseQueue.nodes.map((n) => [n.id, n.stateLabel])).toEqual(product.body.data!.caseQueue.nodes.map((n) => [n.id, n.stateLabel]));

    const self = { serverCpuMs: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }, mainThreadCpuMs: () => processCpuMs(process.pid, process.pid), statements: async () => countStatements(), database: scale.database.name };
    const plainProbe = {
      serverCpuMs: () => processCpuMs(plain.pid!),
      mainThreadCpuMs: () => processCpuMs(plain.pid!, plain.pid!),
      statements: () => new Promise<number>((resolve) => { plain.once('message', (m: { statements: number }) => resolve(m.statements)); plain.send('statements'); }),
      database: scale.database.name,
    };
    const headers = { 'content-type': 'application/json', ...supervisor.headers };
    const rows: Row[] = [];
    for (const clients of CLIENTS) {
      rows.push(await load('product queue page', app.graphqlUrl, headers, JSON.stringify({ query: QUEUE, variables: { viewId } }), clients, self));
      rows.push(await load('product customer list', app.graphqlUrl, headers, JSON.stringify({ query: CUSTOMERS }), clients, self));
      // The floor under every page: HTTP, authentication, the operation's transaction and the response, with no rows.
      rows.push(await load('product empty operation', app.graphqlUrl, headers, JSON.stringify({ query: '{ __typename }' }), clients, self));
      rows.push(await load('plain pg queue page', plainUrl, { 'content-type': 'application/json' }, '{}', clients, plainProbe));
    }

    // Where the product's CPU goes with 32 clients on the queue page.
    const { profile } = await withCpuProfile(() => load('product queue page (profiled)', app.graphqlUrl, headers, JSON.stringify({ query: QUEUE, variables: { viewId } }), Math.max(...CLIENTS), self));
    // The whole profile, for Chrome DevTools or speedscope: BENCH_PROFILE=<prefix> writes <prefix>-queue.cpuprofile.
    if (process.env.BENCH_PROFILE) fs.writeFileSync(`${process.env.BENCH_PROFILE}-queue.cpuprofile`, JSON.stringify(profile));
    const cpuProfile = summarize(profile as never);

    const ratios = CLIENTS.map((clients) => {
      const of = (target: string) => rows.find((r) => r.target === target && r.clients === clients)!;
      const q = of('product queue page');
      const p = of('plain pg queue page');
      const round = (x: number) => Math.round(x * 100) / 100;
      return { clients, requestsPerSecond: round(q.requestsPerSecond / p.requestsPerSecond), p95: round(q.p95Ms / p.p95Ms), serverCpu: round(q.serverCpuMsPerRequest / p.serverCpuMsPerRequest), postgresCpu: round(q.postgresCpuMsPerRequest / p.postgresCpuMsPerRequest) };
    });
    const table = [
      'target                    clients    req/s     p50 ms   p95 ms  server CPU ms  (JS thread)  PG CPU ms  statements',
      ...rows.map((r) => `${r.target.padEnd(26)}${String(r.clients).padStart(6)}${String(r.requestsPerSecond).padStart(9)}${String(r.p50Ms).padStart(10)}${String(r.p95Ms).padStart(9)}${String(r.serverCpuMsPerRequest).padStart(14)}${String(r.mainThreadCpuMsPerRequest).padStart(13)}${String(r.postgresCpuMsPerRequest).padStart(11)}${String(r.statementsPerRequest).padStart(12)}`),
    ];
    console.log(`\n${table.join('\n')}\n\nproduct queue page / plain pg:\n${ratios.map((r) => `  ${JSON.stringify(r)}`).join('\n')}\n\nCPU profile, product queue page at ${Math.max(...CLIENTS)} clients, self time:\n${cpuProfile.packages.join('\n')}\n\n${cpuProfile.functions.join('\n')}\n\ntotal time (the function or package anywhere on the stack):\n${cpuProfile.packagesTotal.join('\n')}\n\n${cpuProfile.functionsTotal.join('\n')}`);
    report('read-path', [], {
      cases: CASES,
      generated: scale.generated,
      seconds: SECONDS,
      rows,
      ratios,
      cpuProfile,
      loadAverage1m: os.loadavg()[0]!.toFixed(2),
      note: 'API in the jest process (NODE_ENV=production), plain server and load generators in processes of their own; loopback HTTP',
    });
    for (const r of rows) expect(r.errors).toBe(0);
  });
});
