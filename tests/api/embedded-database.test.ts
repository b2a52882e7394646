import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../support/database';
import { DEMO_LAUNCHER, spawnEntry, stopGracefully, waitForListening } from '../support/process';

/** `pnpm start` runs this launcher: embedded PostgreSQL unless DATABASE_URL is set. */
describe('the demo launcher and the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pharmadesk-embedded-'));
  const env = {
    EMBEDDED_PG_DATA_DIR: path.join(dataDir, 'postgres'),
    ADMIN_DIST_DIR: path.join(dataDir, 'no-admin'),
    PORT: '0',
    HOST: '127.0.0.1',
  };
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function serverInfo(url: string) {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serverInfo { databaseVersion } }' }),
    });
    return ((await res.json()) as { data: { serverInfo: { databaseVersion: string } } }).data.serverInfo;
  }

  it('creates the database on first start, serves GraphQL, and stops it on SIGTERM', async () => {
    const server = spawnEntry(DEMO_LAUNCHER, env);
    // The first start seeds the demo by replaying weeks of work through the services: about 37 s at
    // load 7 on two cores, 126 s when the machine is as busy as a full test run makes it (load 15).
    const url = await waitForListening(server, 150_000);
    expect((await serverInfo(url)).databaseVersion).toMatch(/^\d+/);
    const messages = server.logLines().map((l) => l.msg);
    expect(messages).toContain('initialising embedded PostgreSQL');
    expect(messages).toContain('migrations applied');
    expect(server.output()).toContain(`PharmaDesk is running: ${url}`);

    expect(await stopGracefully(server)).toBe(0);
    expect(server.logLines().map((l) => l.msg)).toContain('embedded PostgreSQL stopped');
    expect(fs.existsSync(path.join(env.EMBEDDED_PG_DATA_DIR, 'postmaster.pid'))).toBe(false);
  }, 200_000);

  it('reuses the data on a second start', async () => {
    const server = spawnEntry(DEMO_LAUNCHER, env);
    await waitForListening(server);
    const messages = server.logLines().map((l) => l.msg);
    expect(messages).not.toContain('initialising embedded PostgreSQL');
    expect(messages).toContain('database schema up to date');
    expect(await stopGracefully(server)).toBe(0);
  });

  it('recovers from a run that was killed without stopping its database', async () => {
    const killed = spawnEntry(DEMO_LAUNCHER, env);
    await waitForListening(killed);
    killed.child.kill('SIGKILL'); // postgres keeps running, orphaned
    await killed.exited;

    const server = spawnEntry(DEMO_LAUNCHER, env);
    const url = await waitForListening(server);
    expect(server.logLines().map((l) => l.msg)).toContain('stopping an embedded PostgreSQL left running by an earlier run');
    expect((await serverInfo(url)).databaseVersion).toMatch(/^\d+/);
    expect(await stopGracefully(server)).toBe(0);
  });

  it('starts nothing embedded when DATABASE_URL is set', async () => {
    const database = await createTestDatabase();
    try {
      const server = spawnEntry(DEMO_LAUNCHER, { ...env, DATABASE_URL: database.url });
      const url = await waitForListening(server);
      expect((await serverInfo(url)).databaseVersion).toMatch(/^\d+/);
      expect(server.logLines().map((l) => l.msg)).not.toContain('embedded PostgreSQL started');
      expect(server.output()).toContain('Database: DATABASE_URL');
      expect(await stopGracefully(server)).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
