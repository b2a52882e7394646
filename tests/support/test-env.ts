/** Names of the variables global-setup hands to test files (jest workers inherit process.env). */
export const TEST_SERVER_URL = 'PHARMADESK_TEST_SERVER_URL';
export const TEST_TEMPLATE_DB = 'PHARMADESK_TEST_TEMPLATE_DB';
/** One AUTH_SECRET for every app of the run: it derives the shared API database role's password. */
export const TEST_AUTH_SECRET = 'PHARMADESK_TEST_AUTH_SECRET';

export function testAuthSecret(): string {
  const secret = process.env[TEST_AUTH_SECRET];
  if (!secret) throw new Error('The test auth secret is not set up: run tests through `pnpm test` (jest globalSetup).');
  return secret;
}

export function testServerUrl(): string {
  const url = process.env[TEST_SERVER_URL];
  if (!url) throw new Error('The test database server is not set up: run tests through `pnpm test` (jest globalSetup).');
  return url;
}

/** The same server URL with another database name. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
/**
 * When set (an ISO instant), every test file and the demo template run with the product's clock
 * moved there (it keeps running): `.ci/run` uses it to run the date-sensitive suites at an awkward instant.
 */
export const TEST_NOW = 'PHARMADESK_TEST_NOW';
