import { Field, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../errors';

/** Largest page any list returns; asking for more is an input error, not a silent cut. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 20;

@InputType({ description: `Offset paging (Refine's default). limit is 1..${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.` })
export class OffsetPaging {
  @Field(() => Int, { nullable: true })
  limit?: number;

  @Field(() => Int, { nullable: true })
  offset?: number;
}

@InputType({ description: 'Cursor paging for partners: first/after forward, last/before backward.' })
export class CursorPaging {
  @Field(() => Int, { nullable: true })
  first?: number;

  @Field({ nullable: true })
  after?: string;

  @Field(() => Int, { nullable: true })
  last?: number;

  @Field({ nullable: true })
  before?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field({ description: `True when totalCount is PostgreSQL's estimate: past ${'10,000'} matches, lists stop counting exactly.` })
  totalCountIsEstimate!: boolean;
}

export interface ConnectionData<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/** `XConnection { nodes totalCount pageInfo }` for an object type X. */
export function Connection<T extends object>(nodeType: ClassType<T>) {
  @ObjectType(`${nodeType.name}Connection`)
  class ConnectionClass implements ConnectionData<T> {
    @Field(() => [nodeType])
    nodes!: T[];

    @Field(() => Int)
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

function checkPageSize(field: string, value: number | undefined): void {
  if (value !== undefined && (value < 1 || value > MAX_PAGE_SIZE))
    throw new BadUserInputError({ field, message: `must be between 1 and ${MAX_PAGE_SIZE} (got ${value})` });
}

/** Validated limit/offset with defaults applied. */
export function offsetWindow(paging?: OffsetPaging | null): { limit: number; offset: number } {
  checkPageSize('paging.limit', paging?.limit ?? undefined);
  const offset = paging?.offset ?? 0;
  if (offset < 0) throw new BadUserInputError({ field: 'paging.offset', message: `must be 0 or more (got ${offset})` });
  return { limit: paging?.limit ?? DEFAULT_PAGE_SIZE, offset };
}

export function offsetPageInfo(window: { limit: number; offset: number }, returned: number, totalCount: number, totalCountIsEstimate = false): PageInfo {
  return {
    totalCountIsEstimate,
    hasPreviousPage: window.offset > 0,
    hasNextPage: window.offset + returned < totalCount || (totalCountIsEstimate && returned === window.limit),
    startCursor: returned ? encodeOffsetCursor(window.offset) : null,
    endCursor: returned ? encodeOffsetCursor(window.offset + returned - 1) : null,
  };
}

/** Cursors are opaque to clients: base64url of a JSON value (an offset or a keyset position). */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(field: string, cursor: string): T {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    throw new BadUserInputError({ field, message: 'is not a cursor this API issued' });
  }
}

function encodeOffsetCursor(position: number): string {
  return encodeCursor({ o: position });
}

/**
 * Validated cursor window. Cursors hold a keyset position (the sort values and the id of
 * a row); the list helper turns it into a WHERE clause, so pages stay stable under inserts.
 */
export function cursorWindow<P>(paging: CursorPaging): { limit: number; direction: 'forward' | 'backward'; position?: P } {
  if (paging.first !== undefined && paging.first !== null && paging.last !== undefined && paging.last !== null)
    throw new BadUserInputError({ field: 'paging', message: 'give either first or last, not both' });
  if (paging.after && paging.before)
    throw new BadUserInputError({ field: 'paging', message: 'give either after or before, not both' });
  checkPageSize('paging.first', paging.first ?? undefined);
  checkPageSize('paging.last', paging.last ?? undefined);
  const backward = paging.last != null || !!paging.before;
  const cursor = backward ? paging.before : paging.after;
  return {
    limit: (backward ? paging.last : paging.first) ?? DEFAULT_PAGE_SIZE,
    direction: backward ? 'backward' : 'forward',
    position: cursor ? decodeCursor<P>(backward ? 'paging.before' : 'paging.after', cursor) : undefined,
  };
}
