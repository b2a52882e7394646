import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One option a franchise sets when enabling a plugin (for the admin’s form).' })
export class PluginOptionInfo {
  @Field() name!: string;
  @Field({ description: 'number, integer, string, boolean or enum.' }) type!: string;
  @Field() description!: string;
  @Field() required!: boolean;
  @Field(() => GraphQLJSON, { nullable: true }) default?: unknown;
  @Field(() => Float, { nullable: true }) min?: number | null;
  @Field(() => Float, { nullable: true }) max?: number | null;
  @Field(() => [String], { nullable: true, description: 'Allowed values of an enum option.' }) values?: string[] | null;
}

@ObjectType({ description: 'A plugin installed on this API (config PLUGINS), with its enablements visible to you.' })
export class InstalledPlugin {
  @Field() name!: string;
  @Field() version!: string;
  @Field() description!: string;
  @Field({ description: 'API versions the plugin supports.' }) compatibility!: string;
  @Field(() => [PluginOptionInfo]) options!: PluginOptionInfo[];
  @Field(() => [String], { description: 'Permissions the plugin adds.' }) permissions!: string[];
  @Field(() => [String], { description: 'Role templates the plugin adds.' }) roleTemplates!: string[];
  @Field(() => [String], { description: 'Workflows the plugin changes or adds.' }) workflows!: string[];
  @Field(() => String, { nullable: true, description: 'Where its admin pieces live (built into the admin).' }) adminModule?: string | null;
}

@InputType()
export class EnablePluginInput {
  @Field(() => ID) franchiseId!: string;
  @Field() plugin!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Options by name; omitted ones take their defaults (or the franchise’s earlier values).' }) options?: Record<string, unknown> | null;
  @Field(() => Int, { nullable: true, description: 'The version of the enablement you saw (stale: CONFLICT).' }) version?: number | null;
}

@InputType()
export class DisablePluginInput {
  @Field(() => ID) franchiseId!: string;
  @Field() plugin!: string;
  @Field(() => Int, { nullable: true }) version?: number | null;
}

@InputType()
export class UpdatePluginOptionsInput {
  @Field(() => ID) franchiseId!: string;
  @Field() plugin!: string;
  @Field(() => GraphQLJSON) options!: Record<string, unknown>;
  @Field(() => Int) version!: number;
}

@InputType()
export class SetPluginOwnerAccessInput {
  @Field(() => ID) franchiseId!: string;
  @Field() plugin!: string;
  @Field({ description: 'The franchise owner may enable, disable and configure the plugin.' }) ownerMayManage!: boolean;
}
