import { randomUUID } from 'node:crypto';
import { Entity, Filter, PrimaryKey, Property, Unique, OptionalProps } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { sharedTenantFilter } from '../../core/tenancy/tenant-entity';
import { clock } from '../../core/clock';

/**
 * A named set of permissions. Built-in templates (franchiseId null, shared by all)
 * are kept in step with the permission registry at start-up; custom roles belong
 * to one franchise and hold only permissions their maker holds.
 */
@Entity({ tableName: 'role' })
@Filter(sharedTenantFilter)
@Unique({ properties: ['franchiseId', 'name'] })
@ObjectType()
export class Role {
  [OptionalProps]?: 'id' | 'version' | 'createdAt' | 'updatedAt' | 'permissions' | 'builtIn';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'Owning franchise; null for built-in templates.' })
  franchiseId?: string | null;

  @Property({ type: 'text', nullable: true, unique: true })
  @Field(() => String, { nullable: true, description: 'Template key (agent, supervisor, ...) for built-in roles.' })
  templateKey?: string | null;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  description?: string | null;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  permissions: string[] = [];

  @Property({ type: 'boolean' })
  @Field()
  builtIn: boolean = false;

  @Property({ version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();

  @Property({ type: 'timestamptz', onUpdate: () => clock.now() })
  @Field()
  updatedAt: Date = clock.now();
}
