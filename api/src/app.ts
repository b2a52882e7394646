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
import { GraphQLError, parse, validate, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Config } from './config';
import { createRequestContext, requestIdFrom, type RequestContext } from './core/context';
import { pendingMigrations } from './core/database/orm';
import { ErrorCode, formatError, isClientError } from './core/errors';
import { buildAppSchema } from './core/graphql/schema';
import { bodyParserErrors, sendGraphQLHttpError } from './core/http/graphql-http-errors';
import { requestLogging } from './core/http/request-logging';
import type { Logger } from './core/logger';
import { createPubSub, type PubSub } from './core/pubsub';

export const GRAPHQL_PATH = '/graphql';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  logger: Logger;
}

export interface App {
  httpServer: http.Server;
  pubsub: PubSub;
  /** Starts listening; resolves with the base URL (http://host:port). */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, drains HTTP requests and WebSocket connections. Does not close the database. */
  shutdown(): Promise<void>;
}

/** Builds the schema, Apollo, express and graphql-ws on one HTTP server. */
export async function createApp({ config, orm, logger }: AppDeps): Promise<App> {
  const pubsub = createPubSub();
  const schema = await buildAppSchema(pubsub);
  const exposeInternals = config.NODE_ENV === 'development';
  const format = (formatted: Parameters<typeof formatError>[0], error: unknown) =>
    formatError(formatted, error, { exposeInternals });

  const expressApp = express();
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', 'loopback');
  const httpServer = http.createServer(expressApp);
  let draining = false;

  // graphql-ws on the same server and path as HTTP GraphQL.
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      // Parse and validate here so a bad document is an error for that operation, not a closed socket.
      onSubscribe: (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [new GraphQLError((error as Error).message, { extensions: { code: ErrorCode.ParseFailed } })];
        }
        const invalid = validate(schema, document);
        if (invalid.length)
          return invalid.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.ValidationFailed } }));
        const contextValue: RequestContext = createRequestContext({
          em: orm.em,
          logger,
          pubsub,
          requestId: requestIdFrom(ctx.extra.request.headers['x-request-id']),
        });
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
      },
      // Variable coercion errors come without a code (Apollo calls them BAD_USER_INPUT); then format as over HTTP.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => format(codeCoercionError(e), e)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => format(e.toJSON(), e)),
      isProd: config.isProduction,
    },
    wsServer,
  );

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
    introspection: config.introspection,
    csrfPrevention: true,
    stopOnTerminationSignals: false, // server.ts owns the shutdown order
    includeStacktraceInErrorResponses: exposeInternals,
    formatError: format,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: Math.max(config.SHUTDOWN_TIMEOUT_MS - 1_500, 500) }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      logErrors,
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
      context: async ({ res }) => createRequestContext({ em: orm.em, logger, pubsub, requestId: res.locals.requestId }),
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
    },
  };
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
