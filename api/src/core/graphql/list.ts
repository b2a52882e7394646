import type { EntityManager, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/postgresql';
import { Field, InputType, registerEnumType, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../errors';
import { isComparison, makeClass, type FieldComparison } from './filters';
import {
  cursorWindow,
  encodeCursor,
  offsetPageInfo,
  offsetWindow,
  type ConnectionData,
  type CursorPaging,
  type OffsetPaging,
} from './paging';
import { SortDirection, SortNulls, type SortInput } from './sorting';

/**
 * Builds the `XFilter`, `XSort` and `XSortFields` inputs of a list query from a
 * field list, so every module's list looks the same to Refine and to partners.
 *
 *   const { Filter, Sort } = defineListInputs('Customer', {
 *     filter: { id: IDFilterComparison, name: StringFieldComparison },
 *     sort: ['name', 'createdAt'],
 *   });
 */
export function defineListInputs<S extends string>(
  name: string,
  spec: { filter: Record<string, ClassType | (() => ClassType)>; sort: readonly S[] },
) {
  const filterName = `${name}Filter`;
  const Filter = makeClass(filterName);
  Field(() => [Filter], { nullable: true })(Filter.prototype, 'and');
  Field(() => [Filter], { nullable: true })(Filter.prototype, 'or');
  for (const [field, type] of Object.entries(spec.filter)) {
    // A class is a comparison type; a thunk is a nested filter on a relation (resolved lazily for cycles).
    const resolve = (type.prototype ? () => type : type) as () => ClassType;
    Field(resolve, { nullable: true })(Filter.prototype, field);
  }
  InputType(filterName)(Filter);

  const SortFields = Object.fromEntries(spec.sort.map((f) => [f, f])) as { [K in S]: K };
  registerEnumType(SortFields, { name: `${name}SortFields` });

  const sortName = `${name}Sort`;
  const Sort = makeClass(sortName);
  Field(() => SortFields)(Sort.prototype, 'field');
  Field(() => SortDirection)(Sort.prototype, 'direction');
  Field(() => SortNulls, { nullable: true })(Sort.prototype, 'nulls');
  InputType(sortName)(Sort);

  return { Filter, Sort, SortFields };
}

/** A filter as received: comparisons per field, nested filters for relations, and/or lists. */
export interface FilterInput {
  and?: FilterInput[] | null;
  or?: FilterInput[] | null;
  [field: string]: unknown;
}

/** Property names differing from GraphQL field names: `{ customerName: 'customer.name' }`. */
export type FieldMap = Record<string, string>;

/** One field's comparison as entity-level clauses (negations and notBetween need the entity level). */
function comparisonToQuery(path: string[], c: FieldComparison<unknown>): Record<string, unknown>[] {
  const clauses: Record<string, unknown>[] = [];
  const on = (condition: unknown) => clauses.push(nest(path, condition));
  if (c.eq != null) on({ $eq: c.eq });
  if (c.neq != null) on({ $ne: c.neq });
  if (c.gt != null) on({ $gt: c.gt });
  if (c.gte != null) on({ $gte: c.gte });
  if (c.lt != null) on({ $lt: c.lt });
  if (c.lte != null) on({ $lte: c.lte });
  if (c.in != null) on({ $in: c.in });
  if (c.notIn != null) on({ $nin: c.notIn });
  if (c.like != null) on({ $like: c.like });
  if (c.iLike != null) on({ $ilike: c.iLike });
  if (c.notLike != null) clauses.push({ $not: nest(path, { $like: c.notLike }) });
  if (c.notILike != null) clauses.push({ $not: nest(path, { $ilike: c.notILike }) });
  if (c.is !== undefined) on({ $eq: c.is });
  if (c.isNot !== undefined) on({ $ne: c.isNot });
  if (c.between) on({ $gte: c.between.lower, $lte: c.between.upper });
  if (c.notBetween) clauses.push({ $or: [nest(path, { $lt: c.notBetween.lower }), nest(path, { $gt: c.notBetween.upper })] });
  return clauses;
}

/** Filter fields that are not plain columns (an age computed from a birth date, tags in an array). */
export type CustomFilters = Record<string, (value: never) => Record<string, unknown>>;

/** Translates a GraphQL filter to a MikroORM query; unknown shapes cannot arrive (GraphQL validated them). */
export function filterToQuery<T>(filter: FilterInput | null | undefined, fieldMap: FieldMap = {}, custom: CustomFilters = {}): FilterQuery<T> {
  if (!filter) return {} as FilterQuery<T>;
  const clauses: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'and' || key === 'or') {
      const list = (value as FilterInput[] | null) ?? [];
      if (list.length) clauses.push({ [`$${key}`]: list.map((f) => filterToQuery(f, fieldMap, custom)) });
      continue;
    }
    if (custom[key]) {
      if (value !== null) clauses.push(custom[key](value as never));
      continue;
    }
    const path = (fieldMap[key] ?? key).split('.');
    const condition = isComparison(value)
      ? comparisonToQuery(path, value)
      : value === null
        ? []
        : [nest(path, filterToQuery(value as FilterInput))];
    clauses.push(...condition);
  }
  if (clauses.length === 0) return {} as FilterQuery<T>;
  return (clauses.length === 1 ? clauses[0] : { $and: clauses }) as FilterQuery<T>;
}

function nest(path: string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/**
 * ORDER BY for one sort key. Rows without a value come last in either direction unless
 * asked otherwise ("most recent first" lists the never-served at the end); for columns that
 * cannot be null nothing is added, so plain indexes still serve both directions.
 */
const orderValue = (s: Pick<SortInput, 'direction' | 'nulls'>, nullable = true) => {
  const dir = s.direction === SortDirection.DESC ? 'desc' : 'asc';
  if (s.nulls) return `${dir} ${s.nulls === SortNulls.NULLS_FIRST ? 'nulls first' : 'nulls last'}`;
  return nullable && dir === 'desc' ? 'desc nulls last' : dir;
};

/** Sorting to a MikroORM orderBy list, always ending with id so pages are stable. */
export function sortingToOrderBy<T>(
  sorting: SortInput[] | null | undefined,
  fieldMap: FieldMap = {},
  defaultSort: SortInput[] = [],
  isNullable: (path: string) => boolean = () => true,
): QueryOrderMap<T>[] {
  const list = sorting?.length ? sorting : defaultSort;
  const orderBy = list.map((s) => {
    const path = fieldMap[s.field] ?? s.field;
    return nest(path.split('.'), orderValue(s, isNullable(path)));
  });
  if (!list.some((s) => s.field === 'id')) orderBy.push({ id: 'asc' });
  return orderBy as QueryOrderMap<T>[];
}

export interface ListArgs {
  filter?: FilterInput | null;
  sorting?: SortInput[] | null;
  paging?: OffsetPaging | null;
}

export interface ListOptions<T> {
  /** Conditions the caller cannot lift (scope, soft delete...); ANDed with the filter. */
  where?: FilterQuery<T>;
  fieldMap?: FieldMap;
  customFilters?: CustomFilters;
  /** Exact counting stops here (EXACT_COUNT_LIMIT by default). */
  exactCountLimit?: number;
  defaultSort?: SortInput[];
}

/** Lists count exactly up to this many matches; past it totalCount is the planner's estimate. */
export const EXACT_COUNT_LIMIT = 10_000;

/**
 * Counts matches exactly up to `limit`; past it returns the planner's estimate. The
 * planner is asked first: when it expects far more than the limit, nothing is counted
 * (counting 100,000 archives on every page turn costs more than "about 100,000" is
 * worth); otherwise the count stops after limit + 1 rows.
 */
async function countMatches<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, limit = EXACT_COUNT_LIMIT): Promise<{ count: number; estimate: boolean }> {
  const all = em.createQueryBuilder(entity).select('id' as never).where(where);
  await all.applyFilters();
  const [plan] = await em.execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(`explain (format json) ${all.getFormattedQuery()}`);
  const estimated = Math.round(plan!['QUERY PLAN'][0].Plan['Plan Rows']);
  if (estimated > limit * 1.5) return { count: estimated, estimate: true };
  const bounded = all.clone().limit(limit + 1);
  const [row] = await em.execute<{ n: number }[]>(em.getKnex().count({ n: '*' }).from(bounded.as('matches')));
  const count = Number(row!.n);
  return count <= limit ? { count, estimate: false } : { count: Math.max(limit + 1, estimated), estimate: true };
}

/**
 * Whether a (top-level) property may be null, from the entity's metadata: only what is declared
 * nullable (a NOT NULL column sorts `desc` without `nulls last`, so a plain index serves it);
 * a path the metadata does not know (a relation's field) may be.
 */
export function nullableIn<T extends object>(em: EntityManager, entity: EntityName<T>): (path: string) => boolean {
  const meta = em.getMetadata().find(entity as never);
  return (path) => {
    const prop = (meta?.properties as Record<string, { nullable?: boolean }> | undefined)?.[path];
    return prop ? prop.nullable === true : true;
  };
}

/** Runs an offset-paged list: one statement for the rows, one (bounded) for the count. */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  args: ListArgs,
  options: ListOptions<T> = {},
): Promise<ConnectionData<T>> {
  const window = offsetWindow(args.paging);
  const filter = filterToQuery<T>(args.filter, options.fieldMap, options.customFilters);
  const where = (options.where ? { $and: [options.where, filter] } : filter) as FilterQuery<T>;
  const [nodes, counted] = await Promise.all([
    em.find(entity, where, {
      orderBy: sortingToOrderBy<T>(args.sorting, options.fieldMap, options.defaultSort, nullableIn(em, entity)),
      limit: window.limit,
      offset: window.offset,
    }),
    countMatches(em, entity, where, options.exactCountLimit),
  ]);
  return { nodes, totalCount: counted.count, pageInfo: offsetPageInfo(window, nodes.length, counted.count, counted.estimate) };
}

type Position = { v: unknown[]; id: string };

/**
 * Runs a cursor-paged (keyset) list: rows after/before the cursor's sort values,
 * so a page does not shift when rows are inserted before it. Sort fields used with
 * cursors should be non-null columns.
 */
export async function findCursorPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  args: { filter?: FilterInput | null; sorting?: SortInput[] | null; paging: CursorPaging },
  options: ListOptions<T> = {},
): Promise<ConnectionData<T>> {
  const window = cursorWindow<Position>(args.paging);
  const sorts = (args.sorting?.length ? args.sorting : options.defaultSort ?? []).filter((s) => s.field !== 'id');
  const idSort = args.sorting?.find((s) => s.field === 'id') ?? { field: 'id', direction: SortDirection.ASC };
  const keys = [...sorts, idSort];
  const props = keys.map((s) => options.fieldMap?.[s.field] ?? s.field);
  const backward = window.direction === 'backward';

  const clauses: FilterQuery<T>[] = [];
  if (options.where) clauses.push(options.where);
  clauses.push(filterToQuery<T>(args.filter, options.fieldMap, options.customFilters));
  if (window.position) {
    const values = [...window.position.v, window.position.id];
    if (values.length !== keys.length)
      throw new BadUserInputError({ field: backward ? 'paging.before' : 'paging.after', message: 'was issued for another sorting' });
    // (a > va) OR (a = va AND b > vb) OR ... with each key's own direction.
    const or = keys.map((s, i) => {
      const ascending = (s.direction === SortDirection.ASC) !== backward;
      const eqs = props.slice(0, i).map((p, j) => nest(p.split('.'), { $eq: values[j] }));
      return { $and: [...eqs, nest(props[i]!.split('.'), { [ascending ? '$gt' : '$lt']: values[i] })] };
    });
    clauses.push({ $or: or } as FilterQuery<T>);
  }
  const flip = (s: SortInput): SortInput => ({ ...s, direction: s.direction === SortDirection.ASC ? SortDirection.DESC : SortDirection.ASC });
  const orderBy = keys.map((s, i) => nest(props[i]!.split('.'), orderValue(backward ? flip(s) : s)));
  const where = { $and: clauses } as FilterQuery<T>;
  const countWhere = { $and: clauses.slice(0, window.position ? -1 : undefined) } as FilterQuery<T>;
  const [rows, totalCount] = await Promise.all([
    em.find(entity, where, { orderBy: orderBy as QueryOrderMap<T>[], limit: window.limit + 1 }),
    em.count(entity, countWhere),
  ]);
  const hasMore = rows.length > window.limit;
  const nodes = rows.slice(0, window.limit);
  if (backward) nodes.reverse();
  const cursorOf = (node: T) => {
    const record = node as unknown as Record<string, unknown>;
    return encodeCursor({ v: props.slice(0, -1).map((p) => p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], record)), id: node.id } satisfies Position);
  };
  return {
    nodes,
    totalCount,
    pageInfo: {
      totalCountIsEstimate: false,
      hasNextPage: backward ? !!window.position : hasMore,
      hasPreviousPage: backward ? hasMore : !!window.position,
      startCursor: nodes.length ? cursorOf(nodes[0]!) : null,
      endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]!) : null,
    },
  };
}
