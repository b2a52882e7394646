import type { AppRuntime, RequestContext } from '../context';
import { systemContext } from '../context';
import { inScopedTransaction, type Scope } from '../tenancy/scope';
import { enabledPluginsFor } from './enablement';
import { installedPlugins } from './host';
import type { DomainEvent, DomainEvents, DomainEventType } from './plugin';
import { clock } from '../clock';

/**
 * Domain events for plugins' event handlers: queued on the operation and handled after
 * it commits (never for a rolled-back write), on the instance that made the change, by
 * the handlers of plugins the event's franchise has enabled at that moment. A failing
 * handler is logged; it never undoes the change that raised the event.
 */
export function publishDomainEvent<T extends DomainEventType>(ctx: RequestContext, type: T, franchiseId: string, payload: DomainEvents[T]): void {
  if (!installedPlugins().some((p) => p.eventHandlers?.some((h) => h.event === type))) return;
  const event = { type, franchiseId, actorId: ctx.actor?.id ?? null, occurredAt: clock.now().toISOString(), ...payload } as DomainEvent<T>;
  ctx.afterCommit.push(() => dispatch(ctx.runtime, event as DomainEvent));
}

/** Runs `work` in its own transaction that sees only this franchise; its after-commit hooks run after. */
export async function inFranchise<T>(runtime: AppRuntime, franchiseId: string, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
  const scope: Scope = { franchiseIds: [franchiseId], orgPath: '/' };
  const ctx = systemContext(runtime);
  const result = await inScopedTransaction(runtime.orm.em, scope, (em) => {
    Object.assign(ctx, { em, scope });
    return work(ctx);
  });
  for (const hook of ctx.afterCommit.splice(0)) await hook();
  return result;
}

async function dispatch(runtime: AppRuntime, event: DomainEvent): Promise<void> {
  const enabled = await inFranchise(runtime, event.franchiseId, (ctx) => enabledPluginsFor(ctx.em, event.franchiseId));
  for (const { plugin, options } of enabled) {
    for (const handler of plugin.eventHandlers ?? []) {
      if (handler.event !== event.type) continue;
      const logger = runtime.logger.child({ plugin: plugin.name, handler: handler.name, event: event.type });
      try {
        await handler.handle(event, { options, runtime, logger, inFranchise: (work) => inFranchise(runtime, event.franchiseId, work) });
      } catch (error) {
        logger.error({ err: error }, 'plugin event handler failed');
      }
    }
  }
}
