import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { BadUserInputError, ErrorCode, formatError, InvalidTransitionError, NotFoundError } from './errors';

const asFormatted = (error: GraphQLError) => error.toJSON();

describe('formatError', () => {
  it('passes our coded errors through, without stack traces outside development', () => {
    const error = new NotFoundError('Case', 'c-1');
    const formatted = formatError({ ...asFormatted(error), extensions: { ...error.extensions, stacktrace: ['at x'] } }, error, { exposeInternals: false });
    expect(formatted.extensions).toEqual({ code: 'NOT_FOUND', entity: 'Case', id: 'c-1' });
    expect(formatted.message).toBe('Case c-1 was not found');
  });

  it('masks unexpected errors as INTERNAL unless in development', () => {
    const error = new GraphQLError('relation "secret_table" does not exist', { originalError: new Error('db') });
    expect(formatError(asFormatted(error), error, { exposeInternals: false })).toMatchObject({
      message: 'Internal server error',
      extensions: { code: ErrorCode.Internal },
    });
    expect(formatError(asFormatted(error), error, { exposeInternals: true }).message).toMatch(/secret_table/);
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
