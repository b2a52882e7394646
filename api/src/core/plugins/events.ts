import type { AppRuntime, RequestContext } from '../context';
import { systemContext } from '../context';
import { inScopedTransaction, type Scope } from '../tenancy/scope';

/**
 * Runs `work` in its own transaction that sees only this franchise; its after-commit hooks
 * run after. Event handlers (see core/events/reactions.ts) do their work through this.
 */
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
