import { Client, fetchExchange } from '@urql/core';
import { createClient } from 'graphql-ws';

const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;

/** One HTTP client and one WebSocket client for the whole panel, same origin as the API. */
export const graphqlClient = new Client({ url: '/graphql', exchanges: [fetchExchange] });
export const wsClient = createClient({ url: wsUrl, lazy: true });
