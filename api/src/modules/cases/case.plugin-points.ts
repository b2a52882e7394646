import type { PluginPointSpec } from '../../core/plugins/plugin';
import type { AssignmentRule } from './case-assignment';
import type { Case } from './case.entity';
import type { SlaTarget } from './sla.entity';

/**
 * The extension points the cases module offers to plugins (and to itself, through the core
 * plugin): SLA policies, case routes and assignment rules. Declared here, by the module
 * that owns them, onto the plugin contributions core knows generically.
 */

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

declare module '../../core/plugins/plugin' {
  interface PluginContributions<O> {
    slaPolicies?: readonly PluginSlaPolicy<O>[];
    /** Which queue a new case waits in (first matching route of the enabled plugins wins; else general). */
    caseRoutes?: readonly CaseRoute<O>[];
    assignmentRules?: readonly AssignmentRule[];
  }
}

/** Names unique across installed plugins (checked by the plugin host at start-up). */
export const casePluginPoints: PluginPointSpec[] = [
  { field: 'assignmentRules', label: 'assignment rule', key: (r: AssignmentRule) => r.name },
  { field: 'caseRoutes', label: 'case route', key: (r: CaseRoute<unknown>) => r.name },
  { field: 'slaPolicies', label: 'SLA policy', key: (p: PluginSlaPolicy<unknown>) => p.name },
];
