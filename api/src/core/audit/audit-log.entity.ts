import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, PrimaryKey, Property, OptionalProps } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { tenantFilter } from '../tenancy/tenant-entity';
import { clock } from '../clock';

export enum ActorType {
  USER = 'USER',
  API_KEY = 'API_KEY',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ActorType, { name: 'ActorType' });

/** One mutation as it happened: who, in which scope, what, on which records, which fields changed. Never updated. */
@Entity({ tableName: 'audit_log' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'createdAt'] })
@ObjectType()
export class AuditLog {
  [OptionalProps]?: 'id' | 'createdAt' | 'targetIds' | 'changes';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The franchise whose data was changed (or the actor’s own, when none was).' })
  franchiseId!: string;

  @Enum({ items: () => ActorType })
  @Field(() => ActorType)
  actorType!: ActorType;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'Email of the staff member, or name and prefix of the API key.' })
  actorLabel!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The org unit the actor acted from.' })
  scopeOrgUnitId?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'The GraphQL mutation, e.g. createOneStaffUser.' })
  operation!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  targetType?: string | null;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  targetIds: string[] = [];

  @Property({ type: 'jsonb' })
  @Field(() => GraphQLJSON, { description: 'Changed fields as { entity: { id: { field: { from, to } } } }; personal data shown as [redacted].' })
  changes: Record<string, unknown> = {};

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  requestId?: string | null;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();
}
