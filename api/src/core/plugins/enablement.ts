import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context';
import { FranchisePlugin } from './franchise-plugin.entity';
import { CORE_PLUGIN_NAME, installedPlugins } from './host';
import { optionProblems, parseOptions } from './options';
import type { PluginDefinition } from './plugin';

/** An installed plugin a franchise enabled, with its options (defaults filled in). */
export interface EnabledPlugin {
  // Any plugin's definition, with its options as parsed from its own schema.
  plugin: PluginDefinition<any>;
  options: any;
}

/**
 * Read per operation (one indexed query per franchise, remembered on that operation's
 * EntityManager), so an enablement change counts from the next request on every API
 * instance without a restart or a cache to invalidate.
 */
const remembered = new WeakMap<EntityManager, Map<string, Promise<EnabledPlugin[]>>>();

async function load(em: EntityManager, franchiseId: string): Promise<EnabledPlugin[]> {
  const rows = await em.find(FranchisePlugin, { franchiseId, enabled: true });
  return fromOptions(new Map(rows.map((r) => [r.plugin, r.options])));
}

function fromOptions(byName: ReadonlyMap<string, unknown>): EnabledPlugin[] {
  const enabled: EnabledPlugin[] = [];
  for (const plugin of installedPlugins()) {
    if (plugin.name === CORE_PLUGIN_NAME) enabled.push({ plugin, options: {} });
    else if (byName.has(plugin.name)) {
      const stored = byName.get(plugin.name);
      // Options saved under an older schema: a plugin with options it cannot read stays off rather than guessing.
      if (optionProblems(plugin.optionsSchema, stored).length) continue;
      enabled.push({ plugin, options: parseOptions(plugin.optionsSchema, stored) as Record<string, unknown> });
    }
  }
  return enabled;
}

/** Core and the plugins the franchise enabled, in install order. */
export function enabledPluginsFor(em: EntityManager, franchiseId: string): Promise<EnabledPlugin[]> {
  let byFranchise = remembered.get(em);
  if (!byFranchise) remembered.set(em, (byFranchise = new Map()));
  let result = byFranchise.get(franchiseId);
  if (!result) {
    result = load(em, franchiseId);
    byFranchise.set(franchiseId, result);
    result.catch(() => byFranchise!.delete(franchiseId));
  }
  return result;
}

/** Reads the enabled plugins of several franchises at once (a page spanning franchises): one query for those not read yet. */
export async function preloadEnabledPlugins(em: EntityManager, franchiseIds: Iterable<string>): Promise<void> {
  let byFranchise = remembered.get(em);
  if (!byFranchise) remembered.set(em, (byFranchise = new Map()));
  const missing = [...new Set(franchiseIds)].filter((id) => !byFranchise!.has(id));
  if (missing.length < 2) return; // one is read on first use anyway
  const rows = await em.find(FranchisePlugin, { franchiseId: { $in: missing }, enabled: true });
  for (const id of missing)
    byFranchise.set(id, Promise.resolve(fromOptions(new Map(rows.filter((r) => r.franchiseId === id).map((r) => [r.plugin, r.options])))));
}

/** Seeds an operation with what its actor's principal already read (the enabled plugins' options by name). */
export function rememberEnabledPlugins(em: EntityManager, franchiseId: string, optionsByName: Readonly<Record<string, unknown>>): void {
  let byFranchise = remembered.get(em);
  if (!byFranchise) remembered.set(em, (byFranchise = new Map()));
  byFranchise.set(franchiseId, Promise.resolve(fromOptions(new Map(Object.entries(optionsByName)))));
}

/** After a change in this operation, read again. */
export function forgetEnabledPlugins(em: EntityManager): void {
  remembered.delete(em);
}

export async function isPluginEnabled(em: EntityManager, franchiseId: string, name: string): Promise<boolean> {
  return (await enabledPluginsFor(em, franchiseId)).some((e) => e.plugin.name === name);
}

/** The plugins (not core) the caller's admin should show: their franchise's, or every installed one for HQ. */
export async function enabledPluginNames(ctx: RequestContext): Promise<string[]> {
  const actor = ctx.actor;
  if (!actor) return [];
  const names = actor.isHq
    ? installedPlugins().map((p) => p.name)
    : (await enabledPluginsFor(ctx.em, actor.franchiseId)).map((e) => e.plugin.name);
  return names.filter((n) => n !== CORE_PLUGIN_NAME);
}
