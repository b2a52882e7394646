import { setMaxListeners } from 'node:events';
import { createPubSub as createYogaPubSub, type PubSubEventTarget } from '@graphql-yoga/subscription';
import { Client } from 'pg';
import type { Logger } from './logger';

/**
 * Topics and their payloads. Payloads carry ids and scope, never whole records:
 * subscribers reload and re-authorize per event.
 */
export interface Topics {
  /** Credentials that stopped working (logout, password change, refresh-token reuse, account disabled, key revoked). */
  'auth.revoked': [{ sessionIds?: string[]; apiKeyIds?: string[] }];
  /** A customer archive was created or changed (merges included). */
  'customers.changed': [{ id: string; franchiseId: string; change: 'created' | 'updated' }];
  [topic: string]: [unknown];
}

type LocalPubSub = ReturnType<typeof createYogaPubSub<Topics>>;

export interface PubSub {
  publish: LocalPubSub['publish'];
  subscribe: LocalPubSub['subscribe'];
  /** Stops listening to other instances (shutdown). */
  close(): Promise<void>;
}

/** In-process only: scripts, schema generation, and tests of a single instance. */
export function createPubSub(): PubSub {
  const local = localBus();
  return { publish: local.publish, subscribe: local.subscribe, close: async () => undefined };
}

/** The in-process bus: one listener per live subscription, so thousands are expected, not a leak. */
function localBus() {
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  return createYogaPubSub<Topics>({ eventTarget: eventTarget as PubSubEventTarget<never> });
}

export const EVENTS_CHANNEL = 'pharmadesk_events';

/**
 * Events shared by every API instance on the database: publishing is a NOTIFY, and each
 * instance LISTENs and hands what arrives to its own subscribers (its own events too, so
 * there is one path). A lost LISTEN connection is re-established; events published
 * meanwhile are missed, as with any NOTIFY, which is why payloads are only "look again" hints.
 */
export async function createSharedPubSub(connectionString: string, logger: Logger): Promise<PubSub> {
  const local = localBus();
  let client: Client | undefined;
  let closed = false;

  const connect = async (): Promise<void> => {
    const listener = new Client({ connectionString, application_name: 'pharmadesk-events' });
    listener.on('notification', (message) => {
      try {
        const { topic, payload } = JSON.parse(message.payload ?? '{}') as { topic: string; payload: unknown };
        (local.publish as (topic: string, payload: unknown) => void)(topic, payload);
      } catch (error) {
        logger.warn({ err: error }, 'ignoring a malformed event notification');
      }
    });
    listener.on('error', (error) => {
      if (client === listener) client = undefined;
      logger.warn({ err: error }, 'event listener connection lost; reconnecting');
      void listener.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect().catch((e) => logger.error({ err: e }, 'event listener reconnect failed')), 1_000).unref();
    });
    await listener.connect();
    await listener.query(`listen ${EVENTS_CHANNEL}`);
    client = listener;
  };
  await connect();

  return {
    subscribe: local.subscribe,
    publish: ((topic: string, payload: unknown) => {
      if (!client) return logger.error({ topic }, 'event listener not connected; event dropped');
      client
        .query('select pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify({ topic, payload })])
        .catch((error: unknown) => logger.error({ err: error, topic }, 'could not publish an event'));
    }) as LocalPubSub['publish'],
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}
