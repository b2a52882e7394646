import { hash, verify } from '@node-rs/argon2';
import { BadUserInputError } from '../errors';

// argon2id with the library's defaults (OWASP's minimum: m=19 MiB, t=2, p=1).

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A hash to verify against when the account does not exist, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('pharmadesk-no-such-account');
  return dummyHash;
}

export function checkPasswordStrength(field: string, password: string, context: string[] = []): void {
  const needs: string[] = [];
  if (password.length < 10) needs.push('at least 10 characters');
  if (password.length > 200) needs.push('at most 200 characters');
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) needs.push('both letters and digits');
  const lower = password.toLowerCase();
  const personal = context.some((c) => c.length >= 4 && lower.includes(c.toLowerCase()));
  const message = [needs.length ? `password needs ${needs.join(', ')}` : '', personal ? 'password must not contain your name or email' : ''].filter(Boolean).join('; ');
  if (message) throw new BadUserInputError({ field, message });
}
