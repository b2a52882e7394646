import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Which franchises an operation may touch: every one (HQ, and the system itself
 * during sign-in), a list, or none (anonymous callers). Finer scope inside a
 * franchise (a store and what is under it) is a record-level check in services,
 * using `orgPath`.
 */
export interface Scope {
  franchiseIds: 'all' | readonly string[];
  /** Materialized path of the actor's org unit ('/hq/franchise/store/'); '' when none. */
  orgPath: string;
}

export const NO_SCOPE: Scope = Object.freeze({ franchiseIds: Object.freeze([]) as readonly string[], orgPath: '' });
/** For core services that must look across franchises (sign-in lookups, jobs). Never derived from input. */
export const SYSTEM_SCOPE: Scope = Object.freeze({ franchiseIds: 'all', orgPath: '/' });

export const TENANT_FILTER = 'tenant';

/** The value of app.franchise_ids that the row-level security policies read. */
export function scopeSetting(scope: Scope): string {
  return scope.franchiseIds === 'all' ? '*' : scope.franchiseIds.join(',');
}

/** Parameters of the MikroORM tenant filter. */
export function tenantFilterParams(scope: Scope): { franchiseIds: 'all' | readonly string[] } {
  return { franchiseIds: scope.franchiseIds };
}

/**
 * `column = any(?)` with the scope's franchises, for plain statements (null for every franchise).
 * Row-level security narrows to them anyway; named in the statement, the planner estimates the
 * rows and uses the franchise's indexes instead of guessing one row.
 */
export function franchiseCondition(scope: Scope, column: string): { sql: string; param: string } | null {
  // An array literal: the query builder would spread a list parameter into several.
  return scope.franchiseIds === 'all' ? null : { sql: `${column} = any(?::uuid[])`, param: `{${scope.franchiseIds.join(',')}}` };
}

export function canSeeFranchise(scope: Scope, franchiseId: string): boolean {
  return scope.franchiseIds === 'all' || scope.franchiseIds.includes(franchiseId);
}

/** True when the org unit at `path` is the actor's own unit or under it. */
export function isWithinOrgPath(scope: Scope, path: string): boolean {
  return scope.orgPath === '/' || path.startsWith(scope.orgPath);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `select set_config(...)` with the scope inlined (it goes out with BEGIN in one simple-protocol round trip, which takes no parameters). */
function scopeStatement(scope: Scope): string {
  const setting = scopeSetting(scope);
  if (setting !== '*' && !setting.split(',').every((id) => id === '' || UUID.test(id))) throw new Error('a franchise scope holds only uuids');
  return `select set_config('app.franchise_ids', '${setting}', true)`;
}

const SCOPED_BEGIN = Symbol('scoped begin');
/** On the knex client of a transaction opened by beginScoped: the pg connection the transaction holds. */
const CONNECTION = Symbol('connection');

/** The pg connection a transaction holds: statements sent on it straight run in the transaction, scope and all. */
export interface PlainConnection {
  query(text: string): Promise<{ rows: unknown[] }>;
}

/**
 * Lets knex open a transaction with `BEGIN; select set_config(...)` sent as one statement
 * (one round trip instead of two on every request), and keeps the connection it holds for
 * the read path (plainConnection). Installed once per knex client: transactions opened with
 * the SCOPED_BEGIN option begin that way, every other one as before.
 */
function installScopedBegin(knex: Knex): void {
  type Trx = {
    begin: (conn: PlainConnection) => unknown;
    query: (conn: PlainConnection, sql: string, status?: number, value?: unknown) => Promise<unknown>;
    trxClient: { [CONNECTION]?: PlainConnection };
    txid: string;
    doNotRejectOnRollback: boolean;
    _completed: boolean;
    _resolver: (value?: unknown) => void;
    _rejecter: (error: unknown) => void;
  };
  type Config = { [SCOPED_BEGIN]?: string } | undefined;
  const client = knex.client as { transaction: (container: unknown, config: Config, outerTx: unknown) => Trx; emit(event: string, query: object): void; [SCOPED_BEGIN]?: true };
  if (client[SCOPED_BEGIN]) return;
  const make = client.transaction;
  client.transaction = function (this: unknown, container, config, outerTx) {
    const trx = make.call(this, container, config, outerTx);
    const scopeSql = !outerTx ? config?.[SCOPED_BEGIN] : undefined;
    if (!scopeSql) return trx;
    trx.begin = (conn) => {
      trx.trxClient[CONNECTION] = conn;
      return trx.query(conn, `begin; ${scopeSql}`);
    };
    // BEGIN, COMMIT and ROLLBACK straight on the connection, settling the transaction as knex's own
    // Transaction#query does (status 1 commits, 2 rolls back), without its query runner.
    trx.query = (conn, sql, status, value) => {
      client.emit('query', { sql, bindings: [], __knexTxId: trx.txid });
      const q = conn
        .query(sql)
        .catch((error: unknown) => {
          status = 2;
          value = error;
          trx._completed = true;
        })
        .then((res) => {
          if (status === 1) trx._resolver(value);
          if (status === 2) {
            if (value === undefined) {
              if (trx.doNotRejectOnRollback && /^ROLLBACK\b/i.test(sql)) return void trx._resolver();
              value = new Error(`Transaction rejected with non-error: ${String(value)}`);
            }
            trx._rejecter(value);
          }
          return res;
        });
      if (status === 1 || status === 2) trx._completed = true;
      return q;
    };
    return trx;
  };
  client[SCOPED_BEGIN] = true;
}

/**
 * Opens the transaction of an operation on `em` (a request's fork) already in `scope`:
 * BEGIN and the row-level-security setting in one round trip, the ORM filter set too.
 */
export async function beginScoped(em: EntityManager, scope: Scope): Promise<void> {
  const knex = em.getKnex();
  installScopedBegin(knex);
  em.setFilterParams(TENANT_FILTER, tenantFilterParams(scope));
  const trx = await knex.transaction(null as never, { [SCOPED_BEGIN]: scopeStatement(scope) } as never);
  em.setTransactionContext(trx);
}

/** The pg connection of the transaction `em` runs in, when beginScoped opened it (null otherwise: no transaction, a nested one). */
export function plainConnection(em: EntityManager): PlainConnection | null {
  const trx = em.getTransactionContext<Knex.Transaction>() as { client?: { [CONNECTION]?: PlainConnection } } | undefined;
  return trx?.client?.[CONNECTION] ?? null;
}

/**
 * Ends a transaction in which nothing was written through the unit of work: COMMIT without
 * a flush, so nothing loaded is diffed (the change-set computation of every managed entity).
 */
export async function commitWithoutFlush(em: EntityManager): Promise<void> {
  const trx = em.getTransactionContext<Knex.Transaction>()!;
  em.resetTransactionContext();
  await trx.commit();
}

/**
 * Runs `work` in its own transaction on a new fork, in the given scope (BEGIN and the scope in
 * one statement, as for requests); flushes and commits, or rolls back on a throw.
 */
export async function inScopedTransaction<T>(em: EntityManager, scope: Scope, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const fork = em.fork({ clear: true, useContext: false });
  await beginScoped(fork, scope);
  let result: T;
  try {
    result = await work(fork);
    await fork.commit();
  } catch (error) {
    if (fork.isInTransaction()) await fork.rollback().catch(() => undefined);
    throw error;
  }
  return result;
}

/**
 * Runs `work` inside the operation's transaction as one other franchise: row-level security and
 * the ORM filter see that franchise only, then what they saw before. For the writes a service
 * must make in another tenant (the other leg of a transfer between franchises), never to read
 * more than the actor may: pending changes are flushed first (in the caller's scope) and the
 * work's own are flushed before the scope is put back.
 */
export async function asFranchise<T>(em: EntityManager, franchiseId: string, work: () => Promise<T>): Promise<T> {
  if (!UUID.test(franchiseId)) throw new Error('a franchise scope holds only uuids');
  await em.flush();
  const [{ previous }] = await em.execute<[{ previous: string | null }]>(`select current_setting('app.franchise_ids', true) as previous`);
  const previousFilter = em.getFilterParams(TENANT_FILTER);
  const set = (setting: string | null, filter: object) => {
    em.setFilterParams(TENANT_FILTER, filter);
    return em.execute(`select set_config('app.franchise_ids', ?, true)`, [setting ?? '']);
  };
  await set(franchiseId, { franchiseIds: [franchiseId] });
  let result: T;
  try {
    result = await work();
    await em.flush();
  } catch (error) {
    await set(previous, previousFilter).catch(() => undefined); // the transaction may be aborted; it rolls back
    throw error;
  }
  await set(previous, previousFilter);
  return result;
}
