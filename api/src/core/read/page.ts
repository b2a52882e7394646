import { raw, type EntityClass, type EntityManager, type EntityMetadata, type FilterQuery, type QueryOrderMap } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from '../tenancy/scope';
import { EXACT_COUNT_LIMIT, filterToQuery, nullableIn, sortingToOrderBy, type ListArgs, type ListOptions } from '../graphql/list';
import { offsetPageInfo, offsetWindow, type ConnectionData } from '../graphql/paging';
import { fieldSelection, type Selection } from './selection';
import { runStatement, type Statement } from './sql';

/**
 * How a module reads one entity as plain rows (no managed entities, nothing in the identity
 * map): which columns every row carries, which fields need which columns, computed columns,
 * and relations embedded as JSON (one correlated subquery each, in the page's statement).
 */
export interface ReadSpec<T> {
  entity: EntityClass<T>;
  /** Properties every row carries (ids the field resolvers follow, what computed fields read). */
  always: readonly string[];
  /** Fields computed from columns: the properties they read ('*' for all of them). */
  needs?: Record<string, readonly string[] | '*'>;
  /** Fields computed in SQL from the row (`alias` is the row's table alias). */
  computed?: Record<string, (alias: string) => string>;
  /** Relations embedded as JSON values, by field. */
  embeds?: Record<string, Embed>;
}

/** A relation embedded in its parent's row: the related rows' spec, and SQL for the value from the parent's alias and the relation's selection. */
export interface Embed {
  // Any entity's spec: embeds reach across modules.
  spec: ReadSpec<any>;
  sql(alias: string, selection: Selection, em: EntityManager): string;
}

/** A page row: the selected columns by property name, embedded relations by field name. */
export type Row = Record<string, unknown>;

/** A relation field's value: embedded in the row by the query layer, else loaded (a row from elsewhere, a managed entity). */
export function embedded<T>(root: object, field: string, load: () => T | Promise<T>): T | Promise<T> {
  return field in root ? ((root as Row)[field] as T) : load();
}

/** The SQL of a related row embedded by id: `(select json_build_object(...) from table a where a.id = parent.column)`. */
export function embedById<T>(spec: ReadSpec<T>, table: string, column: string, extraCondition?: (alias: string) => string): Embed {
  return {
    spec,
    sql(parent, selection, em) {
      const alias = `${parent}_${table.slice(0, 2)}`;
      const extra = extraCondition ? ` and ${extraCondition(alias)}` : '';
      return `(select ${jsonOf(em, spec, alias, selection)} from "${table}" ${alias} where ${alias}.id = ${parent}."${column}"${extra})`;
    },
  };
}

/** Child rows embedded as a JSON array: `(select coalesce(json_agg(...), '[]') from table a where a.column = parent.id order by ...)`. */
export function embedChildren<T>(spec: ReadSpec<T>, table: string, column: string, orderBy: (alias: string) => string): Embed {
  return {
    spec,
    sql(parent, selection, em) {
      const alias = `${parent}_${table.slice(0, 2)}`;
      return `(select coalesce(json_agg(${jsonOf(em, spec, alias, selection)} order by ${orderBy(alias)}), '[]'::json) from "${table}" ${alias} where ${alias}."${column}" = ${parent}.id)`;
    },
  };
}

/**
 * Gives plain rows (and what is embedded in them) their GraphQL type's prototype, without
 * running its constructor: type-graphql then takes them as they are instead of copying each
 * into a new entity instance for every field resolver call. Nothing is managed by the ORM.
 */
export function adopt<T>(rows: Row[], spec: ReadSpec<T>): void {
  const embeds = embedsOf(spec);
  for (const row of rows) adoptRow(row, spec, embeds);
}

/** A spec's embeds as [field, spec] pairs, listed once per spec (an embedded spec is met once per row). */
const embedLists = new WeakMap<ReadSpec<any>, [string, ReadSpec<any>][]>();
function embedsOf(spec: ReadSpec<any>): [string, ReadSpec<any>][] {
  let list = embedLists.get(spec);
  if (!list) embedLists.set(spec, (list = Object.entries(spec.embeds ?? {}).map(([field, embed]) => [field, embed.spec])));
  return list;
}

/**
 * The embedded values are read while the row is still a plain object: read after, a field the
 * selection left out goes up to the entity's prototype, whose ORM accessors (relations, the
 * entity helper) ran for every row and made most of a page's adopt time.
 */
function adoptRow(row: Row, spec: ReadSpec<any>, embeds: [string, ReadSpec<any>][]): void {
  for (const [field, embedded] of embeds) {
    const value = row[field];
    if (!value) continue;
    const inner = embedsOf(embedded);
    if (Array.isArray(value)) for (const item of value as Row[]) adoptRow(item, embedded, inner);
    else adoptRow(value as Row, embedded, inner);
  }
  Object.setPrototypeOf(row, spec.entity.prototype);
}

const ROW_ALIAS = 'e0';

function scalarColumn(meta: EntityMetadata, prop: string): string | undefined {
  const p = meta.properties[prop as never] as { kind?: string; fieldNames?: string[]; persist?: boolean } | undefined;
  return p && p.kind === 'scalar' && p.persist !== false ? p.fieldNames?.[0] : undefined;
}

/** `alias."column" as "prop"` for the properties that are columns of the entity. */
export function columnsOf(meta: EntityMetadata, alias: string, props: Iterable<string>): string[] {
  const columns: string[] = [];
  for (const prop of props) {
    const column = scalarColumn(meta, prop);
    if (column) columns.push(`${alias}."${column}" as "${prop}"`);
  }
  return columns;
}

/** The properties a row of `spec` needs for a selection (all of them without one). */
function propsFor<T>(meta: EntityMetadata, spec: ReadSpec<T>, selection: Selection | null): Set<string> {
  const props = new Set<string>(spec.always);
  const wanted = selection ? [...selection.keys()] : Object.keys(meta.properties);
  for (const field of wanted) {
    const needs = spec.needs?.[field];
    if (needs === '*') Object.keys(meta.properties).forEach((p) => props.add(p));
    else {
      props.add(field);
      needs?.forEach((p) => props.add(p));
    }
  }
  return props;
}

/** Computed and embedded fields of `spec` the selection asks for, as [field, SQL] pairs. */
function derivedOf<T>(em: EntityManager, spec: ReadSpec<T>, selection: Selection | null, props: Set<string>, alias: string): [string, string][] {
  const derived: [string, string][] = [];
  for (const [field, sql] of Object.entries(spec.computed ?? {})) if (props.has(field)) derived.push([field, sql(alias)]);
  for (const [field, embed] of Object.entries(spec.embeds ?? {})) if (selection?.has(field)) derived.push([field, embed.sql(alias, fieldSelection(selection, field), em)]);
  return derived;
}

/** The SELECT list for rows of `spec` given the request's selection of them. */
export function selectList<T>(em: EntityManager, spec: ReadSpec<T>, selection: Selection | null, alias = ROW_ALIAS): string {
  const meta = em.getMetadata().get(spec.entity.name);
  const props = propsFor(meta, spec, selection);
  return [...columnsOf(meta, alias, props), ...derivedOf(em, spec, selection, props, alias).map(([field, sql]) => `${sql} as "${field}"`)].join(', ');
}

/** A related row of `spec` as `json_build_object(...)` with what the selection needs (for embeds). */
export function jsonOf<T>(em: EntityManager, spec: ReadSpec<T>, alias: string, selection: Selection): string {
  const meta = em.getMetadata().get(spec.entity.name);
  const props = propsFor(meta, spec, selection);
  const pairs: string[] = [];
  for (const prop of props) {
    const column = scalarColumn(meta, prop);
    if (column) pairs.push(`'${prop}', ${alias}."${column}"`);
  }
  for (const [field, sql] of derivedOf(em, spec, selection, props, alias)) pairs.push(`'${field}', ${sql}`);
  return `json_build_object(${pairs.join(', ')})`;
}


/**
 * Page statements by what they are made of, most recently used last: building one with the
 * query builder (the where and order translated, the tenant filter applied, knex compiling
 * it twice) was about a fifth of a list page's server CPU, for the same SQL every time a
 * page is asked for again.
 */
const recentStatements = new Map<string, Statement>();
const STATEMENT_CACHE_SIZE = 1_000;

/**
 * The cache key of a statement's parts, or null when they cannot be keyed faithfully (a raw
 * SQL fragment as a condition's key names a fragment registered for one use). JSON keeps
 * every value the query builder binds; undefined (left out by JSON) is written out.
 */
function statementKey(parts: unknown[]): string | null {
  const key = JSON.stringify(parts, (_k, v: unknown) => (v === undefined ? '\u0000undefined' : typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' ? String(v) : v));
  return key.includes('[raw]') ? null : key;
}

/** A page's statement: the rows (exact columns, relations embedded), the planner's estimate and the bounded count, in one. */
async function pageStatement<T extends object>(
  em: EntityManager,
  spec: ReadSpec<T>,
  select: string,
  where: FilterQuery<T>,
  orderBy: QueryOrderMap<T>[],
  window: { limit: number; offset: number },
  limit: number,
): Promise<Statement> {
  const page = em.createQueryBuilder(spec.entity, ROW_ALIAS).select(raw(select)).where(where).orderBy(orderBy).limit(window.limit).offset(window.offset);
  const matches = em.createQueryBuilder(spec.entity, ROW_ALIAS).select(raw(`${ROW_ALIAS}.id`)).where(where);
  await Promise.all([page.applyFilters(), matches.applyFilters()]);
  // knex's form: `?` placeholders, so the pieces compose into one statement.
  const pageSql = page.getKnexQuery().toSQL();
  const matchesSql = matches.getKnexQuery().toSQL();
  return {
    sql: `with estimate as materialized (select app_count_estimate(?) as n)
     select (select coalesce(json_agg(p), '[]'::json) from (${pageSql.sql}) p) as nodes,
            e.n as estimate,
            case when e.n > ? then null else (select count(*) from (${matchesSql.sql} limit ?) m) end as counted
       from estimate e`,
    bindings: [matches.getFormattedQuery(), ...pageSql.bindings, Math.floor(limit * 1.5), ...matchesSql.bindings, limit + 1],
  };
}

/**
 * An offset-paged list as plain rows in ONE statement: the page (exact columns, relations
 * embedded as JSON) and its total (exact up to `exactCountLimit`, else the planner's estimate,
 * which is asked first so nothing is counted when it expects far more).
 */
export async function readPage<T extends object>(
  em: EntityManager,
  spec: ReadSpec<T>,
  args: ListArgs,
  selection: Selection | null,
  options: ListOptions<T> & {
    /**
     * Fields computed for the whole page (state labels), set on the plain rows before they get
     * their type's prototype: V8 adds a property to an object whose prototype changed on a slow
     * path, several times the cost of the rest of a row.
     */
    complete?: (rows: Row[]) => Promise<void> | void;
  } = {},
): Promise<ConnectionData<Row>> {
  const window = offsetWindow(args.paging);
  const filter = filterToQuery<T>(args.filter, options.fieldMap, options.customFilters);
  const where = (options.where ? { $and: [options.where, filter] } : filter) as FilterQuery<T>;
  const orderBy = sortingToOrderBy<T>(args.sorting, options.fieldMap, options.defaultSort, nullableIn(em, spec.entity));
  const limit = options.exactCountLimit ?? EXACT_COUNT_LIMIT;
  const select = selectList(em, spec, selection);

  // Everything the statement is made of: the same key is the same SQL with the same values.
  const key = statementKey([spec.entity.name, select, where, orderBy, window.limit, window.offset, limit, em.getFilterParams(TENANT_FILTER)]);
  let statement = key === null ? undefined : recentStatements.get(key);
  if (statement) {
    // Most recently used last, so the oldest goes first when the cache is full.
    recentStatements.delete(key!);
    recentStatements.set(key!, statement);
  } else {
    statement = await pageStatement(em, spec, select, where, orderBy, window, limit);
    if (key !== null) {
      if (recentStatements.size >= STATEMENT_CACHE_SIZE) recentStatements.delete(recentStatements.keys().next().value!);
      recentStatements.set(key, statement);
    }
  }
  const [result] = await runStatement<{ nodes: Row[]; estimate: string; counted: string | null }>(em, statement);
  const nodes = result!.nodes;
  await options.complete?.(nodes);
  adopt(nodes, spec);
  const estimated = Number(result!.estimate);
  const counted = result!.counted === null ? null : Number(result!.counted);
  const [totalCount, isEstimate] =
    counted === null ? [estimated, true] : counted <= limit ? [counted, false] : [Math.max(limit + 1, estimated), true];
  return { nodes, totalCount, pageInfo: offsetPageInfo(window, nodes.length, totalCount, isEstimate) };
}
