import { Client } from 'pg';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { startTestApp, type TestApp } from '../support/app';
import { apiKeyCaller, callerWithHeaders, errorCodes, signIn, type Caller } from '../support/actors';
import { clock } from '@pharmadesk/api';

const ME = '{ me { apiKey { prefix } permissions scope { orgUnit { name } } } }';
const STAFF = '{ staffUsers { totalCount } }';
const UNITS = '{ orgUnits { totalCount } }';

describe('partner API keys', () => {
  let app: TestApp;
  let owner: Caller;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await signIn(app, 'owner@east.demo');
  });
  afterAll(() => app.stop());

  it('works with a subset of the creator’s permissions, shown once and stored hashed', async () => {
    const key = await apiKeyCaller(app, owner, { permissions: ['org:read', 'staff:read'] });
    expect(key.secret).toMatch(/^pdk_[A-Za-z0-9]{10}_/);
    expect(key.secret.startsWith(key.apiKey.prefix)).toBe(true);
    const me = await key.graphql<{ me: { apiKey: { prefix: string }; permissions: string[] } }>(ME);
    expect(me.body.data!.me).toMatchObject({ apiKey: { prefix: key.apiKey.prefix }, permissions: ['org:read', 'staff:read'] });
    expect((await key.graphql<{ staffUsers: { totalCount: number } }>(STAFF)).body.data!.staffUsers.totalCount).toBeGreaterThan(0);
    expect(errorCodes(await key.graphql('{ roles { totalCount } }'))).toEqual(['FORBIDDEN']);

    // Listed with prefix and last use; the secret itself is nowhere to be read back.
    const listed = await owner.graphql<{ apiKeys: { nodes: { prefix: string; lastUsedAt: string | null }[] } }>('{ apiKeys { nodes { prefix lastUsedAt } } }');
    expect(listed.body.data!.apiKeys.nodes.find((k) => k.prefix === key.apiKey.prefix)!.lastUsedAt).not.toBeNull();
    const pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    const { rows } = await pg.query('select secret_digest from api_key where prefix = $1', [key.apiKey.prefix]);
    await pg.end();
    // The random part follows the prefix (it may hold '_' itself: base64url).
    expect(rows[0].secret_digest).not.toContain(key.secret.slice(key.apiKey.prefix.length + 1));
    expect(rows[0].secret_digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cannot be given a permission its creator lacks', async () => {
    const res = await owner.graphql(`mutation { createApiKey(input: { name: "too much", permissions: ["franchise:manage"] }) { secret } }`);
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.errors![0]!.message).toMatch(/franchise:manage/);
    const unknown = await owner.graphql(`mutation { createApiKey(input: { name: "typo", permissions: ["staff:reed"] }) { secret } }`);
    expect(unknown.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'permissions' });
  });

  it('stops working at once when revoked', async () => {
    const key = await apiKeyCaller(app, owner, { permissions: ['org:read'] });
    expect((await key.graphql(ME)).status).toBe(200);
    const revoked = await owner.graphql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: key.apiKey.id });
    expect(revoked.body.errors).toBeUndefined();
    const after = await key.graphql(ME);
    expect(after.status).toBe(401);
    expect(after.body.errors![0]!.message).toMatch(/revoked/);
  });

  it('authenticates a key used moments ago with one statement (its rate-limit count), not a transaction of its own', async () => {
    const key = await apiKeyCaller(app, owner, { permissions: ['org:read'] });
    const knex = (app.server.database.orm.em.getConnection() as PostgreSqlConnection).getKnex();
    let statements = 0;
    const counter = () => statements++;
    knex.on('query', counter);
    try {
      const cost = async (caller: Caller) => {
        await caller.graphql(UNITS); // verified now, then reused for a few seconds
        const before = statements;
        expect((await caller.graphql(UNITS)).status).toBe(200);
        return statements - before;
      };
      expect(await cost(key)).toBeLessThanOrEqual((await cost(owner)) + 1);
    } finally {
      knex.removeListener('query', counter);
    }
  });

  it('rotates: the new secret works, the old one stops (or after a grace period)', async () => {
    const key = await apiKeyCaller(app, owner, { permissions: ['org:read'] });
    const ROTATE = `mutation($id: ID!, $grace: Int!) { rotateApiKey(input: { id: $id, gracePeriodMinutes: $grace }) { secret apiKey { id prefix permissions } } }`;
    const rotated = await owner.graphql<{ rotateApiKey: { secret: string; apiKey: { id: string; permissions: string[] } } }>(ROTATE, { id: key.apiKey.id, grace: 0 });
    const fresh = callerWithHeaders(app, 'rotated', { 'x-api-key': rotated.body.data!.rotateApiKey.secret });
    expect((await fresh.graphql(ME)).status).toBe(200);
    expect(rotated.body.data!.rotateApiKey.apiKey.permissions).toEqual(['org:read']);
    expect((await key.graphql(ME)).status).toBe(401);

    const graceful = await apiKeyCaller(app, owner, { permissions: ['org:read'] });
    await owner.graphql(ROTATE, { id: graceful.apiKey.id, grace: 30 });
    expect((await graceful.graphql(ME)).status).toBe(200); // still inside its grace period
  });

  it('stops working after it expires', async () => {
    const created = await owner.graphql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      `mutation($at: DateTime!) { createApiKey(input: { name: "short-lived", permissions: ["org:read"], expiresAt: $at }) { secret apiKey { id } } }`,
      { at: new Date(clock.nowMs() + 1500).toISOString() },
    );
    const key = callerWithHeaders(app, 'short-lived', { 'x-api-key': created.body.data!.createApiKey.secret });
    expect((await key.graphql(ME)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1700));
    const expired = await key.graphql(ME);
    expect(expired.status).toBe(401);
    expect(expired.body.errors![0]!.message).toMatch(/expired/);
    const past = await owner.graphql(`mutation { createApiKey(input: { name: "x", permissions: [], expiresAt: "2020-01-01T00:00:00Z" }) { secret } }`);
    expect(past.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
  });

  it('is rate limited per key with RATE_LIMITED, HTTP 429 and a retry time', async () => {
    const key = await apiKeyCaller(app, owner, { permissions: ['org:read'], rateLimitPerMinute: 3 });
    const other = await apiKeyCaller(app, owner, { permissions: ['org:read'], rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await key.graphql(ME)).status).toBe(200);
    const limited = await key.graphql(ME);
    expect(limited.status).toBe(429);
    expect(errorCodes(limited)).toEqual(['RATE_LIMITED']);
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(limited.body.errors![0]!.extensions!.retryAfterSeconds).toBe(retry);
    expect((await other.graphql(ME)).status).toBe(200); // limits are per key
  });

  it('rejects malformed and unknown keys', async () => {
    expect((await callerWithHeaders(app, 'x', { 'x-api-key': 'hello' }).graphql(ME)).status).toBe(401);
    expect((await callerWithHeaders(app, 'x', { 'x-api-key': 'pdk_AAAAAAAAAA_bbbbbbbbbbbbbbbbbbbbbbbbbbbb' }).graphql(ME)).status).toBe(401);
  });
});
