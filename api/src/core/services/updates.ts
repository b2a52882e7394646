import { ConflictError } from '../errors';

/**
 * Optimistic locking for edits made from a form: the client sends the version it
 * saw; a newer one on the server means someone else saved first.
 */
export function checkVersion(entity: { version: number; id: string }, expected: number, label: string): void {
  if (entity.version !== expected) {
    throw new ConflictError(
      `${label} ${entity.id} was changed by someone else (you edited version ${expected}, it is now version ${entity.version}); reload and apply your change again`,
      { currentVersion: entity.version },
    );
  }
}

/** Copies the fields present in an update (undefined = leave as is, null = clear). */
export function applyUpdate<T extends object>(entity: T, update: Partial<T>): void {
  for (const [key, value] of Object.entries(update)) {
    if (value !== undefined) (entity as Record<string, unknown>)[key] = value;
  }
}
