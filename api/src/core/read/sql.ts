import type { EntityManager } from '@mikro-orm/postgresql';
import { plainConnection } from '../tenancy/scope';

/**
 * Read statements sent straight on the operation's pg connection: the text the ORM would
 * send (values inlined by its platform, knex's placeholders resolved, simple protocol) in the
 * same transaction, so row-level security and the scope apply as before, without the ORM's
 * and knex's query runners on every read. Outside a transaction opened by beginScoped (no
 * operation, a nested one) they go through the ORM. Writes keep the ORM: entities, the unit
 * of work, optimistic locking.
 */
export interface Statement {
  sql: string;
  bindings: readonly unknown[];
  /** What goes on the wire, made on first use (keep the statement to reuse it). */
  text?: string;
}

type KnexClient = { positionBindings(sql: string): string; emit(event: string, query: object): void };

/** The rows of `statement` in the operation's transaction. */
export async function runStatement<T>(em: EntityManager, statement: Statement): Promise<T[]> {
  const connection = plainConnection(em);
  if (!connection) return em.execute<T[]>(statement.sql, statement.bindings as unknown[]);
  const knex = em.getKnex().client as unknown as KnexClient;
  statement.text ??= knex.positionBindings(em.getPlatform().formatQuery(statement.sql, statement.bindings as unknown[]));
  // Those who count statements (tests, benchmarks) listen to knex's query event: it still tells them.
  knex.emit('query', { sql: statement.text, bindings: [] });
  try {
    return (await connection.query(statement.text)).rows as T[];
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  }
}

/** The rows of `sql` (`?` placeholders) in the operation's transaction. */
export function readRows<T>(em: EntityManager, sql: string, bindings: readonly unknown[] = []): Promise<T[]> {
  return runStatement<T>(em, { sql, bindings });
}
