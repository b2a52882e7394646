// The plugin kit: what a plugin package imports (through @pharmadesk/api).
export { definePlugin, onEvent, type PluginDefinition, type PluginContributions, type EventHandler, type EventHandlerContext, type DomainEvent, type DomainEvents, type DomainEventType } from './plugin';
export type { OptionsSchema, OptionsOf, OptionSpec } from './options';
export { parseOptions } from './options';
export { PluginLoadError, installedPlugins } from './host';
export { enabledPluginsFor, isPluginEnabled, type EnabledPlugin } from './enablement';
export { FranchisePlugin } from './franchise-plugin.entity';
