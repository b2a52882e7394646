import fs from 'node:fs';
import path from 'node:path';

const API = path.resolve(__dirname, '../../api/src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Every module specifier a file imports (static imports and exports, require, dynamic import). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]|(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push((m[1] ?? m[2] ?? m[3])!);
  return found;
}

/** Where a specifier points, or null for packages. */
const target = (file: string, spec: string) => (spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null);

describe('core depends on no module', () => {
  it('no file under api/src/core imports api/src/modules, directly or through another file', () => {
    const resolve = (to: string) => [`${to}.ts`, path.join(to, 'index.ts')].find((f) => fs.existsSync(f));
    const offenders: string[] = [];
    for (const file of files(path.join(API, 'core'))) {
      // Follow relative imports from this core file; reaching api/src/modules is a dependency on a module.
      const seen = new Set([file]);
      const queue: { at: string; via: string[] }[] = [{ at: file, via: [] }];
      while (queue.length) {
        const { at, via } = queue.shift()!;
        for (const spec of specifiers(fs.readFileSync(at, 'utf8'))) {
          const to = target(at, spec);
          const next = to && resolve(to);
          if (!next || seen.has(next)) continue;
          seen.add(next);
          const chain = [...via, path.relative(API, next)];
          if (next.startsWith(path.join(API, 'modules') + path.sep)) offenders.push(`${path.relative(API, file)} -> ${chain.join(' -> ')}`);
          else queue.push({ at: next, via: chain });
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('reads imports well enough to catch one (the check itself can fail)', () => {
    const file = path.join(API, 'core/example.ts');
    const offending = specifiers(`import type { Case } from '../modules/cases/case.entity';\nimport x from 'pg';\nconst y = require('../plugins');`).map((s) => target(file, s));
    expect(offending).toEqual([path.join(API, 'modules/cases/case.entity'), null, path.join(API, 'plugins')]);
  });

  it('modules register nothing by being imported: no bare side-effect imports of module files', () => {
    const bare = files(path.join(API, 'modules')).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/^import\s+['"](\.[^'"]+)['"];?$/gm)].map((m) => `${path.relative(API, file)} imports ${m[1]} for its side effects`),
    );
    expect(bare).toEqual([]);
  });
});
