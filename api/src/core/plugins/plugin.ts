import type { MigrationObject } from '@mikro-orm/core';
import type { PermissionDefinition, RoleTemplateDefinition } from '../auth/permissions';
import type { AppRuntime, RequestContext } from '../context';
import type { Logger } from '../logger';
import type { WorkflowExtension } from '../workflow/compose';
import type { WorkflowDefinition } from '../workflow/workflow';
import type { OptionsOf, OptionsSchema } from './options';
// Types only: the extension points themselves live with their modules.
import type { Case } from '../../modules/cases/case.entity';
import type { AssignmentRule } from '../../modules/cases/case-assignment';
import type { SlaTarget } from '../../modules/cases/sla.entity';
import type { TimelineProvider } from '../../modules/customers/customer-timeline';

/**
 * What a plugin declares (after Vendure's plugin model): who it is, which API versions
 * it works with, the options a franchise sets when enabling it, and its contributions
 * through the typed extension points. Contributions that run per case (workflow
 * changes, SLA policies, routes, assignment rules, timeline entries, event handlers)
 * apply only to franchises that enabled the plugin; schema, entities and migrations are
 * installed for everyone (they hold no franchise's behaviour).
 */
export interface PluginDefinition<S extends OptionsSchema = OptionsSchema> {
  /** kebab-case, unique: refund-approval. `core` is the API's own contribution. */
  name: string;
  /** The plugin's own semantic version. */
  version: string;
  description: string;
  /** Range of API versions the plugin works with (`^0.1.0`, `>=0.1.0 <0.3.0`). */
  compatibility: string;
  optionsSchema?: S;
  /** New permission names (must not clash with core's or another plugin's). */
  permissions?: readonly PermissionDefinition[];
  roleTemplates?: readonly RoleTemplateDefinition[];
  /** New workflows, or extensions of a named one (complaint, consultation). */
  workflows?: readonly (WorkflowDefinition<any> | WorkflowExtension<Case, OptionsOf<S>>)[];
  slaPolicies?: readonly PluginSlaPolicy<OptionsOf<S>>[];
  /** Which queue a new case waits in (first matching route of the enabled plugins wins; else general). */
  caseRoutes?: readonly CaseRoute<OptionsOf<S>>[];
  assignmentRules?: readonly AssignmentRule[];
  timelineProviders?: readonly TimelineProvider[];
  eventHandlers?: readonly EventHandler<OptionsOf<S>>[];
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
 * An SLA policy a plugin brings: for cases in `queue` unless the franchise set its own
 * policy for that queue; without a queue, the default for franchises without a default
 * policy of their own (core's built-in policy is one).
 */
export interface PluginSlaPolicy<O> {
  name: string;
  queue?: string;
  targets: readonly SlaTarget[] | ((options: O) => SlaTarget[]);
  warningThreshold?: number;
  autoEscalateOnBreach?: boolean;
}

export interface CaseRoute<O> {
  name: string;
  queue: string;
  when: (c: Case, options: O) => boolean;
}

/** Domain events published after commit; handlers run only for franchises that enabled their plugin. */
export interface DomainEvents {
  'case.created': { caseId: string; caseNo: string; queue: string; isVip: boolean };
  'case.transitioned': { caseId: string; caseNo: string; action: string; from: string; to: string };
}
export type DomainEventType = keyof DomainEvents;
export type DomainEvent<T extends DomainEventType = DomainEventType> = { type: T; franchiseId: string; actorId: string | null; occurredAt: string } & DomainEvents[T];

export interface EventHandlerContext<O> {
  options: O;
  runtime: AppRuntime;
  logger: Logger;
  /** Runs `work` in its own transaction, scoped to the event's franchise. */
  inFranchise<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T>;
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
