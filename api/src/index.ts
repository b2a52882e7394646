// What other workspace packages (seeds, tests, plugins) use from the API.
export { loadConfig, ConfigError, configSchema, configVariableNames, type Config } from './config';
export { createApp, GRAPHQL_PATH, type App } from './app';
export { startServer, stopOnSignals, type RunningServer, type ServerHooks } from './server';
export { createLogger, type Logger } from './core/logger';
export { ormConfig, initOrm, migrate, pendingMigrations } from './core/database/orm';
export { startEmbeddedPostgres, freePort, type EmbeddedPostgres } from './core/database/embedded-postgres';
export { ensureDatabase, openDatabase, EMBEDDED_DATABASE_NAME, type Database } from './core/database/database';
export { buildAppSchema, printContract } from './core/graphql/schema';
export { createPubSub } from './core/pubsub';
export { createRequestContext, type RequestContext } from './core/context';
export * from './core/errors';
