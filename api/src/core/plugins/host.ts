import path from 'node:path';
import type { MigrationObject } from '@mikro-orm/core';
import { defineRoleTemplate, registerPermissions, isKnownPermission, isRoleTemplateKey, permissionPlugin } from '../auth/permissions';
import { composeWorkflow, type WorkflowExtension } from '../workflow/compose';
import { defineWorkflow, hasWorkflow, validateWorkflow, type WorkflowDefinition } from '../workflow/workflow';
import { checkOptionsSchema, optionProblems, parseOptions } from './options';
import { isPluginDefinition, type PluginDefinition, type PluginPointSpec } from './plugin';
import { parseVersion, satisfies } from './semver';

/**
 * The plugin host: loads the installed plugins (config PLUGINS) once per process,
 * refusing to start on a plugin that does not fit (API version outside its
 * compatibility range, an invalid options schema, a permission or role template name
 * already taken, a workflow change that does not apply), then registers what must be
 * global (permissions, role templates, base workflows). Everything per franchise is
 * looked up from `installedPlugins()` filtered by the franchise's enablements.
 */
export class PluginLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot load the installed plugins (config PLUGINS):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PluginLoadError';
  }
}

export const CORE_PLUGIN_NAME = 'core';
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MIGRATION_NAME = /^Migration\d{14}_[a-z0-9_]+$/;

let installed: readonly PluginDefinition[] | null = null;
let loadedFrom: string | null = null;

/** `refund-approval` → the workspace package @pharmadesk/plugin-refund-approval; `./path` or `/path` → that module. */
export function pluginModuleId(spec: string, repoRoot: string): string {
  return spec.startsWith('.') || spec.startsWith('/') ? path.resolve(repoRoot, spec) : `@pharmadesk/plugin-${spec}`;
}

function requirePlugin(spec: string, repoRoot: string): { plugin?: PluginDefinition; problem?: string } {
  let loaded: unknown;
  try {
    loaded = require(pluginModuleId(spec, repoRoot));
  } catch (error) {
    return { problem: `${spec}: cannot be loaded (${(error as Error).message.split('\n')[0]})` };
  }
  const exported = (loaded as { default?: unknown }).default ?? (loaded as { plugin?: unknown }).plugin ?? loaded;
  return isPluginDefinition(exported) ? { plugin: exported } : { problem: `${spec}: does not export a plugin made with definePlugin(...) as its default export` };
}

const isBase = (w: WorkflowDefinition<unknown> | WorkflowExtension): w is WorkflowDefinition<unknown> => 'initial' in w;

/** What the installed modules offer plugins: their extension points and the event types they emit. */
export interface PluginSurface {
  points: readonly PluginPointSpec[];
  events: readonly string[];
}

/** Every reason these plugins cannot run together on this API version (empty when they can). */
export function checkPlugins(plugins: readonly PluginDefinition[], apiVersion: string, surface: PluginSurface): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const permissionOwner = new Map<string, string>();
  const templateOwner = new Map<string, string>();
  const workflowOwner = new Map<string, string>();
  const named = new Map<string, string>();
  const migrations = new Map<string, string>();
  const unique = (kind: string, key: string, owner: string) => {
    const earlier = named.get(`${kind}:${key}`);
    if (earlier) problems.push(`${owner}: ${kind} "${key}" is also defined by ${earlier}`);
    named.set(`${kind}:${key}`, owner);
  };
  for (const p of plugins) {
    const who = `plugin "${p.name}"`;
    if (!NAME.test(p.name)) problems.push(`${who}: the name must be kebab-case (refund-approval)`);
    if (names.has(p.name)) problems.push(`${who} is installed twice`);
    names.add(p.name);
    if (!parseVersion(p.version)) problems.push(`${who}: version "${p.version}" is not a semantic version`);
    const fits = satisfies(apiVersion, p.compatibility);
    if (fits === null) problems.push(`${who}: compatibility "${p.compatibility}" is not a version range (e.g. ^0.1.0)`);
    else if (!fits) problems.push(`${who} ${p.version} is not compatible with this API: it supports API versions ${p.compatibility}, this API is ${apiVersion}`);
    problems.push(...checkOptionsSchema(p.optionsSchema).map((m) => `${who}: options schema is invalid: ${m}`));
    for (const permission of p.permissions ?? []) {
      const owner = isKnownPermission(permission.name) ? `${permissionPlugin(permission.name) ?? 'core'}` : permissionOwner.get(permission.name);
      if (owner) problems.push(`${who}: permission "${permission.name}" clashes with the one ${owner === 'core' ? 'core defines' : `plugin "${owner}" defines`}`);
      permissionOwner.set(permission.name, p.name);
    }
    for (const template of p.roleTemplates ?? []) {
      const owner = isRoleTemplateKey(template.key) ? 'core' : templateOwner.get(template.key);
      if (owner) problems.push(`${who}: role template "${template.key}" clashes with the one ${owner === 'core' ? 'core defines' : `plugin "${owner}" defines`}`);
      templateOwner.set(template.key, p.name);
    }
    for (const permission of p.permissions ?? [])
      for (const key of permission.grantedTo ?? [])
        if (!isRoleTemplateKey(key) && !templateOwner.has(key)) problems.push(`${who}: permission "${permission.name}" is granted to an unknown role template "${key}"`);
    for (const workflow of p.workflows ?? []) {
      if (isBase(workflow)) {
        if (hasWorkflow(workflow.name) || workflowOwner.has(workflow.name)) problems.push(`${who}: workflow "${workflow.name}" is already defined`);
        workflowOwner.set(workflow.name, p.name);
        problems.push(...validateWorkflow(workflow).map((m) => `${who}: workflow ${workflow.name}: ${m}`));
      }
    }
    for (const point of surface.points)
      for (const contribution of ((p as unknown as Record<string, unknown[] | undefined>)[point.field] ?? [])) unique(point.label, point.key(contribution), who);
    for (const handler of p.eventHandlers ?? [])
      if (!surface.events.includes(handler.event)) problems.push(`${who}: event handler ${handler.name} listens to unknown event "${handler.event}"; known: ${surface.events.join(', ')}`);
    for (const migration of p.migrations ?? []) {
      if (!MIGRATION_NAME.test(migration.name)) problems.push(`${who}: migration "${migration.name}" must be named Migration<14-digit timestamp>_<snake_name>`);
      if (migrations.has(migration.name)) problems.push(`${who}: migration "${migration.name}" is also in ${migrations.get(migration.name)}`);
      migrations.set(migration.name, who);
    }
  }
  // Extensions must apply to their base on their own (conflicts between plugins are checked when a franchise enables them).
  const bases = new Map<string, WorkflowDefinition<unknown>>();
  for (const p of plugins) for (const w of p.workflows ?? []) if (isBase(w)) bases.set(w.name, w);
  for (const p of plugins) {
    const defaults = optionProblems(p.optionsSchema, {}).length ? {} : parseOptions(p.optionsSchema, {});
    for (const w of p.workflows ?? []) {
      if (isBase(w)) continue;
      const base = bases.get(w.extends) ?? (hasWorkflow(w.extends) ? undefined : null);
      if (base === null) {
        problems.push(`plugin "${p.name}": extends workflow "${w.extends}", which no installed plugin or core defines`);
        continue;
      }
      if (!base) continue; // registered earlier in this process: checked when that load happened
      problems.push(...composeWorkflow(base, [{ plugin: p.name, extension: w, options: defaults }]).conflicts.map((m) => `plugin "${p.name}": ${m}`));
    }
  }
  return problems;
}

/**
 * Loads `core` and the plugins named in `specs` (once per process; asking again for the
 * same list is a no-op). Throws PluginLoadError naming every problem, before registering anything.
 */
export function loadPlugins(core: PluginDefinition, specs: readonly string[], options: { apiVersion: string; repoRoot: string; surface: PluginSurface }): readonly PluginDefinition[] {
  const key = JSON.stringify(specs);
  if (installed && loadedFrom === key) return installed;
  const resolved = specs.map((spec) => requirePlugin(spec, options.repoRoot));
  const problems = resolved.flatMap((r) => (r.problem ? [r.problem] : []));
  const plugins = [core, ...resolved.flatMap((r) => (r.plugin ? [r.plugin] : []))];
  if (!problems.length) problems.push(...checkPlugins(plugins, options.apiVersion, options.surface));
  if (problems.length) throw new PluginLoadError(problems);
  if (installed) throw new PluginLoadError([`this process already runs plugins ${JSON.parse(loadedFrom!).join(', ') || '(none)'}; it cannot switch to ${specs.join(', ') || '(none)'} without a restart`]);
  for (const p of plugins) {
    if (p.name !== CORE_PLUGIN_NAME && p.permissions?.length) registerPermissions(p.permissions, p.name);
    for (const template of p.roleTemplates ?? []) defineRoleTemplate({ ...template, plugin: p.name });
    for (const w of p.workflows ?? []) if (isBase(w)) defineWorkflow(w);
  }
  installed = plugins;
  loadedFrom = key;
  return installed;
}

export function pluginsLoaded(): boolean {
  return installed !== null;
}

/** Core first, then the installed plugins in config order. */
export function installedPlugins(): readonly PluginDefinition[] {
  if (!installed) throw new Error('Plugins are not loaded yet: call loadInstalledPlugins(config) at start-up');
  return installed;
}

export function findInstalledPlugin(name: string): PluginDefinition | undefined {
  return installedPlugins().find((p) => p.name === name);
}

/** Plugin migrations, for the ORM to run with core's (in name order). */
export function pluginMigrations(): MigrationObject[] {
  return installedPlugins().flatMap((p) => [...(p.migrations ?? [])]);
}
