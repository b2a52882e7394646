import { UnauthenticatedError } from '../errors';

export type Credentials = { kind: 'bearer'; token: string } | { kind: 'apiKey'; key: string };

/**
 * Credentials from HTTP headers or graphql-ws connectionParams:
 * `Authorization: Bearer <access token>`, `Authorization: ApiKey <key>` or `X-Api-Key: <key>`.
 */
export function credentialsFrom(source: Record<string, unknown> | undefined | null): Credentials | null {
  const read = (name: string) => {
    const value = source?.[name] ?? source?.[name.toLowerCase()];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const apiKey = read('x-api-key') ?? read('apiKey');
  if (apiKey) return { kind: 'apiKey', key: apiKey };
  const authorization = read('authorization') ?? read('Authorization');
  if (!authorization) return null;
  const [scheme, value] = authorization.split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer' && value) return { kind: 'bearer', token: value };
  if (scheme?.toLowerCase() === 'apikey' && value) return { kind: 'apiKey', key: value };
  throw new UnauthenticatedError('Send `Authorization: Bearer <access token>` or `X-Api-Key: <key>`');
}
