import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from './logger';
import type { PubSub } from './pubsub';

/**
 * Who is acting. Filled by core/auth (staff session or partner API key); null for
 * anonymous callers. The identity issue gives it its full shape.
 */
export interface Actor {
  kind: 'user' | 'apiKey';
  id: string;
}

/**
 * Per-request dataloaders, created on first use so a request only pays for the
 * loaders it needs. Key them by a module-level constant (usually the batch function).
 */
export class LoaderRegistry {
  private readonly loaders = new Map<unknown, DataLoader<unknown, unknown>>();

  get<K, V, C = K>(key: unknown, create: () => DataLoader<K, V, C>): DataLoader<K, V, C> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create() as unknown as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as unknown as DataLoader<K, V, C>;
  }
}

/** Everything a resolver and a service get for one GraphQL operation. */
export interface RequestContext {
  requestId: string;
  /** This request's own EntityManager fork; never the global one. */
  em: EntityManager;
  actor: Actor | null;
  logger: Logger;
  loaders: LoaderRegistry;
  pubsub: PubSub;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's X-Request-Id when it is sane, so logs can be joined across systems. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

export function createRequestContext(deps: {
  em: EntityManager;
  logger: Logger;
  pubsub: PubSub;
  requestId?: string;
  actor?: Actor | null;
}): RequestContext {
  const requestId = deps.requestId ?? randomUUID();
  return {
    requestId,
    em: deps.em.fork({ clear: true, useContext: false }),
    actor: deps.actor ?? null,
    logger: deps.logger.child({ requestId }),
    loaders: new LoaderRegistry(),
    pubsub: deps.pubsub,
  };
}
