import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { ArgumentValidationError } from 'type-graphql';

/**
 * The error codes clients can rely on (extensions.code). The domain codes come from
 * DESIGN.md; the protocol codes are Apollo's standard ones for requests that never
 * reach a resolver.
 */
export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  BadUserInput: 'BAD_USER_INPUT',
  InvalidTransition: 'INVALID_TRANSITION',
  RateLimited: 'RATE_LIMITED',
  Internal: 'INTERNAL',
  /** The database cannot be reached: HTTP 503 with Retry-After; the same request works once it is back. */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  // protocol level
  BadRequest: 'BAD_REQUEST',
  ParseFailed: 'GRAPHQL_PARSE_FAILED',
  ValidationFailed: 'GRAPHQL_VALIDATION_FAILED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A failure the caller can act on. Thrown by services; shown to clients as-is. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super(ErrorCode.NotFound, `${entity} ${id} was not found`, { entity, id, reason: 'NOT_FOUND', params: { entity, id } });
  }
}

/**
 * Why something was refused, for clients that show their own text: a stable UPPER_SNAKE
 * `reason` with its `params` (extensions.reason / extensions.params, or per field problem).
 * The English message stays for partners.
 */
export interface Reason {
  reason?: string;
  params?: Record<string, unknown>;
}

/** One invalid input field; `field` is the path inside the input, e.g. "customer.phone". */
export interface FieldProblem extends Reason {
  field: string;
  message: string;
}

export class BadUserInputError extends AppError {
  constructor(problems: FieldProblem[] | FieldProblem) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(ErrorCode.BadUserInput, list.map((p) => `${p.field}: ${p.message}`).join('; '), {
      field: list[0]?.field,
      fields: list,
    });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.Conflict, message, extensions);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this', extensions: Record<string, unknown> = {}) {
    super(ErrorCode.Forbidden, message, extensions);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in to continue') {
    super(ErrorCode.Unauthenticated, message);
  }
}

export class InvalidTransitionError extends AppError {
  constructor(from: string, action: string, allowed: string[]) {
    super(
      ErrorCode.InvalidTransition,
      `Cannot ${action} from state ${from}; allowed: ${allowed.length ? allowed.join(', ') : 'none'}`,
      { from, action, allowed, reason: 'INVALID_TRANSITION', params: { from, action, allowed } },
    );
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, reason = 'Too many requests') {
    super(ErrorCode.RateLimited, `${reason}; retry in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
      reason: 'RATE_LIMITED',
      params: { retryAfterSeconds },
      // Used when the limit hits before execution (API keys): HTTP 429 with Retry-After.
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    });
  }
}

/** Seconds a client is asked to wait while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export class ServiceUnavailableError extends AppError {
  constructor() {
    super(ErrorCode.ServiceUnavailable, `The service is temporarily unavailable (its database cannot be reached); retry in ${UNAVAILABLE_RETRY_AFTER_SECONDS} s`, {
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
      http: { status: 503, headers: new Map([['retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS)]]) },
    });
  }
}

/** The GraphQL error a client receives while the database is unreachable (HTTP 503 with Retry-After). */
export function serviceUnavailableGraphQLError(path?: readonly (string | number)[]) {
  const { message } = new ServiceUnavailableError();
  return { message, path, extensions: { code: ErrorCode.ServiceUnavailable, retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS } };
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P02', '57P03', '53300']);
const CONNECTION_MESSAGES = /Connection terminated|Timeout acquiring a connection|connection error and is not queryable|terminating connection due to administrator command|database system is (starting up|shutting down|in recovery mode)|Connection ended unexpectedly/i;

/** Whether an error (or what it wraps) means the database could not be reached, not that the request was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const { code, sqlState, message, originalError, cause, thrownValue } = e as { code?: unknown; sqlState?: unknown; message?: unknown; originalError?: unknown; cause?: unknown; thrownValue?: unknown };
    const state = typeof sqlState === 'string' ? sqlState : typeof code === 'string' ? code : '';
    if (CONNECTION_CODES.has(state) || /^08[0-9A-Z]{3}$/.test(state)) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    e = originalError ?? cause ?? thrownValue; // graphql wraps a non-Error thrown (the pool throws plain objects) as thrownValue
  }
  return false;
}

/** Codes shown to clients unchanged: ours, plus Apollo's for persisted queries and operation choice. */
const passThroughCodes = new Set<string>([
  ...Object.values(ErrorCode),
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo's formatError: known codes pass through; class-validator failures become
 * BAD_USER_INPUT with field paths; anything else is an internal error whose
 * message is masked outside development (it is logged with the request id).
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: { exposeInternals: boolean },
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof ArgumentValidationError) {
    const fields = original.extensions.validationErrors.flatMap((v) => flattenValidation(v));
    return {
      message: fields.map((f) => `${f.field}: ${f.message}`).join('; '),
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.BadUserInput, field: fields[0]?.field, fields },
    };
  }
  if (isDatabaseUnavailable(original)) return serviceUnavailableGraphQLError(formatted.path);
  const databaseConflict = conflictFromDatabase(original);
  if (databaseConflict) return { message: databaseConflict.message, path: formatted.path, extensions: { code: ErrorCode.Conflict, reason: databaseConflict.reason, params: databaseConflict.params } };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && passThroughCodes.has(code)) {
    if (options.exposeInternals) return formatted;
    const { stacktrace: _hidden, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // The message of an unexpected error may quote SQL, data or the database host: it goes to the log, never
  // to the client. DEBUG_ERRORS adds the stack frames (without the message line) for local debugging.
  const stack = options.exposeInternals && Array.isArray(formatted.extensions?.stacktrace) ? (formatted.extensions.stacktrace as string[]).filter((l) => /^\s+at /.test(l)) : undefined;
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.Internal, ...(stack ? { stacktrace: stack } : {}) },
  };
}

/**
 * Backstops for races the services' own checks cannot close: a concurrent edit that
 * bumped the version, or a unique value taken between check and insert.
 */
function conflictFromDatabase(error: unknown): (Reason & { message: string }) | undefined {
  if (error instanceof OptimisticLockError) return { message: 'This record was changed by someone else at the same time; reload and apply your change again', reason: 'VERSION_CONFLICT' };
  if (error instanceof UniqueConstraintViolationException) {
    const columns = /Key \(([^)]+)\)=/.exec(String((error as { detail?: string }).detail ?? error.message))?.[1];
    return { message: `The ${columns ?? 'value'} you gave is already in use`, reason: 'ALREADY_IN_USE', params: { columns: columns ?? null } };
  }
  return undefined;
}

interface ValidationLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationLike[];
}

/** class-validator's constraint names as stable reasons; the bound (a number in its message) as the parameter. */
const CONSTRAINT_REASONS: Record<string, [string, string?]> = {
  maxLength: ['TOO_LONG', 'max'], minLength: ['TOO_SHORT', 'min'], arrayMaxSize: ['TOO_MANY', 'max'], arrayMinSize: ['TOO_FEW', 'min'],
  max: ['MAX_VALUE', 'max'], min: ['MIN_VALUE', 'min'], isEmail: ['INVALID_EMAIL'], isNotEmpty: ['REQUIRED'], isDefined: ['REQUIRED'],
  isEnum: ['NOT_ALLOWED_OPTION'], isIn: ['NOT_ALLOWED_OPTION'], matches: ['INVALID_FORMAT'],
};

function constraintReason(constraint: string, message: string): Reason {
  const [reason, param] = CONSTRAINT_REASONS[constraint] ?? ['INVALID_VALUE'];
  const bound = param ? /(-?\d+(?:\.\d+)?)/.exec(message)?.[1] : undefined;
  return { reason, params: param && bound ? { [param]: Number(bound) } : {} };
}

function flattenValidation(v: ValidationLike, prefix = ''): FieldProblem[] {
  const field = prefix ? `${prefix}.${v.property}` : v.property;
  const own = Object.entries(v.constraints ?? {}).map(([constraint, message]) => ({ field, message, ...constraintReason(constraint, message) }));
  return [...own, ...(v.children ?? []).flatMap((c) => flattenValidation(c, field))];
}

/** True for errors the caller caused (no need to log them as server faults). */
export function isClientError(error: unknown): boolean {
  const code = (unwrapResolverError(error) as GraphQLError)?.extensions?.code;
  return typeof code === 'string' && passThroughCodes.has(code) && code !== ErrorCode.Internal;
}
