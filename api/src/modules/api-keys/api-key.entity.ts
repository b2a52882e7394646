import { Entity, Filter, PrimaryKey, Property, OptionalProps } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

/**
 * A partner system's key: scoped to an org unit, holding a subset of its creator's
 * permissions. The secret is shown once; we keep a keyed digest and its prefix.
 */
@Entity({ tableName: 'api_key' })
@Filter(tenantFilter)
@ObjectType()
export class ApiKey extends TenantEntity<'permissions'> {
  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'text', unique: true })
  @Field({ description: 'The first characters of the key (pdk_xxxxxxxx), to recognise it in lists and logs.' })
  prefix!: string;

  @Property({ type: 'text', hidden: true })
  secretDigest!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The org unit whose data the key can reach (it and everything under it).' })
  orgUnitId!: string;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  permissions: string[] = [];

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Requests allowed per minute; more are answered RATE_LIMITED with a retry time.' })
  rateLimitPerMinute!: number;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  createdById!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The key this one replaced by rotation.' })
  rotatedFromId?: string | null;
}

/** Requests per key per minute window, shared by every API instance (not tenant data). */
@Entity({ tableName: 'api_key_usage' })
export class ApiKeyUsage {
  [OptionalProps]?: 'requests';

  @PrimaryKey({ type: 'uuid' })
  apiKeyId!: string;

  @PrimaryKey({ type: 'timestamptz' })
  windowStart!: Date;

  @Property({ type: 'int' })
  requests: number = 0;
}
