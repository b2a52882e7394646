import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_TEMPLATE_DB, testServerUrl, withDatabase } from './test-env';

export interface TestDatabase {
  name: string;
  /** Superuser/owner URL of this database. */
  url: string;
  drop(): Promise<void>;
}

async function withServer<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one test file: a copy of the template (milliseconds, not a migration run). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `pharmadesk_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = process.env[TEST_TEMPLATE_DB];
  await withServer((c) => c.query(`create database ${name} template ${template}`));
  return {
    name,
    url: withDatabase(testServerUrl(), name),
    drop: () => withServer((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
