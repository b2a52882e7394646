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

/**
 * One statement per event: the outbox row, and a NOTIFY that PostgreSQL holds until the
 * transaction commits (and drops on rollback). A crash after commit loses nothing: the
 * row is there for the relay and the reactions.
 */
async function append(em: EntityManager, row: { franchiseId: string; topic: string; payload: object; actorId: string | null }): Promise<void> {
  await em.execute(
    `with e as (
       insert into event_outbox (franchise_id, topic, payload, actor_id, occurred_at) values (?, ?, ?::jsonb, ?, ?)
       returning position, topic, payload)
     select pg_notify('${EVENTS_CHANNEL}', json_build_object('position', e.position, 'topic', e.topic, 'payload', e.payload)::text) from e`,
    [row.franchiseId, row.topic, JSON.stringify(row.payload), row.actorId, clock.now()],
    'run',
  );
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
