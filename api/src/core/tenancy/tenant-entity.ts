import { randomUUID } from 'node:crypto';
import { Filter } from '@mikro-orm/postgresql';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TENANT_FILTER } from './scope';
import { clock } from '../clock';

/**
 * The ORM half of franchise isolation: on by default for every tenant entity
 * (`@Filter(tenantFilter)`), so a query without scope parameters fails loudly.
 * Row-level security in PostgreSQL is the guarantee behind it.
 */
export const tenantFilter: Parameters<typeof Filter>[0] = {
  name: TENANT_FILTER,
  default: true,
  cond: ({ franchiseIds }: { franchiseIds: 'all' | string[] }) =>
    franchiseIds === 'all' ? {} : { franchiseId: { $in: franchiseIds.length ? franchiseIds : ['00000000-0000-0000-0000-000000000000'] } },
};

/**
 * The tenant filter for tables whose rows without a franchise (franchiseId null) are shared
 * with every franchise (built-in roles, HQ knowledge articles); RLS: tenantTableSql(…, { sharedWhenNull }).
 */
export const sharedTenantFilter: Parameters<typeof Filter>[0] = {
  name: TENANT_FILTER,
  default: true,
  cond: ({ franchiseIds }: { franchiseIds: 'all' | string[] }) =>
    franchiseIds === 'all' ? {} : { $or: [{ franchiseId: null }, { franchiseId: { $in: franchiseIds.length ? franchiseIds : ['00000000-0000-0000-0000-000000000000'] } }] },
};

/** What every franchise-owned record has: id, owning franchise, optimistic-lock version, timestamps. */
// Decorated so subclasses inherit these GraphQL fields; never referenced itself, so not in the schema.
@Entity({ abstract: true })
@ObjectType()
export abstract class TenantEntity<Defaults extends string = never> {
  /** Properties with defaults, optional when creating; subclasses name theirs in `Defaults`. */
  [OptionalProps]?: 'id' | 'version' | 'createdAt' | 'updatedAt' | Defaults;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', index: true })
  @Field(() => ID, { description: 'The franchise (or HQ) that owns this record.' })
  franchiseId!: string;

  @Property({ version: true })
  @Field(() => Int, { description: 'Optimistic-lock version: send it back with updates; a stale one is a CONFLICT.' })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();

  @Property({ type: 'timestamptz', onUpdate: () => clock.now() })
  @Field()
  updatedAt: Date = clock.now();
}

/**
 * A franchise's settings row (case, order, return, inventory, notification settings): keyed by
 * the franchise itself, one row each, with an optimistic-lock version.
 */
@Entity({ abstract: true })
@ObjectType()
export abstract class FranchiseSettings<Defaults extends string = never> {
  /** Properties with defaults, optional when creating; subclasses name theirs in `Defaults`. */
  [OptionalProps]?: 'version' | 'updatedAt' | Defaults;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'timestamptz', onUpdate: () => clock.now() })
  @Field()
  updatedAt: Date = clock.now();
}
