import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '@pharmadesk/api';

function newestChange(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(target).map((name) => newestChange(path.join(target, name))));
}

/**
 * Builds the admin panel in the background when its build is missing or older than
 * its sources; the API serves a "being built" page until then, so start-up is not held up.
 */
export function buildAdminIfStale(repoRoot: string, distDir: string, logger: Logger): void {
  const adminDir = path.join(repoRoot, 'admin');
  // An ADMIN_DIST_DIR elsewhere is a build someone else manages.
  if (path.resolve(distDir) !== path.join(adminDir, 'dist')) return;
  const builtAt = newestChange(path.join(adminDir, 'dist', 'index.html'));
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((f) => newestChange(path.join(adminDir, f)));
  if (builtAt && builtAt >= Math.max(...sources)) return;
  const vite = path.join(adminDir, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite)) {
    logger.warn('admin panel not built: run `pnpm install` first');
    return;
  }
  logger.info('building the admin panel in the background');
  const started = Date.now();
  const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: adminDir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('exit', (code) => {
    if (code === 0) logger.info({ ms: Date.now() - started }, 'admin panel built');
    else logger.error({ code, stderr: stderr.slice(-2000) }, 'admin panel build failed');
  });
  child.unref();
}
