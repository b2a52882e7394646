import { Client } from 'pg';
import type { Logger } from './logger';
import { EVENTS_CHANNEL, type OutboxMessage } from './events/outbox';

export { EVENTS_CHANNEL };

/**
 * Topics and their payloads. Payloads carry ids and scope, never whole records:
 * subscribers reload and re-authorize per event.
 */
export interface Topics {
  /**
   * Credentials that stopped working (logout, password change, refresh-token reuse, account
   * disabled, key revoked); `everyone` when roles, staff placement or plugin enablement changed.
   */
  'auth.revoked': [{ sessionIds?: string[]; apiKeyIds?: string[]; everyone?: boolean }];
  /** A customer archive was created or changed (merges included). */
  'customers.changed': [{ id: string; franchiseId: string; change: 'created' | 'updated' }];
  [topic: string]: [unknown];
}

interface LocalPubSub {
  publish<TTopic extends keyof Topics & string>(topic: TTopic, ...args: Topics[TTopic]): void;
  subscribe<TTopic extends keyof Topics & string>(topic: TTopic): AsyncIterableIterator<Topics[TTopic][0]>;
}

/** What happened while the shared event connection was down: its listeners catch up from here. */
export interface EventsResumed {
  /** When the connection was lost (events published since may have been missed). */
  downSince: Date;
}

export interface PubSub {
  publish: LocalPubSub['publish'];
  subscribe: LocalPubSub['subscribe'];
  /** False while events from other instances (and this one's) cannot be delivered: readiness reports it. */
  readonly connected: boolean;
  /**
   * Runs after the shared connection comes back from an outage (not on the first connect),
   * to re-apply what may have been missed meanwhile (revocations, outbox catch-up).
   * Returns a function that removes the listener.
   */
  onResumed(listener: (resumed: EventsResumed) => void | Promise<void>): () => void;
  /**
   * Hands committed outbox messages to this instance's subscribers, each position once
   * (whether it came by NOTIFY or by the relay's catch-up after a reconnect).
   */
  deliver(messages: readonly OutboxMessage[]): void;
  /** Stops listening to other instances (shutdown). */
  close(): Promise<void>;
}

/** In-process only: scripts, schema generation, and tests of a single instance. */
export function createPubSub(): PubSub {
  const local = localBus();
  return { publish: local.publish, subscribe: local.subscribe, connected: true, onResumed: () => () => undefined, deliver: deliverOnce(local), close: async () => undefined };
}

/**
 * Most events a subscriber may have waiting before it is cut off. A burst (the relay's catch-up
 * after an outage, a bulk import) is published synchronously, before any subscriber can run, so
 * the queue must hold it; a subscriber that falls this far behind is ended with an error (its
 * client resubscribes and reloads) instead of holding memory without bound.
 */
export const MAX_PENDING_EVENTS = 20_000;

/** The in-process bus: one queue per live subscription (from `subscribe` until `return`), so thousands are expected. */
function localBus(): LocalPubSub {
  const subscribers = new Map<string, Set<EventQueue>>();
  return {
    publish(topic, ...[payload]) {
      for (const queue of subscribers.get(topic) ?? []) queue.push(payload);
    },
    subscribe(topic) {
      let queues = subscribers.get(topic);
      if (!queues) subscribers.set(topic, (queues = new Set()));
      const queue: EventQueue = new EventQueue(() => {
        queues.delete(queue);
        if (!queues.size && subscribers.get(topic) === queues) subscribers.delete(topic);
      });
      queues.add(queue);
      return queue as AsyncIterableIterator<never>;
    },
  };
}

/** One subscriber's events in order; `next()` waits for the next one. */
class EventQueue implements AsyncIterableIterator<unknown> {
  private items: unknown[] = [];
  private head = 0;
  private waiting: ((result: IteratorResult<unknown>) => void) | null = null;
  private failed: Error | null = null;
  private done = false;

  constructor(private readonly unsubscribe: () => void) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  push(item: unknown): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      return resolve({ value: item, done: false });
    }
    if (this.items.length - this.head >= MAX_PENDING_EVENTS) {
      this.failed = new Error(`live updates fell more than ${MAX_PENDING_EVENTS} events behind; subscribe again`);
      return this.finish();
    }
    this.items.push(item);
  }

  next(): Promise<IteratorResult<unknown>> {
    if (this.head < this.items.length) {
      const value = this.items[this.head++];
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head); // drop what was read, now and then
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.failed) return Promise.reject(this.failed);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<unknown>> {
    this.items = [];
    this.head = 0;
    this.failed = null;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.unsubscribe();
    const resolve = this.waiting;
    this.waiting = null;
    if (resolve) resolve({ value: undefined, done: true });
  }
}

/** Delivers outbox messages to local subscribers, skipping positions already delivered (the last 50,000). */
function deliverOnce(local: LocalPubSub): (messages: readonly OutboxMessage[]) => void {
  const seen = new Set<string>();
  const order: string[] = [];
  return (messages) => {
    for (const { position, topic, payload } of messages) {
      const key = String(position);
      if (seen.has(key)) continue;
      seen.add(key);
      order.push(key);
      if (order.length > 50_000) seen.delete(order.shift()!);
      local.publish(topic, payload);
    }
  };
}

/** Most direct publishes kept while the shared connection is down; older ones are dropped with a warning. */
export const MAX_UNSENT_EVENTS = 10_000;

export interface SharedPubSubOptions {
  /** First retry delay after the connection is lost; doubles per failed attempt up to maxRetryMs. */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** A `select 1` on the connection this often, so a silently dead connection is noticed. */
  heartbeatMs?: number;
}

/**
 * Events shared by every API instance on the database: publishing is a NOTIFY, and each
 * instance LISTENs and hands what arrives to its own subscribers (its own events too, so
 * there is one path). A lost LISTEN connection is re-established forever with backoff;
 * NOTIFYs sent meanwhile are missed (payloads are only "look again" hints), so `onResumed`
 * listeners re-apply what matters once it is back. While it is down `connected` is false, and
 * what this instance publishes is kept (the latest MAX_UNSENT_EVENTS) and sent once it is back.
 */
export async function createSharedPubSub(connectionString: string, logger: Logger, options: SharedPubSubOptions = {}): Promise<PubSub> {
  const { minRetryMs = 200, maxRetryMs = 1_000, heartbeatMs = 10_000 } = options;
  const local = localBus();
  const deliver = deliverOnce(local);
  const resumedListeners = new Set<(resumed: EventsResumed) => void | Promise<void>>();
  let client: Client | undefined;
  let closed = false;
  let downSince: Date | undefined;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const listener = new Client({ connectionString, application_name: 'pharmadesk-events', keepAlive: true });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      listener.removeAllListeners('notification');
      void listener.end().catch(() => undefined);
      if (client !== listener) return; // failed while connecting: connect() reports it
      client = undefined;
      downSince = new Date();
      logger.warn({ err: error }, 'event listener connection lost; live events are down until it reconnects');
      scheduleReconnect();
    };
    listener.on('notification', (message) => {
      try {
        const { position, topic, payload } = JSON.parse(message.payload ?? '{}') as { position?: number; topic: string; payload: unknown };
        // Outbox messages carry their position (delivered once); direct ones (auth.revoked) do not.
        if (position !== undefined) deliver([{ position, topic, payload }]);
        else local.publish(topic, payload);
      } catch (error) {
        logger.warn({ err: error }, 'ignoring a malformed event notification');
      }
    });
    listener.on('error', onLost);
    listener.on('end', () => onLost());
    try {
      await listener.connect();
      await listener.query(`listen ${EVENTS_CHANNEL}`);
    } catch (error) {
      lost = true;
      void listener.end().catch(() => undefined);
      throw error;
    }
    if (closed) return void listener.end().catch(() => undefined);
    client = listener;
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    const delay = Math.min(maxRetryMs, minRetryMs * 2 ** attempt) * (0.8 + Math.random() * 0.4);
    attempt++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(resumed, (error: unknown) => {
        logger.warn({ err: error, attempt }, 'event listener could not reconnect; retrying');
        scheduleReconnect();
      });
    }, delay);
    retryTimer.unref();
  };

  // Direct publishes made while no connection could carry them (or lost with one), sent on reconnect.
  const unsent: string[] = [];
  let droppedUnsent = 0;
  const keep = (message: string) => {
    if (unsent.push(message) > MAX_UNSENT_EVENTS) {
      unsent.shift();
      if (droppedUnsent++ % 1_000 === 0) logger.warn({ kept: MAX_UNSENT_EVENTS }, 'event listener down too long; oldest unsent events dropped');
    }
  };
  let answers = 0;
  const send = (message: string) => {
    const current = client;
    if (!current) return keep(message);
    current
      .query('select pg_notify($1, $2)', [EVENTS_CHANNEL, message])
      .then(() => answers++)
      .catch((error: unknown) => {
        // Lost with its connection (which is replaced): sent again on reconnect. A repeat is harmless, payloads are hints.
        setImmediate(() => (client === current ? logger.error({ err: error }, 'could not publish an event') : keep(message)));
      });
  };

  const resumed = () => {
    if (!client) return;
    const since = downSince ?? new Date();
    logger.info({ downMs: Date.now() - since.getTime(), attempts: attempt }, 'event listener reconnected');
    attempt = 0;
    downSince = undefined;
    for (const message of unsent.splice(0)) send(message);
    for (const listener of resumedListeners) {
      Promise.resolve()
        .then(() => listener({ downSince: since }))
        .catch((error: unknown) => logger.error({ err: error }, 'catching up after the event listener reconnected failed'));
    }
  };

  await connect();

  // A connection that answers nothing for a whole heartbeat while a `select 1` waits on it is as
  // good as lost: drop it so it is replaced. Any answer counts (a burst of publishes queues the ping
  // behind it), and each beat is judged after the loop's next I/O poll (timers run first, so after
  // a blocked loop the answers may be waiting unread).
  let answersAtLastBeat = answers;
  let pinging: Client | undefined;
  const heartbeat = setInterval(
    () =>
      setImmediate(() => {
        const current = client;
        if (!current) return;
        if (answers !== answersAtLastBeat) return void (answersAtLastBeat = answers);
        if (pinging === current) return void current.emit('error', new Error(`no answer on the event connection for ${heartbeatMs} ms`));
        pinging = current;
        current
          .query('select 1')
          .then(() => answers++, () => undefined)
          .finally(() => pinging === current && (pinging = undefined));
      }),
    heartbeatMs,
  );
  heartbeat.unref();

  return {
    subscribe: local.subscribe,
    publish: ((topic: string, payload: unknown) => send(JSON.stringify({ topic, payload }))) as LocalPubSub['publish'],
    get connected() {
      return !!client;
    },
    deliver,
    onResumed(listener) {
      resumedListeners.add(listener);
      return () => resumedListeners.delete(listener);
    },
    async close() {
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
