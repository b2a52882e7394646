import { Client } from 'pg';
import { TEST_SERVER_URL, TEST_TEMPLATE_DB } from './test-env';

export default async function globalTeardown(): Promise<void> {
  if (globalThis.__pharmadeskTestPostgres) {
    await globalThis.__pharmadeskTestPostgres.stop(); // ephemeral: its data dir goes too
    return;
  }
  // An external server (TEST_DATABASE_URL): leave it as we found it.
  const client = new Client({ connectionString: process.env[TEST_SERVER_URL] });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like 'pharmadesk\\_t\\_%' or datname = $1`,
      [process.env[TEST_TEMPLATE_DB]],
    );
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}
