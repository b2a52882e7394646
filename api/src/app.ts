import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { execute, GraphQLError, parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLFormattedError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from './config';
import { createRequestContext, requestIdFrom, type AppRuntime, type RequestContext } from './core/context';
import { pendingMigrations } from './core/database/orm';
import { AppError, ErrorCode, formatError, isClientError } from './core/errors';
import { operationGuardPlugin, guardOperation } from './core/graphql/operation-guards';
import { beginOperation, endOperation, requestTransactionPlugin } from './core/tenancy/request-transaction';
import { authenticate, credentialsFrom, type Credentials } from './modules/identity/authentication';
import { buildAppSchema } from './core/graphql/schema';
import { bodyParserErrors, sendGraphQLHttpError } from './core/http/graphql-http-errors';
import { requestLogging } from './core/http/request-logging';
import type { Logger } from './core/logger';
import { createPubSub, createSharedPubSub, type PubSub } from './core/pubsub';

export const GRAPHQL_PATH = '/graphql';

export interface AppDeps {
  config: Config;
  /** The request ORM (connected as the RLS-bound API role). */
  orm: MikroORM;
  logger: Logger;
  authSecret: string;
  /** Connection for sharing live events with the other API instances (LISTEN/NOTIFY); in-process only when absent. */
  eventsUrl?: string;
}

export interface App {
  httpServer: http.Server;
  pubsub: PubSub;
  runtime: AppRuntime;
  /** Starts listening; resolves with the base URL (http://host:port). */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, drains HTTP requests and WebSocket connections. Does not close the database. */
  shutdown(): Promise<void>;
}

/** Builds the schema, Apollo, express and graphql-ws on one HTTP server. */
export async function createApp({ config, orm, logger, authSecret, eventsUrl }: AppDeps): Promise<App> {
  const pubsub = eventsUrl ? await createSharedPubSub(eventsUrl, logger) : createPubSub();
  const schema = await buildAppSchema(pubsub);
  const runtime: AppRuntime = { config, authSecret, orm, pubsub, logger, authenticate: (c) => authenticate(runtime, (c as Credentials | null) ?? null) };
  const guardOptions = { anonymousIntrospection: config.introspection };
  const exposeInternals = config.NODE_ENV === 'development';
  const format = (formatted: Parameters<typeof formatError>[0], error: unknown) =>
    formatError(formatted, error, { exposeInternals });

  const expressApp = express();
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', 'loopback');
  const httpServer = http.createServer(expressApp);
  let draining = false;

  // graphql-ws on the same server and path as HTTP GraphQL. Credentials come in
  // connectionParams and are checked again for every operation on the socket.
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });
  const liveSockets = new Map<string, Set<WebSocket>>(); // session or API key id -> sockets
  type SocketExtra = Record<PropertyKey, unknown> & { credentials?: Credentials | null; holder?: string };
  const wsCleanup = useServer<Record<string, unknown>, SocketExtra>(
    {
      onConnect: async (ctx) => {
        try {
          const credentials = credentialsFrom(ctx.connectionParams);
          const actor = await authenticate(runtime, credentials);
          ctx.extra.credentials = credentials;
          if (actor) {
            const holder = actor.sessionId ?? actor.id;
            ctx.extra.holder = holder;
            if (!liveSockets.has(holder)) liveSockets.set(holder, new Set());
            liveSockets.get(holder)!.add(ctx.extra.socket);
          }
          return true;
        } catch {
          return false; // closes with 4403 Forbidden
        }
      },
      onClose: (ctx) => {
        const holder = ctx.extra.holder;
        if (holder) liveSockets.get(holder)?.delete(ctx.extra.socket);
      },
      // Parse and validate here so a bad document is an error for that operation, not a closed socket.
      onSubscribe: async (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [new GraphQLError((error as Error).message, { extensions: { code: ErrorCode.ParseFailed } })];
        }
        const invalid = validate(schema, document);
        if (invalid.length)
          return invalid.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.ValidationFailed } }));
        let actor;
        try {
          actor = await authenticate(runtime, ctx.extra.credentials ?? null);
        } catch (error) {
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
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
      },
      // Queries and mutations over the socket run in a scoped transaction, as over HTTP.
      execute: async (args: ExecutionArgs) => {
        const ctx = args.contextValue as RequestContext;
        await beginOperation(ctx);
        try {
          const result = await execute(args);
          await endOperation(ctx, !result.errors?.length);
          return result;
        } catch (error) {
          await endOperation(ctx, false);
          throw error;
        }
      },
      // Variable coercion errors come without a code (Apollo calls them BAD_USER_INPUT); then format as over HTTP.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => format(codeCoercionError(e), e)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => format(e.toJSON(), e)),
      isProd: config.isProduction,
    },
    wsServer,
  );

  // A revoked session or key loses its live connections at once.
  const revocations = pubsub.subscribe('auth.revoked');
  void (async () => {
    for await (const { sessionIds = [], apiKeyIds = [] } of revocations) {
      for (const holder of [...sessionIds, ...apiKeyIds]) {
        for (const socket of liveSockets.get(holder) ?? []) socket.close(4401, 'Unauthorized: credentials revoked');
        liveSockets.delete(holder);
      }
    }
  })();

  const logErrors: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, contextValue }) {
          contextValue.logger = contextValue.logger.child({ operationName: request.operationName });
        },
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors as readonly GraphQLError[]) {
            if (!isClientError(error)) contextValue.logger.error({ err: error.originalError ?? error, path: error.path }, 'operation failed');
          }
        },
      };
    },
  };

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true, // the operation guard refuses it to anonymous callers where it is off
    csrfPrevention: true,
    stopOnTerminationSignals: false, // server.ts owns the shutdown order
    includeStacktraceInErrorResponses: exposeInternals,
    formatError: format,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: Math.max(config.SHUTDOWN_TIMEOUT_MS - 1_500, 500) }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      logErrors,
      operationGuardPlugin(schema, guardOptions),
      requestTransactionPlugin,
      ...(config.isProduction ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  expressApp.use(requestLogging(logger));

  expressApp.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  expressApp.get('/readyz', async (_req, res) => {
    if (draining) return void res.status(503).json({ status: 'draining' });
    try {
      const pending = await pendingMigrations(orm);
      if (pending.length) return void res.status(503).json({ status: 'migrations pending', pending });
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  expressApp.use(
    GRAPHQL_PATH,
    express.json({ limit: config.REQUEST_BODY_LIMIT }),
    bodyParserErrors,
    ((req, res, next) => {
      // Apollo needs a parsed body; a POST without a JSON content type still deserves a GraphQL error.
      if (req.method === 'POST' && req.body === undefined) {
        return sendGraphQLHttpError(req, res, 415, 'Send the GraphQL request as JSON (Content-Type: application/json)', 'BAD_REQUEST');
      }
      res.locals.operationName = (req.body as { operationName?: string } | undefined)?.operationName ?? null;
      next();
    }) as express.RequestHandler,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        try {
          const actor = await authenticate(runtime, credentialsFrom(req.headers as Record<string, unknown>));
          return createRequestContext(runtime, { actor, requestId: res.locals.requestId, clientAddress: req.ip ?? 'unknown' });
        } catch (error) {
          throw withHttpStatus(error);
        }
      },
    }),
  );

  mountAdmin(expressApp, config);

  expressApp.use(((error, req, res, _next) => {
    logger.error({ err: error, requestId: res.locals.requestId }, 'unhandled HTTP error');
    if (res.headersSent) return;
    sendGraphQLHttpError(req, res, 500, 'Internal server error', 'INTERNAL');
  }) as express.ErrorRequestHandler);

  return {
    httpServer,
    pubsub,
    runtime,
    async listen(port = config.PORT, host = config.HOST) {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const address = httpServer.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return `http://${shownHost}:${address.port}`;
    },
    async shutdown() {
      draining = true;
      await apollo.stop(); // drains HTTP (the plugin above) and WebSockets
      await revocations.return?.();
      await pubsub.close();
    },
  };
}

/** Credential failures before execution answer 401 (with a challenge) rather than 500. */
function withHttpStatus(error: unknown): unknown {
  if (error instanceof AppError && error.extensions.code === ErrorCode.Unauthenticated && !error.extensions.http)
    error.extensions.http = { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) };
  return error;
}

function codeCoercionError(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  if (formatted.extensions?.code || error.path) return formatted; // resolver errors carry a path
  return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BadUserInput } };
}

/** Serves the built admin panel with SPA fallback; says how to build it when it is missing. */
function mountAdmin(app: express.Express, config: Config): void {
  const dist = config.ADMIN_DIST_DIR;
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!graphql|healthz|readyz).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    const index = path.join(dist, 'index.html');
    if (fs.existsSync(index)) return void res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
    res
      .status(503)
      .type('html')
      .send('<!doctype html><meta http-equiv="refresh" content="5"><title>PharmaDesk</title>' +
        '<p>The admin panel is being built; this page reloads by itself. The API is ready at <a href="/graphql">/graphql</a>.</p>');
  });
}
