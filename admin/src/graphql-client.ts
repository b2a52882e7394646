import { Client, fetchExchange } from '@urql/core';
import { createClient } from 'graphql-ws';
import { expireSession, getSession, onSessionChanged, refreshSession, validAccessToken } from './auth/session';

const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;

function withToken(init: RequestInit | undefined, token: string | null): RequestInit {
  const headers = new Headers(init?.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/**
 * fetch with the session's access token; a 401 (token expired or revoked) renews the tokens once
 * and retries; when that fails the session has expired and the panel goes back to sign-in.
 */
async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, withToken(init, await validAccessToken()));
  if (response.status !== 401 || !getSession()) return response;
  const renewed = await refreshSession();
  if (!renewed) return response;
  const retried = await fetch(input, withToken(init, renewed.accessToken));
  if (retried.status === 401) expireSession();
  return retried;
}

/** One HTTP client and one WebSocket client for the whole panel, same origin as the API. */
export const graphqlClient = new Client({ url: '/graphql', exchanges: [fetchExchange], fetch: authFetch, requestPolicy: 'network-only' });

let connectedOnce = false;
const reconnectListeners = new Set<() => void>();
/** Live views reload once after the socket reconnects, so nothing that happened meanwhile is missed. */
export function onSocketReconnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

export const wsClient = createClient({
  url: wsUrl,
  lazy: true,
  retryAttempts: Infinity,
  shouldRetry: () => true,
  connectionParams: async () => {
    const token = await validAccessToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  },
  on: {
    connected: () => {
      if (connectedOnce) reconnectListeners.forEach((l) => l());
      connectedOnce = true;
    },
    closed: (event) => {
      // 4401: the server ended this session (sign-out elsewhere, password change, revocation).
      if ((event as CloseEvent)?.code === 4401) expireSession();
    },
  },
});

// New tokens: reconnect so subscriptions run as the current session (they resubscribe by themselves).
let lastToken = getSession()?.accessToken;
onSessionChanged(() => {
  const token = getSession()?.accessToken;
  if (token !== lastToken) {
    lastToken = token;
    wsClient.terminate();
  }
});

export interface GraphQLFieldError {
  field: string;
  message: string;
  /** Stable reason (e.g. `email_taken`) with its parameters, for a message in the panel's language. */
  reason?: string;
  params?: Record<string, unknown>;
}

/** An API error with what a form needs: code, stable reason and parameters, the API's (English) message, and per-field problems. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly fields: GraphQLFieldError[],
    readonly reason?: string,
    readonly params: Record<string, unknown> = {},
    /** Everything the API put in the error's extensions (e.g. nextSlots with SLOT_TAKEN). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
