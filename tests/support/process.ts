import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_AUTH_SECRET } from './test-env';

const repoRoot = path.resolve(__dirname, '../..');
export const API_MAIN = path.join(repoRoot, 'api/dist/src/main.js');
export const DEMO_LAUNCHER = path.join(repoRoot, 'seeds/dist/start-demo.js');

export interface SpawnedServer {
  child: ChildProcess;
  /** Every stdout/stderr line so far. */
  output(): string;
  logLines(): { msg?: string; [key: string]: unknown }[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Runs a built entry point (`pnpm test` builds first) as its own process, the way users run it. */
export function spawnEntry(entry: string, env: Record<string, string>): SpawnedServer {
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`pnpm build\` (pnpm test does it for you).`);
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', AUTH_SECRET: process.env[TEST_AUTH_SECRET] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    logLines: () =>
      output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg?: string }),
  };
}

/** Waits for the "listening" log line and returns the server's URL. */
export async function waitForListening(server: SpawnedServer, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = server.logLines().find((l) => l.msg === 'PharmaDesk API listening');
    if (line) return line.url as string;
    if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`server did not start in ${timeoutMs} ms:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sends SIGTERM and resolves with the exit code; a non-zero code fails with the shutdown's log lines. */
export async function stopGracefully(server: SpawnedServer): Promise<number | null> {
  server.child.kill('SIGTERM');
  const code = await server.exited;
  if (code !== 0) {
    const shutdown = server.logLines().slice(-12);
    throw new Error(`server exited with ${code} on SIGTERM; its last log lines:\n${shutdown.map((l) => JSON.stringify(l)).join('\n')}`);
  }
  return code;
}
