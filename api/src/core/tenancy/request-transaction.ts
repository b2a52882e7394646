import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';
import { auditPiiReads } from '../audit/audit.service';
import { beginScoped, beginScopedRead, commitWithoutFlush, SYSTEM_SCOPE } from './scope';
import { ErrorCode, isDatabaseUnavailable, serviceUnavailableGraphQLError, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../errors';

/**
 * Opens the operation's transaction on the request's fork and sets the scope that
 * row-level security enforces, then commits (or rolls back on any error: nothing is
 * half-written) before the response goes out. Hooks queued in ctx.afterCommit run
 * only after a commit. Anonymous operations get no transaction: they can see nothing;
 * system work (jobs, systemContext) gets one across every franchise. BEGIN and the scope
 * go out in one round trip; an operation that only reads (ctx.readOnly) sends the scope with each
 * of its plain statements, each its own implicit transaction (none when it reaches no table; see
 * LazyReadTransaction), and commits without a flush, so nothing it loaded is diffed.
 */
export async function beginOperation(ctx: RequestContext): Promise<boolean> {
  if (!ctx.actor && ctx.scope !== SYSTEM_SCOPE) return false;
  // A query's transaction opens with its first statement, on a pooled connection (beginScopedRead).
  if (ctx.readOnly) beginScopedRead(ctx.em, ctx.scope);
  else await beginScoped(ctx.em, ctx.scope);
  return true;
}

/** Whether the unit of work holds anything to write (new or removed entities; a read never edits loaded ones). */
function hasPendingWrites(ctx: RequestContext): boolean {
  const uow = ctx.em.getUnitOfWork();
  return uow.getPersistStack().size > 0 || uow.getRemoveStack().size > 0;
}

export async function endOperation(ctx: RequestContext, succeeded: boolean, operationName = 'operation'): Promise<void> {
  if (ctx.em.isInTransaction()) {
    if (succeeded && ctx.piiReads.size) {
      auditPiiReads(ctx, operationName);
      await ctx.em.flush();
    }
    if (!succeeded) await ctx.em.rollback();
    else if (ctx.readOnly && !hasPendingWrites(ctx)) await commitWithoutFlush(ctx.em);
    else await ctx.em.commit();
  }
  const hooks = succeeded ? ctx.afterCommit.splice(0) : [];
  ctx.afterCommit.length = 0;
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      ctx.logger.error({ err: error }, 'after-commit hook failed');
    }
  }
}

/**
 * Runs `work` as one operation outside Apollo (WebSocket queries, live events): begin,
 * work, then commit when `succeeded(result)` says so, roll back otherwise or on a throw.
 */
export async function inOperation<T>(ctx: RequestContext, work: () => Promise<T>, succeeded: (result: T) => boolean = () => true): Promise<T> {
  await beginOperation(ctx);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await endOperation(ctx, false);
    throw error;
  }
  await endOperation(ctx, succeeded(result));
  return result;
}

/** Thrown by ctx.em while an operation runs without the database (see withoutDatabase). */
class DatabaseNotOpened extends Error {
  constructor() {
    super('This operation was run without a transaction; it is run again in one.');
  }
}

/**
 * Runs `work` with ctx.em out of reach, for work that usually needs no database (a live event
 * whose fields read the record its authorization already loaded). Resolves with the result
 * when `work` never reached for ctx.em, read no personal data to audit and queued nothing
 * for after a commit; undefined otherwise, for the caller to run it again in a transaction
 * (inOperation). Nothing `work` does here reaches the database, so nothing escapes the
 * scope that row-level security enforces.
 */
export async function withoutDatabase<T>(ctx: RequestContext, work: () => Promise<T>): Promise<T | undefined> {
  const em = ctx.em;
  let reached = false;
  Object.defineProperty(ctx, 'em', {
    configurable: true,
    enumerable: true,
    get() {
      reached = true;
      throw new DatabaseNotOpened();
    },
  });
  let result: T;
  try {
    result = await work();
  } catch (error) {
    if (reached) return undefined;
    throw error;
  } finally {
    Object.defineProperty(ctx, 'em', { configurable: true, enumerable: true, writable: true, value: em });
  }
  if (reached || ctx.piiReads.size || ctx.afterCommit.length) return undefined;
  return result;
}

export const requestTransactionPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      // The transaction opens just before execution. When the database cannot be reached (the first statement of a
      // signed-in request whose session is cached), execution is skipped with a 503 the client can retry; a throw here
      // would be Apollo's 500 "unexpected error".
      async responseForOperation({ contextValue, operation }) {
        contextValue.readOnly = operation.operation === 'query';
        try {
          await beginOperation(contextValue);
          return null;
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          contextValue.logger.warn({ err: error }, 'database unavailable');
          return {
            http: { status: 503, headers: new HeaderMap([['retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS)]]) },
            body: { kind: 'single', singleResult: { errors: [serviceUnavailableGraphQLError()] } },
          };
        }
      },
      async willSendResponse({ contextValue, response, request, operation }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        try {
          await endOperation(contextValue, !result.errors?.length, request.operationName ?? operation?.selectionSet.selections.map((s) => ('name' in s ? s.name.value : '')).join(',') ?? 'operation');
        } catch (error) {
          // The commit itself failed: the client must not see data that was not saved.
          contextValue.logger.error({ err: error }, 'commit failed');
          const unavailable = isDatabaseUnavailable(error);
          response.body.singleResult = { data: null, errors: [{ message: 'The change could not be saved; try again', extensions: { code: unavailable ? ErrorCode.ServiceUnavailable : ErrorCode.Internal } }] };
          response.http.status = unavailable ? 503 : 500;
          if (unavailable) response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
        }
      },
    };
  },
};
