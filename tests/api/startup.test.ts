import { API_MAIN, spawnEntry } from '../support/process';

describe('start-up with a bad environment', () => {
  it.each([
    ['PORT', { PORT: 'eighty' }, /PORT: .*"eighty"/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }, /DATABASE_URL: must start with postgres/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL: .*"loud"/],
  ])('stops with a message naming %s', async (_name, env, message) => {
    const server = spawnEntry(API_MAIN, env);
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Invalid configuration/);
    expect(server.output()).toMatch(message);
  });

  it('names every bad variable at once', async () => {
    const server = spawnEntry(API_MAIN, { PORT: '-1', SHUTDOWN_TIMEOUT_MS: 'soon' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/PORT:/);
    expect(server.output()).toMatch(/SHUTDOWN_TIMEOUT_MS:/);
  });
});
