import type { MigrationObject } from '@mikro-orm/core';
import type { PermissionDefinition, RoleTemplateDefinition } from '../auth/permissions';
import type { AppRuntime, RequestContext } from '../context';
import type { Logger } from '../logger';
import type { WorkflowExtension } from '../workflow/compose';
import type { WorkflowDefinition } from '../workflow/workflow';
import type { OptionsOf, OptionsSchema } from './options';
import type { DomainEvent, DomainEventType } from '../events/catalogue';

export type { DomainEvent, DomainEvents, DomainEventType } from '../events/catalogue';

/**
 * What a plugin declares (after Vendure's plugin model): who it is, which API versions
 * it works with, the options a franchise sets when enabling it, and its contributions
 * through the typed extension points. Contributions that run per case (workflow
 * changes, SLA policies, routes, assignment rules, timeline entries, event handlers)
 * apply only to franchises that enabled the plugin; schema, entities and migrations are
 * installed for everyone (they hold no franchise's behaviour).
 */
/**
 * What a plugin (or, as the `core` plugin, a module) contributes through the extension
 * points. Core declares the generic ones here; a module that owns an extension point
 * (cases: SLA policies, case routes, assignment rules; customers: timeline providers) adds
 * it to this interface from its own files (declaration merging), so core imports no module.
 */
export interface PluginContributions<O = any> {
  /** New permission names (must not clash with core's or another plugin's). */
  permissions?: readonly PermissionDefinition[];
  roleTemplates?: readonly RoleTemplateDefinition[];
  /** New workflows, or extensions of a named one (complaint, consultation). */
  workflows?: readonly (WorkflowDefinition<any> | WorkflowExtension<any, O>)[];
  eventHandlers?: readonly EventHandler<O>[];
}

export interface PluginDefinition<S extends OptionsSchema = OptionsSchema> extends PluginContributions<OptionsOf<S>> {
  /** kebab-case, unique: refund-approval. `core` is the API's own contribution. */
  name: string;
  /** The plugin's own semantic version. */
  version: string;
  description: string;
  /** Range of API versions the plugin works with (`^0.1.0`, `>=0.1.0 <0.3.0`). */
  compatibility: string;
  optionsSchema?: S;
  schema?: {
    /** MikroORM entities (tenant tables: extend TenantEntity, @Filter(tenantFilter), RLS in the migration). */
    entities?: readonly Function[];
    /** TypeGraphQL resolver classes; field resolvers on core types (e.g. Case) included. */
    resolvers?: readonly Function[];
  };
  /** Named Migration<14-digit timestamp>_<name>; run with core's, in name order. */
  migrations?: readonly MigrationObject[];
  /** Where the admin pieces live, for people reading `installedPlugins` (the admin imports them at build time). */
  admin?: { module: string; description?: string };
}

/**
 * A module-owned extension point plugins contribute to, declared in the owning module's
 * manifest (`pluginPoints`) so the plugin host can refuse two contributions with one name.
 */
export interface PluginPointSpec {
  field: string;
  /** How a problem names one contribution: "assignment rule". */
  label: string;
  key(contribution: any): string;
}

export interface EventHandlerContext<O> {
  options: O;
  runtime: AppRuntime;
  logger: Logger;
  /** Runs `work` in its own transaction, scoped to the event's franchise. */
  inFranchise<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T>;
  /** True on the reaction's last try: a failure now makes it a dead letter (until HQ retries it). */
  lastAttempt: boolean;
  /** The outbox event's id: a handler that must apply an event once in effect records it in its own transaction. */
  eventId: string;
}

export interface EventHandler<O, T extends DomainEventType = DomainEventType> {
  event: T;
  name: string;
  handle(event: DomainEvent<T>, context: EventHandlerContext<O>): Promise<void>;
}

const DEFINED = Symbol('pharmadesk.plugin');

/** Declares a plugin. Export the result as the package's default export. */
export function definePlugin<const S extends OptionsSchema = {}>(definition: PluginDefinition<S>): PluginDefinition<S> {
  return Object.assign(definition, { [DEFINED]: true });
}

export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return !!value && typeof value === 'object' && (value as Record<symbol, unknown>)[DEFINED] === true;
}

/** Typed helper for one event handler inside definePlugin (keeps the event's payload type). */
export function onEvent<O, T extends DomainEventType>(handler: EventHandler<O, T>): EventHandler<O, T> {
  return handler;
}
