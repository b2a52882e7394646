import { DEFAULT_PLUGINS, repoRoot, type Config } from './config';
import { loadPlugins, pluginsLoaded, installedPlugins } from './core/plugins/host';
import { definePlugin, type PluginContributions, type PluginDefinition } from './core/plugins/plugin';
import { installAppModules, modules } from './modules';
import { API_VERSION } from './version';

/** Every module's contributions through the plugin extension points, concatenated per point in module order. */
function moduleContributions(): PluginContributions {
  const merged: Record<string, unknown[]> = {};
  for (const m of modules) for (const [point, values] of Object.entries(m.contributes ?? {})) merged[point] = [...(merged[point] ?? []), ...(values as unknown[])];
  return merged as PluginContributions;
}

/**
 * Core's own defaults, contributed by the modules' manifests through the same extension
 * points as any plugin (always installed, always enabled): the case workflows, the built-in
 * SLA policy, the assignment rules, the timeline entries, the notifications cases send.
 * Plugins build on these.
 */
export const corePlugin: PluginDefinition = definePlugin({
  name: 'core',
  version: API_VERSION,
  description: 'PharmaDesk defaults: case workflows, the built-in SLA policy, round-robin and least-loaded assignment.',
  compatibility: '*',
  ...moduleContributions(),
});

function load(specs: readonly string[]): readonly PluginDefinition[] {
  const installed = installAppModules();
  const surface = { points: installed.flatMap((m) => [...(m.pluginPoints ?? [])]), events: installed.flatMap((m) => [...(m.events ?? [])]) };
  return loadPlugins(corePlugin, specs, { apiVersion: API_VERSION, repoRoot, surface });
}

/**
 * Installs the modules, then loads core and the plugins config names (start-up; fails fast
 * with every problem named). Every entry point (server, job runner, scripts) starts here.
 */
export function loadInstalledPlugins(config: Pick<Config, 'PLUGINS'>): readonly PluginDefinition[] {
  return load(config.PLUGINS);
}

/** For tools that build the ORM or schema without a config (the tests' template database): the default plugins. */
export function ensurePluginsLoaded(): readonly PluginDefinition[] {
  return pluginsLoaded() ? installedPlugins() : load(DEFAULT_PLUGINS);
}

/** The jobs of the installed modules. */
export function moduleJobs() {
  return installAppModules().flatMap((m) => [...(m.jobs ?? [])]);
}
