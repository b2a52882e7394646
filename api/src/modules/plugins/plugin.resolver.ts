import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { FranchisePlugin } from '../../core/plugins/franchise-plugin.entity';
import { CORE_PLUGIN_NAME, installedPlugins } from '../../core/plugins/host';
import type { PluginDefinition } from '../../core/plugins/plugin';
import { PluginPermission } from '../../core/plugins/plugin.permissions';
import * as plugins from './plugin-admin.service';
import { DisablePluginInput, EnablePluginInput, InstalledPlugin, SetPluginOwnerAccessInput, UpdatePluginOptionsInput } from './plugin.types';

const P = PluginPermission;

function describe(p: PluginDefinition): InstalledPlugin {
  return {
    name: p.name,
    version: p.version,
    description: p.description,
    compatibility: p.compatibility,
    options: Object.entries(p.optionsSchema ?? {}).map(([name, spec]) => ({
      name,
      type: spec.type,
      description: spec.description,
      required: !!spec.required,
      default: spec.default ?? null,
      min: 'min' in spec ? (spec.min ?? null) : null,
      max: 'max' in spec ? (spec.max ?? null) : null,
      values: spec.type === 'enum' ? [...spec.values] : null,
    })),
    permissions: (p.permissions ?? []).map((x) => x.name),
    roleTemplates: (p.roleTemplates ?? []).map((t) => t.key),
    workflows: [...new Set((p.workflows ?? []).map((w) => ('extends' in w ? w.extends : w.name)))],
    adminModule: p.admin?.module ?? null,
  };
}

@Resolver(() => InstalledPlugin)
export class PluginResolver {
  @Authorized(P['plugin:manage'])
  @Query(() => [InstalledPlugin], { description: 'Plugins installed on this API, with their enablement per franchise in your scope.' })
  installedPlugins(): InstalledPlugin[] {
    return installedPlugins().filter((p) => p.name !== CORE_PLUGIN_NAME).map(describe);
  }

  @FieldResolver(() => [FranchisePlugin], { description: 'Enablements you may see (HQ: every franchise; an owner: their own); franchiseId narrows to one.' })
  async enablements(@Root() plugin: InstalledPlugin, @Ctx() ctx: RequestContext, @Arg('franchiseId', () => ID, { nullable: true }) franchiseId?: string) {
    return (await plugins.visibleEnablements(ctx)).filter((e) => e.plugin === plugin.name && (!franchiseId || e.franchiseId === franchiseId));
  }

  @Authorized(P['plugin:manage'])
  @Mutation(() => FranchisePlugin, { description: 'Enable a plugin for a franchise with options (validated; CONFLICT when it collides with an enabled plugin). From the next request on.' })
  enablePlugin(@Ctx() ctx: RequestContext, @Arg('input') input: EnablePluginInput) {
    return plugins.enablePlugin(ctx, input);
  }

  @Authorized(P['plugin:manage'])
  @Mutation(() => FranchisePlugin, { description: 'Disable a plugin for a franchise (CONFLICT while cases still sit in its workflow states). Options are kept.' })
  disablePlugin(@Ctx() ctx: RequestContext, @Arg('input') input: DisablePluginInput) {
    return plugins.disablePlugin(ctx, input);
  }

  @Authorized(P['plugin:manage'])
  @Mutation(() => FranchisePlugin, { description: 'Change a franchise’s options for a plugin (validated against its schema).' })
  updatePluginOptions(@Ctx() ctx: RequestContext, @Arg('input') input: UpdatePluginOptionsInput) {
    return plugins.updatePluginOptions(ctx, input);
  }

  @Authorized(P['plugin:manage'])
  @Mutation(() => FranchisePlugin, { description: 'HQ: let (or stop) a franchise owner manage this plugin for their franchise.' })
  setPluginOwnerAccess(@Ctx() ctx: RequestContext, @Arg('input') input: SetPluginOwnerAccessInput) {
    return plugins.setPluginOwnerAccess(ctx, input);
  }
}
