import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from '../errors';

const ISSUER = 'pharmadesk';
const AUDIENCE = 'pharmadesk-api';

export interface AccessClaims {
  /** staff user id */
  sub: string;
  /** session (refresh-token family) id */
  sid: string;
  /** expiry, seconds since the epoch */
  exp?: number;
}

function key(secret: string): Uint8Array {
  return createHash('sha256').update(`access-token:${secret}`).digest();
}

export async function signAccessToken(secret: string, claims: AccessClaims, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(secret));
  return { token, expiresAt };
}

/** When an access token (already verified) expires, in epoch milliseconds; null when it cannot be read. */
export function accessTokenExpiry(token: string): number | null {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Access tokens already verified, by secret and token, with their claims, until they expire: a
 * token's signature does not change, and verifying it again (HMAC, JSON, claim checks) cost
 * every request of a signed-in user. Whether its session still holds is asked elsewhere
 * (identity/session-cache, revocations honoured at once).
 */
const verified = new Map<string, Map<string, { claims: AccessClaims; until: number }>>();
const MAX_VERIFIED = 10_000;

export async function verifyAccessToken(secret: string, token: string): Promise<AccessClaims> {
  let bySecret = verified.get(secret);
  const known = bySecret?.get(token);
  if (known && known.until > Date.now()) return known.claims;
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new UnauthenticatedError('The access token is malformed');
    const claims: AccessClaims = { sub: payload.sub, sid: payload.sid, exp: payload.exp };
    if (typeof payload.exp === 'number') {
      if (!bySecret) verified.set(secret, (bySecret = new Map()));
      if (bySecret.size >= MAX_VERIFIED) bySecret.clear();
      bySecret.set(token, { claims, until: payload.exp * 1000 });
    }
    return claims;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('The access token has expired; refresh the session');
    if (error instanceof UnauthenticatedError) throw error;
    throw new UnauthenticatedError('The access token is not valid');
  }
}

/** High-entropy secrets (refresh tokens, API keys): random, shown once, stored only as a keyed hash. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function secretDigest(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('hex');
}

export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
