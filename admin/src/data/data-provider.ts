import type { BaseRecord, CrudFilter, DataProvider, GetListParams, HttpError } from '@refinedev/core';
import createDataProvider, { defaultOptions } from '@refinedev/graphql';
import type { CombinedError } from '@urql/core';
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

const buildFieldFilters = (filters: CrudFilter[]) => defaultOptions.getList.buildVariables({ resource: '', filters } as GetListParams).filter as Record<string, unknown>;

/**
 * The API filter for Refine's filters. Refine's GraphQL provider puts every member of an `or`
 * into ONE branch (`or: [{ caseNo, subject }]`: both must match); here each member is a branch.
 */
export function toApiFilter(filters: CrudFilter[] = []): Record<string, unknown> {
  const filter: Record<string, unknown> = buildFieldFilters(filters.filter((f) => f.operator !== 'or' && f.operator !== 'and'));
  const logical = filters.filter((f) => f.operator === 'or' || f.operator === 'and') as { operator: 'or' | 'and'; value: CrudFilter[] }[];
  const parts = logical.map(({ operator, value }) => ({ [operator]: value.map((member) => toApiFilter([member])) }));
  if (parts.length === 1 && !Object.keys(filter).length) return parts[0]!;
  if (parts.length) filter.and = [...((filter.and as unknown[]) ?? []), ...parts];
  return filter;
}

const firstField = (data: Record<string, unknown>) => Object.values(data)[0] as BaseRecord;

/**
 * Refine's GraphQL data provider for lists and single records (the API follows its conventions),
 * with writes that keep the API's field errors for forms and send `version` for optimistic locking.
 */
export function createPanelDataProvider(): DataProvider {
  const base = createDataProvider(graphqlClient, {
    getList: { buildVariables: (params: GetListParams) => ({ ...defaultOptions.getList.buildVariables(params), filter: toApiFilter(params.filters) }) },
  });
  return {
    ...base,
    getList: async (params) => {
      try {
        return await base.getList(params);
      } catch (error) {
        throw { message: errorText(error as Error), statusCode: /UNAUTHENTICATED/.test(String(error)) ? 401 : 400 } as HttpError;
      }
    },
    create: async ({ variables, meta }) => {
      const { inputKey, ...rest } = (meta ?? {}) as { inputKey: string; gqlMutation: never };
      const data = await run(graphqlClient.mutation(rest.gqlMutation, { input: { [inputKey]: variables } }).toPromise(), firstField);
      return { data: data as never };
    },
    update: async ({ id, variables, meta }) => {
      const { version, ...update } = variables as Record<string, unknown> & { version?: number };
      const data = await run(graphqlClient.mutation(meta!.gqlMutation!, { input: { id, update, version } }).toPromise(), firstField);
      return { data: data as never };
    },
    deleteOne: async ({ id, meta }) => {
      const data = await run(graphqlClient.mutation(meta!.gqlMutation!, { input: { id } }).toPromise(), firstField);
      return { data: data as never };
    },
  };
}
