/** One jest run for the whole repository: unit specs beside the code, cross-package tests in tests/. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/api/src/**/*.spec.ts', '<rootDir>/seeds/src/**/*.spec.ts', '<rootDir>/plugins/*/src/**/*.spec.ts', '<rootDir>/tests/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/tests/bench/', '<rootDir>/tests/e2e/'],
  // Tests run the TypeScript sources of workspace packages, never a possibly stale build.
  moduleNameMapper: {
    '^@pharmadesk/(api|seeds)$': '<rootDir>/$1/src/index.ts',
    '^@pharmadesk/(api|seeds)/(.*)$': '<rootDir>/$1/$2',
    '^@pharmadesk/plugin-([a-z0-9-]+)$': '<rootDir>/plugins/$1/src/index.ts',
    // ES module packages (the admin) are imported with a .js suffix that names the .ts source.
    '^(\\.{1,2}/.*/admin/src/.*)\\.js$': '$1',
  },
  setupFiles: ['reflect-metadata'],
  setupFilesAfterEnv: ['<rootDir>/tests/support/clock-setup.ts'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  maxWorkers: 2,
  testTimeout: 30000,
};
