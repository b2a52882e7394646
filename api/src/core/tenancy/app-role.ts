import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import type { Logger } from '../logger';
import { API_GROUP_ROLE } from './rls';

export const API_LOGIN_ROLE = 'pharmadesk_app';

/** The API login role's password, derived from AUTH_SECRET so every instance agrees without storing it. */
function derivedPassword(secret: string): string {
  return createHmac('sha256', secret).update('pharmadesk database role').digest('base64url');
}

function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '28P01' || code === '28000') return false; // bad password / no such role
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The connection the API serves requests with. With DATABASE_APP_URL, that one; otherwise
 * the login role pharmadesk_app, created (or its password reset) through the owner
 * connection when it cannot sign in yet.
 */
export async function apiConnectionUrl(opts: { ownerUrl: string; appUrl?: string; secret: string; logger: Logger }): Promise<string> {
  if (opts.appUrl) return opts.appUrl;
  const password = derivedPassword(opts.secret);
  const url = withCredentials(opts.ownerUrl, API_LOGIN_ROLE, password);
  if (await canConnect(url)) return url;
  // Roles are cluster-wide but advisory locks are per database, so API instances on different
  // databases of one server serialize through the same lock in the always-present `postgres` database.
  const lockHolder = new Client({ connectionString: withDatabase(opts.ownerUrl, 'postgres') });
  const holdsLock = await lockHolder
    .connect()
    .then(() => lockHolder.query(`select pg_advisory_lock(hashtext('pharmadesk_app role'))`))
    .then(() => true, () => false);
  try {
    if (await canConnect(url)) return url; // another instance prepared it while we waited
    await prepareRole(opts.ownerUrl, password);
  } finally {
    if (holdsLock) await lockHolder.query(`select pg_advisory_unlock(hashtext('pharmadesk_app role'))`).catch(() => undefined);
    await lockHolder.end().catch(() => undefined);
  }
  opts.logger.info({ role: API_LOGIN_ROLE }, 'database role for the API prepared');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function prepareRole(ownerUrl: string, password: string): Promise<void> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('begin');
    const { rowCount } = await owner.query('select 1 from pg_roles where rolname = $1', [API_LOGIN_ROLE]);
    const verb = rowCount ? 'alter' : 'create';
    const escaped = password.replace(/'/g, "''");
    await owner.query(`${verb} role ${API_LOGIN_ROLE} login nosuperuser nobypassrls nocreatedb nocreaterole password '${escaped}'`);
    await owner.query(`grant ${API_GROUP_ROLE} to ${API_LOGIN_ROLE}`);
    await owner.query('commit');
  } catch (error) {
    await owner.query('rollback').catch(() => undefined);
    throw new Error(
      `Could not prepare the database role ${API_LOGIN_ROLE} (${(error as Error).message}). ` +
        'Give the DATABASE_URL role CREATEROLE, or create a login role yourself and set DATABASE_APP_URL.',
    );
  } finally {
    await owner.end();
  }
}

/** Refuses to serve with a role that would bypass row-level security. */
export async function assertRlsBound(execute: (sql: string) => Promise<{ rolsuper: boolean; rolbypassrls: boolean; rolname: string }[]>): Promise<void> {
  const [role] = await execute('select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user');
  if (!role || role.rolsuper || role.rolbypassrls) {
    throw new Error(
      `The API database role ${role?.rolname ?? '?'} is ${role?.rolsuper ? 'a superuser' : 'allowed to bypass row-level security'}; ` +
        'franchise isolation needs a role with neither (see DATABASE_APP_URL).',
    );
  }
}
