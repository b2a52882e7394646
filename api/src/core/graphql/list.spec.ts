import 'reflect-metadata';
import { Entity, MikroORM, PrimaryKey, Property, type EntityManager } from '@mikro-orm/postgresql';
import { graphql, type GraphQLSchema } from 'graphql';
import { Arg, buildSchema, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { DateFieldComparison, IDFilterComparison, IntFieldComparison, StringFieldComparison } from './filters';
import { defineListInputs, filterToQuery, findCursorPage, findPage, sortingToOrderBy, type FilterInput } from './list';
import { Connection, CursorPaging, OffsetPaging } from './paging';
import { scalarsMap } from './scalars';
import { SortDirection, type SortInput } from './sorting';

@Entity({ tableName: 'list_spec_product' })
@ObjectType()
class Product {
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  stock!: number;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;
}

const ProductConnection = Connection(Product);
const { Filter: ProductFilter, Sort: ProductSort } = defineListInputs('Product', {
  filter: { id: IDFilterComparison, name: StringFieldComparison, stock: IntFieldComparison, expiresAt: DateFieldComparison },
  sort: ['name', 'stock', 'expiresAt'] as const,
});

@Resolver()
class ProductResolver {
  @Query(() => ProductConnection)
  products(
    @Ctx() ctx: { em: EntityManager },
    @Arg('filter', () => ProductFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [ProductSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return findPage(ctx.em.fork(), Product, { filter, sorting, paging });
  }

  @Query(() => ProductConnection)
  productsCountedToThree(@Ctx() ctx: { em: EntityManager }, @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging) {
    return findPage(ctx.em.fork(), Product, { paging }, { exactCountLimit: 3 });
  }

  @Query(() => ProductConnection)
  productsByCursor(
    @Ctx() ctx: { em: EntityManager },
    @Arg('paging', () => CursorPaging) paging: CursorPaging,
    @Arg('sorting', () => [ProductSort], { nullable: true }) sorting?: SortInput[],
  ) {
    return findCursorPage(ctx.em.fork(), Product, { sorting, paging });
  }
}

describe('list building blocks on PostgreSQL', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    database = await createTestDatabase();
    orm = await MikroORM.init({ clientUrl: database.url, entities: [Product], allowGlobalContext: true });
    await orm.schema.createSchema();
    const names = ['阿莫西林胶囊', '布洛芬缓释胶囊', '维生素C片', '二甲双胍片', '氨氯地平片', '阿司匹林肠溶片', '头孢克肟', '蒙脱石散'];
    const em = orm.em.fork();
    names.forEach((name, i) =>
      em.create(Product, { name, stock: (i * 7) % 10, expiresAt: i % 3 === 0 ? null : new Date(Date.UTC(2027, i, 1)) }),
    );
    await em.flush();
    // authChecker: a lone spec runs in jest's main process, where globalSetup already registered the API's resolvers.
    schema = await buildSchema({ resolvers: [ProductResolver], scalarsMap, validate: false, authChecker: () => true });
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  async function run<T>(query: string, variables?: Record<string, unknown>) {
    const result = await graphql({ schema, source: query, variableValues: variables, contextValue: { em: orm.em } });
    return result as { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
  }

  type Page = { nodes: { name: string; stock: number; expiresAt: string | null }[]; totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null } };
  const LIST = `query($filter: ProductFilter, $sorting: [ProductSort!], $paging: OffsetPaging) {
    products(filter: $filter, sorting: $sorting, paging: $paging) {
      nodes { name stock expiresAt } totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

  it('filters with operators, and/or, null checks and ranges', async () => {
    const byName = await run<{ products: Page }>(LIST, { filter: { name: { iLike: '%胶囊%' } } });
    expect(byName.data!.products.nodes.map((n) => n.name).sort()).toEqual(['布洛芬缓释胶囊', '阿莫西林胶囊']);

    const or = await run<{ products: Page }>(LIST, { filter: { or: [{ name: { eq: '头孢克肟' } }, { stock: { gte: 9 } }] } });
    expect(or.data!.products.nodes.every((n) => n.name === '头孢克肟' || n.stock >= 9)).toBe(true);
    expect(or.data!.products.totalCount).toBeGreaterThan(1);

    const noExpiry = await run<{ products: Page }>(LIST, { filter: { expiresAt: { is: null } } });
    expect(noExpiry.data!.products.totalCount).toBe(3);
    const withExpiry = await run<{ products: Page }>(LIST, { filter: { expiresAt: { isNot: null } } });
    expect(withExpiry.data!.products.totalCount).toBe(5);

    const between = await run<{ products: Page }>(LIST, { filter: { stock: { between: { lower: 2, upper: 5 } }, and: [{ name: { notILike: '%片%' } }] } });
    expect(between.errors).toBeUndefined();
    expect(between.data!.products.nodes.every((n) => n.stock >= 2 && n.stock <= 5 && !n.name.includes('片'))).toBe(true);
  });

  it('sorts, pages with offsets and reports page info', async () => {
    const sorting = [{ field: 'stock', direction: 'DESC' }];
    const first = await run<{ products: Page }>(LIST, { sorting, paging: { limit: 3 } });
    const second = await run<{ products: Page }>(LIST, { sorting, paging: { limit: 3, offset: 3 } });
    const stocks = [...first.data!.products.nodes, ...second.data!.products.nodes].map((n) => n.stock);
    expect(stocks).toEqual([...stocks].sort((a, b) => b - a));
    expect(first.data!.products).toMatchObject({ totalCount: 8, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(second.data!.products.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('stops counting exactly past the limit and says the total is an estimate', async () => {
    const res = await run<{ productsCountedToThree: Page & { pageInfo: { totalCountIsEstimate: boolean } } }>(
      `{ productsCountedToThree(paging: { limit: 2 }) { totalCount nodes { name } pageInfo { totalCountIsEstimate hasNextPage hasPreviousPage startCursor endCursor } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.productsCountedToThree.pageInfo).toMatchObject({ totalCountIsEstimate: true, hasNextPage: true });
    expect(res.data!.productsCountedToThree.totalCount).toBeGreaterThanOrEqual(4);
    const exact = await run<{ products: Page & { pageInfo: { totalCountIsEstimate: boolean } } }>(`{ products { totalCount pageInfo { totalCountIsEstimate } } }`);
    expect(exact.data!.products).toMatchObject({ totalCount: 8, pageInfo: { totalCountIsEstimate: false } });
  });

  it('refuses a page size over the cap, naming the field', async () => {
    const res = await run(LIST, { paging: { limit: 5000 } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paging.limit' });
  });

  it('walks every row exactly once with cursor paging, forward and backward', async () => {
    const CURSOR = `query($paging: CursorPaging!, $sorting: [ProductSort!]) {
      productsByCursor(paging: $paging, sorting: $sorting) { nodes { name } totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
    }`;
    const sorting = [{ field: 'stock', direction: 'ASC' }];
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const res = await run<{ productsByCursor: Page }>(CURSOR, { paging: { first: 3, after }, sorting });
      const page = res.data!.productsByCursor;
      seen.push(...page.nodes.map((n) => n.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);

    const last = await run<{ productsByCursor: Page }>(CURSOR, { paging: { last: 3 }, sorting });
    expect(last.data!.productsByCursor.nodes.map((n) => n.name)).toEqual(seen.slice(-3));
    const before = await run<{ productsByCursor: Page }>(CURSOR, { paging: { last: 3, before: last.data!.productsByCursor.pageInfo.startCursor }, sorting });
    expect(before.data!.productsByCursor.nodes.map((n) => n.name)).toEqual(seen.slice(-6, -3));

    const bad = await run(CURSOR, { paging: { first: 2, after: 'not-a-cursor' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paging.after' });
  });
});

describe('filter and sort translation', () => {
  it('maps GraphQL fields to entity paths and always ends sorting with id', () => {
    expect(sortingToOrderBy([{ field: 'customerName', direction: SortDirection.DESC }], { customerName: 'customer.name' })).toEqual([
      { customer: { name: 'desc nulls last' } },
      { id: 'asc' },
    ]);
    expect(filterToQuery({})).toEqual({});
    expect(filterToQuery(null)).toEqual({});
  });
});

describe('filters built by services', () => {
  it('accepts plain operator objects as comparisons', () => {
    expect(filterToQuery({ name: { eq: '王芳' }, and: [{ stock: { gte: 2 } }] })).toEqual({ $and: [{ name: { $eq: '王芳' } }, { $and: [{ stock: { $gte: 2 } }] }] });
  });
});
