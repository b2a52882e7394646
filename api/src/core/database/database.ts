import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../config';
import type { Logger } from '../logger';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { initOrm, migrate } from './orm';

export const EMBEDDED_DATABASE_NAME = 'pharmadesk';

export interface Database {
  orm: MikroORM;
  /** Set when we started PostgreSQL ourselves (no DATABASE_URL). */
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

/** Creates the database if it is missing (the embedded cluster starts with only `postgres`). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Connects (starting the embedded server when DATABASE_URL is unset) and applies migrations. */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let clientUrl = config.DATABASE_URL;
  if (!clientUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DATA_DIR, port: config.EMBEDDED_PG_PORT, logger });
    try {
      await ensureDatabase(embedded.url('postgres'), EMBEDDED_DATABASE_NAME);
    } catch (error) {
      await embedded.stop();
      throw error;
    }
    clientUrl = embedded.url(EMBEDDED_DATABASE_NAME);
  }
  let orm: MikroORM;
  try {
    orm = await initOrm({ clientUrl, poolMax: config.DATABASE_POOL_MAX, logger });
    const applied = await migrate(orm);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema up to date');
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    orm,
    embedded,
    async close() {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}
