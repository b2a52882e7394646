import { Entity, Filter, Property, Unique } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../tenancy/tenant-entity';

/**
 * A plugin's state for one franchise: enabled or not, the franchise's validated options,
 * and whether HQ lets the franchise owner manage it. A row is made on first change;
 * disabling keeps it (options and HQ's permission survive).
 */
@Entity({ tableName: 'franchise_plugin' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'plugin'] })
@ObjectType({ description: 'A plugin’s enablement and options for one franchise.' })
export class FranchisePlugin extends TenantEntity<'enabled' | 'options' | 'ownerMayManage'> {
  @Property({ type: 'text' })
  @Field({ description: 'Plugin name, e.g. refund-approval.' })
  plugin!: string;

  @Property({ type: 'boolean' })
  @Field()
  enabled: boolean = false;

  @Property({ type: 'jsonb' })
  @Field(() => GraphQLJSON, { description: 'The franchise’s options, validated against the plugin’s options schema (defaults filled in).' })
  options: Record<string, unknown> = {};

  @Property({ type: 'boolean' })
  @Field({ description: 'HQ lets the franchise owner enable, disable and configure this plugin.' })
  ownerMayManage: boolean = false;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who last changed it.' })
  changedById?: string | null;
}
