import { startTestApp, type TestApp } from '../support/app';
import { apiKeyCaller, signIn } from '../support/actors';
import { measure, report } from './measure';

/**
 * What authentication and scoping cost per request: an anonymous query, the same
 * answered for a signed-in user (token verified, session and roles read, scoped
 * transaction), and for a partner API key (digest check and rate-limit counter too).
 */
describe('authentication overhead', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ API_KEY_RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => app.stop());

  it('measures request latency by kind of caller', async () => {
    const owner = await signIn(app, 'owner@east.demo');
    const key = await apiKeyCaller(app, owner, { permissions: ['org:read'], rateLimitPerMinute: 100_000 });
    const runs = 300;
    const anonymous = await measure('anonymous serverInfo', runs, () => app.graphql('{ serverInfo { version } }'));
    const user = await measure('signed-in user: serverInfo', runs, () => owner.graphql('{ serverInfo { version } }'));
    const apiKey = await measure('API key: serverInfo', runs, () => key.graphql('{ serverInfo { version } }'));
    const list = await measure('signed-in user: orgUnits (5 rows + parents)', runs, () => owner.graphql('{ orgUnits { nodes { name parent { name } } } }'));
    report('authentication', [anonymous, user, apiKey, list], {
      userOverP50: Math.round((user.p50Ms / anonymous.p50Ms) * 10) / 10,
      apiKeyOverP50: Math.round((apiKey.p50Ms / anonymous.p50Ms) * 10) / 10,
    });
    expect(user.runs).toBe(runs);
  });
});
