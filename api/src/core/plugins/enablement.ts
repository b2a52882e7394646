import type { RequestContext } from '../context';

/** The plugins enabled for the actor's franchise (HQ: every installed one). Filled in by the plugin host. */
export async function enabledPluginNames(_ctx: RequestContext): Promise<string[]> {
  return [];
}
