import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type { GraphQLError } from 'graphql';
import { shutdownBudgetMs, type Config } from './config';
import { createRequestContext, type AppRuntime, type RequestContext } from './core/context';
import { pendingMigrations } from './core/database/orm';
import { AppError, ErrorCode, formatError, isClientError, isDatabaseUnavailable, ServiceUnavailableError, UNAVAILABLE_RETRY_AFTER_SECONDS } from './core/errors';
import { operationGuardPlugin } from './core/graphql/operation-guards';
import { boundedResponse } from './core/graphql/limits';
import { localGateway } from './core/graphql/executor';
import { rememberEnabledPlugins } from './core/plugins/enablement';
import { requestTransactionPlugin } from './core/tenancy/request-transaction';
import { authenticate, credentialsFrom, endedCredentials, type Credentials } from './modules/identity/authentication';
import { buildAppSchema } from './core/graphql/schema';
import { adminStatic } from './core/http/admin-static';
import { bodyParserErrors, documentShapeGuard, sendGraphQLHttpError } from './core/http/graphql-http-errors';
import { requestLogging } from './core/http/request-logging';
import { GRAPHQL_PATH } from './core/http/paths';
import { installedModules } from './core/modules/module';
import { startSocketServer } from './core/http/socket-server';
import type { Logger } from './core/logger';
import { createPubSub, createSharedPubSub, type PubSub } from './core/pubsub';
import { relayOutboxOnResume } from './core/events/relay';

export { GRAPHQL_PATH };

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

/** What services and jobs need, without the GraphQL schema: the job runner starts from this alone. */
export async function createRuntime({ config, orm, logger, authSecret, eventsUrl }: AppDeps): Promise<AppRuntime> {
  const pubsub = eventsUrl ? await createSharedPubSub(eventsUrl, logger) : createPubSub();
  const runtime: AppRuntime = {
    config,
    authSecret,
    orm,
    pubsub,
    logger,
    authenticate: (c) => authenticate(runtime, (c as Credentials | null) ?? null),
    endedCredentials: (ids) => endedCredentials(runtime, ids),
  };
  relayOutboxOnResume(runtime);
  return runtime;
}

/** Builds the schema, Apollo, express and graphql-ws on one HTTP server. */
export async function createApp(deps: AppDeps): Promise<App> {
  const runtime = await createRuntime(deps);
  const { config, logger, pubsub } = runtime;
  const schema = await buildAppSchema(pubsub);
  const guardOptions = { anonymousIntrospection: config.introspection };
  const exposeInternals = config.DEBUG_ERRORS;
  const format = (formatted: Parameters<typeof formatError>[0], error: unknown) =>
    formatError(formatted, error, { exposeInternals });

  const expressApp = express();
  expressApp.disable('x-powered-by');
  // No ETag on bodies sent by res.send / res.json (GraphQL answers above all): express hashed
  // each one for a conditional GET nobody makes (POSTs, answers that change with the data).
  // Files (the admin's, sendFile and static) keep theirs: those take the ETag from the file.
  expressApp.set('etag', () => undefined);
  expressApp.set('trust proxy', 'loopback');
  const httpServer = http.createServer(expressApp);
  let draining = false;

  const sockets = startSocketServer({ httpServer, schema, runtime, guardOptions, format, isProduction: config.isProduction, maxPayloadBytes: byteSize(config.REQUEST_BODY_LIMIT), requireCredentials: config.wsRequireCredentials });

  const logErrors: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, contextValue }) {
          if (contextValue.bindLog) contextValue.bindLog({ operationName: request.operationName });
          else contextValue.logger = contextValue.logger.child({ operationName: request.operationName });
        },
        // A database outage met during execution answers 503 too, so clients and proxies retry.
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.ServiceUnavailable)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
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
    // The schema, run by the compiling executor (Apollo takes a custom executor only from a gateway).
    gateway: localGateway(schema),
    introspection: true, // the operation guard refuses it to anonymous callers where it is off
    csrfPrevention: true,
    stopOnTerminationSignals: false, // server.ts owns the shutdown order
    includeStacktraceInErrorResponses: exposeInternals,
    formatError: format,
    stringifyResult: (value) => boundedResponse(JSON.stringify(value)),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdownBudgetMs(config, 'drainRequests') }),
      { async serverWillStart() { return { async drainServer() { await sockets.dispose(); } }; } },
      logErrors,
      operationGuardPlugin(schema, guardOptions),
      requestTransactionPlugin,
      // Nothing uses @cacheControl: its default plugin would only add a hook to every field resolve.
      ApolloServerPluginCacheControlDisabled(),
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
    if (!pubsub.connected) return void res.status(503).json({ status: 'live events unavailable: reconnecting to the database' });
    try {
      const pending = await pendingMigrations(runtime.orm);
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
    documentShapeGuard,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        try {
          const actor = await authenticate(runtime, credentialsFrom(req.headers as Record<string, unknown>));
          const ctx = createRequestContext(runtime, { actor, requestId: res.locals.requestId, clientAddress: req.ip ?? 'unknown' });
          if (actor?.enabledPluginOptions) rememberEnabledPlugins(ctx.em, actor.franchiseId, actor.enabledPluginOptions);
          return ctx;
        } catch (error) {
          throw withHttpStatus(error);
        }
      },
    }),
  );

  for (const module of installedModules()) for (const routes of module.httpRoutes ?? []) routes(expressApp, runtime);

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
      await pubsub.close();
    },
  };
}

/** Bytes in a size like 512kb or 1mb (the config checks the form). */
function byteSize(size: string): number {
  const [, amount, unit] = /^(\d+)(b|kb|mb)$/i.exec(size)!;
  return Number(amount) * { b: 1, kb: 1024, mb: 1024 * 1024 }[unit!.toLowerCase() as 'b' | 'kb' | 'mb'];
}

/** Credential failures before execution answer 401 (with a challenge) rather than 500. */
function withHttpStatus(error: unknown): unknown {
  if (isDatabaseUnavailable(error)) return new ServiceUnavailableError();
  if (error instanceof AppError && error.extensions.code === ErrorCode.Unauthenticated && !error.extensions.http)
    error.extensions.http = { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) };
  return error;
}

/** Serves the built admin panel with SPA fallback; says how to build it when it is missing. */
function mountAdmin(app: express.Express, config: Config): void {
  const dist = config.ADMIN_DIST_DIR;
  app.use(adminStatic(dist));
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
