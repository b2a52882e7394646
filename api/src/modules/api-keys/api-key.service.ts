import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { requireActor } from '../../core/auth/authorization';
import { digestsEqual, randomSecret, secretDigest } from '../../core/auth/tokens';
import type { AppRuntime, RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, NotFoundError, RateLimitedError, UnauthenticatedError } from '../../core/errors';
import type { ListArgs } from '../../core/graphql/list';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { SortDirection } from '../../core/graphql/sorting';
import { inScopedTransaction, SYSTEM_SCOPE } from '../../core/tenancy/scope';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit, getOrgUnit, orgUnitScopeCondition } from '../org/org.service';
import { assertGrantable } from '../identity/role.service';
import { effectivePermissions, scopeOfUnit } from '../identity/principal';
import { ApiKey } from './api-key.entity';
import type { CreateApiKeyInput, RotateApiKeyInput } from './api-key.types';
import { clock } from '../../core/clock';
import { announceRevocation, credentialCache } from '../identity/session-cache';

const KEY_PATTERN = /^pdk_([A-Za-z0-9]{10})_([A-Za-z0-9_-]{20,})$/;

function newKeyMaterial(authSecret: string): { prefix: string; secret: string; digest: string } {
  const prefixCode = randomBytes(10).toString('base64').replace(/[^A-Za-z0-9]/g, '').padEnd(10, '0').slice(0, 10);
  const prefix = `pdk_${prefixCode}`;
  const secret = `${prefix}_${randomSecret(32)}`;
  return { prefix, secret, digest: secretDigest(authSecret, secret) };
}

/** Keys visible to the actor: those reaching their unit or below. */
async function visibleKey(ctx: RequestContext, id: string): Promise<ApiKey> {
  const key = await ctx.em.findOne(ApiKey, { id });
  if (!key || !(await findOrgUnit(ctx, key.orgUnitId))) throw new NotFoundError('API key', id);
  return key;
}

/** Keys as plain rows (the read path); the digest is no field, so never selected. */
const API_KEY_READ: ReadSpec<ApiKey> = { entity: ApiKey, always: ['id', 'franchiseId', 'orgUnitId'] };

export async function listApiKeys(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, API_KEY_READ, args, selection, {
    where: await orgUnitScopeCondition(ctx),
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }],
  });
}

export async function findApiKey(ctx: RequestContext, id: string): Promise<ApiKey | null> {
  return visibleKey(ctx, id).catch((error) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
}

type KeySettings = Pick<ApiKey, 'franchiseId' | 'orgUnitId' | 'name' | 'permissions' | 'rateLimitPerMinute'> & Partial<Pick<ApiKey, 'expiresAt' | 'rotatedFromId'>>;

/** A new key with fresh secret material; the secret goes back to the caller once. */
function issueKey(ctx: RequestContext, settings: KeySettings): { apiKey: ApiKey; secret: string } {
  const { prefix, secret, digest } = newKeyMaterial(ctx.runtime.authSecret);
  const apiKey = ctx.em.create(ApiKey, { ...settings, prefix, secretDigest: digest, createdById: requireActor(ctx).id });
  return { apiKey, secret };
}

export async function createApiKey(ctx: RequestContext, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
  const actor = requireActor(ctx);
  const unit = await getOrgUnit(ctx, input.orgUnitId ?? actor.orgUnitId);
  assertGrantable(actor, input.permissions, 'permissions', scopeOfUnit(unit).isHq, true);
  if (input.expiresAt && input.expiresAt <= clock.now()) throw new BadUserInputError({ field: 'expiresAt', message: 'must be in the future' });
  const issued = issueKey(ctx, {
    franchiseId: unit.franchiseId,
    orgUnitId: unit.id,
    name: input.name,
    permissions: [...new Set(input.permissions)].sort(),
    rateLimitPerMinute: input.rateLimitPerMinute ?? ctx.runtime.config.API_KEY_RATE_LIMIT_PER_MINUTE,
    expiresAt: input.expiresAt ?? null,
  });
  await ctx.em.flush();
  return issued;
}

/** A new secret for the same partner; the old one stops now, or after a grace period. */
export async function rotateApiKey(ctx: RequestContext, input: RotateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
  const old = await visibleKey(ctx, input.id);
  if (old.revokedAt) throw new ConflictError('This API key is revoked; create a new one instead');
  const { franchiseId, orgUnitId, name, permissions, rateLimitPerMinute, expiresAt } = old;
  const issued = issueKey(ctx, { franchiseId, orgUnitId, name, permissions, rateLimitPerMinute, expiresAt, rotatedFromId: old.id });
  const cutoff = new Date(clock.nowMs() + input.gracePeriodMinutes * 60_000);
  if (input.gracePeriodMinutes === 0) {
    old.revokedAt = clock.now();
    ctx.afterCommit.push(() => announceRevocation(ctx.runtime, { apiKeyIds: [old.id] }));
  }
  // A cached verification of the old key (seconds) ends long before the grace period does.
  else old.expiresAt = old.expiresAt && old.expiresAt < cutoff ? old.expiresAt : cutoff;
  await ctx.em.flush();
  return issued;
}

export async function revokeApiKey(ctx: RequestContext, id: string): Promise<ApiKey> {
  const key = await visibleKey(ctx, id);
  if (key.revokedAt) throw new ConflictError(`The API key ${key.prefix} is already revoked`);
  key.revokedAt = clock.now();
  await ctx.em.flush();
  ctx.afterCommit.push(() => announceRevocation(ctx.runtime, { apiKeyIds: [key.id] }));
  return key;
}

/**
 * Counts a request in the key's current minute; over the limit is RATE_LIMITED until the minute
 * ends. One statement that needs no scope (usage rows carry no franchise): it runs in the
 * verifying transaction, or alone when the key came from the credential cache.
 */
async function countRequest(em: EntityManager, key: Pick<ApiKey, 'id' | 'prefix' | 'rateLimitPerMinute'>): Promise<void> {
  const [row] = await em.execute<{ requests: number; retry_after: number }[]>(
    `insert into api_key_usage (api_key_id, window_start, requests) values (?, date_trunc('minute', now()), 1)
     on conflict (api_key_id, window_start) do update set requests = api_key_usage.requests + 1
     returning requests, ceil(extract(epoch from date_trunc('minute', now()) + interval '1 minute' - now()))::int as retry_after`,
    [key.id],
  );
  if (row!.requests > key.rateLimitPerMinute) throw new RateLimitedError(Math.max(row!.retry_after, 1), `API key ${key.prefix} is over its limit of ${key.rateLimitPerMinute} requests per minute`);
}

/** A verified key as the credential cache keeps it. */
interface VerifiedKey {
  actor: Actor;
  key: Pick<ApiKey, 'id' | 'prefix' | 'rateLimitPerMinute' | 'expiresAt'>;
}

/**
 * The actor behind an API key: checked, counted against its rate limit, last use noted. A key
 * verified in the last few seconds is taken from the credential cache (revoking or rotating it
 * away drops it there at once, on every instance); its request is still counted, in one
 * statement instead of a transaction of its own.
 */
export async function actorFromApiKey(runtime: AppRuntime, secret: string): Promise<Actor> {
  const match = KEY_PATTERN.exec(secret);
  if (!match) throw new UnauthenticatedError('The API key is malformed');
  const digest = secretDigest(runtime.authSecret, secret);
  let counted = false;
  const verified = await credentialCache<VerifiedKey>(runtime, 'apiKey').get(digest, null, Infinity, async () => {
    counted = true;
    return verifyApiKey(runtime, match[1]!, digest);
  }, (v) => v.key.id);
  const { actor, key } = verified!;
  if (!counted) {
    if (key.expiresAt && key.expiresAt <= clock.now()) throw new UnauthenticatedError(`The API key ${key.prefix} expired on ${key.expiresAt.toISOString()}`);
    await countRequest(runtime.orm.em.fork(), key);
  }
  return actor;
}

/** Reads and checks the key (a transaction of its own, across franchises), counting the request. */
function verifyApiKey(runtime: AppRuntime, prefixCode: string, digest: string): Promise<VerifiedKey> {
  return inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, async (em) => {
    const key = await em.findOne(ApiKey, { prefix: `pdk_${prefixCode}` });
    if (!key || !digestsEqual(key.secretDigest, digest)) throw new UnauthenticatedError('The API key is not valid');
    if (key.revokedAt) throw new UnauthenticatedError(`The API key ${key.prefix} has been revoked`);
    if (key.expiresAt && key.expiresAt <= clock.now()) throw new UnauthenticatedError(`The API key ${key.prefix} expired on ${key.expiresAt.toISOString()}`);
    await countRequest(em, key);
    if (!key.lastUsedAt || clock.nowMs() - key.lastUsedAt.getTime() > 60_000)
      await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: clock.now() }); // no version bump for bookkeeping
    const unit = await em.findOneOrFail(OrgUnit, { id: key.orgUnitId });
    const { scope, isHq } = scopeOfUnit(unit);
    const [enabled] = await em.execute<{ plugins: string[] }[]>(`select coalesce(array_agg(plugin), '{}') as plugins from franchise_plugin where franchise_id = ? and enabled`, [key.franchiseId]);
    const actor = {
      kind: 'apiKey',
      id: key.id,
      label: `${key.name} (${key.prefix})`,
      franchiseId: key.franchiseId,
      orgUnitId: key.orgUnitId,
      orgUnitKind: unit.kind,
      isHq,
      permissions: isHq ? new Set(key.permissions) : effectivePermissions(key.permissions, isHq, enabled?.plugins),
      scope,
    } satisfies Actor;
    return { actor, key: { id: key.id, prefix: key.prefix, rateLimitPerMinute: key.rateLimitPerMinute, expiresAt: key.expiresAt ?? null } };
  });
}
