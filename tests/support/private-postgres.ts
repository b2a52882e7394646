import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createLogger, ensureDatabase, freePort, initOrm, migrate, startEmbeddedPostgres, type EmbeddedPostgres } from '@pharmadesk/api';
import { createTestDatabase, type TestDatabase } from './database';

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

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * Copies the rows of every table (and the sequences' positions) from a copy of the run's
 * demo template into a freshly migrated database: the same demo data in seconds, where
 * replaying the demo's weeks of work through the services takes minutes on a busy machine.
 */
async function copyDemoData(targetUrl: string): Promise<void> {
  const source = await createTestDatabase();
  const [from, to] = await Promise.all([connect(source.url), connect(targetUrl)]);
  try {
    // Generated columns are computed again on insert; identity columns keep their values.
    const { rows: tables } = await from.query<{ name: string; columns: string }>(
      `select format('%I.%I', c.table_schema, c.table_name) as name, string_agg(format('%I', c.column_name), ', ' order by c.ordinal_position) as columns
         from information_schema.columns c join pg_tables t on t.schemaname = c.table_schema and t.tablename = c.table_name
        where c.table_schema = 'public' and c.table_name <> 'mikro_orm_migrations' and c.is_generated = 'NEVER'
        group by 1 order by 1`,
    );
    await to.query('begin');
    // Foreign keys and triggers wait: rows arrive table by table, in no particular order.
    await to.query(`set local session_replication_role = replica`);
    const migrated = new Set((await to.query<{ name: string }>(`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public'`)).rows.map((r) => r.name));
    // Tables the migrations do not create (the seeder's bookkeeping) stay behind.
    for (const { name, columns } of tables.filter((t) => migrated.has(t.name))) {
      const { rows } = await from.query<{ data: unknown[] | null }>(`select json_agg(t) as data from ${name} t`);
      if (!rows[0]?.data) continue;
      // Rows a migration wrote (built-in survey templates) come across with the demo copy.
      await to.query(`delete from ${name}`);
      await to.query(`insert into ${name} (${columns}) overriding system value select ${columns} from json_populate_recordset(null::${name}, $1)`, [JSON.stringify(rows[0].data)]);
    }
    const { rows: sequences } = await from.query<{ name: string; value: string; called: boolean }>(
      `select format('%I.%I', schemaname, sequencename) as name, coalesce(last_value, 1)::text as value, last_value is not null as called
         from pg_sequences where schemaname = 'public'`,
    );
    for (const seq of sequences) await to.query(`select setval($1, $2, $3)`, [seq.name, seq.value, seq.called]);
    await to.query('commit');
  } finally {
    await Promise.all([from.end(), to.end()]);
    await source.drop();
  }
}

/**
 * A PostgreSQL server of its own for a test that kills and restarts it (the run's shared
 * server must stay up for the other test files), migrated, with the run's demo data.
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
  } finally {
    await orm.close(true);
  }
  await copyDemoData(url);
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
