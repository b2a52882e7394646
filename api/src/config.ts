import path from 'node:path';
import { z } from 'zod';

/** The repository root: api/dist/src/config.js and api/src/config.ts both sit three levels below it. */
export const repoRoot = path.resolve(__dirname, __filename.endsWith('.ts') ? '../..' : '../../..');

/** The plugins bundled in plugins/, installed unless PLUGINS says otherwise. */
export const DEFAULT_PLUGINS: readonly string[] = ['refund-approval', 'pharmacist-review', 'vip-care'];
const PLUGIN_SPEC = /^([a-z][a-z0-9]*(-[a-z0-9]+)*|\.{1,2}\/[\w./-]+|\/[\w./-]+)$/;

const pluginList = z
  .string()
  .default(DEFAULT_PLUGINS.join(','))
  .transform((raw, ctx) => {
    if (raw.trim() === 'none') return [] as string[];
    const specs = raw.split(',').map((s) => s.trim()).filter(Boolean);
    for (const spec of specs) if (!PLUGIN_SPEC.test(spec)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${spec}" is neither a plugin name (vip-care) nor a module path (./plugins/x)` });
    const twice = specs.filter((s, i) => specs.indexOf(s) !== i);
    if (twice.length) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `lists ${[...new Set(twice)].join(', ')} more than once` });
    return specs;
  });

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** A PostgreSQL connection URL (optional). */
const postgresUrl = z
  .string()
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must start with postgres:// or postgresql://')
  .optional();
const port = z.coerce.number().int().min(0).max(65535);

/**
 * Every environment variable PharmaDesk reads, with its rule and default.
 * This is the only place that reads process.env; the README table and
 * docker-compose.yml are checked against it by tests/config-contract.test.ts.
 */
/**
 * How SHUTDOWN_TIMEOUT_MS is shared by the shutdown's steps, in order: in-flight requests drain,
 * jobs finish, the embedded database stops. Together they stay inside the timeout, so a slow step
 * is cut short by its own limit instead of the whole process being forced out with exit code 1.
 */
export const SHUTDOWN_SHARES = { drainRequests: 0.35, stopJobs: 0.25, stopDatabase: 0.25 } as const;

export function shutdownBudgetMs(config: Pick<Config, 'SHUTDOWN_TIMEOUT_MS'>, step: keyof typeof SHUTDOWN_SHARES): number {
  return Math.max(Math.round(config.SHUTDOWN_TIMEOUT_MS * SHUTDOWN_SHARES[step]), 100);
}

export const configSchema = {
  NODE_ENV: {
    schema: z.enum(['development', 'production', 'test']).default('development'),
    description: 'development | production | test. Production hides stack traces and, by default, introspection.',
  },
  HOST: { schema: z.string().min(1).default('0.0.0.0'), description: 'Interface the HTTP server binds to.' },
  PORT: { schema: port.default(4000), description: 'HTTP port for the API, GraphQL WebSocket and admin (0 picks a free port).' },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    description: 'pino log level; logs are JSON lines on stdout.',
  },
  DATABASE_URL: {
    schema: postgresUrl,
    description: 'PostgreSQL (>= 15) connection URL. When unset, an embedded PostgreSQL is started.',
  },
  DATABASE_APP_URL: {
    schema: postgresUrl,
    description:
      'Connection for request handling as a role with neither SUPERUSER nor BYPASSRLS, member of pharmadesk_api. When unset, the API creates and uses the login role pharmadesk_app.',
  },
  DATABASE_REPLICA_URL: {
    schema: postgresUrl,
    description:
      'A read replica for the report center: reports read there (a pool of their own, read-only transactions with the caller’s franchise scope). Connect as a role subject to row-level security, like the API’s. When unset, reports read the primary.',
  },
  DATABASE_POOL_MAX: { schema: z.coerce.number().int().min(1).max(200).default(10), description: 'Maximum connections in the pool.' },
  EMBEDDED_PG_DATA_DIR: {
    schema: z.string().min(1).default(path.join(repoRoot, '.data', 'postgres')),
    description: 'Data directory of the embedded PostgreSQL (kept between runs).',
  },
  EMBEDDED_PG_PORT: { schema: port.optional(), description: 'Port of the embedded PostgreSQL; a free one when unset.' },
  SEED_DEMO_DATA: {
    schema: z.enum(['auto', 'true', 'false']).default('auto'),
    description: 'Demo data on an empty database: auto = only on the embedded database (used by `pnpm start`).',
  },
  AUTH_SECRET: {
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
    description: 'Signs access tokens and derives the API database password. Required in production; generated into .data/ otherwise.',
  },
  ACCESS_TOKEN_TTL_SECONDS: { schema: z.coerce.number().int().min(30).max(86_400).default(900), description: 'Lifetime of an access token.' },
  REFRESH_TOKEN_TTL_DAYS: { schema: z.coerce.number().int().min(1).max(365).default(30), description: 'Lifetime of a refresh token (each refresh rotates it).' },
  LOGIN_MAX_FAILURES: {
    schema: z.coerce.number().int().min(1).max(100).default(5),
    description: 'Failed sign-ins allowed per account within the lockout window before it is locked.',
  },
  LOGIN_MAX_FAILURES_PER_ADDRESS: {
    schema: z.coerce.number().int().min(1).max(10_000).default(30),
    description: 'Failed sign-ins allowed per client address within the lockout window.',
  },
  LOGIN_LOCKOUT_MINUTES: { schema: z.coerce.number().int().min(1).max(1440).default(15), description: 'Lockout window and duration.' },
  API_KEY_RATE_LIMIT_PER_MINUTE: {
    schema: z.coerce.number().int().min(1).max(100_000).default(600),
    description: 'Default request budget per minute for a new partner API key.',
  },
  JOBS_ENABLED: {
    schema: booleanFlag.default('true'),
    description: 'Run background jobs (nightly segments, care reminders) in this instance.',
  },
  EVENT_RETRY_LIMIT: {
    schema: z.coerce.number().int().min(0).max(50).default(5),
    description: 'Retries of a failed event reaction (plugin or module handler) before it is a dead letter.',
  },
  EVENT_RETRY_DELAY_SECONDS: {
    schema: z.coerce.number().int().min(1).max(3_600).default(10),
    description: 'First delay before retrying a failed event reaction; doubles each time.',
  },
  EVENT_RETENTION_DAYS: {
    schema: z.coerce.number().int().min(1).max(3_650).default(14),
    description: 'Days delivered events stay in the outbox before the nightly prune (dead letters stay until handled).',
  },
  SHUTDOWN_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(100).max(60_000).default(10_000),
    description: 'On SIGTERM/SIGINT, time allowed to stop before forcing exit: 35 % for in-flight requests to drain, 25 % for jobs to finish, 25 % for the embedded database to stop.',
  },
  REQUEST_BODY_LIMIT: {
    schema: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 1mb').default('1mb'),
    description: 'Largest accepted HTTP request body.',
  },
  DEBUG_ERRORS: {
    schema: booleanFlag.default('false'),
    description: 'Add stack frames to internal errors in API responses (local debugging). Messages of unexpected errors never reach clients in any mode; they are logged.',
  },
  GRAPHQL_WS_REQUIRE_AUTH: {
    schema: booleanFlag.optional(),
    description: 'Close WebSocket connections that carry no credentials after the connection-init timeout (3 s); defaults to true in production.',
  },
  GRAPHQL_INTROSPECTION: {
    schema: booleanFlag.optional(),
    description: 'Allow schema introspection; defaults to true except in production.',
  },
  PLUGINS: {
    schema: pluginList,
    description: `Installed plugins, comma-separated: names of packages in plugins/ (@pharmadesk/plugin-<name>) or module paths; none for no plugins. Default: ${DEFAULT_PLUGINS.join(',')}. Each franchise enables the ones it wants at run time.`,
  },
  NOTIFY_SMS_PROVIDER: {
    schema: z.enum(['log', 'http']).default('log'),
    description: 'How SMS messages leave: log (recorded in the message log, nothing sent; the default) or http (the SMS gateway at SMS_HTTP_ENDPOINT).',
  },
  SMS_HTTP_ENDPOINT: { schema: z.string().url().optional(), description: 'SMS gateway URL (POST JSON { to, body, messageId }); required with NOTIFY_SMS_PROVIDER=http.' },
  SMS_HTTP_KEY: { schema: z.string().min(1).optional(), description: 'Bearer key sent to the SMS gateway.' },
  NOTIFY_WECHAT_PROVIDER: {
    schema: z.enum(['log', 'http']).default('log'),
    description: 'How WeChat messages leave: log (the default) or http (the WeChat service-account gateway at WECHAT_HTTP_ENDPOINT).',
  },
  WECHAT_HTTP_ENDPOINT: { schema: z.string().url().optional(), description: 'WeChat gateway URL (POST JSON { to, body, messageId }); required with NOTIFY_WECHAT_PROVIDER=http.' },
  WECHAT_HTTP_KEY: { schema: z.string().min(1).optional(), description: 'Bearer key sent to the WeChat gateway.' },
  NOTIFY_EMAIL_PROVIDER: {
    schema: z.enum(['log', 'smtp']).default('log'),
    description: 'How email leaves: log (the default) or smtp (nodemailer through SMTP_URL).',
  },
  SMTP_URL: {
    schema: z.string().url().refine((u) => /^smtps?:\/\//.test(u), 'must start with smtp:// or smtps://').optional(),
    description: 'SMTP server for email, e.g. smtps://user:pass@smtp.example.com:465; required with NOTIFY_EMAIL_PROVIDER=smtp.',
  },
  SMTP_FROM: { schema: z.string().min(3).default('PharmaDesk <no-reply@pharmadesk.local>'), description: 'Sender of outgoing email.' },
  PUBLIC_URL: {
    schema: z.string().url().optional(),
    description: 'Address customers reach this server at, for links in messages (online survey links); http://localhost:PORT when unset.',
  },
  SURVEY_LINK_SECRET: {
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
    description: 'Signs online survey links (HMAC); derived from AUTH_SECRET when unset.',
  },
  SURVEY_LINK_TTL_DAYS: { schema: z.coerce.number().int().min(1).max(90).default(7), description: 'Days an online survey link works (once) after it is sent.' },
  ADMIN_DIST_DIR: {
    schema: z.string().min(1).default(path.join(repoRoot, 'admin', 'dist')),
    description: 'Built admin panel served at / (skipped when the folder does not exist).',
  },
} as const;

type Schemas = { [K in keyof typeof configSchema]: (typeof configSchema)[K]['schema'] };
type RawConfig = { [K in keyof Schemas]: z.output<Schemas[K]> };

export interface Config extends RawConfig {
  isProduction: boolean;
  introspection: boolean;
  wsRequireCredentials: boolean;
  repoRoot: string;
}

export const configVariableNames = Object.keys(configSchema) as (keyof typeof configSchema)[];

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Parses and validates the environment once. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: { variable: string; message: string }[] = [];
  const values: Record<string, unknown> = {};
  for (const name of configVariableNames) {
    const raw = env[name];
    // An empty string means "not set", as in most shells and compose files.
    const result = configSchema[name].schema.safeParse(raw === '' ? undefined : raw);
    if (result.success) values[name] = result.data;
    else problems.push({ variable: name, message: `${result.error.issues.map((i) => i.message).join('; ')} (got ${JSON.stringify(raw)})` });
  }
  const raw = values as RawConfig;
  if (raw.NODE_ENV === 'production' && !raw.AUTH_SECRET)
    problems.push({ variable: 'AUTH_SECRET', message: 'is required in production (at least 32 random characters)' });
  // A provider chosen without where to reach it stops start-up here, not at the first message.
  if (raw.NOTIFY_SMS_PROVIDER === 'http' && !raw.SMS_HTTP_ENDPOINT) problems.push({ variable: 'SMS_HTTP_ENDPOINT', message: 'is required when NOTIFY_SMS_PROVIDER=http' });
  if (raw.NOTIFY_WECHAT_PROVIDER === 'http' && !raw.WECHAT_HTTP_ENDPOINT) problems.push({ variable: 'WECHAT_HTTP_ENDPOINT', message: 'is required when NOTIFY_WECHAT_PROVIDER=http' });
  if (raw.NOTIFY_EMAIL_PROVIDER === 'smtp' && !raw.SMTP_URL) problems.push({ variable: 'SMTP_URL', message: 'is required when NOTIFY_EMAIL_PROVIDER=smtp' });
  if (problems.length) throw new ConfigError(problems);
  const isProduction = raw.NODE_ENV === 'production';
  return Object.freeze({
    ...raw,
    isProduction,
    introspection: raw.GRAPHQL_INTROSPECTION ?? !isProduction,
    wsRequireCredentials: raw.GRAPHQL_WS_REQUIRE_AUTH ?? isProduction,
    repoRoot,
  });
}
