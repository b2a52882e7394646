import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { requireActor } from '../../core/auth/authorization';
import { checkPasswordStrength, dummyPasswordHash, hashPassword, verifyPassword } from '../../core/auth/passwords';
import { randomSecret, secretDigest, signAccessToken, verifyAccessToken } from '../../core/auth/tokens';
import type { AppRuntime, RequestContext } from '../../core/context';
import { BadUserInputError, RateLimitedError, UnauthenticatedError } from '../../core/errors';
import { inScopedTransaction, SYSTEM_SCOPE } from '../../core/tenancy/scope';
import { recordAudit } from '../../core/audit/audit.service';
import { AuthSession, RefreshToken, SessionStatus } from './auth-session.entity';
import { accountKey, addressKey, clearFailures, lockedForSeconds, recordFailure } from './login-throttle';
import { sessionActor, staffActor } from './principal';
import { announceRevocation, credentialCache } from './session-cache';
import { StaffStatus, StaffUser } from './staff-user.entity';

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: StaffUser;
}

const SIGN_IN_FAILED = 'Sign-in failed: the email or password is wrong, or the account is disabled';

function throttleRules(runtime: AppRuntime) {
  const windowMinutes = runtime.config.LOGIN_LOCKOUT_MINUTES;
  return {
    account: { maxFailures: runtime.config.LOGIN_MAX_FAILURES, windowMinutes },
    address: { maxFailures: runtime.config.LOGIN_MAX_FAILURES_PER_ADDRESS, windowMinutes },
  };
}

function system<T>(runtime: AppRuntime, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, work);
}

async function issueTokens(runtime: AppRuntime, em: EntityManager, user: StaffUser, session: AuthSession): Promise<IssuedTokens> {
  await em.flush(); // the session row first: tokens reference it
  const refreshToken = randomSecret();
  em.create(RefreshToken, { digest: secretDigest(runtime.authSecret, refreshToken), sessionId: session.id, franchiseId: session.franchiseId });
  const access = await signAccessToken(runtime.authSecret, { sub: user.id, sid: session.id }, runtime.config.ACCESS_TOKEN_TTL_SECONDS);
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt: session.expiresAt, user };
}

/**
 * Email + password sign-in. Failures count against the account and the client
 * address (each attempt, aliases included); past the limit both are locked for a while.
 */
export async function login(runtime: AppRuntime, input: { email: string; password: string; clientAddress: string; userAgent?: string; requestId: string }): Promise<IssuedTokens> {
  const keys = [accountKey(input.email), addressKey(input.clientAddress)];
  const rules = throttleRules(runtime);
  const lockedSeconds = await system(runtime, (em) => lockedForSeconds(em, keys));
  if (lockedSeconds > 0) throw new RateLimitedError(lockedSeconds, 'Too many failed sign-ins');

  const user = await system(runtime, (em) =>
    em.findOne(StaffUser, { email: input.email.trim() }, { populate: ['passwordHash'] as never }),
  );
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !passwordOk || user.status !== StaffStatus.ACTIVE) {
    await system(runtime, async (em) => {
      await recordFailure(em, keys[0]!, rules.account);
      await recordFailure(em, keys[1]!, rules.address);
    });
    throw new UnauthenticatedError(SIGN_IN_FAILED);
  }

  return system(runtime, async (em) => {
    await clearFailures(em, keys[0]!);
    // Not a versioned edit: two devices signing in at once must not conflict, nor bump the version an admin edits.
    await em.execute(`update staff_user set last_sign_in_at = now() where id = ?`, [user.id]);
    const signedIn = await em.findOneOrFail(StaffUser, { id: user.id });
    const session = em.create(AuthSession, {
      userId: user.id,
      franchiseId: user.franchiseId,
      expiresAt: new Date(Date.now() + runtime.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      clientAddress: input.clientAddress,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    const tokens = await issueTokens(runtime, em, signedIn, session);
    const actor = await staffActor(em, signedIn, session.id);
    recordAudit(em, { actor, operation: 'login', franchiseId: user.franchiseId, targetType: 'AuthSession', targetIds: [session.id], requestId: input.requestId });
    return tokens;
  });
}

type RefreshOutcome = { tokens: IssuedTokens } | { reused: string } | { invalid: string };

/**
 * Rotates a refresh token. A token already rotated that comes back means it was
 * copied: the whole session is revoked and every token of it stops working.
 */
export async function refreshSession(runtime: AppRuntime, refreshToken: string): Promise<IssuedTokens> {
  const digest = secretDigest(runtime.authSecret, refreshToken);
  const outcome = await system<RefreshOutcome>(runtime, async (em) => {
    const [claimed] = await em.execute<{ session_id: string }[]>(
      'update auth_refresh_token set rotated_at = now() where digest = ? and rotated_at is null returning session_id',
      [digest],
    );
    if (!claimed) {
      const used = await em.findOne(RefreshToken, { digest });
      if (!used) return { invalid: 'The refresh token is not valid; sign in again' };
      await em.nativeUpdate(AuthSession, { id: used.sessionId, status: SessionStatus.ACTIVE }, { status: SessionStatus.REVOKED, revokedReason: 'refresh token reused' });
      return { reused: used.sessionId };
    }
    const session = await em.findOne(AuthSession, { id: claimed.session_id });
    if (!session || session.status !== SessionStatus.ACTIVE || session.expiresAt < new Date())
      return { invalid: 'This session has ended; sign in again' };
    const user = await em.findOne(StaffUser, { id: session.userId });
    if (!user || user.status !== StaffStatus.ACTIVE) return { invalid: 'This account is disabled' };
    return { tokens: await issueTokens(runtime, em, user, session) };
  });
  if ('reused' in outcome) {
    announceRevocation(runtime, { sessionIds: [outcome.reused] });
    throw new UnauthenticatedError('This refresh token was already used, so the session has been ended for safety; sign in again');
  }
  if ('invalid' in outcome) throw new UnauthenticatedError(outcome.invalid);
  return outcome.tokens;
}

/** Ends sessions inside the caller's transaction; sockets close once it commits. */
export async function revokeSessions(ctx: RequestContext, where: { userId: string; exceptSessionId?: string } | { sessionId: string }, reason: string): Promise<number> {
  const filter =
    'sessionId' in where
      ? { id: where.sessionId, status: SessionStatus.ACTIVE }
      : { userId: where.userId, status: SessionStatus.ACTIVE, ...(where.exceptSessionId ? { id: { $ne: where.exceptSessionId } } : {}) };
  const sessions = await ctx.em.find(AuthSession, filter);
  for (const session of sessions) {
    session.status = SessionStatus.REVOKED;
    session.revokedReason = reason;
  }
  const sessionIds = sessions.map((s) => s.id);
  if (sessionIds.length) ctx.afterCommit.push(() => announceRevocation(ctx.runtime, { sessionIds }));
  return sessionIds.length;
}

export async function logout(ctx: RequestContext): Promise<boolean> {
  const actor = requireActor(ctx);
  if (actor.kind !== 'user' || !actor.sessionId) throw new BadUserInputError({ field: 'logout', message: 'only a signed-in staff session can sign out (API keys are revoked instead)' });
  await revokeSessions(ctx, { sessionId: actor.sessionId }, 'signed out');
  await ctx.em.flush();
  return true;
}

/** Changes one's own password; every other session of the account ends. */
export async function changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<boolean> {
  const actor = requireActor(ctx);
  if (actor.kind !== 'user') throw new BadUserInputError({ field: 'changePassword', message: 'API keys have no password' });
  const user = await ctx.em.findOneOrFail(StaffUser, { id: actor.id }, { populate: ['passwordHash'] as never });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await system(ctx.runtime, (em) => recordFailure(em, accountKey(user.email), throttleRules(ctx.runtime).account));
    throw new BadUserInputError({ field: 'currentPassword', message: 'is not your current password' });
  }
  if (newPassword === currentPassword) throw new BadUserInputError({ field: 'newPassword', message: 'must differ from the current password' });
  checkPasswordStrength('newPassword', newPassword, [user.email.split('@')[0]!, user.displayName]);
  user.passwordHash = await hashPassword(newPassword);
  user.passwordChangedAt = new Date();
  await revokeSessions(ctx, { userId: user.id, exceptSessionId: actor.sessionId }, 'password changed');
  await ctx.em.flush();
  return true;
}

/**
 * The actor behind an access token: the token must verify, and its session, the
 * account and its roles are read (or taken from the few-seconds session cache, which
 * revocations and role changes empty at once), so sign-out and revocation apply at once.
 */
export async function actorFromAccessToken(runtime: AppRuntime, token: string): Promise<Actor> {
  const claims = await verifyAccessToken(runtime.authSecret, token);
  const actor = await credentialCache<Actor>(runtime, 'session').get(`${claims.sub}:${claims.sid}`, claims.sid, (claims.exp ?? 0) * 1000, () =>
    system(runtime, (em) => sessionActor(em, claims.sub, claims.sid)),
  );
  if (!actor) throw new UnauthenticatedError('This session has ended; sign in again');
  return actor;
}

