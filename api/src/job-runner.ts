import { createRuntime } from './app';
import type { Config } from './config';
import { resolveAuthSecret } from './core/auth/auth-secret';
import { openDatabase, type Database } from './core/database/database';
import { startJobs, type Jobs } from './core/jobs/jobs';
import { createLogger, type Logger } from './core/logger';
import { loadInstalledPlugins, moduleJobs } from './plugins';

export interface JobRunner {
  jobs: Jobs;
  database: Database;
  logger: Logger;
  stop(): Promise<void>;
}

/**
 * A process that only works the background jobs (no HTTP, no GraphQL schema): it starts
 * from the module list like the server does, so it registers exactly the same jobs.
 */
export async function startJobRunner(config: Config, logger = createLogger(config)): Promise<JobRunner> {
  loadInstalledPlugins(config);
  const authSecret = resolveAuthSecret(config);
  const database = await openDatabase(config, logger, { authSecret });
  try {
    const runtime = await createRuntime({ config, orm: database.orm, logger, authSecret, eventsUrl: database.appUrl });
    const jobs = await startJobs(runtime, database.ownerUrl, moduleJobs());
    logger.info({ jobs: jobs.names() }, 'PharmaDesk job runner working');
    return {
      jobs,
      database,
      logger,
      async stop() {
        await jobs.stop();
        await runtime.pubsub.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
