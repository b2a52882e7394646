import path from 'node:path';
import { Client } from 'pg';
import { createLogger, initOrm, migrate, startEmbeddedPostgres, type EmbeddedPostgres } from '@pharmadesk/api';
import { demoSeeders, generateScaleCases, runSeeders } from '@pharmadesk/seeds';
import type { TestDatabase } from '../support/database';

/** East gets most of the generated cases. */
const EAST_SHARE = 0.9;

export interface ScaleDatabase {
  database: TestDatabase;
  /** What generating took, when this run generated the data (null when it was reused). */
  generated: Record<string, unknown> | null;
  stop(): Promise<void>;
}

/**
 * A database of the demo data plus `cases` generated cases, kept between runs: generating
 * 1,000,000 cases takes minutes on two cores, so it is done once into a persistent embedded
 * PostgreSQL (BENCH_DATA_DIR, default `.data/bench-pg` in the repository) and reused by every
 * later run (the API migrates it on start when the schema moved on). A run that finds the data
 * incomplete (interrupted) starts that database again.
 */
export async function openScaleDatabase(cases: number): Promise<ScaleDatabase> {
  const logger = createLogger({ LOG_LEVEL: 'warn' });
  const dataDir = process.env.BENCH_DATA_DIR ?? path.join(__dirname, '../../.data/bench-pg');
  const pg: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir, logger });
  const name = `pharmadesk_scale_${cases}`;
  const url = pg.url(name);
  const admin = new Client({ connectionString: pg.url('postgres') });
  await admin.connect();
  let generated: Record<string, unknown> | null = null;
  try {
    const { rows } = await admin.query<{ description: string | null }>(
      `select shobj_description(d.oid, 'pg_database') as description from pg_database d where datname = $1`,
      [name],
    );
    if (rows[0]?.description !== 'complete') {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      const orm = await initOrm({ clientUrl: url, logger });
      try {
        await migrate(orm);
        await runSeeders(orm, demoSeeders, { logger });
      } finally {
        await orm.close(true);
      }
      generated = await generate(url, cases);
      await admin.query(`comment on database ${name} is 'complete'`);
    }
  } finally {
    await admin.end();
  }
  return {
    database: { name, url, drop: async () => undefined },
    generated,
    stop: () => pg.stop(),
  };
}

async function generate(url: string, cases: number): Promise<Record<string, unknown>> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; code: string }>(`select id, code from org_unit where kind = 'FRANCHISE' and code in ('EAST', 'WEST')`);
    const east = rows.find((r) => r.code === 'EAST')!;
    const west = rows.find((r) => r.code === 'WEST')!;
    const started = Date.now();
    const e = await generateScaleCases(db, { franchiseId: east.id, count: Math.round(cases * EAST_SHARE) });
    const w = await generateScaleCases(db, { franchiseId: west.id, count: cases - Math.round(cases * EAST_SHARE) });
    await db.query('vacuum analyze');
    const result = {
      generateSeconds: Math.round((Date.now() - started) / 100) / 10,
      east: { ...e, seconds: Math.round(e.ms / 100) / 10 },
      west: { ...w, seconds: Math.round(w.ms / 100) / 10 },
    };
    console.log(`generated ${cases.toLocaleString('en')} cases in ${result.generateSeconds} s`, result);
    return result;
  } finally {
    await db.end();
  }
}
