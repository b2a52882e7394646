import type { EntityManager } from '@mikro-orm/postgresql';
import { effectiveWorkflow, type AppliedExtension, type WorkflowExtension } from '../workflow/compose';
import { getWorkflow, type WorkflowDefinition } from '../workflow/workflow';
import { enabledPluginsFor } from './enablement';

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
