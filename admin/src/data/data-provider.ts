import type { BaseRecord, CrudFilter, CrudOperators, CrudSort, DataProvider, HttpError, Pagination } from '@refinedev/core';
import type { CombinedError } from '@urql/core';
import type { DocumentNode } from 'graphql';
import { ApiError } from '../graphql-client';
import { graphqlClient } from '../graphql-client';
import { fieldErrorText, errorText } from './errors';
import { toApiError } from './request';

/** Form fields by name: the API reports `customer.phone`; the form knows `phone`. */
export function toHttpError(error: ApiError): HttpError {
  const errors: Record<string, string[]> = {};
  for (const problem of error.fields) {
    const name = problem.field.split('.').slice(1).join('.') || problem.field;
    (errors[name] ??= []).push(fieldErrorText(problem));
  }
  return { message: errorText(error), statusCode: error.code === 'UNAUTHENTICATED' ? 401 : error.code === 'FORBIDDEN' ? 403 : 400, errors, code: error.code } as HttpError;
}

async function run<T>(operation: Promise<{ data?: unknown; error?: CombinedError }>, pick: (data: Record<string, unknown>) => T): Promise<T> {
  const result = await operation;
  if (result.error) throw toHttpError(toApiError(result.error));
  return pick(result.data as Record<string, unknown>);
}

/** Refine's comparison operators as the API's filter comparisons (nestjs-query style, as Refine's GraphQL provider sends them). */
function comparison(operator: Exclude<CrudOperators, 'or' | 'and'>, value: unknown): Record<string, unknown> | undefined {
  const plain: Partial<Record<CrudOperators, string>> = { eq: 'eq', ne: 'neq', lt: 'lt', gt: 'gt', lte: 'lte', gte: 'gte', in: 'in', nin: 'notIn' };
  const like: Partial<Record<CrudOperators, [string, string, string]>> = {
    contains: ['iLike', '%', '%'], ncontains: ['notILike', '%', '%'], containss: ['like', '%', '%'], ncontainss: ['notLike', '%', '%'],
    startswith: ['iLike', '', '%'], nstartswith: ['notILike', '', '%'], startswiths: ['like', '', '%'], nstartswiths: ['notLike', '', '%'],
    endswith: ['iLike', '%', ''], nendswith: ['notILike', '%', ''], endswiths: ['like', '%', ''], nendswiths: ['notLike', '%', ''],
  };
  if (plain[operator]) return { [plain[operator]!]: value };
  const pattern = like[operator];
  if (pattern) return { [pattern[0]]: `${pattern[1]}${value}${pattern[2]}` };
  if (operator === 'null') return { is: null };
  if (operator === 'nnull') return { isNot: null };
  if ((operator === 'between' || operator === 'nbetween') && Array.isArray(value) && value.length === 2)
    return { [operator === 'between' ? 'between' : 'notBetween']: { lower: value[0], upper: value[1] } };
  return undefined;
}

const empty = (value: unknown) => value == null || (Array.isArray(value) && value.length === 0) || (typeof value === 'number' && !Number.isFinite(value));

/**
 * The API filter for Refine's filters: each field its comparison (`customer.name` nests), each
 * member of an `or` / `and` its own branch (Refine's GraphQL provider put all members of an `or`
 * into ONE branch, so both had to match).
 */
export function toApiFilter(filters: CrudFilter[] = []): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const logical: Record<string, unknown>[] = [];
  for (const f of filters) {
    if (f.operator === 'or' || f.operator === 'and') {
      const members = f.value.filter((member) => !empty(member.value)).map((member) => toApiFilter([member]));
      if (members.length) logical.push({ [f.operator]: members });
      continue;
    }
    if (!('field' in f) || empty(f.value)) continue;
    const compared = comparison(f.operator, f.value);
    if (!compared) continue;
    const path = f.field.split('.');
    let into = filter;
    for (const key of path.slice(0, -1)) into = (into[key] ??= {}) as Record<string, unknown>;
    into[path.at(-1)!] = compared;
  }
  if (logical.length === 1 && !Object.keys(filter).length) return logical[0]!;
  if (logical.length) filter.and = logical;
  return filter;
}

const sorting = (sorters: CrudSort[] = []) => sorters.map((s) => ({ field: s.field, direction: s.order.toUpperCase() }));

function paging(pagination: Pagination = {}) {
  if (pagination.mode === 'off') return { limit: 2147483647 };
  const { pageSize = 10, currentPage = 1 } = pagination;
  return { limit: pageSize, offset: (currentPage - 1) * pageSize };
}

type Meta = { gqlQuery?: DocumentNode; gqlMutation?: DocumentNode; gqlVariables?: Record<string, unknown>; variables?: Record<string, unknown>; inputKey?: string };

function document(meta: Meta | undefined, kind: 'gqlQuery' | 'gqlMutation', what: string): DocumentNode {
  const found = meta?.[kind];
  if (!found) throw new Error(`${what} needs meta.${kind}`);
  return found;
}

const firstField = (data: Record<string, unknown>) => Object.values(data)[0] as BaseRecord;

/**
 * The panel's data provider: Refine's GraphQL conventions (lists as `{ nodes, totalCount }` with
 * filter / sorting / paging; one record by id; `createOne`-style inputs) over the panel's urql
 * client, writes keeping the API's field errors for forms and sending `version` for optimistic locking.
 */
export function createPanelDataProvider(): DataProvider {
  return {
    getApiUrl: () => '/graphql',
    getList: async ({ resource, filters, sorters, pagination, meta }) => {
      const m = meta as Meta | undefined;
      const variables = { sorting: sorting(sorters), filter: toApiFilter(filters), paging: paging(pagination), ...m?.variables, ...m?.gqlVariables };
      const list = await run(graphqlClient.query(document(m, 'gqlQuery', `${resource} list`), variables).toPromise(), (data) => (data[resource] ?? firstField(data)) as unknown as { nodes: BaseRecord[]; totalCount: number });
      return { data: list.nodes as never, total: list.totalCount };
    },
    getMany: async ({ resource, ids, meta }) => {
      const m = meta as Meta | undefined;
      const list = await run(graphqlClient.query(document(m, 'gqlQuery', `${resource} by ids`), { filter: { id: { in: ids }, ...m?.gqlVariables } }).toPromise(), (data) => firstField(data) as unknown as { nodes: BaseRecord[] });
      return { data: list.nodes as never };
    },
    getOne: async ({ resource, id, meta }) => {
      const m = meta as Meta | undefined;
      const data = await run(graphqlClient.query(document(m, 'gqlQuery', `${resource} record`), { id, ...m?.gqlVariables }).toPromise(), firstField);
      return { data: data as never };
    },
    create: async ({ resource, variables, meta }) => {
      const m = meta as Meta | undefined;
      const data = await run(graphqlClient.mutation(document(m, 'gqlMutation', `${resource} create`), { input: { [m?.inputKey ?? resource]: variables } }).toPromise(), firstField);
      return { data: data as never };
    },
    update: async ({ resource, id, variables, meta }) => {
      const { version, ...update } = variables as Record<string, unknown> & { version?: number };
      const data = await run(graphqlClient.mutation(document(meta as Meta, 'gqlMutation', `${resource} update`), { input: { id, update, version } }).toPromise(), firstField);
      return { data: data as never };
    },
    deleteOne: async ({ resource, id, meta }) => {
      const data = await run(graphqlClient.mutation(document(meta as Meta, 'gqlMutation', `${resource} delete`), { input: { id } }).toPromise(), firstField);
      return { data: data as never };
    },
    custom: async ({ meta }) => {
      const m = meta as Meta | undefined;
      const variables = { ...m?.variables, ...m?.gqlVariables };
      const data = m?.gqlMutation
        ? await run(graphqlClient.mutation(m.gqlMutation, variables).toPromise(), (d) => d)
        : await run(graphqlClient.query(document(m, 'gqlQuery', 'custom request'), variables).toPromise(), (d) => d);
      return { data: data as never };
    },
  };
}
