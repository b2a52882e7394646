import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { shutdownBudgetMs, type Config } from '../../config';
import type { Logger } from '../logger';
import { apiConnectionUrl, assertRlsBound } from '../tenancy/app-role';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { initOrm, migrate } from './orm';

export const EMBEDDED_DATABASE_NAME = 'pharmadesk';

export interface Database {
  /** The ORM requests use: connected as a role bound by row-level security. */
  orm: MikroORM;
  /** Set when we started PostgreSQL ourselves (no DATABASE_URL). */
  embedded?: EmbeddedPostgres;
  /** The owner connection URL (background jobs keep their queue schema with it). */
  ownerUrl: string;
  /** The API role's connection URL (live events are shared over it). */
  appUrl: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Needed to derive the API role's password (unless DATABASE_APP_URL is set). */
  authSecret: string;
  /** Runs on the owner connection after migrations (demo seeding); RLS does not bind the owner when it is a superuser. */
  afterMigrate?(ownerOrm: MikroORM): Promise<void>;
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

export interface OwnerDatabase {
  /** Connected as the owner (DATABASE_URL, or the embedded superuser): migrations and seeds. */
  orm: MikroORM;
  url: string;
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

/** Connects as the owner (starting the embedded server when DATABASE_URL is unset) and migrates. */
export async function openOwnerDatabase(config: Config, logger: Logger): Promise<OwnerDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.EMBEDDED_PG_DATA_DIR,
      port: config.EMBEDDED_PG_PORT,
      stopTimeoutMs: shutdownBudgetMs(config, 'stopDatabase'),
      logger,
    });
    try {
      await ensureDatabase(embedded.url('postgres'), EMBEDDED_DATABASE_NAME);
    } catch (error) {
      await embedded.stop();
      throw error;
    }
    url = embedded.url(EMBEDDED_DATABASE_NAME);
  }
  let orm: MikroORM | undefined;
  try {
    orm = await initOrm({ clientUrl: url, poolMax: 2, logger });
    const applied = await migrate(orm);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema up to date');
  } catch (error) {
    await orm?.close(true);
    await embedded?.stop();
    throw error;
  }
  const ownerOrm = orm;
  return {
    orm: ownerOrm,
    url,
    embedded,
    async close() {
      await ownerOrm.close(true);
      await embedded?.stop();
    },
  };
}

/**
 * Migrates and runs `afterMigrate` as the owner, then opens the request pool as the
 * API role (neither superuser nor BYPASSRLS); the owner pool is closed.
 */
export async function openDatabase(config: Config, logger: Logger, options: OpenDatabaseOptions): Promise<Database> {
  const owner = await openOwnerDatabase(config, logger);
  let orm: MikroORM | undefined;
  let appUrl: string;
  try {
    await options.afterMigrate?.(owner.orm);
    await owner.orm.close(true);
    appUrl = await apiConnectionUrl({ ownerUrl: owner.url, appUrl: config.DATABASE_APP_URL, secret: options.authSecret, logger });
    orm = await initOrm({ clientUrl: appUrl, poolMax: config.DATABASE_POOL_MAX, logger });
    await assertRlsBound((sql) => orm!.em.getConnection().execute(sql));
  } catch (error) {
    await owner.orm.close(true).catch(() => undefined);
    await orm?.close(true);
    await owner.embedded?.stop();
    throw error;
  }
  const requestOrm = orm;
  return {
    orm: requestOrm,
    embedded: owner.embedded,
    ownerUrl: owner.url,
    appUrl,
    async close() {
      await requestOrm.close(true);
      await owner.embedded?.stop();
    },
  };
}
