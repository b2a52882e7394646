import path from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { AuditChangeCapture } from '../audit/audit-capture';
import { migrationsList } from '../../../migrations';
import { installedModules } from '../modules/module';
import { installedPlugins, pluginMigrations } from '../plugins/host';
import type { Logger } from '../logger';

const migrationsFolder = path.resolve(__dirname, __filename.endsWith('.ts') ? '../../../migrations' : '../../../../migrations');

export interface OrmOptions {
  clientUrl: string;
  poolMax?: number;
  logger?: Logger;
  /**
   * Keep api/migrations/.snapshot-pharmadesk.json: only `pnpm migration:create` does, so the
   * snapshot records the entities as of the last migration (hand-written SQL in migrations,
   * such as RLS, extra indexes and foreign keys, never shows up as a difference).
   */
  snapshot?: boolean;
  /** Include the installed plugins' entities and migrations (default); `pnpm migration:create` leaves them out. */
  plugins?: boolean;
}

/** The one MikroORM configuration: used by the server, tests, seeds and the migration script. */
export function ormConfig({ clientUrl, poolMax = 10, logger, snapshot = false, plugins = true }: OrmOptions): Options {
  return {
    clientUrl,
    // The installed modules' entities (and plugins'): install them first (loadInstalledPlugins).
    entities: [...installedModules().flatMap((m) => m.entities ?? []), ...(plugins ? installedPlugins().flatMap((p) => p.schema?.entities ?? []) : [])],
    extensions: [Migrator],
    subscribers: [new AuditChangeCapture()],
    discovery: { warnWhenNoEntities: false, disableDynamicFileAccess: true },
    // Every request works on its own fork; touching the global EntityManager is a bug.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: poolMax },
    // LOG_LEVEL=trace logs every SQL statement with its parameters and duration.
    debug: logger?.isLevelEnabled('trace') ? ['query', 'query-params'] : false,
    logger: logger ? (message) => logger.trace({ orm: message }) : undefined,
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: migrationsFolder,
      pathTs: migrationsFolder,
      emit: 'ts',
      snapshot,
      snapshotName: '.snapshot-pharmadesk',
      fileName: (timestamp, name) => `Migration${timestamp}_${name ?? 'change'}`,
      transactional: true,
      allOrNothing: true,
      // Core's and the plugins' together, in name (timestamp) order: the same order on every database.
      migrationsList: plugins ? [...migrationsList, ...pluginMigrations()].sort((a, b) => a.name.localeCompare(b.name)) : migrationsList,
    },
  };
}

export async function initOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
}
