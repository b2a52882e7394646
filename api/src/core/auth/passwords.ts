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
  const problems: string[] = [];
  if (password.length < 10) problems.push('at least 10 characters');
  if (password.length > 200) problems.push('at most 200 characters');
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) problems.push('letters and digits');
  const lower = password.toLowerCase();
  if (context.some((c) => c.length >= 4 && lower.includes(c.toLowerCase()))) problems.push('not your name or email');
  if (problems.length) throw new BadUserInputError({ field, message: `password needs ${problems.join(', ')}` });
}
