import path from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { spawnEntry, type SpawnedServer } from '../support/process';

const JOB_RUNNER = path.resolve(__dirname, '../../api/dist/src/jobs-main.js');

/** The job runner starts from the module list, not from the GraphQL schema or resolvers importing jobs. */
describe('job runner', () => {
  let app: TestApp;
  let database: TestDatabase;
  let runner: SpawnedServer | undefined;
  beforeAll(async () => {
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    runner?.child.kill('SIGTERM');
    await runner?.exited;
    await app.stop();
    await database.drop();
  });

  it('registers the same jobs as the API server, without building the schema', async () => {
    runner = spawnEntry(JOB_RUNNER, { DATABASE_URL: database.url, JOBS_ENABLED: 'true' });
    const deadline = Date.now() + 60_000;
    let working: Record<string, unknown> | undefined;
    while (!(working = runner.logLines().find((l) => l.msg === 'PharmaDesk job runner working'))) {
      if (runner.child.exitCode !== null || Date.now() > deadline) throw new Error(`job runner did not start:\n${runner.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const serverJobs = app.server.jobs!.names().sort();
    expect(serverJobs).toEqual(expect.arrayContaining(['cases.sla-check', 'customers.birthday-reminders', 'customers.recompute-segments']));
    expect([...(working.jobs as string[])].sort()).toEqual(serverJobs);
    expect(runner.logLines().some((l) => l.msg === 'PharmaDesk API listening')).toBe(false);
  });
});
