import type { AppRuntime } from '../context';
import { inScopedTransaction, SYSTEM_SCOPE } from '../tenancy/scope';
import type { OutboxMessage } from './outbox';

/**
 * How far before the connection was lost the catch-up reads: a transaction that began before
 * the loss (its rows stamped then) may commit after it. Repeats are skipped by position.
 */
const CATCH_UP_MARGIN_MS = 60_000;

/**
 * The relay: when this instance's LISTEN connection comes back, it re-reads the outbox rows
 * committed since shortly before it was lost and hands them to its subscribers, so nothing
 * published while it was down is missed (NOTIFYs sent meanwhile were not queued for it).
 */
export function relayOutboxOnResume(runtime: Pick<AppRuntime, 'orm' | 'pubsub' | 'logger'>): () => void {
  return runtime.pubsub.onResumed(async ({ downSince }) => {
    const since = new Date(downSince.getTime() - CATCH_UP_MARGIN_MS);
    const rows = await inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, (em) =>
      em.execute<{ position: string; topic: string; payload: unknown }[]>(`select position, topic, payload from event_outbox where created_at >= ? order by position`, [since]),
    );
    const messages: OutboxMessage[] = rows.map((r) => ({ position: Number(r.position), topic: r.topic, payload: r.payload }));
    runtime.pubsub.deliver(messages);
    runtime.logger.info({ read: messages.length, since }, 'live events caught up from the outbox');
  });
}
