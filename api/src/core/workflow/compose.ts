import type { Refusal, RequiredField, TransitionRun, WorkflowDefinition, WorkflowState, WorkflowTransition } from './workflow';
import { validateWorkflow } from './workflow';

/**
 * Workflow extensions: what a plugin adds to a named base workflow. The effective
 * workflow of a record is the base composed with the extensions of the plugins its
 * franchise enabled, each bound to that franchise's options. Composition reports
 * conflicts (two plugins adding the same state or transition, or both replacing or
 * branching the same transition) instead of picking a winner.
 */
export type PluginGuard<R, O> = (run: TransitionRun<R>, options: O) => Refusal | null | Promise<Refusal | null>;
export type PluginAction<R, O> = (run: TransitionRun<R>, options: O) => void | Promise<void>;
export interface PluginBranch<R, O> {
  to: string;
  when: (run: TransitionRun<R>, options: O) => boolean;
}

export interface ExtensionTransition<R, O> extends Omit<WorkflowTransition<R>, 'guards' | 'actions' | 'when' | 'branches'> {
  guards?: PluginGuard<R, O>[];
  actions?: PluginAction<R, O>[];
  when?: (record: R, options: O) => boolean;
  branches?: PluginBranch<R, O>[];
}

/** Additions to existing transitions of the workflow (by action, optionally only from some states). */
export interface TransitionAmendment<R, O> {
  action: string;
  from?: string[];
  guards?: PluginGuard<R, O>[];
  requiredFields?: RequiredField[];
  actions?: PluginAction<R, O>[];
  branches?: PluginBranch<R, O>[];
}

export interface WorkflowExtension<R = any, O = any> {
  /** The base workflow's name (complaint, consultation…). */
  extends: string;
  states?: WorkflowState[];
  transitions?: ExtensionTransition<R, O>[];
  /** Transitions that take the place of the base ones with the same action. */
  replace?: ExtensionTransition<R, O>[];
  amend?: TransitionAmendment<R, O>[];
}

export interface AppliedExtension {
  plugin: string;
  extension: WorkflowExtension;
  options: unknown;
}

interface Owned<R> {
  transition: WorkflowTransition<R>;
  owner: string;
  branchedBy?: string;
}

function bind<R>(t: ExtensionTransition<R, unknown>, options: unknown): WorkflowTransition<R> {
  const when = t.when;
  return {
    ...t,
    from: [...t.from],
    guards: (t.guards ?? []).map((g) => (run: TransitionRun<R>) => g(run, options)),
    actions: (t.actions ?? []).map((a) => (run: TransitionRun<R>) => a(run, options)),
    when: when && ((record: R) => when(record, options)),
    branches: (t.branches ?? []).map((b) => ({ to: b.to, when: (run: TransitionRun<R>) => b.when(run, options) })),
  };
}

export function composeWorkflow<R>(base: WorkflowDefinition<R>, applied: readonly AppliedExtension[]): { definition: WorkflowDefinition<R>; conflicts: string[] } {
  const conflicts: string[] = [];
  const where = `workflow ${base.name}`;
  const stateOwner = new Map(base.states.map((s) => [s.name, 'core']));
  const states = [...base.states];
  let transitions: Owned<R>[] = base.transitions.map((t) => ({
    owner: 'core',
    transition: { ...t, guards: [...(t.guards ?? [])], actions: [...(t.actions ?? [])], requiredFields: [...(t.requiredFields ?? [])], branches: [...(t.branches ?? [])] },
  }));
  const replacedBy = new Map<string, string>();

  for (const { plugin, extension, options } of applied) {
    if (extension.extends !== base.name) continue;
    for (const state of extension.states ?? []) {
      const owner = stateOwner.get(state.name);
      if (owner) conflicts.push(`${plugin} adds state ${state.name} to ${where}, which ${owner} already defines`);
      else {
        stateOwner.set(state.name, plugin);
        states.push(state);
      }
    }
    for (const replacement of extension.replace ?? []) {
      const earlier = replacedBy.get(replacement.action);
      if (earlier) {
        conflicts.push(`${plugin} and ${earlier} both replace the ${replacement.action} transition of ${where}`);
        continue;
      }
      if (!transitions.some((o) => o.transition.action === replacement.action)) {
        conflicts.push(`${plugin} replaces ${replacement.action}, which ${where} does not have`);
        continue;
      }
      replacedBy.set(replacement.action, plugin);
      transitions = transitions.filter((o) => o.transition.action !== replacement.action);
      transitions.push({ owner: plugin, transition: bind(replacement as ExtensionTransition<R, unknown>, options) });
    }
    for (const added of extension.transitions ?? []) {
      const clash = transitions.find((o) => o.transition.action === added.action && o.transition.from.some((f) => added.from.includes(f)));
      if (clash) conflicts.push(`${plugin} adds the ${added.action} transition to ${where}, which ${clash.owner} already defines from ${clash.transition.from.filter((f) => added.from.includes(f)).join(', ')}`);
      else transitions.push({ owner: plugin, transition: bind(added as ExtensionTransition<R, unknown>, options) });
    }
    for (const amendment of extension.amend ?? []) {
      const targets = transitions.filter((o) => o.transition.action === amendment.action && (!amendment.from || o.transition.from.some((f) => amendment.from!.includes(f))));
      if (!targets.length) {
        conflicts.push(`${plugin} amends ${amendment.action}, which ${where} does not have${amendment.from ? ` from ${amendment.from.join(', ')}` : ''}`);
        continue;
      }
      for (const target of targets) {
        const t = target.transition;
        for (const field of amendment.requiredFields ?? []) {
          if (t.requiredFields!.some((f) => f.name === field.name)) conflicts.push(`${plugin} adds required field ${field.name} to ${amendment.action} of ${where}, which it already has`);
          else t.requiredFields!.push(field);
        }
        t.guards!.push(...(amendment.guards ?? []).map((g) => (run: TransitionRun<R>) => g(run as TransitionRun<never>, options)));
        t.actions!.push(...(amendment.actions ?? []).map((a) => (run: TransitionRun<R>) => a(run as TransitionRun<never>, options)));
        if (amendment.branches?.length) {
          if (target.branchedBy) conflicts.push(`${plugin} and ${target.branchedBy} both change where ${amendment.action} of ${where} ends`);
          else {
            target.branchedBy = plugin;
            t.branches!.push(...amendment.branches.map((b) => ({ to: b.to, when: (run: TransitionRun<R>) => b.when(run as TransitionRun<never>, options) })));
          }
        }
      }
    }
  }
  const definition: WorkflowDefinition<R> = { ...base, states, transitions: transitions.map((o) => o.transition) };
  conflicts.push(...validateWorkflow(definition).map((p) => `${where}: ${p}`));
  return { definition, conflicts };
}

const cache = new Map<string, WorkflowDefinition<unknown>>();

/** The composed workflow for these extensions and options, built once per distinct combination. */
export function effectiveWorkflow<R>(base: WorkflowDefinition<R>, applied: readonly AppliedExtension[]): WorkflowDefinition<R> {
  const relevant = applied.filter((a) => a.extension.extends === base.name);
  if (!relevant.length) return base;
  const key = JSON.stringify([base.name, relevant.map((a) => [a.plugin, a.options])]);
  let definition = cache.get(key) as WorkflowDefinition<R> | undefined;
  if (!definition) {
    // Conflicts were refused when the plugins were enabled; should one slip through, the earlier plugin wins.
    definition = composeWorkflow(base, relevant).definition;
    if (cache.size > 1000) cache.clear();
    cache.set(key, definition as WorkflowDefinition<unknown>);
  }
  return definition;
}
