import type { EntityManager } from '@mikro-orm/postgresql';
import { effectiveWorkflow, type AppliedExtension, type WorkflowExtension } from '../workflow/compose';
import { getWorkflow, type WorkflowDefinition } from '../workflow/workflow';
import { enabledPluginsFor, preloadEnabledPlugins } from './enablement';

const isExtension = (w: object): w is WorkflowExtension => 'extends' in w;

/** The workflow `name` as a franchise runs it: the base with its enabled plugins' extensions, bound to its options. */
export async function workflowFor<R>(em: EntityManager, franchiseId: string, name: string): Promise<WorkflowDefinition<R>> {
  const applied: AppliedExtension[] = (await enabledPluginsFor(em, franchiseId)).flatMap(({ plugin, options }) =>
    (plugin.workflows ?? []).filter(isExtension).filter((w) => w.extends === name).map((extension) => ({ plugin: plugin.name, extension, options })),
  );
  return effectiveWorkflow(getWorkflow<R>(name), applied);
}

/** States a plugin adds to each workflow it extends. */
export function pluginStates(plugin: { workflows?: readonly object[] }): Map<string, string[]> {
  const states = new Map<string, string[]>();
  for (const w of plugin.workflows ?? []) if (isExtension(w) && w.states?.length) states.set(w.extends, [...(states.get(w.extends) ?? []), ...w.states.map((s) => s.name)]);
  return states;
}

/**
 * Each row's `stateLabel` (rows of records that follow a workflow: cases, orders), from one
 * workflow lookup per (franchise, workflow) for the whole page; a state a since-disabled plugin
 * added shows its name.
 */
export async function labelStates(em: EntityManager, rows: Record<string, unknown>[]): Promise<void> {
  await preloadEnabledPlugins(em, rows.map((r) => r.franchiseId as string));
  const labels = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const key = `${row.franchiseId}/${row.workflow}`;
    let states = labels.get(key);
    if (!states) {
      const workflow = await workflowFor(em, row.franchiseId as string, row.workflow as string);
      labels.set(key, (states = new Map(workflow.states.map((s) => [s.name, s.label]))));
    }
    row.stateLabel = states.get(row.state as string) ?? row.state;
  }
}
