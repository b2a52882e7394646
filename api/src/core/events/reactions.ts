import type PgBoss from 'pg-boss';
import { Pool, type PoolClient } from 'pg';
import type { AppRuntime } from '../context';
import { inFranchise } from '../plugins/events';
import { enabledPluginsFor } from '../plugins/enablement';
import { CORE_PLUGIN_NAME, installedPlugins } from '../plugins/host';
import type { EventHandler, PluginDefinition } from '../plugins/plugin';
import type { DomainEvent } from './catalogue';

/**
 * Reactions: every handler (plugins', and modules' through the core plugin) of a committed
 * outbox event runs as a pg-boss job, at least once, recorded per (handler, event) in
 * event_reaction so a completed reaction never runs again; failures retry with backoff and,
 * after the last try, stay DEAD (the dead-letter list) with their error until retried.
 */
export const REACT_QUEUE = 'events.react';
const REACTION_BATCH = 20;

export interface ReactionSettings {
  retryLimit: number;
  retryDelaySeconds: number;
  pollMs: number;
}

interface NamedHandler {
  key: string;
  plugin: PluginDefinition;
  handler: EventHandler<any>;
}

/** `plugin/handler` → the handler, for every installed plugin (core's modules included). */
export function reactionHandlers(): Map<string, NamedHandler> {
  const all = new Map<string, NamedHandler>();
  for (const plugin of installedPlugins())
    for (const handler of plugin.eventHandlers ?? []) all.set(`${plugin.name}/${handler.name}`, { key: `${plugin.name}/${handler.name}`, plugin, handler });
  return all;
}

/** Runs `work` in a transaction on the owner pool that sees every franchise (RLS is forced for the owner too). */
async function inSystemTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.franchise_ids', '*', true)`);
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface Reactions {
  /** Dispatches what is waiting now (also runs on a timer). */
  dispatch(): Promise<number>;
  stop(): Promise<void>;
}

export async function startReactions(runtime: AppRuntime, boss: PgBoss, ownerUrl: string, settings: ReactionSettings): Promise<Reactions> {
  const pool = new Pool({ connectionString: ownerUrl, max: 2, application_name: 'pharmadesk-reactions' });
  const handlers = reactionHandlers();
  const topics = new Set([...handlers.values()].map((h) => h.handler.event as string));
  const jobOptions = { retryLimit: settings.retryLimit, retryDelay: settings.retryDelaySeconds, retryBackoff: true };
  const sendIn = (client: PoolClient, reactionId: string) =>
    boss.send(REACT_QUEUE, { reactionId }, { ...jobOptions, db: { executeSql: (text, values) => client.query(text, values) } });

  /** One batch: mark outbox rows dispatched and, in the same transaction, create their reactions and jobs. */
  const dispatchBatch = () =>
    inSystemTransaction(pool, async (client) => {
      const { rows } = await client.query<{ position: string; id: string; franchise_id: string; topic: string }>(
        `select position, id, franchise_id, topic from event_outbox where dispatched_at is null order by position limit 200 for update skip locked`,
      );
      // Dead reactions HQ sent back (status RETRY, from the admin): queued again here, where pg-boss runs.
      const retried = await client.query<{ id: string }>(`update event_reaction set status = 'PENDING', updated_at = now() where id in (select id from event_reaction where status = 'RETRY' limit 100 for update skip locked) returning id`);
      for (const r of retried.rows) await sendIn(client, r.id);
      if (!rows.length) return retried.rows.length;
      await client.query(`update event_outbox set dispatched_at = now() where position = any($1::bigint[])`, [rows.map((r) => r.position)]);
      const enabledBy = new Map<string, Set<string>>();
      for (const row of rows) {
        if (!topics.has(row.topic)) continue;
        if (!enabledBy.has(row.franchise_id)) {
          const enabled = await client.query<{ plugin: string }>(`select plugin from franchise_plugin where franchise_id = $1 and enabled`, [row.franchise_id]);
          enabledBy.set(row.franchise_id, new Set([CORE_PLUGIN_NAME, ...enabled.rows.map((r) => r.plugin)]));
        }
        for (const { key, plugin, handler } of handlers.values()) {
          if (handler.event !== row.topic || !enabledBy.get(row.franchise_id)!.has(plugin.name)) continue;
          const created = await client.query<{ id: string }>(
            `insert into event_reaction (event_id, handler, franchise_id) values ($1, $2, $3) on conflict (handler, event_id) do nothing returning id`,
            [row.id, key, row.franchise_id],
          );
          if (created.rows[0]) await sendIn(client, created.rows[0].id);
        }
      }
      return rows.length;
    });

  let running: Promise<number> | null = null;
  const dispatch = async (): Promise<number> => {
    if (running) return running;
    running = (async () => {
      let total = 0;
      for (let n = await dispatchBatch(); n > 0; n = await dispatchBatch()) total += n;
      return total;
    })().finally(() => (running = null));
    return running;
  };

  const react = async (job: PgBoss.JobWithMetadata<{ reactionId: string }>) => {
    const row = await inSystemTransaction(pool, async (client) => {
      const found = await client.query<{ status: string; handler: string; franchise_id: string; event_id: string; payload: DomainEvent }>(
        `select r.status, r.handler, r.franchise_id, r.event_id, e.payload from event_reaction r join event_outbox e on e.id = r.event_id where r.id = $1 for update of r`,
        [job.data.reactionId],
      );
      return found.rows[0];
    });
    if (!row || row.status === 'DONE') return; // already done (a repeated job): at most once to completion
    const named = handlers.get(row.handler);
    const finish = (status: 'DONE' | 'DEAD' | 'PENDING', error: string | null) =>
      inSystemTransaction(pool, (client) =>
        client.query(`update event_reaction set status = $2, attempts = attempts + 1, last_error = $3, updated_at = now() where id = $1`, [job.data.reactionId, status, error]),
      );
    if (!named) return void (await finish('DEAD', `handler ${row.handler} is no longer installed`));
    const last = job.retryCount >= job.retryLimit;
    try {
      const enabled = await inFranchise(runtime, row.franchise_id, (ctx) => enabledPluginsFor(ctx.em, row.franchise_id));
      const options = enabled.find((e) => e.plugin.name === named.plugin.name)?.options;
      if (options === undefined) return void (await finish('DONE', 'skipped: the plugin was disabled for this franchise before the reaction ran'));
      const logger = runtime.logger.child({ plugin: named.plugin.name, handler: named.handler.name, event: row.payload.type });
      await named.handler.handle(row.payload, { options, runtime, logger, inFranchise: (work) => inFranchise(runtime, row.franchise_id, work), lastAttempt: last, eventId: row.event_id });
      await finish('DONE', null);
    } catch (error) {
      await finish(last ? 'DEAD' : 'PENDING', (error as Error)?.message ?? String(error));
      runtime.logger.warn({ err: error, handler: row.handler, reaction: job.data.reactionId, dead: last }, last ? 'event handler failed for the last time: dead letter' : 'event handler failed; will retry');
      throw error;
    }
  };

  await boss.createQueue(REACT_QUEUE);
  // pg-boss waits a polling interval after every fetch, so one job per fetch would drain a
  // backlog at two reactions a second: fetch a batch and settle each job on its own, so one
  // failing handler retries alone (pg-boss then completes only the jobs still active).
  const workerId = await boss.work<{ reactionId: string }>(REACT_QUEUE, { batchSize: REACTION_BATCH, includeMetadata: true, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const job of jobs) await react(job).catch((error: unknown) => boss.fail(REACT_QUEUE, job.id, error as object));
  });
  const dispatchAndWake = async () => {
    const dispatched = await dispatch();
    if (dispatched) boss.notifyWorker(workerId);
    return dispatched;
  };
  const timer = setInterval(() => void dispatchAndWake().catch((error) => runtime.logger.error({ err: error }, 'event dispatch failed')), settings.pollMs);
  timer.unref();
  await dispatchAndWake();

  return {
    dispatch: dispatchAndWake,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
      await pool.end();
    },
  };
}
