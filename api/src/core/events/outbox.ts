import type { EntityManager } from '@mikro-orm/postgresql';
import { clock } from '../clock';
import type { RequestContext } from '../context';
import type { Topics } from '../pubsub';
import type { DomainEvents, DomainEventType } from './catalogue';

/** The channel PostgreSQL NOTIFYs committed outbox rows on; every API instance LISTENs to it. */
export const EVENTS_CHANNEL = 'pharmadesk_events';

/** What a NOTIFY (and a relay catch-up) carries: the outbox position (to skip repeats), topic and payload. */
export interface OutboxMessage {
  position: number;
  topic: string;
  payload: unknown;
}

interface OutboxRow {
  franchiseId: string;
  topic: string;
  payload: object;
  actorId: string | null;
}

/** Rows of transactions that write their events in batches (see deferEvents), in the order they were published. */
const deferred = new WeakMap<EntityManager, Written[]>();

/** A row as written: its payload's JSON and time taken when it was published. */
type Written = Omit<OutboxRow, 'payload'> & { payload: string; occurredAt: Date };

/**
 * Rows as one statement: the outbox rows, and a NOTIFY per row that PostgreSQL holds until
 * the transaction commits (and drops on rollback). A crash after commit loses nothing: the
 * rows are there for the relay and the reactions.
 */
async function insertRows(em: EntityManager, rows: readonly Written[]): Promise<void> {
  await em.execute(
    `with e as (
       insert into event_outbox (franchise_id, topic, payload, actor_id, occurred_at) values ${rows.map(() => '(?, ?, ?::jsonb, ?, ?)').join(', ')}
       returning position, topic, payload)
     select pg_notify('${EVENTS_CHANNEL}', json_build_object('position', e.position, 'topic', e.topic, 'payload', e.payload)::text) from e order by e.position`,
    rows.flatMap((row) => [row.franchiseId, row.topic, row.payload, row.actorId, row.occurredAt]),
    'run',
  );
}

/** One statement per event, in the operation's transaction (or kept for its batch, see deferEvents). */
async function append(em: EntityManager, row: OutboxRow): Promise<void> {
  const written = { ...row, payload: JSON.stringify(row.payload), occurredAt: clock.now() };
  const batch = deferred.get(em);
  if (batch) batch.push(written);
  else await insertRows(em, [written]);
}

/**
 * For one long transaction that publishes thousands of events (the demo's replay of weeks of
 * work): its events are kept and written in batches by writeDeferredEvents, which must run
 * before it commits. They commit (and are delivered) exactly as if written one by one.
 */
export function deferEvents(em: EntityManager): void {
  if (!deferred.has(em)) deferred.set(em, []);
}

/** Writes the events deferEvents kept for `em`, in order, a few hundred rows a statement. */
export async function writeDeferredEvents(em: EntityManager): Promise<void> {
  const batch = deferred.get(em);
  deferred.delete(em);
  for (let i = 0; batch && i < batch.length; i += 500) await insertRows(em, batch.slice(i, i + 500));
}

/**
 * Runs `publish`, its events written a few hundred rows a statement when it is done instead of
 * one statement each (a batch that records many changes at once); inside an operation that
 * already defers its events, they join that one's batch.
 */
export async function publishTogether(em: EntityManager, publish: () => Promise<void>): Promise<void> {
  if (deferred.has(em)) return publish();
  deferEvents(em);
  try {
    await publish();
  } catch (error) {
    deferred.delete(em);
    throw error;
  }
  await writeDeferredEvents(em);
}

/** A live message (a "look again" hint for subscribers), written in the operation's transaction. */
export function publishLive<K extends keyof Topics & string>(ctx: Pick<RequestContext, 'em' | 'actor'>, topic: K, payload: Topics[K][0] & Record<string, unknown> & { franchiseId: string }): Promise<void> {
  return append(ctx.em, { franchiseId: payload.franchiseId, topic, payload, actorId: ctx.actor?.id ?? null });
}

/**
 * A domain event from the typed catalogue, written in the operation's transaction: live
 * subscribers and the reactions (plugin and module handlers, as pg-boss jobs) see it once
 * the change commits, never for a rolled-back change.
 */
export function publishEvent<T extends DomainEventType>(ctx: Pick<RequestContext, 'em' | 'actor'>, type: T, franchiseId: string, payload: DomainEvents[T]): Promise<void> {
  const actorId = ctx.actor?.id ?? null;
  return append(ctx.em, { franchiseId, topic: type, payload: { type, franchiseId, actorId, occurredAt: clock.now().toISOString(), ...payload }, actorId });
}
