import type { Scope } from '../tenancy/scope';

/** Who is acting on a request: a signed-in staff member or a partner system's API key. */
export interface Actor {
  kind: 'user' | 'apiKey';
  id: string;
  /** Shown in audit entries: an email or a key's name and prefix. */
  label: string;
  /** The franchise (or HQ) the actor belongs to. */
  franchiseId: string;
  orgUnitId: string;
  /** The kind of that unit (HQ, FRANCHISE, STORE...): at HQ or a franchise node the whole franchise is in scope. */
  orgUnitKind?: string;
  isHq: boolean;
  permissions: ReadonlySet<string>;
  scope: Scope;
  /** For staff sessions: the refresh-token family, revoked as a whole. */
  sessionId?: string;
  /** Options of the plugins the actor's franchise enabled, by plugin name, read with the actor (saves each request that query). */
  enabledPluginOptions?: Readonly<Record<string, unknown>>;
}

export function hasPermission(actor: Actor | null, permission: string): boolean {
  return !!actor && actor.permissions.has(permission);
}
