/** `pnpm bench`: the benchmarks, one at a time, on the same harness as the tests. */
const base = require('../../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/tests/bench/**/*.bench.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 1,
  testTimeout: 600_000,
};
