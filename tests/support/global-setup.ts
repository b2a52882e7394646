import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { apiConnectionUrl, clock, createLogger, initOrm, migrate, startEmbeddedPostgres, type EmbeddedPostgres } from '@pharmadesk/api';
import { demoSeeders, runSeeders } from '@pharmadesk/seeds';
import { TEST_AUTH_SECRET, TEST_NOW, TEST_SERVER_URL, TEST_TEMPLATE_DB, withDatabase } from './test-env';

declare global {
  // eslint-disable-next-line no-var
  var __pharmadeskTestPostgres: EmbeddedPostgres | undefined;
}

/**
 * One PostgreSQL for the whole run (embedded in a temp dir, or TEST_DATABASE_URL),
 * with a migrated template database holding the demo data (HQ, franchises east and
 * west, staff for every role) that each test file clones (see database.ts).
 */
export default async function globalSetup(): Promise<void> {
  const logger = createLogger({ LOG_LEVEL: 'warn' });
  if (process.env[TEST_NOW]) clock.travelTo(process.env[TEST_NOW]); // the demo data is written as of that instant
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = path.join(os.tmpdir(), `pharmadesk-test-pg-${process.pid}`);
    globalThis.__pharmadeskTestPostgres = await startEmbeddedPostgres({ dataDir, logger, ephemeral: true });
    serverUrl = globalThis.__pharmadeskTestPostgres.url('postgres');
  }
  const template = `pharmadesk_template_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
  } finally {
    await admin.end();
  }
  const orm = await initOrm({ clientUrl: withDatabase(serverUrl, template), logger });
  try {
    await migrate(orm);
    await runSeeders(orm, demoSeeders, { logger });
  } finally {
    await orm.close(true);
  }
  process.env[TEST_AUTH_SECRET] ??= randomBytes(32).toString('base64url');
  // The API's login role is cluster-wide: prepare it once here rather than racing in every test file.
  await apiConnectionUrl({ ownerUrl: withDatabase(serverUrl, template), secret: process.env[TEST_AUTH_SECRET], logger });
  process.env[TEST_SERVER_URL] = serverUrl;
  process.env[TEST_TEMPLATE_DB] = template;
}
