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
/** Transaction option: the connection given (`connection`) is in a transaction already, scope set; knex only takes it over. */
const ALREADY_BEGUN = Symbol('already begun');
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
  type Config = { [SCOPED_BEGIN]?: string; [ALREADY_BEGUN]?: true } | undefined;
  const client = knex.client as { transaction: (container: unknown, config: Config, outerTx: unknown) => Trx; emit(event: string, query: object): void; [SCOPED_BEGIN]?: true };
  if (client[SCOPED_BEGIN]) return;
  const make = client.transaction;
  client.transaction = function (this: unknown, container, config, outerTx) {
    const trx = make.call(this, container, config, outerTx);
    const scopeSql = !outerTx ? config?.[SCOPED_BEGIN] : undefined;
    const begun = !outerTx && config?.[ALREADY_BEGUN];
    if (!scopeSql && !begun) return trx;
    trx.begin = (conn) => {
      trx.trxClient[CONNECTION] = conn;
      // On a read's connection (LazyReadTransaction) BEGIN and the scope went out already.
      return begun ? Promise.resolve() : trx.query(conn, `begin; ${scopeSql}`);
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

/** A statement asked for after the operation's transaction ended (work left running after its answer). */
class TransactionEnded extends Error {
  constructor() {
    super('The operation has ended; its transaction is closed.');
  }
}

type PgConnection = { query(text: string): Promise<{ rows: unknown[] } | { rows: unknown[] }[]> };
type KnexClient = {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
  emit(event: string, query: object): void;
};

/**
 * The transaction of an operation that only reads (a GraphQL query), on a connection taken from
 * the pool by its first statement (an operation that reaches no table sends nothing at all).
 * Plain statements (the read path, runStatement) go out with the scope in front of them, in one
 * round trip: PostgreSQL runs a simple query of several statements as one implicit transaction,
 * so the scope (set_config local to the transaction) holds for that statement and is gone after
 * it, and there is nothing to commit. Under READ COMMITTED each statement saw a snapshot of its
 * own inside BEGIN … COMMIT as well, so reads see what they saw before. The ORM and knex use it as
 * a transaction: their first statement opens a real one (BEGIN and the scope), which the plain
 * statements after it join, and the end commits it; so does a nested transaction (a flush: the
 * audit of personal data read). Nothing runs on that connection without the scope.
 */
class LazyReadTransaction implements PlainConnection {
  /** What knex and the ORM send statements through: this transaction's connection, never the pool's. */
  readonly client: object;
  /** Settled once the connection went back (after COMMIT or ROLLBACK when a transaction was begun). */
  executionPromise?: Promise<void>;
  /** The connection, taken from the pool by the first statement. */
  private connection?: Promise<PgConnection>;
  /** A real transaction (BEGIN and the scope), opened by the ORM's or knex's first statement. */
  private begun?: Promise<PgConnection>;
  private knexTransaction?: Promise<Knex.Transaction>;
  private ended = false;

  constructor(
    private readonly knex: Knex,
    private readonly scopeSql: string,
  ) {
    const tx = this;
    const base = knex.client as unknown as KnexClient & { query(connection: PgConnection, query: unknown): Promise<unknown> };
    const client = Object.create(base) as typeof base & { transacting: boolean; [CONNECTION]: PlainConnection };
    client.transacting = true;
    client.acquireConnection = () => this.begin();
    client.releaseConnection = () => Promise.resolve();
    // Checked as the statement goes onto the connection (knex sends it synchronously from here): once
    // the operation ended the connection is back in the pool, maybe in another operation's transaction.
    client.query = function (this: unknown, connection, query) {
      return tx.ended ? Promise.reject(new TransactionEnded()) : base.query.call(this, connection, query);
    };
    client[CONNECTION] = this;
    this.client = client;
  }

  private get base(): KnexClient {
    return this.knex.client as unknown as KnexClient;
  }

  private acquire(): Promise<PgConnection> {
    if (this.ended) return Promise.reject(new TransactionEnded());
    return (this.connection ??= this.base.acquireConnection());
  }

  /** BEGIN and the scope, once (knex's and the ORM's statements, a nested transaction). */
  private begin(): Promise<PgConnection> {
    if (this.ended) return Promise.reject(new TransactionEnded());
    return (this.begun ??= this.acquire().then(async (connection) => {
      const text = `begin; ${this.scopeSql}`;
      this.base.emit('query', { sql: text, bindings: [] });
      await connection.query(text);
      return connection;
    }));
  }

  /** A plain statement: in the transaction once one is begun, else with the scope in its own implicit one. Its caller emits knex's query event (runStatement). */
  async query(text: string): Promise<{ rows: unknown[] }> {
    if (!this.begun) {
      const connection = await this.acquire();
      // Checked just before it goes onto the connection (see the client's query).
      if (this.ended) throw new TransactionEnded();
      // Still no transaction begun meanwhile (else its BEGIN may not have gone out yet: wait for it below).
      if (!this.begun) {
        const results = (await connection.query(`${this.scopeSql}; ${text}`)) as { rows: unknown[] }[];
        return results[results.length - 1]!;
      }
    }
    const connection = await this.begun;
    if (this.ended) throw new TransactionEnded();
    return (await connection.query(text)) as { rows: unknown[] };
  }

  isCompleted(): boolean {
    return this.ended;
  }

  /** A nested transaction (a savepoint), as the ORM's flush asks for one. */
  transaction(container: unknown, options?: object): Promise<Knex.Transaction> {
    this.knexTransaction ??= this.begin().then((connection) =>
      this.knex.transaction(null as never, { connection, [ALREADY_BEGUN]: true } as never),
    );
    return this.knexTransaction.then((trx) => trx.transaction(container as never, options as never) as unknown as Knex.Transaction);
  }

  savepoint(container: unknown, options?: object): Promise<Knex.Transaction> {
    return this.transaction(container, options);
  }

  commit(): Promise<void> {
    return (this.executionPromise = this.end('commit'));
  }

  rollback(): Promise<void> {
    return (this.executionPromise = this.end('rollback'));
  }

  private async end(how: 'commit' | 'rollback'): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (!this.connection) return; // nothing was sent
    const connection = await this.connection.catch(() => undefined);
    if (!connection) return; // none was had (the database unreachable)
    try {
      // Only plain statements: each was a transaction of its own, nothing is open.
      if (!this.begun) return;
      await this.begun.catch(() => undefined); // a BEGIN that failed half-way leaves an aborted transaction to end
      const trx = this.knexTransaction && (await this.knexTransaction.catch(() => undefined));
      if (trx && !trx.isCompleted()) await (how === 'commit' ? trx.commit() : trx.rollback());
      else {
        this.base.emit('query', { sql: how, bindings: [] });
        await connection.query(how);
      }
    } finally {
      await this.base.releaseConnection(connection);
    }
  }
}

/**
 * Opens the transaction of an operation that only reads on `em` (a request's fork) in `scope`,
 * lazily (see LazyReadTransaction): nothing goes out until the first statement. End it as any
 * other (commit, rollback, commitWithoutFlush).
 */
export function beginScopedRead(em: EntityManager, scope: Scope): void {
  const knex = em.getKnex();
  installScopedBegin(knex);
  em.setFilterParams(TENANT_FILTER, tenantFilterParams(scope));
  em.setTransactionContext(new LazyReadTransaction(knex, scopeStatement(scope)) as unknown as Knex.Transaction);
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
