import DataLoader from 'dataloader';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../core/errors';
import { enabledPluginsFor, forgetEnabledPlugins } from '../../core/plugins/enablement';
import { FranchisePlugin } from '../../core/plugins/franchise-plugin.entity';
import { CORE_PLUGIN_NAME, findInstalledPlugin, installedPlugins } from '../../core/plugins/host';
import { parseOptions } from '../../core/plugins/options';
import type { PluginDefinition } from '../../core/plugins/plugin';
import { checkVersion } from '../../core/services/updates';
import { composeWorkflow, type AppliedExtension, type WorkflowExtension } from '../../core/workflow/compose';
import { getWorkflow } from '../../core/workflow/workflow';
import { findFranchise } from '../org/org.service';
import { defineExtensionPoint } from '../../core/modules/module';
import { principalsChanged } from '../identity/session-cache';

/**
 * Turning plugins on and off per franchise. HQ manages any franchise; a franchise owner
 * manages their own only for plugins HQ opened to owners. Options are validated against
 * the plugin's schema; enabling a plugin whose workflow changes collide with another
 * enabled plugin's is refused (CONFLICT, reason PLUGIN_CONFLICT). Audited like every
 * mutation; effective from the next request (enablements are read per operation).
 */

/** Something that must hold before a plugin is turned off for a franchise (e.g. no case left in its states). */
export type DisableCheck = (em: EntityManager, franchiseId: string, plugin: PluginDefinition) => Promise<string | null>;
/** Modules whose records depend on a plugin contribute a check in their manifest. */
export const pluginDisableChecks = defineExtensionPoint<DisableCheck>('plugins.disable-checks');

function installedPlugin(name: string): PluginDefinition {
  const plugin = name === CORE_PLUGIN_NAME ? undefined : findInstalledPlugin(name);
  if (!plugin)
    throw new BadUserInputError({ field: 'plugin', message: `${name} is not an installed plugin; installed: ${installedPlugins().filter((p) => p.name !== CORE_PLUGIN_NAME).map((p) => p.name).join(', ') || 'none'}` });
  return plugin;
}

/** The franchise (NOT_FOUND outside the actor's scope) and the plugin's row for it, when there is one. */
async function target(ctx: RequestContext, franchiseId: string, pluginName: string) {
  const actor = requireActor(ctx);
  const plugin = installedPlugin(pluginName);
  const franchise = await findFranchise(ctx, franchiseId);
  if (!franchise) throw new NotFoundError('Franchise', franchiseId);
  const row = await ctx.em.findOne(FranchisePlugin, { franchiseId: franchise.id, plugin: plugin.name });
  if (!actor.isHq && !row?.ownerMayManage)
    throw new ForbiddenError(`HQ has not allowed franchise owners to manage the ${plugin.name} plugin; ask HQ to enable it or to open it to owners`);
  return { actor, plugin, franchise, row };
}

/** Why these plugins cannot be enabled together for one franchise (workflow changes that collide). */
export function pluginConflicts(enabled: { plugin: PluginDefinition; options: unknown }[]): string[] {
  const applied: AppliedExtension[] = enabled.flatMap(({ plugin, options }) =>
    (plugin.workflows ?? []).filter((w): w is WorkflowExtension => 'extends' in w).map((extension) => ({ plugin: plugin.name, extension, options })),
  );
  const workflows = [...new Set(applied.map((a) => a.extension.extends))];
  return workflows.flatMap((name) => composeWorkflow(getWorkflow(name), applied).conflicts);
}

async function save(ctx: RequestContext, row: FranchisePlugin): Promise<FranchisePlugin> {
  row.changedById = ctx.actor?.kind === 'user' ? ctx.actor.id : null;
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`The ${row.plugin} plugin was just changed for this franchise by someone else; reload and try again`);
    throw error;
  }
  forgetEnabledPlugins(ctx.em);
  principalsChanged(ctx); // plugin permissions come and go with enablement
  return row;
}

function rowFor(ctx: RequestContext, franchiseId: string, plugin: string, row: FranchisePlugin | null): FranchisePlugin {
  return row ?? ctx.em.create(FranchisePlugin, { franchiseId, plugin });
}

export async function enablePlugin(ctx: RequestContext, input: { franchiseId: string; plugin: string; options?: unknown; version?: number | null }): Promise<FranchisePlugin> {
  const { plugin, franchise, row } = await target(ctx, input.franchiseId, input.plugin);
  if (row && input.version != null) checkVersion(row, input.version, 'Plugin enablement');
  const options = parseOptions(plugin.optionsSchema, input.options ?? row?.options ?? {}) as Record<string, unknown>;
  const others = (await enabledPluginsFor(ctx.em, franchise.id)).filter((e) => e.plugin.name !== plugin.name);
  const conflicts = pluginConflicts([...others, { plugin, options }]);
  if (conflicts.length)
    throw new ConflictError(`The ${plugin.name} plugin cannot be enabled for ${franchise.name} together with the plugins it already has: ${conflicts.join('; ')}`, { reason: 'PLUGIN_CONFLICT', conflicts });
  const saved = rowFor(ctx, franchise.id, plugin.name, row);
  Object.assign(saved, { enabled: true, options });
  return save(ctx, saved);
}

export async function disablePlugin(ctx: RequestContext, input: { franchiseId: string; plugin: string; version?: number | null }): Promise<FranchisePlugin> {
  const { plugin, franchise, row } = await target(ctx, input.franchiseId, input.plugin);
  if (!row?.enabled) throw new BadUserInputError({ field: 'plugin', message: `${plugin.name} is not enabled for ${franchise.name}` });
  if (input.version != null) checkVersion(row, input.version, 'Plugin enablement');
  for (const check of pluginDisableChecks.all()) {
    const problem = await check(ctx.em, franchise.id, plugin);
    if (problem) throw new ConflictError(`The ${plugin.name} plugin cannot be disabled for ${franchise.name} yet: ${problem}`, { reason: 'PLUGIN_IN_USE' });
  }
  row.enabled = false;
  return save(ctx, row);
}

export async function updatePluginOptions(ctx: RequestContext, input: { franchiseId: string; plugin: string; options: unknown; version: number }): Promise<FranchisePlugin> {
  const { plugin, franchise, row } = await target(ctx, input.franchiseId, input.plugin);
  if (!row) throw new BadUserInputError({ field: 'plugin', message: `${plugin.name} has never been enabled for ${franchise.name}; enable it with its options` });
  checkVersion(row, input.version, 'Plugin enablement');
  row.options = parseOptions(plugin.optionsSchema, input.options) as Record<string, unknown>;
  return save(ctx, row);
}

/** HQ only: whether the franchise's owner may enable, disable and configure the plugin. */
export async function setPluginOwnerAccess(ctx: RequestContext, input: { franchiseId: string; plugin: string; ownerMayManage: boolean }): Promise<FranchisePlugin> {
  if (!requireActor(ctx).isHq) throw new ForbiddenError('Only HQ decides which plugins franchise owners may manage');
  const { franchise, plugin, row } = await target(ctx, input.franchiseId, input.plugin);
  const saved = rowFor(ctx, franchise.id, plugin.name, row);
  saved.ownerMayManage = input.ownerMayManage;
  return save(ctx, saved);
}

/** The enablement rows the caller may see (HQ: every franchise's; an owner: their own), loaded once per request. */
export function visibleEnablements(ctx: RequestContext): Promise<FranchisePlugin[]> {
  const loader = ctx.loaders.get(visibleEnablements, () =>
    new DataLoader<'all', FranchisePlugin[]>(async (keys) => {
      const rows = await ctx.em.find(FranchisePlugin, {}, { orderBy: { franchiseId: 'asc', plugin: 'asc' } });
      return keys.map(() => rows);
    }),
  );
  return loader.load('all');
}
