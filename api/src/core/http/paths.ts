/** The one path for GraphQL over HTTP and over WebSocket. */
export const GRAPHQL_PATH = '/graphql';
