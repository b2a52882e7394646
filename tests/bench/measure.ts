import fs from 'node:fs';
import path from 'node:path';

export interface Figures {
  name: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
}

/** Times `runs` sequential calls after `warmup` unmeasured ones. */
export async function measure(name: string, runs: number, call: () => Promise<unknown>, warmup = 20): Promise<Figures> {
  for (let i = 0; i < warmup; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await call();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { name, runs, p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), p99Ms: round(at(0.99)), meanMs: round(times.reduce((a, b) => a + b, 0) / runs) };
}

/**
 * `clients` loops in this process calling `call` for `seconds`: successes per second, latency
 * percentiles, failures (`call` returned false) and this process's CPU per call. A call that
 * returns null has nothing left to do: its client stops (the rate counts the time until the last stopped).
 */
export async function load(name: string, clients: number, seconds: number, call: () => Promise<boolean | null>): Promise<Figures & { perSecond: number; failed: number; cpuMsPerCall: number }> {
  const times: number[] = [];
  let failed = 0;
  const cpu = process.cpuUsage();
  const begun = Date.now();
  const until = begun + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        const ok = await call();
        if (ok === null) break;
        if (ok) times.push(Number(process.hrtime.bigint() - started) / 1e6);
        else failed++;
      }
    }),
  );
  const elapsedSeconds = Math.min(seconds, (Date.now() - begun) / 1000);
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  const at = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN);
  return {
    name, runs: times.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), meanMs: round(times.reduce((a, b) => a + b, 0) / times.length),
    perSecond: round(times.length / elapsedSeconds), failed, cpuMsPerCall: round((used.user + used.system) / 1000 / Math.max(1, times.length + failed)),
  };
}

/** Prints the figures and keeps them in tests/bench/results/<file>.json (not committed). */
export function report(file: string, figures: Figures[], notes: Record<string, unknown> = {}): void {
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${file}.json`), JSON.stringify({ at: new Date().toISOString(), figures, ...notes }, null, 2));
  console.log(`\n${file}\n${figures.map((f) => `  ${f.name.padEnd(44)} p50 ${f.p50Ms} ms  p95 ${f.p95Ms} ms  p99 ${f.p99Ms} ms  (n=${f.runs})`).join('\n')}\n${Object.entries(notes).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')}`);
}

/**
 * Counts the round trips to PostgreSQL from this process from now on, whichever pg client
 * sends them (the ORM's, through knex, or the API's own): returns the count so far.
 */
export function countStatementsOfApi(): () => number {
  let statements = 0;
  const orm = require.resolve('@mikro-orm/postgresql', { paths: [require.resolve('@pharmadesk/api')] });
  const drivers = new Set([require.resolve('pg', { paths: [require.resolve('@pharmadesk/api')] }), require.resolve('pg', { paths: [require.resolve('knex', { paths: [require.resolve('@mikro-orm/knex', { paths: [orm] })] })] })]);
  for (const driver of drivers) {
    const { Client } = require(driver) as typeof import('pg');
    const query = Client.prototype.query;
    Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      statements++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as never;
  }
  return () => statements;
}

/** Runs `work` under V8's sampling profiler (200 µs interval) and returns its result and the profile. */
export async function withCpuProfile<T>(work: () => Promise<T>): Promise<{ result: T; profile: object }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    const result = await work();
    return { result, profile: (await session.post('Profiler.stop')).profile };
  } finally {
    session.disconnect();
  }
}

/**
 * Runs `work`, under the profiler when BENCH_PROFILE names a file prefix: the profile goes to
 * `<prefix>-<label>.cpuprofile` (Chrome DevTools or speedscope open it).
 */
export async function profiled<T>(label: string, work: () => Promise<T>): Promise<T> {
  const prefix = process.env.BENCH_PROFILE;
  if (!prefix) return work();
  const { result, profile } = await withCpuProfile(work);
  fs.writeFileSync(`${prefix}-${label}.cpuprofile`, JSON.stringify(profile));
  return result;
}
