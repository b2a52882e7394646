import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import { RequestLogger, type Logger } from './logger';
import type { PubSub } from './pubsub';
import type { Jobs } from './jobs/jobs';

import type { Actor } from './auth/actor';
import { NO_SCOPE, SYSTEM_SCOPE, TENANT_FILTER, tenantFilterParams, type Scope } from './tenancy/scope';

export type { Actor };

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

/** Process-wide things services need: configuration, the auth secret, the ORM (for their own transactions). */
export interface AppRuntime {
  config: Config;
  authSecret: string;
  orm: MikroORM;
  pubsub: PubSub;
  logger: Logger;
  /** The job queue, once this instance has started its jobs (JOBS_ENABLED); absent otherwise. */
  jobs?: Jobs;
  /** Resolves credentials kept on a socket to a fresh actor (live events are re-authorized each time). */
  authenticate(credentials: unknown): Promise<Actor | null>;
  /** Of these session / API key ids, those that no longer authenticate (revoked, expired, disabled). */
  endedCredentials(holderIds: readonly string[]): Promise<string[]>;
}

/** Everything a resolver and a service get for one GraphQL operation. */
export interface RequestContext {
  requestId: string;
  /** This request's own EntityManager fork; never the global one. */
  em: EntityManager;
  /** Null for anonymous callers. */
  actor: Actor | null;
  /** The franchises this operation may touch (RLS and the ORM filter follow it). */
  scope: Scope;
  /** The caller's address, for sign-in throttling. */
  clientAddress: string;
  logger: Logger;
  /** Adds what the request's logger says on every line from now on (operationName). */
  bindLog?(bindings: Record<string, unknown>): void;
  loaders: LoaderRegistry;
  pubsub: PubSub;
  runtime: AppRuntime;
  /** Run once the operation's transaction has committed (publishing events, closing revoked sockets). */
  afterCommit: (() => void | Promise<void>)[];
  /** Unmasked personal data this operation returned, by entity: audited before commit. */
  piiReads: Map<string, Set<string>>;
  /** The operation only reads (a GraphQL query): its transaction commits without a flush. */
  readOnly?: boolean;
  /** How the caller authenticated, kept on WebSocket operations to re-authorize each live event. */
  credentials?: unknown;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's X-Request-Id when it is sane, so logs can be joined across systems. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

export function createRequestContext(runtime: AppRuntime, deps: {
  requestId?: string;
  actor?: Actor | null;
  clientAddress?: string;
  credentials?: unknown;
  /** Only for system work (jobs): every franchise, no actor. */
  systemScope?: boolean;
}): RequestContext {
  const requestId = deps.requestId ?? randomUUID();
  const actor = deps.actor ?? null;
  const scope = deps.systemScope ? SYSTEM_SCOPE : (actor?.scope ?? NO_SCOPE);
  const em = runtime.orm.em.fork({ clear: true, useContext: false });
  em.setFilterParams(TENANT_FILTER, tenantFilterParams(scope));
  const requestLogger = new RequestLogger(runtime.logger, { requestId });
  let logger: Logger | undefined;
  return {
    requestId,
    em,
    actor,
    scope,
    clientAddress: deps.clientAddress ?? 'unknown',
    // Its pino child is made when something logs (see RequestLogger).
    get logger() {
      return logger ?? (requestLogger as unknown as Logger);
    },
    set logger(value: Logger) {
      logger = value;
    },
    bindLog(bindings) {
      if (logger) logger = logger.child(bindings);
      else requestLogger.bind(bindings);
    },
    loaders: new LoaderRegistry(),
    pubsub: runtime.pubsub,
    runtime,
    afterCommit: [],
    piiReads: new Map(),
    credentials: deps.credentials,
  };
}

/** Gives a long-lived (subscription) context a fresh EntityManager and loaders for one more event. */
export function renewForEvent(ctx: RequestContext): void {
  ctx.em = ctx.runtime.orm.em.fork({ clear: true, useContext: false });
  ctx.em.setFilterParams(TENANT_FILTER, tenantFilterParams(ctx.scope));
  ctx.loaders = new LoaderRegistry();
  ctx.afterCommit.length = 0;
  ctx.piiReads.clear();
}

/** A context for background work across every franchise (jobs); run it with inOperation. */
export function systemContext(runtime: AppRuntime): RequestContext {
  return createRequestContext(runtime, { systemScope: true });
}
