import { DEMO_PASSWORD } from '@pharmadesk/seeds';
import { startTestApp, takeFromSubscription, type TestApp } from '../support/app';
import { errorCodes, login, LOGIN, signIn } from '../support/actors';

const REFRESH = `mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }`;
const ME = '{ me { user { email } permissions } }';

describe('sign-in, sessions and refresh tokens', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' });
  });
  afterAll(() => app.stop());

  it('signs in with email and password and answers `me`', async () => {
    const owner = await signIn(app, 'owner@east.demo');
    const me = await owner.graphql<{ me: { user: { email: string }; permissions: string[] } }>(ME);
    expect(me.body.data!.me.user.email).toBe('owner@east.demo');
    expect(me.body.data!.me.permissions).toEqual(expect.arrayContaining(['staff:manage', 'role:manage', 'apikey:manage']));
    expect(me.body.data!.me.permissions).not.toContain('franchise:manage');
  });

  it('signs one person in on several devices at once, as separate sessions', async () => {
    const first = await signIn(app, 'supervisor@east.demo');
    const versionOf = async () => (await first.graphql<{ me: { user: { version: number } } }>('{ me { user { version } } }')).body.data!.me.user.version;
    const before = await versionOf();
    const sessions = await Promise.all(Array.from({ length: 8 }, () => signIn(app, 'supervisor@east.demo')));
    expect(new Set(sessions.map((s) => s.tokens.refreshToken)).size).toBe(8);
    // Signing in is not an edit of the staff record: an admin editing it meanwhile gets no CONFLICT.
    expect(await versionOf()).toBe(before);
  });

  it('refuses a wrong password with one message that does not say which part was wrong', async () => {
    const wrong = await app.graphql(LOGIN, { email: 'agent@east.demo', password: 'not-the-password-1' });
    const nobody = await app.graphql(LOGIN, { email: 'nobody@east.demo', password: 'not-the-password-1' });
    expect(errorCodes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(wrong.body.errors![0]!.message).toBe(nobody.body.errors![0]!.message);
  });

  it('rotates refresh tokens, and reuse of a rotated token revokes the whole session', async () => {
    const first = await login(app, 'supervisor@east.demo');
    const rotated = await app.graphql<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, { token: first.refreshToken });
    const second = rotated.body.data!.refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const meWithNew = await app.graphql(ME, {}, { authorization: `Bearer ${second.accessToken}` });
    expect(meWithNew.body.errors).toBeUndefined();

    // The old refresh token comes back (stolen copy): refused, and the session ends.
    const replay = await app.graphql(REFRESH, { token: first.refreshToken });
    expect(errorCodes(replay)).toEqual(['UNAUTHENTICATED']);
    expect(replay.body.errors![0]!.message).toMatch(/already used/);
    const newAccess = await app.graphql(ME, {}, { authorization: `Bearer ${second.accessToken}` });
    expect(newAccess.status).toBe(401);
    expect(errorCodes(newAccess)).toEqual(['UNAUTHENTICATED']);
    const newRefresh = await app.graphql(REFRESH, { token: second.refreshToken });
    expect(errorCodes(newRefresh)).toEqual(['UNAUTHENTICATED']);
  });

  it('rejects a tampered access token with 401', async () => {
    const tokens = await login(app, 'agent@west.demo');
    const [header, payload, signature] = tokens.accessToken.split('.');
    const tampered = `${header}.${payload}.${signature!.slice(0, -2)}xx`;
    const res = await app.graphql(ME, {}, { authorization: `Bearer ${tampered}` });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('logs out: the access token, the refresh token and live sockets stop working', async () => {
    const agent = await signIn(app, 'agent2@east.demo');
    const socket = app.wsClient({ authorization: `Bearer ${agent.tokens.accessToken}` });
    const closed = new Promise<number>((resolve) => socket.on('closed', (event) => resolve((event as { code: number }).code)));
    const live = new Promise<void>((resolve) =>
      socket.subscribe({ query: 'subscription { serverTime(intervalSeconds: 60) { now } }' }, { next: () => resolve(), error: () => undefined, complete: () => undefined }),
    );
    await live; // the socket is open and subscribed

    const out = await agent.graphql<{ logout: boolean }>('mutation { logout }');
    expect(out.body.data!.logout).toBe(true);
    expect(await closed).toBe(4401);
    expect((await agent.graphql(ME)).status).toBe(401);
    expect(errorCodes(await app.graphql(REFRESH, { token: agent.tokens.refreshToken }))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a WebSocket connection with bad credentials', async () => {
    const socket = app.wsClient({ authorization: 'Bearer not.a.token' });
    await expect(takeFromSubscription(socket, { query: 'subscription { serverTime { now } }' }, 1)).rejects.toThrow();
  });

  it('changes a password: checks the current one and its strength, ends the other sessions', async () => {
    const here = await signIn(app, 'manager@east.demo');
    const elsewhere = await signIn(app, 'manager@east.demo');
    const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';

    const wrongCurrent = await here.graphql(CHANGE, { c: 'wrong-password-1', n: 'A-much-better-pass-42' });
    expect(wrongCurrent.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const weak = await here.graphql(CHANGE, { c: DEMO_PASSWORD, n: 'short1' });
    expect(weak.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });

    const changed = await here.graphql(CHANGE, { c: DEMO_PASSWORD, n: 'A-much-better-pass-42' });
    expect(changed.body.data).toEqual({ changePassword: true });
    expect((await here.graphql(ME)).body.errors).toBeUndefined();
    expect((await elsewhere.graphql(ME)).status).toBe(401);
    expect(errorCodes(await app.graphql(LOGIN, { email: 'manager@east.demo', password: DEMO_PASSWORD }))).toEqual(['UNAUTHENTICATED']);
    await login(app, 'manager@east.demo', 'A-much-better-pass-42');
  });
});

describe('sign-in throttling', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000', LOGIN_LOCKOUT_MINUTES: '15' });
  });
  afterAll(() => app.stop());

  it('locks an account after repeated failures, even for the right password, with a retry time', async () => {
    for (let i = 0; i < 3; i++) expect(errorCodes(await app.graphql(LOGIN, { email: 'doctor@east.demo', password: `guess-number-${i}` }))).toEqual(['UNAUTHENTICATED']);
    const locked = await app.graphql(LOGIN, { email: 'doctor@east.demo', password: DEMO_PASSWORD });
    expect(errorCodes(locked)).toEqual(['RATE_LIMITED']);
    expect(locked.body.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(800);
    // Other accounts are unaffected.
    await login(app, 'doctor@west.demo');
  });

  it('counts every aliased attempt in one request', async () => {
    const attempts = Array.from({ length: 6 }, (_, i) => `a${i}: login(email: "consulting@east.demo", password: "guess-${i}-x") { accessToken }`);
    const correct = `ok: login(email: "consulting@east.demo", password: "${DEMO_PASSWORD}") { accessToken }`;
    const res = await app.graphql(`mutation { ${attempts.join(' ')} ${correct} }`);
    const byAlias = Object.fromEntries((res.body.errors ?? []).map((e) => [e.path![0], e.extensions!.code]));
    expect([byAlias.a0, byAlias.a1, byAlias.a2]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect([byAlias.a3, byAlias.a4, byAlias.a5, byAlias.ok]).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(res.body.data).toMatchObject({ a0: null, a5: null, ok: null });
  });

  it('locks a client address that tries many accounts', async () => {
    const strict = await startTestApp({ LOGIN_MAX_FAILURES: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' });
    try {
      const emails = ['agent@east.demo', 'agent2@east.demo', 'owner@east.demo', 'supervisor@east.demo'];
      for (const email of emails) expect(errorCodes(await strict.graphql(LOGIN, { email, password: 'spray-password-1' }))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await strict.graphql(LOGIN, { email: 'agent@west.demo', password: DEMO_PASSWORD }))).toEqual(['RATE_LIMITED']);
    } finally {
      await strict.stop();
    }
  });
});
