import type { BaseRecord, DataProvider, HttpError } from '@refinedev/core';
import createDataProvider from '@refinedev/graphql';
import type { CombinedError } from '@urql/core';
import { ApiError } from '../graphql-client';
import { graphqlClient } from '../graphql-client';
import { toApiError } from './request';

/** Form fields by name: the API reports `customer.phone`; the form knows `phone`. */
export function toHttpError(error: ApiError): HttpError {
  const errors: Record<string, string[]> = {};
  for (const { field, message } of error.fields) {
    const name = field.split('.').slice(1).join('.') || field;
    (errors[name] ??= []).push(message);
  }
  return { message: error.message, statusCode: error.code === 'UNAUTHENTICATED' ? 401 : error.code === 'FORBIDDEN' ? 403 : 400, errors, code: error.code } as HttpError;
}

async function run<T>(operation: Promise<{ data?: unknown; error?: CombinedError }>, pick: (data: Record<string, unknown>) => T): Promise<T> {
  const result = await operation;
  if (result.error) throw toHttpError(toApiError(result.error));
  return pick(result.data as Record<string, unknown>);
}

const firstField = (data: Record<string, unknown>) => Object.values(data)[0] as BaseRecord;

/**
 * Refine's GraphQL data provider for lists and single records (the API follows its conventions),
 * with writes that keep the API's field errors for forms and send `version` for optimistic locking.
 */
export function createPanelDataProvider(): DataProvider {
  const base = createDataProvider(graphqlClient);
  return {
    ...base,
    getList: async (params) => {
      try {
        return await base.getList(params);
      } catch (error) {
        throw { message: (error as Error).message, statusCode: /UNAUTHENTICATED/.test(String(error)) ? 401 : 400 } as HttpError;
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
