// `pnpm bench`: each benchmark in its own jest run, one after another, so they neither share
// a process nor compete for the two cores. Pass file names to run only those.
// Libraries run as deployed (NODE_ENV=production: graphql-js skips its development-only checks,
// 10% of the API's CPU on a queue page); the app under test keeps its test configuration.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const dir = __dirname;
const wanted = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!wanted.length || wanted.some((w) => f.includes(w))));
let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', path.join(dir, 'jest.config.js'), path.join(dir, file)], { stdio: 'inherit', env: { NODE_ENV: 'production', ...process.env } });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
