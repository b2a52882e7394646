import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Which franchises an operation may touch: every one (HQ, and the system itself
 * during sign-in), a list, or none (anonymous callers). Finer scope inside a
 * franchise (a store and what is under it) is a record-level check in services,
 * using `orgPath`.
 */
export interface Scope {
  franchiseIds: 'all' | readonly string[];
  /** Materialized path of the actor's org unit ('/hq/franchise/store/'); '' when none. */
  orgPath: string;
}

export const NO_SCOPE: Scope = Object.freeze({ franchiseIds: Object.freeze([]) as readonly string[], orgPath: '' });
/** For core services that must look across franchises (sign-in lookups, jobs). Never derived from input. */
export const SYSTEM_SCOPE: Scope = Object.freeze({ franchiseIds: 'all', orgPath: '/' });

export const TENANT_FILTER = 'tenant';

/** The value of app.franchise_ids that the row-level security policies read. */
export function scopeSetting(scope: Scope): string {
  return scope.franchiseIds === 'all' ? '*' : scope.franchiseIds.join(',');
}

/** Parameters of the MikroORM tenant filter. */
export function tenantFilterParams(scope: Scope): { franchiseIds: 'all' | readonly string[] } {
  return { franchiseIds: scope.franchiseIds };
}

export function canSeeFranchise(scope: Scope, franchiseId: string): boolean {
  return scope.franchiseIds === 'all' || scope.franchiseIds.includes(franchiseId);
}

/** True when the org unit at `path` is the actor's own unit or under it. */
export function isWithinOrgPath(scope: Scope, path: string): boolean {
  return scope.orgPath === '/' || path.startsWith(scope.orgPath);
}

/**
 * Puts an EntityManager fork into a scope: the ORM filter for convenience, and
 * (inside a transaction) the setting row-level security enforces.
 */
export async function applyScope(em: EntityManager, scope: Scope): Promise<void> {
  em.setFilterParams(TENANT_FILTER, tenantFilterParams(scope));
  await em.execute(`select set_config('app.franchise_ids', ?, true)`, [scopeSetting(scope)]);
}

/** Runs `work` in its own transaction on a new fork, in the given scope. */
export async function inScopedTransaction<T>(em: EntityManager, scope: Scope, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const fork = em.fork({ clear: true, useContext: false });
  fork.setFilterParams(TENANT_FILTER, tenantFilterParams(scope));
  return fork.transactional(async (tx) => {
    await applyScope(tx as EntityManager, scope);
    return work(tx as EntityManager);
  });
}
