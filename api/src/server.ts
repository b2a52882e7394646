import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from './app';
import type { Config } from './config';
import { openDatabase, type Database } from './core/database/database';
import { createLogger, type Logger } from './core/logger';
import { resolveAuthSecret } from './core/auth/auth-secret';
import { inScopedTransaction, SYSTEM_SCOPE } from './core/tenancy/scope';
import { syncRoleTemplates } from './modules/identity/role-templates';
import { startJobs, type Jobs } from './core/jobs/jobs';
import { loadInstalledPlugins, moduleJobs } from './plugins';

export interface RunningServer {
  url: string;
  app: App;
  database: Database;
  /** Background jobs, when JOBS_ENABLED. */
  jobs?: Jobs;
  logger: Logger;
  /** Drains requests and connections, closes the pool, stops the embedded database. */
  stop(): Promise<void>;
}

export interface ServerHooks {
  /** Runs on the owner connection after migrations, before listening (the demo launcher seeds here). */
  afterMigrate?(ownerOrm: MikroORM, context: { embedded: boolean; logger: Logger }): Promise<void>;
}

/** config -> database (embedded or DATABASE_URL) -> migrations -> app -> listen. */
export async function startServer(config: Config, hooks: ServerHooks = {}, logger = createLogger(config)): Promise<RunningServer> {
  // First: a plugin that does not fit stops start-up before anything is touched.
  const plugins = loadInstalledPlugins(config);
  logger.info({ plugins: plugins.map((p) => `${p.name}@${p.version}`) }, 'plugins loaded');
  const authSecret = resolveAuthSecret(config);
  const database = await openDatabase(config, logger, {
    authSecret,
    afterMigrate: hooks.afterMigrate && ((owner) => hooks.afterMigrate!(owner, { embedded: !config.DATABASE_URL, logger })),
  });
  let app: App;
  let url: string;
  let jobs: Jobs | undefined;
  try {
    await inScopedTransaction(database.orm.em, SYSTEM_SCOPE, syncRoleTemplates);
    app = await createApp({ config, orm: database.orm, logger, authSecret, eventsUrl: database.appUrl });
    if (config.JOBS_ENABLED) app.runtime.jobs = jobs = await startJobs(app.runtime, database.ownerUrl, moduleJobs());
    url = await app.listen();
  } catch (error) {
    await jobs?.stop();
    await database.close();
    throw error;
  }
  logger.info({ url, graphql: `${url}/graphql` }, 'PharmaDesk API listening');
  let stopping: Promise<void> | undefined;
  return {
    url,
    app,
    database,
    jobs,
    logger,
    stop() {
      stopping ??= (async () => {
        // Each step is logged with its duration, so a shutdown that runs out of time says where.
        await timed(logger, 'requests and connections drained', () => app.shutdown());
        if (jobs) await timed(logger, 'jobs stopped', () => jobs!.stop());
        await timed(logger, 'database closed', () => database.close());
      })();
      return stopping;
    },
  };
}

async function timed(logger: Logger, done: string, step: () => Promise<void>): Promise<void> {
  const started = Date.now();
  await step();
  logger.info({ ms: Date.now() - started }, done);
}

/**
 * Stops cleanly on SIGTERM/SIGINT within SHUTDOWN_TIMEOUT_MS, forcing exit after that.
 * A second signal exits at once.
 */
export function stopOnSignals(server: RunningServer, timeoutMs: number): void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) process.exit(130);
    received = true;
    server.logger.info({ signal }, 'shutting down: draining requests and connections');
    const force = setTimeout(() => {
      server.logger.error({ timeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    force.unref();
    server.stop().then(
      () => {
        server.logger.info('shutdown complete');
        process.exit(0);
      },
      (error) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
