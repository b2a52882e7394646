import { execute, GraphQLEnumType, GraphQLObjectType, GraphQLSchema, GraphQLString, GraphQLInt, GraphQLFloat, GraphQLBoolean, GraphQLID, GraphQLNonNull, GraphQLList, parse } from 'graphql';
import { compilingExecutor } from './executor';

/**
 * The compiling executor answers as graphql-js does, leaf values included: graphql-jit is patched
 * (patches/graphql-jit@0.8.9.patch) to take a value its serializer would return unchanged as it is,
 * so the values that need the serializer (coerced, renamed, refused) are the ones worth pinning here.
 */
const Status = new GraphQLEnumType({ name: 'Status', values: { OPEN: { value: 'OPEN' }, CLOSED: { value: 'closed' }, LEGACY: { value: 3 } } });
const Row = new GraphQLObjectType({
  name: 'Row',
  fields: {
    s: { type: GraphQLString },
    id: { type: new GraphQLNonNull(GraphQLID) },
    i: { type: GraphQLInt },
    f: { type: GraphQLFloat },
    b: { type: GraphQLBoolean },
    status: { type: Status },
    required: { type: new GraphQLNonNull(GraphQLString) },
  },
});
const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { rows: { type: new GraphQLList(Row), resolve: (_root, _args, ctx: { rows: unknown[] }) => ctx.rows } } }) });
const document = parse('{ rows { s id i f b status required } }');

const rows = [
  { s: 'plain', id: 'a1', i: 7, f: 1.5, b: true, status: 'OPEN', required: 'x' },
  { s: 12, id: 42, i: '8', f: '2.5', b: 0, status: 'closed', required: 'y' }, // coerced (or renamed) by the serializers
  { s: null, id: 'a3', i: 2 ** 31, f: Infinity, b: 'yes', status: 'CLOSED', required: null }, // refused: errors at their paths
  { s: 'ok', id: 'a4', i: -0, f: -3, b: false, status: 3, required: 'z' },
];

describe('compiling executor: leaf values', () => {
  it('answers every leaf as graphql-js does: unchanged values as they are, others coerced or refused with the same errors', async () => {
    const run = compilingExecutor(schema);
    const jit = await run({ document, context: { rows }, request: {} } as never);
    const reference = await execute({ schema, document, contextValue: { rows } });
    expect(JSON.parse(JSON.stringify(jit.data))).toEqual(JSON.parse(JSON.stringify(reference.data)));
    expect(jit.data).toMatchObject({ rows: [{ s: 'plain', status: 'OPEN' }, { s: '12', id: '42', i: 8, f: 2.5, b: false, status: 'CLOSED' }, null, { status: 'LEGACY' }] });
    const messages = (r: { errors?: readonly { message: string; path?: readonly (string | number)[] }[] }) => (r.errors ?? []).map((e) => `${e.path?.join('.')}: ${e.message}`).sort();
    expect(messages(jit)).toEqual(messages(reference));
    expect(messages(jit).length).toBeGreaterThanOrEqual(4);
  });
});
