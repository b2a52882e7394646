import { createSourceEventStream, execute, getOperationAST, GraphQLError, type ExecutionResult, print, validate, type ExecutionArgs, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { GRAPHQL_PATH } from './paths';
import { createRequestContext, renewForEvent, requestIdFrom, type AppRuntime, type RequestContext } from '../context';
import { ErrorCode, isDatabaseUnavailable, ServiceUnavailableError } from '../errors';
import { guardOperation, parseBounded, type GuardOptions } from '../graphql/operation-guards';
import { boundedResponse } from '../graphql/limits';
import { inOperation, withoutDatabase } from '../tenancy/request-transaction';
import { credentialKey, forgetLiveCredentials } from '../live';
import { accessTokenExpiry } from '../auth/tokens';
import { credentialsFrom, type Credentials } from '../auth/credentials';

type Format = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** A socket must send connection_init within this time, and when credentials are required, sign in by then. */
export const CONNECTION_INIT_TIMEOUT_MS = 3_000;

/** Close code for a socket whose access token has expired: clients reconnect with a fresh one. */
export const ACCESS_TOKEN_EXPIRED_CLOSE = 4440;

/**
 * graphql-ws on the same server and path as HTTP GraphQL. Credentials come in
 * connectionParams and are checked again for every operation on the socket; queries and
 * mutations run in a scoped transaction as over HTTP; sockets of a revoked session or
 * API key are closed at once (4401, final), and a socket is closed when its access token
 * expires (4440: graphql-ws clients retry, with the refreshed token from connectionParams).
 */
export function startSocketServer(deps: { httpServer: http.Server; schema: GraphQLSchema; runtime: AppRuntime; guardOptions: GuardOptions; format: Format; isProduction: boolean; maxPayloadBytes: number; requireCredentials: boolean }) {
  const { httpServer, schema, runtime, guardOptions, format } = deps;
  // A message over the HTTP body limit is refused before it is buffered or parsed (close 1009).
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH, maxPayload: deps.maxPayloadBytes });
  const liveSockets = new Map<string, Set<WebSocket>>(); // session or API key id -> sockets
  type SocketExtra = Record<PropertyKey, unknown> & { credentials?: Credentials | null; holder?: string; expiry?: NodeJS.Timeout };
  // Results are bounded as over HTTP: an oversized `next` is replaced by an error for that operation.
  wsServer.on('connection', (socket) => {
    const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
    socket.send = ((data: unknown, ...rest: unknown[]) => send(typeof data === 'string' ? boundedMessage(data) : data, ...rest)) as WebSocket['send'];
  });
  const wsCleanup = useServer<Record<string, unknown>, SocketExtra>(
    {
      onConnect: async (ctx) => {
        try {
          const credentials = credentialsFrom(ctx.connectionParams);
          const actor = await runtime.authenticate(credentials);
          ctx.extra.credentials = credentials;
          if (!actor && deps.requireCredentials) {
            // Time to be told why (its operations are refused UNAUTHENTICATED), then the socket is closed.
            const socket = ctx.extra.socket;
            ctx.extra.expiry = setTimeout(() => socket.close(4401, 'Unauthorized: send credentials in connectionParams'), CONNECTION_INIT_TIMEOUT_MS).unref();
          }
          if (actor) {
            const holder = actor.sessionId ?? actor.id;
            ctx.extra.holder = holder;
            if (!liveSockets.has(holder)) liveSockets.set(holder, new Set());
            liveSockets.get(holder)!.add(ctx.extra.socket);
            const expiresAt = credentials?.kind === 'bearer' ? accessTokenExpiry(credentials.token) : null;
            if (expiresAt) {
              const socket = ctx.extra.socket;
              ctx.extra.expiry = setTimeout(() => socket.close(ACCESS_TOKEN_EXPIRED_CLOSE, 'Access token expired: reconnect with a fresh token'), Math.max(0, expiresAt - Date.now())).unref();
            }
          }
          return true;
        } catch {
          return false; // closes with 4403 Forbidden
        }
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiry);
        const holder = ctx.extra.holder;
        if (holder) liveSockets.get(holder)?.delete(ctx.extra.socket);
      },
      // Parse and validate here so a bad document is an error for that operation, not a closed socket.
      onSubscribe: async (ctx, _id, payload) => {
        const parsed = parseBounded(payload.query);
        if (parsed.errors) return parsed.errors;
        const { document } = parsed;
        const invalid = validate(schema, document);
        if (invalid.length)
          return invalid.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.ValidationFailed } }));
        let actor;
        try {
          actor = await runtime.authenticate(ctx.extra.credentials ?? null);
        } catch (error) {
          if (isDatabaseUnavailable(error)) return [new ServiceUnavailableError()];
          return [error instanceof GraphQLError ? error : new GraphQLError('Authentication failed', { extensions: { code: ErrorCode.Unauthenticated } })];
        }
        const guarded = guardOperation(schema, { document, operationName: payload.operationName, variables: payload.variables, signedIn: !!actor }, guardOptions);
        if (guarded.length) return guarded;
        const contextValue: RequestContext = createRequestContext(runtime, {
          actor,
          credentials: ctx.extra.credentials ?? null,
          requestId: requestIdFrom(ctx.extra.request.headers['x-request-id']),
          clientAddress: ctx.extra.request.socket.remoteAddress ?? 'unknown',
        });
        const args = { schema, document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
        // A subscription is started here, so one refused at the start (signed out, a view not visible:
        // UNAUTHENTICATED, NOT_FOUND...) is a graphql-ws `error`, not a stream that stays silent.
        if (getOperationAST(document, payload.operationName)?.operation === 'subscription') {
          const stream = await createSourceEventStream(args);
          if (!(Symbol.asyncIterator in stream)) return stream.errors ?? [];
          startedStreams.set(contextValue, stream);
        }
        return args;
      },
      // Queries and mutations over the socket run in a scoped transaction, as over HTTP.
      execute: async (args: ExecutionArgs) => {
        return inOperation(args.contextValue as RequestContext, async () => execute(args), (result) => !result.errors?.length);
      },
      // Each live event is resolved with fresh loaders, in its own scoped transaction when its fields
      // need the database, so nested fields (the case's customer, owner…) see current data under
      // row-level security.
      // Subscriptions with the same credentials, document and variables get the same result
      // for an event, so it is resolved once and shared.
      subscribe: async (args: ExecutionArgs) => {
        const ctx = args.contextValue as RequestContext;
        const stream = startedStreams.get(ctx) ?? (await createSourceEventStream(args));
        startedStreams.delete(ctx);
        if (!(Symbol.asyncIterator in stream)) return stream;
        const events = stream[Symbol.asyncIterator]();
        const shareKey = [credentialKey(ctx.credentials), args.operationName ?? '', print(args.document), JSON.stringify(args.variableValues ?? {})].join('\u0000');
        // Most live fields read the record the event's authorization loaded, so an event is first
        // resolved without a transaction; one that reaches for the database is resolved again in
        // its scoped transaction, and so is every later event of that subscription.
        let needsTransaction = false;
        const resolveEvent = async (event: unknown) => {
          renewForEvent(ctx);
          if (!needsTransaction) {
            const result = await withoutDatabase(ctx, async () => execute({ ...args, rootValue: event }));
            if (result) return result;
            needsTransaction = true;
            renewForEvent(ctx);
          }
          return inOperation(ctx, async () => execute({ ...args, rootValue: event }), (result) => !result.errors?.length);
        };
        const resolve = (event: unknown) => {
          if (typeof event !== 'object' || event === null) return resolveEvent(event);
          let results = resultsByEvent.get(event);
          if (!results) resultsByEvent.set(event, (results = new Map()));
          let result = results.get(shareKey);
          if (!result) results.set(shareKey, (result = resolveEvent(event)));
          return result;
        };
        // A plain iterator (not an async generator) so that closing the socket returns the
        // source stream at once, instead of at its next event.
        const results: AsyncIterableIterator<ExecutionResult> = {
          [Symbol.asyncIterator]: () => results,
          async next() {
            const event = await events.next();
            if (event.done) return { value: undefined, done: true };
            return { value: await resolve(event.value), done: false };
          },
          return: async () => {
            await events.return?.();
            return { value: undefined, done: true };
          },
          throw: async (error: unknown) => {
            await events.return?.();
            throw error;
          },
        };
        return results;
      },
      // Variable coercion errors come without a code (Apollo calls them BAD_USER_INPUT); then format as over HTTP.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => format(codeCoercionError(e), e)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => format(codeCoercionError(e), e)),
      isProd: deps.isProduction,
      connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
    },
    wsServer,
  );

  // A revoked session or key loses its live connections at once.
  const revoke = async (holders: readonly string[]) => {
    await forgetLiveCredentials(runtime, holders);
    for (const holder of holders) {
      for (const socket of liveSockets.get(holder) ?? []) socket.close(4401, 'Unauthorized: credentials revoked');
      liveSockets.delete(holder);
    }
  };
  const revocations = runtime.pubsub.subscribe('auth.revoked');
  void (async () => {
    for await (const { sessionIds = [], apiKeyIds = [] } of revocations) await revoke([...sessionIds, ...apiKeyIds]);
  })();
  // Revocations announced while the event connection was down were missed: the session and key tables say which.
  const stopResumed = runtime.pubsub.onResumed(async () => {
    const ended = await runtime.endedCredentials([...liveSockets.keys()]);
    if (ended.length) runtime.logger.info({ count: ended.length }, 'closing sockets of credentials revoked while live events were down');
    await revoke(ended);
  });

  return {
    async dispose() {
      await wsCleanup.dispose();
      await revocations.return?.();
      stopResumed();
    },
  };
}

/** Source streams started in onSubscribe, picked up by subscribe. */
const startedStreams = new WeakMap<RequestContext, AsyncIterable<unknown>>();

/** Results of live events already resolved, by event and subscription share key (see subscribe). */
const resultsByEvent = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

function codeCoercionError(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  if (formatted.extensions?.code || error.path) return formatted; // resolver errors carry a path
  return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BadUserInput } };
}


/** A graphql-ws message whose result is over MAX_RESPONSE_BYTES becomes that result's size error. */
function boundedMessage(data: string): string {
  const bounded = boundedResponse(data);
  if (bounded === data) return data;
  const { id, type } = JSON.parse(data) as { id?: string; type: string };
  return JSON.stringify({ id, type, payload: JSON.parse(bounded) });
}
