import PgBoss from 'pg-boss';
import { shutdownBudgetMs } from '../../config';
import type { AppRuntime } from '../context';
import { startReactions } from '../events/reactions';

/**
 * Background work that must survive the process (SLA timers, daily care jobs...),
 * through pg-boss on PostgreSQL: every API instance shares the queues, a job runs once.
 * Modules declare their jobs with defineJob and list them in their manifest; the server
 * (or a job runner) starts the jobs of the installed modules.
 */
export interface JobDefinition<T extends object = object> {
  name: string;
  description: string;
  /** Cron schedule in the business time zone (Asia/Shanghai), if the job is periodic. */
  cron?: string;
  /** Retries after a failure (pg-boss): how many, the first delay in seconds, doubling each time when backoff. */
  retry?: { limit: number; delaySeconds: number; backoff?: boolean };
  run(runtime: AppRuntime, data: T): Promise<unknown>;
}

/** Declares a job (typed data); it runs once a module lists it in its manifest's `jobs`. */
export function defineJob<T extends object>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}

/** When and how often a job may be queued: not before `startAfter`; one job per `singletonKey` at a time. */
export interface SendOptions {
  startAfter?: Date;
  singletonKey?: string;
}

export interface Jobs {
  /** The jobs this process works on. */
  names(): string[];
  /** Queues a job; returns its id (null when a job with the same singletonKey is already waiting). */
  send(name: string, data?: object, options?: SendOptions): Promise<string | null>;
  /** Queues a job and waits for it to finish (tests, "run now" buttons). */
  runNow(name: string, data?: object, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export const JOB_TIME_ZONE = 'Asia/Shanghai';

/** Starts pg-boss on the owner connection (it keeps its own schema, pgboss) and the workers. */
export async function startJobs(runtime: AppRuntime, connectionString: string, jobs: readonly JobDefinition<any>[]): Promise<Jobs> {
  const definitions = new Map(jobs.map((j) => [j.name, j as JobDefinition]));
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 3, application_name: 'pharmadesk-jobs' });
  boss.on('error', (error) => runtime.logger.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const definition of definitions.values()) {
    await boss.createQueue(definition.name);
    await boss.work(definition.name, { batchSize: 1 }, async ([job]) => {
      const started = Date.now();
      await definition.run(runtime, (job?.data ?? {}) as object);
      runtime.logger.info({ job: definition.name, ms: Date.now() - started }, 'job done');
    });
    if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: JOB_TIME_ZONE });
  }
  // Reactions to committed outbox events (plugin and module event handlers), as pg-boss jobs.
  const reactions = await startReactions(runtime, boss, connectionString, {
    retryLimit: runtime.config.EVENT_RETRY_LIMIT,
    retryDelaySeconds: runtime.config.EVENT_RETRY_DELAY_SECONDS,
    pollMs: 1_000,
  });
  const send = async (name: string, data: object = {}, options: SendOptions = {}) => {
    const definition = definitions.get(name);
    if (!definition) throw new Error(`No job named "${name}"`);
    const retry = definition.retry ? { retryLimit: definition.retry.limit, retryDelay: definition.retry.delaySeconds, retryBackoff: definition.retry.backoff ?? false } : {};
    const id = await boss.send(name, data, { ...retry, ...options });
    if (!id && !options.singletonKey) throw new Error(`pg-boss did not queue ${name}`);
    return id;
  };
  return {
    names: () => [...definitions.keys()],
    send,
    async runNow(name, data = {}, timeoutMs = 30_000) {
      const id = (await send(name, data))!;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const job = await boss.getJobById(name, id, { includeArchive: true });
        if (job?.state === 'completed') return;
        if (job?.state === 'failed') throw new Error(`Job ${name} failed: ${JSON.stringify(job.output)}`);
        if (Date.now() > deadline) throw new Error(`Job ${name} did not finish within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      await reactions.stop();
      await boss.stop({ graceful: true, wait: true, timeout: shutdownBudgetMs(runtime.config, 'stopJobs') });
    },
  };
}
