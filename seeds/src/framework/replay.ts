import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { clock, createPubSub, ensurePluginsLoaded, loadConfig, LoaderRegistry, staffActor, type AppRuntime, type Logger, type RequestContext } from '@pharmadesk/api';

/**
 * Drives the API's own services for the demo data, as the staff member who did the work and
 * at the instant they did it (the clock is moved there for the call): a replay of weeks of
 * work through the same rules the API applies, so the seed holds data (who, what, when) and
 * no rule of its own. Runs inside the seeder's transaction (every franchise in scope).
 */
export class ServiceReplay {
  private readonly runtime: AppRuntime;
  private readonly actors = new Map<string, Promise<RequestContext['actor']>>();
  private readonly watchers: ((em: EntityManager) => void)[] = [];

  constructor(
    private readonly em: EntityManager,
    private readonly logger: Logger,
  ) {
    ensurePluginsLoaded();
    this.runtime = {
      config: loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }),
      authSecret: '',
      orm: undefined as never, // after-commit work (live events, plugin handlers) does not run for history
      pubsub: createPubSub(),
      logger,
      authenticate: async () => null,
      endedCredentials: async () => [],
    };
  }

  private context(actor: RequestContext['actor']): RequestContext {
    return {
      requestId: randomUUID(),
      em: this.em,
      actor,
      scope: actor ? actor.scope : { franchiseIds: 'all', orgPath: '/' },
      clientAddress: 'demo-seed',
      logger: this.logger,
      loaders: new LoaderRegistry(),
      pubsub: this.runtime.pubsub,
      runtime: this.runtime,
      afterCommit: [],
      piiReads: new Map(),
    } as RequestContext;
  }

  /** `look` sees the unit of work after every call (what it loaded, created or changed), before it is cleared. */
  afterEachCall(look: (em: EntityManager) => void): void {
    this.watchers.push(look);
  }

  /** Runs `work` as staff member `staffId` (null: the system, as a job) at `at`; each call sees fresh state. */
  async as<T>(staffId: string | null, at: Date, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    let actor: RequestContext['actor'] = null;
    if (staffId) {
      if (!this.actors.has(staffId)) this.actors.set(staffId, staffActor(this.em, { id: staffId }));
      actor = await this.actors.get(staffId)!;
    }
    try {
      return await clock.at(at, () => work(this.context(actor)));
    } finally {
      for (const look of this.watchers) look(this.em);
      this.em.clear();
    }
  }
}
