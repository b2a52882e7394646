import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(4000);
    expect(config.NODE_ENV).toBe('development');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.introspection).toBe(true);
    expect(config.EMBEDDED_PG_DATA_DIR).toMatch(/\.data[\\/]postgres$/);
  });

  it('turns introspection off by default in production, unless asked for', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: secret }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: secret, GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('requires AUTH_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET: is required in production/);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(4000);
  });

  it('names every invalid variable with the value it got', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'not a url', REQUEST_BODY_LIMIT: 'huge' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['DATABASE_URL', 'PORT', 'REQUEST_BODY_LIMIT']);
    expect((error as Error).message).toContain('"70000"');
  });
});
