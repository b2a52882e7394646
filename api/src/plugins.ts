import { DEFAULT_PLUGINS, repoRoot, type Config } from './config';
import { loadPlugins, pluginsLoaded, installedPlugins } from './core/plugins/host';
import { definePlugin, type PluginDefinition } from './core/plugins/plugin';
import { leastLoadedRule, roundRobinRule } from './modules/cases/case-assignment';
import { caseTimelineProvider } from './modules/cases/case.extensions';
import { complaintWorkflow, consultationWorkflow } from './modules/cases/case.workflows';
import { BUILT_IN_SLA_POLICY } from './modules/cases/sla.service';
import { messageTimelineProvider, notificationEventHandlers } from './modules/notifications/notification.extensions';
import { API_VERSION } from './version';

/**
 * Core's own defaults, contributed through the same extension points as any plugin
 * (always installed, always enabled): the case workflows, the built-in SLA policy, the
 * assignment rules, the cases' and messages' timeline entries, and the notifications cases send. Plugins build on these.
 */
export const corePlugin: PluginDefinition = definePlugin({
  name: 'core',
  version: API_VERSION,
  description: 'PharmaDesk defaults: case workflows, the built-in SLA policy, round-robin and least-loaded assignment.',
  compatibility: '*',
  workflows: [complaintWorkflow, consultationWorkflow],
  slaPolicies: [BUILT_IN_SLA_POLICY],
  assignmentRules: [roundRobinRule, leastLoadedRule],
  timelineProviders: [caseTimelineProvider, messageTimelineProvider],
  eventHandlers: notificationEventHandlers,
});

/** Loads core and the plugins config names (start-up; fails fast with every problem named). */
export function loadInstalledPlugins(config: Pick<Config, 'PLUGINS'>): readonly PluginDefinition[] {
  return loadPlugins(corePlugin, config.PLUGINS, { apiVersion: API_VERSION, repoRoot });
}

/** For tools that build the ORM or schema without a config (the tests' template database): the default plugins. */
export function ensurePluginsLoaded(): readonly PluginDefinition[] {
  return pluginsLoaded() ? installedPlugins() : loadPlugins(corePlugin, DEFAULT_PLUGINS, { apiVersion: API_VERSION, repoRoot });
}

export function pluginEntities(): Function[] {
  return ensurePluginsLoaded().flatMap((p) => [...(p.schema?.entities ?? [])]);
}

export function pluginResolvers(): Function[] {
  return ensurePluginsLoaded().flatMap((p) => [...(p.schema?.resolvers ?? [])]);
}
