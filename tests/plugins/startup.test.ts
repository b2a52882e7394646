import { loadConfig, ConfigError, PluginLoadError } from '@pharmadesk/api';
import { startTestApp } from '../support/app';

/** A plugin that does not fit stops start-up with a message naming the plugin and the problem. */
describe('plugin loading at start-up', () => {
  const refused = async (plugins: string) => {
    const error = await startTestApp({ PLUGINS: plugins }).then(
      async (app) => {
        await app.stop();
        return null;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PluginLoadError);
    return (error as Error).message;
  };

  it('refuses a plugin whose compatibility range excludes this API version', async () => {
    expect(await refused('./tests/plugins/fixtures/incompatible')).toMatch(/plugin "from-the-future" 1\.0\.0 is not compatible with this API: it supports API versions \^9\.0\.0, this API is 0\.1\.0/);
  });

  it('refuses permission names that clash with core or another plugin', async () => {
    const message = await refused('refund-approval,./tests/plugins/fixtures/clashing');
    expect(message).toMatch(/plugin "clashing": permission "case:read" clashes with the one core defines/);
    expect(message).toMatch(/plugin "clashing": permission "refund:approve" clashes with the one plugin "refund-approval" defines/);
  });

  it('refuses an invalid options schema, naming the option', async () => {
    const message = await refused('./tests/plugins/fixtures/bad-options');
    expect(message).toMatch(/plugin "bad-options": options schema is invalid: option "limit" has min 10 above max 1/);
    expect(message).toMatch(/option "mode" has a default that is not valid: mode must be one of a/);
  });

  it('refuses a plugin it cannot find', async () => {
    expect(await refused('loyalty-points')).toMatch(/loyalty-points: cannot be loaded/);
  });

  it('validates PLUGINS like every other variable', () => {
    expect(() => loadConfig({ PLUGINS: 'vip-care,Bad Name,vip-care' })).toThrow(ConfigError);
    expect(() => loadConfig({ PLUGINS: 'vip-care,vip-care' })).toThrow(/PLUGINS: lists vip-care more than once/);
    expect(loadConfig({}).PLUGINS).toEqual(['refund-approval', 'pharmacist-review', 'vip-care']);
    expect(loadConfig({ PLUGINS: 'none' }).PLUGINS).toEqual([]);
  });
});
