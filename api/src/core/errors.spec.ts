import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { BadUserInputError, ErrorCode, formatError, InvalidTransitionError, isDatabaseUnavailable, NotFoundError } from './errors';

const asFormatted = (error: GraphQLError) => error.toJSON();

describe('formatError', () => {
  it('passes our coded errors through, without stack traces outside development', () => {
    const error = new NotFoundError('Case', 'c-1');
    const formatted = formatError({ ...asFormatted(error), extensions: { ...error.extensions, stacktrace: ['at x'] } }, error, { exposeInternals: false });
    expect(formatted.extensions).toEqual({ code: 'NOT_FOUND', reason: 'NOT_FOUND', params: { entity: 'Case', id: 'c-1' }, entity: 'Case', id: 'c-1' });
    expect(formatted.message).toBe('Case c-1 was not found');
  });

  it('masks unexpected errors as INTERNAL in every mode; DEBUG_ERRORS adds only the stack frames', () => {
    const error = new GraphQLError(`select * from customer where phone = '13300001111' - relation "secret_table" at 10.0.0.5:5432`, { originalError: new Error('db') });
    const stacktrace = [`Error: select * from customer where phone = '13300001111'`, '    at run (db.ts:1:1)'];
    for (const exposeInternals of [false, true]) {
      const formatted = formatError({ ...asFormatted(error), extensions: { stacktrace } }, error, { exposeInternals });
      expect(formatted).toMatchObject({ message: 'Internal server error', extensions: { code: ErrorCode.Internal } });
      expect(JSON.stringify(formatted)).not.toMatch(/select|13300001111|secret_table|10\.0\.0\.5/);
      expect(formatted.extensions?.stacktrace).toEqual(exposeInternals ? ['    at run (db.ts:1:1)'] : undefined);
    }
  });

  it('answers SERVICE_UNAVAILABLE with a retry time when the database cannot be reached, without its address', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    for (const cause of [refused, shutdown, new Error('Knex: Timeout acquiring a connection. The pool is probably full.')]) {
      const error = new GraphQLError(`Context creation failed: ${cause.message}`, { originalError: cause });
      const formatted = formatError(asFormatted(error), error, { exposeInternals: true });
      expect(formatted.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
      expect(formatted.message).not.toMatch(/127|5432|ECONN|Knex/);
    }
    expect(isDatabaseUnavailable(new Error('duplicate key value violates unique constraint'))).toBe(false);
  });

  it('turns class-validator failures into BAD_USER_INPUT with field paths', () => {
    const validation = new ArgumentValidationError([
      { property: 'customer', children: [{ property: 'phone', constraints: { isPhone: 'phone must be a valid phone number' }, children: [] }] },
    ] as never);
    const wrapped = new GraphQLError(validation.message, { originalError: validation, path: ['createOneCustomer'] }); // as graphql-js locates resolver errors
    const formatted = formatError(asFormatted(wrapped), wrapped, { exposeInternals: false });
    expect(formatted.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customer.phone' });
    expect(formatted.message).toBe('customer.phone: phone must be a valid phone number');
  });
});

describe('error classes', () => {
  it('name the field and the allowed transitions', () => {
    expect(new BadUserInputError({ field: 'paging.limit', message: 'too big' }).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paging.limit' });
    const transition = new InvalidTransitionError('closed', 'resolve', ['reopen']);
    expect(transition.message).toBe('Cannot resolve from state closed; allowed: reopen');
    expect(transition.extensions).toMatchObject({ code: 'INVALID_TRANSITION', allowed: ['reopen'] });
  });
});
