import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createLogger, ensureDatabase, freePort, initOrm, migrate, startEmbeddedPostgres, type EmbeddedPostgres } from '@pharmadesk/api';
import { demoSeeders, runSeeders } from '@pharmadesk/seeds';
import type { TestDatabase } from './database';

export interface PrivatePostgres {
  /** The migrated demo database on this server (for startTestApp's `database` option). */
  database: TestDatabase;
  /** Runs SQL as the superuser (what the API cannot do: break its own connections, edit behind its back). */
  sql(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Kills the server as a crash would (immediate shutdown: every backend ends at once, recovery on restart). */
  kill(): Promise<void>;
  /** Starts it again on the same port and data; resolves when it accepts connections. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of its own for a test that kills and restarts it (the run's shared
 * server must stay up for the other test files), with the demo data migrated and seeded.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const logger = createLogger({ LOG_LEVEL: 'warn' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pharmadesk-private-pg-'));
  fs.chmodSync(dataDir, 0o755);
  const pgDir = path.join(dataDir, 'pg');
  const port = await freePort();
  let server: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: pgDir, port, logger });
  await ensureDatabase(server.url('postgres'), 'pharmadesk');
  const url = server.url('pharmadesk');
  const orm = await initOrm({ clientUrl: url, logger });
  try {
    await migrate(orm);
    await runSeeders(orm, demoSeeders, { logger });
  } finally {
    await orm.close(true);
  }
  const postmasterPid = () => Number(fs.readFileSync(path.join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    database: { name: 'pharmadesk', url, drop: async () => undefined },
    async sql(text, params) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return await client.query(text, params);
      } finally {
        await client.end();
      }
    },
    async kill() {
      const pid = postmasterPid();
      process.kill(pid, 'SIGQUIT');
      while (alive(pid)) await new Promise((r) => setTimeout(r, 20));
      await server.stop(); // the process is gone; this only forgets it
    },
    async restart() {
      server = await startEmbeddedPostgres({ dataDir: pgDir, port, logger });
    },
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
