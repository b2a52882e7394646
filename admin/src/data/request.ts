import type { CombinedError } from '@urql/core';
import { ApiError, graphqlClient, wsClient, type GraphQLFieldError } from '../graphql-client';
import { isMutation, op, opText } from '../operations';

/** Turns urql's error into an ApiError carrying the API's code and field messages. */
export function toApiError(error: CombinedError): ApiError {
  const first = error.graphQLErrors[0];
  if (!first) return new ApiError(error.networkError?.message ?? error.message, 'NETWORK', []);
  const extensions = (first.extensions ?? {}) as { code?: string; fields?: GraphQLFieldError[]; field?: string; reason?: string; params?: Record<string, unknown> };
  const fields = extensions.fields ?? (extensions.field ? [{ field: extensions.field, message: first.message, reason: extensions.reason, params: extensions.params }] : []);
  return new ApiError(error.graphQLErrors.map((e) => e.message).join('; '), extensions.code, fields, extensions.reason, extensions.params, first.extensions ?? {});
}

/** Runs a named operation from schema/operations; throws ApiError. */
export async function request<T>(name: string, variables: Record<string, unknown> = {}): Promise<T> {
  const document = op(name);
  const result = isMutation(name) ? await graphqlClient.mutation<T>(document, variables).toPromise() : await graphqlClient.query<T>(document, variables).toPromise();
  if (result.error) throw toApiError(result.error);
  return result.data as T;
}

/** Subscribes to a named subscription over graphql-ws; returns the unsubscribe function. */
export function subscribe<T>(name: string, variables: Record<string, unknown>, onData: (data: T) => void): () => void {
  return wsClient.subscribe<T>(
    { query: opText(name), operationName: name, variables },
    {
      next: (result) => result.data && onData(result.data as T),
      error: (error) => console.warn(`subscription ${name} ended`, error),
      complete: () => undefined,
    },
  );
}
