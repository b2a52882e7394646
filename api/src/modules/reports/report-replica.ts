import { Pool } from 'pg';
import type { AppRuntime, RequestContext } from '../../core/context';
import { readRows } from '../../core/read/sql';
import { scopeSetting } from '../../core/tenancy/scope';

/**
 * Report reads from a replica when DATABASE_REPLICA_URL is configured: a pool of its own (the
 * role there must be subject to row-level security like the API's), each report in a read-only
 * transaction with the caller's franchise scope set as on the primary. Without it, the
 * operation's own transaction on the primary.
 */
const pools = new WeakMap<AppRuntime, Pool>();
let statements = 0;

/** Statements sent to the replica since the process started (tests prove reports go there). */
export function reportReplicaStatements(): number {
  return statements;
}

function replicaPool(runtime: AppRuntime): Pool | null {
  const url = runtime.config.DATABASE_REPLICA_URL;
  if (!url) return null;
  let pool = pools.get(runtime);
  if (!pool) {
    pool = new Pool({ connectionString: url, max: Math.max(2, Math.ceil(runtime.config.DATABASE_POOL_MAX / 2)), application_name: 'pharmadesk-reports', allowExitOnIdle: true, idleTimeoutMillis: 10_000 });
    pool.on('error', (error) => runtime.logger.warn({ err: error }, 'report replica connection failed'));
    pools.set(runtime, pool);
  }
  return pool;
}

/** Closes the replica pool of a runtime (on shutdown). */
export async function closeReportReplica(runtime: AppRuntime): Promise<void> {
  const pool = pools.get(runtime);
  pools.delete(runtime);
  await pool?.end();
}

/** The rows of `sql` (`?` placeholders): on the replica when one is configured, else in the operation's transaction. */
export async function readReportRows<T>(ctx: RequestContext, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  const pool = replicaPool(ctx.runtime);
  if (!pool) return readRows<T>(ctx.em, sql, bindings);
  let n = 0;
  const text = sql.replace(/\?/g, () => `$${++n}`);
  const client = await pool.connect();
  try {
    await client.query('begin transaction read only');
    await client.query(`select set_config('app.franchise_ids', $1, true)`, [scopeSetting(ctx.scope)]);
    statements++;
    const { rows } = await client.query(text, bindings as unknown[]);
    await client.query('commit');
    return rows as T[];
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
