import { permissionDefinitions, registerPermissions, type PermissionSet } from '../auth/permissions';
import type { JobDefinition } from '../jobs/jobs';
import type { PluginContributions, PluginPointSpec } from '../plugins/plugin';
import type { HttpRoutes } from '../http/routes';

/**
 * A module's manifest: everything the module contributes, declared in one place
 * (`<name>.module.ts`). `api/src/modules/index.ts` lists the modules; the app, the job
 * runner, scripts and the schema generator all start from that list, so nothing depends
 * on which file happened to import which.
 */
export interface ModuleDefinition {
  /** kebab-case, unique. */
  name: string;
  /** MikroORM entities. */
  entities?: readonly Function[];
  /** TypeGraphQL resolver classes. */
  resolvers?: readonly Function[];
  /** Permission sets made with definePermissions (registered when the module list is installed). */
  permissions?: readonly PermissionSet[];
  /** pg-boss jobs (defineJob). */
  jobs?: readonly JobDefinition<any>[];
  /**
   * Contributions through the plugin extension points (workflows, SLA policies, assignment
   * rules, timeline providers, event handlers...): together they make the always-enabled
   * `core` plugin, so core modules use the same extension points as plugins.
   */
  contributes?: PluginContributions;
  /** Extension points this module offers to plugins (their contributions' names must be unique). */
  pluginPoints?: readonly PluginPointSpec[];
  /** Contributions to extension points other modules offer (see defineExtensionPoint). */
  extensions?: readonly ExtensionContribution[];
  /**
   * Plain HTTP routes beside GraphQL (a public page such as an online survey), mounted before
   * the admin panel's fallback; each gets the express app and the runtime (no actor: the route
   * authorizes its own requests).
   */
  httpRoutes?: readonly HttpRoutes[];
  /** Names of the event types this module emits (its `<name>.events.ts`); checked against the catalogue. */
  events?: readonly string[];
}

const MODULE = Symbol('pharmadesk.module');

export function defineModule<const M extends ModuleDefinition>(definition: M): M {
  return Object.assign(definition, { [MODULE]: true });
}

export function isModuleDefinition(value: unknown): value is ModuleDefinition {
  return !!value && typeof value === 'object' && (value as Record<symbol, unknown>)[MODULE] === true;
}

export interface ExtensionContribution<T = unknown> {
  point: string;
  value: T;
}

/**
 * A named extension point a module offers to the others (customer merge handlers, checks
 * before a plugin is disabled...). The offering module declares it; contributing modules
 * list `point.contribute(value)` in their manifest; `point.all()` reads them once installed.
 */
export interface ExtensionPoint<T> {
  readonly name: string;
  contribute(value: T): ExtensionContribution<T>;
  all(): readonly T[];
}

const contributions = new Map<string, unknown[]>();
let installed: readonly ModuleDefinition[] | null = null;

export function defineExtensionPoint<T>(name: string): ExtensionPoint<T> {
  return {
    name,
    contribute: (value) => ({ point: name, value }),
    all: () => {
      if (!installed) throw new Error(`Extension point ${name} read before the modules were installed (installModules)`);
      return (contributions.get(name) ?? []) as T[];
    },
  };
}

/** Installs the module list once per process (idempotent for the same list); fails naming every problem. */
export function installModules(modules: readonly ModuleDefinition[]): readonly ModuleDefinition[] {
  if (installed === modules) return installed;
  if (installed) throw new Error('A different module list is already installed in this process');
  const problems: string[] = [];
  const names = new Set<string>();
  const jobs = new Map<string, string>();
  for (const m of modules) {
    if (!isModuleDefinition(m)) problems.push(`${String((m as { name?: string })?.name)} is not made with defineModule(...)`);
    if (names.has(m.name)) problems.push(`module "${m.name}" is listed twice`);
    names.add(m.name);
    for (const job of m.jobs ?? []) {
      if (jobs.has(job.name)) problems.push(`module "${m.name}": job "${job.name}" is also declared by module "${jobs.get(job.name)}"`);
      jobs.set(job.name, m.name);
    }
  }
  if (problems.length) throw new Error(`Cannot install the modules:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  for (const m of modules) {
    for (const set of m.permissions ?? []) registerPermissions(permissionDefinitions(set));
    for (const c of m.extensions ?? []) {
      if (!contributions.has(c.point)) contributions.set(c.point, []);
      contributions.get(c.point)!.push(c.value);
    }
  }
  installed = modules;
  return installed;
}

export function installedModules(): readonly ModuleDefinition[] {
  if (!installed) throw new Error('Modules are not installed yet: start from api/src/modules (installModules)');
  return installed;
}
