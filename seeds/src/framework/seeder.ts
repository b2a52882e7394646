import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { deferEvents, QUALITY_BUILT_IN_ROWS, SURVEY_BUILT_IN_ROWS, writeDeferredEvents, type Logger } from '@pharmadesk/api';
import { Rng } from './rng';

/** The default seed: change it and every demo record changes, deterministically. */
export const DEFAULT_SEED = 20261122;

export interface SeedContext {
  /** A fork on the owner connection, inside this seeder's transaction. */
  em: EntityManager;
  /** This seeder's own generator (derived from the seed and the seeder's name). */
  rng: Rng;
  logger: Logger;
  /** What earlier seeders handed on (ids of demo organizations, users...). */
  shared: Map<string, unknown>;
}

export interface Seeder {
  /** Stable name: recorded once run, so the seeder never runs twice on a database. */
  name: string;
  run(ctx: SeedContext): Promise<void>;
}

export interface SeedResult {
  ran: string[];
  skipped: string[];
  /** Set when the database holds data the seeders did not write: nothing was seeded. */
  refused?: string;
}

const RUNS_TABLE = 'pharmadesk_seed_run';

/**
 * Runs the seeders that have not run on this database yet, each in its own
 * transaction with its run record, in order. A database that has data but no seed
 * record (a real deployment) is never touched.
 */
export async function runSeeders(orm: MikroORM, seeders: readonly Seeder[], options: { seed?: number; logger: Logger }): Promise<SeedResult> {
  const { logger } = options;
  const connection = orm.em.getConnection();
  await connection.execute(
    `create table if not exists ${RUNS_TABLE} (name text primary key, seed bigint not null, ran_at timestamptz not null default now())`,
  );
  const done = new Set((await connection.execute<{ name: string }[]>(`select name from ${RUNS_TABLE}`)).map((r) => r.name));
  if (done.size === 0) {
    const occupied = await firstNonEmptyTable(orm);
    if (occupied) {
      const refused = `table ${occupied} already has rows that demo seeding did not write`;
      logger.warn({ table: occupied }, `not seeding demo data: ${refused}`);
      return { ran: [], skipped: seeders.map((s) => s.name), refused };
    }
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const base = new Rng(seed);
  const shared = new Map<string, unknown>();
  const result: SeedResult = { ran: [], skipped: [] };
  for (const seeder of seeders) {
    if (done.has(seeder.name)) {
      result.skipped.push(seeder.name);
      continue;
    }
    const started = Date.now();
    await orm.em.fork().transactional(async (em) => {
      // Seeds write every franchise's data: the widest scope for RLS and the ORM filter.
      await em.execute(`select set_config('app.franchise_ids', '*', true)`);
      em.setFilterParams('tenant', { franchiseIds: 'all' });
      // The replay's thousands of events go to the outbox a few hundred rows a statement, before the commit.
      deferEvents(em);
      await seeder.run({ em, rng: base.derive(seeder.name), logger: logger.child({ seeder: seeder.name }), shared });
      await em.flush();
      await writeDeferredEvents(em);
      await em.execute(`insert into ${RUNS_TABLE} (name, seed) values (?, ?)`, [seeder.name, seed]);
    });
    logger.info({ seeder: seeder.name, ms: Date.now() - started }, 'demo data seeded');
    result.ran.push(seeder.name);
  }
  if (result.ran.length) await markReplayedEventsDispatched(orm);
  return result;
}

/**
 * The demo is history replayed through the services: its outbox events already had their
 * effects in the story, so no reaction (notification, plugin handler) runs for them later.
 * Except the messages the story decided to send: they leave at the first start, through
 * the configured provider (the log provider by default), so the log shows them sent.
 */
async function markReplayedEventsDispatched(orm: MikroORM): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    await em.execute(`select set_config('app.franchise_ids', '*', true)`);
    await em.execute(`update event_outbox set dispatched_at = now() where dispatched_at is null and topic <> 'notification.queued'`);
  });
}

const BUILT_IN_ROWS = { ...SURVEY_BUILT_IN_ROWS, ...QUALITY_BUILT_IN_ROWS };

async function firstNonEmptyTable(orm: MikroORM): Promise<string | undefined> {
  const tables = Object.values(orm.getMetadata().getAll())
    .filter((meta) => !meta.embeddable && !meta.virtual && meta.tableName)
    .map((meta) => (meta.schema ? `${meta.schema}.${meta.tableName}` : meta.tableName));
  // Look with every franchise in scope, in case row-level security binds the owner.
  return orm.em.fork().transactional(async (em) => {
    await em.execute(`select set_config('app.franchise_ids', '*', true)`);
    for (const table of tables) {
      // Rows the migrations write (built-in definitions) are not data.
      const builtIn: string[] = (BUILT_IN_ROWS as Record<string, string[]>)[table] ?? [];
      const rows = await em.execute<{ found: boolean }[]>(`select exists (select 1 from ${table}${builtIn.length ? ` where id not in (${builtIn.map((id) => `'${id}'`).join(', ')})` : ''}) as found`);
      if (rows[0]?.found) return table;
    }
    return undefined;
  });
}
