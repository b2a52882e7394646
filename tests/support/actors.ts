import { DEMO_PASSWORD } from '@pharmadesk/seeds';
import type { GraphQLResponse, TestApp } from './app';

/** A caller of the test app: a signed-in staff member or an API key. */
export interface Caller {
  label: string;
  headers: Record<string, string>;
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

export function callerWithHeaders(app: TestApp, label: string, headers: Record<string, string>): Caller {
  return { label, headers, graphql: (query, variables) => app.graphql(query, variables, headers) };
}

export const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id email franchiseId } }
}`;

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; franchiseId: string };
}

export async function login(app: TestApp, email: string, password = DEMO_PASSWORD): Promise<Tokens> {
  const res = await app.graphql<{ login: Tokens }>(LOGIN, { email, password });
  if (!res.body.data?.login) throw new Error(`login as ${email} failed: ${JSON.stringify(res.body.errors)}`);
  return res.body.data.login;
}

/** Signs in a demo account (password from the seeds). */
export async function signIn(app: TestApp, email: string): Promise<Caller & { tokens: Tokens }> {
  const tokens = await login(app, email);
  return { ...callerWithHeaders(app, email, { authorization: `Bearer ${tokens.accessToken}` }), tokens };
}

/** An API key made by `owner` with the given permissions (all of the owner's by default). */
export async function apiKeyCaller(app: TestApp, owner: Caller, options: { permissions?: string[]; rateLimitPerMinute?: number; orgUnitId?: string } = {}) {
  const permissions = options.permissions ?? (await owner.graphql<{ me: { permissions: string[] } }>('{ me { permissions } }')).body.data!.me.permissions;
  const res = await owner.graphql<{ createApiKey: { secret: string; apiKey: { id: string; prefix: string } } }>(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id prefix } } }`,
    { input: { name: `test key of ${owner.label}`, permissions, rateLimitPerMinute: options.rateLimitPerMinute, orgUnitId: options.orgUnitId } },
  );
  if (!res.body.data?.createApiKey) throw new Error(`createApiKey failed: ${JSON.stringify(res.body.errors)}`);
  const { secret, apiKey } = res.body.data.createApiKey;
  return { ...callerWithHeaders(app, `key of ${owner.label}`, { 'x-api-key': secret }), secret, apiKey };
}

export function errorCodes(res: GraphQLResponse<unknown>): string[] {
  return (res.body.errors ?? []).map((e) => e.extensions?.code ?? '?');
}
