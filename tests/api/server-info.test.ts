import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { clock } from '@pharmadesk/api';

const SERVER_INFO = 'query ServerInfo { serverInfo { version now databaseVersion } }';

describe('serverInfo over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('answers with the API version, the server time and the database version', async () => {
    const before = clock.nowMs();
    const res = await app.graphql<{ serverInfo: { version: string; now: string; databaseVersion: string } }>(SERVER_INFO);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const info = res.body.data!.serverInfo;
    expect(info.version).toBe(require('../../api/package.json').version);
    expect(Date.parse(info.now)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(info.now)).toBeLessThanOrEqual(clock.nowMs() + 1000);

    const pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    const { rows } = await pg.query<{ server_version: string }>('show server_version');
    await pg.end();
    expect(info.databaseVersion).toBe(rows[0]!.server_version);
  });

  it('echoes a caller request id and makes one up otherwise', async () => {
    const given = await app.graphql(SERVER_INFO, {}, { 'x-request-id': 'partner-abc-123' });
    expect(given.headers.get('x-request-id')).toBe('partner-abc-123');
    const made = await app.graphql(SERVER_INFO, {}, { 'x-request-id': 'bad id with spaces' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports liveness and readiness', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('is not ready when a migration is pending', async () => {
    const pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    const { rows } = await pg.query<{ name: string }>('delete from mikro_orm_migrations returning name');
    try {
      const ready = await fetch(`${app.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'migrations pending', pending: rows.map((r) => r.name) });
    } finally {
      for (const { name } of rows) await pg.query('insert into mikro_orm_migrations (name) values ($1)', [name]);
      await pg.end();
    }
  });
});
