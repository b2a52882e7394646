import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configVariableNames } from '@pharmadesk/api';

const root = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('the repository agrees with the configuration', () => {
  it('docker-compose.yml parses and its API service sets only variables the config knows, including DATABASE_URL', () => {
    const compose = parse(read('docker-compose.yml')) as { services: Record<string, { environment?: Record<string, unknown>; build?: unknown }> };
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'api']));
    const names = Object.keys(compose.services.api!.environment ?? {});
    const unknown = names.filter((n) => !(configVariableNames as string[]).includes(n));
    expect(unknown).toEqual([]);
    expect(names).toContain('DATABASE_URL');
    expect(compose.services.api!.build).toBe('.');
    expect(fs.existsSync(path.join(root, 'Dockerfile'))).toBe(true);
  });

  it('the README configuration table lists every variable', () => {
    const readme = read('README.md');
    const missing = configVariableNames.filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });

  it('.ci/run installs from the lockfile and then runs exactly the README test command, which includes the awkward-instant pass', () => {
    const readme = read('README.md');
    expect(readme).toContain('pnpm install && pnpm test');
    const ci = read('.ci/run').trim().split('\n');
    expect(ci).toContain('pnpm install --frozen-lockfile');
    expect(ci[ci.length - 1]).toBe('pnpm test');
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test).toMatch(/jest && pnpm run test:awkward-instant$/);
    expect(scripts['test:awkward-instant']).toMatch(/^PHARMADESK_TEST_NOW=\S+ jest /);
  });
});
