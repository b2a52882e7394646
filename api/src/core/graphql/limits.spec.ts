import { buildSchema, GraphQLError, parse } from 'graphql';
import { boundedResponse, checkDocumentShape, checkOperationLimits, DEFAULT_OPERATION_LIMITS, MAX_RESPONSE_BYTES, measureOperation, type OperationLimits } from './limits';

const schema = buildSchema(`
  input OffsetPaging { limit: Int offset: Int }

  interface Node { id: ID! }

  type Thing implements Node {
    id: ID!
    name: String!
    children(paging: OffsetPaging): ThingConnection!
    parent: Thing
  }

  type ThingConnection { nodes: [Thing!]! totalCount: Int! }

  type Article implements Node {
    id: ID!
    title: String!
    related(limit: Int): [Article!]!
  }

  union SearchResult = Thing | Article

  type Query {
    things(paging: OffsetPaging): ThingConnection!
    node(id: ID!): Node
    search(text: String!, first: Int): [SearchResult!]!
  }

  type Mutation { login(email: String!, password: String!): Boolean }
`);

function measure(query: string, options: { operationName?: string; variables?: Record<string, unknown> } = {}) {
  return measureOperation({ schema, document: parse(query), ...options });
}

function check(query: string, limits?: Partial<OperationLimits>, options: { operationName?: string } = {}) {
  return checkOperationLimits({ schema, document: parse(query), limits: { ...DEFAULT_OPERATION_LIMITS, ...limits }, ...options });
}

function bruteForceLogin(attempts: number): string {
  const fields = Array.from({ length: attempts }, (_, i) => `a${i}: login(email: "ann@example.com", password: "guess${i}")`);
  return `mutation { ${fields.join('\n')} }`;
}

// things ×200, children ×200: 1 + 200 × (nodes 1 + children (1 + 200 × (nodes 1 + id 1)))
const BIG_QUERY = `query Big { things(paging: { limit: 200 }) { nodes { children(paging: { limit: 200 }) { nodes { id } } } } }`;
const BIG_QUERY_COST = 1 + 200 * (1 + (1 + 200 * (1 + 1)));

describe('measureOperation', () => {
  describe('depth', () => {
    it('counts a root field as 1 and each nested field selection as one more', () => {
      expect(measure(`{ things { totalCount } }`).depth).toBe(2);
      expect(measure(`{ things { nodes { parent { parent { name } } } } }`).depth).toBe(5);
    });

    it('does not count __typename', () => {
      expect(measure(`{ things { nodes { parent { __typename } } } }`).depth).toBe(3);
      expect(measure(`{ __typename }`).depth).toBe(0);
    });

    it('expands named and inline fragments', () => {
      const query = `
        { things { nodes { ...Ancestors } } }
        fragment Ancestors on Thing { parent { ... on Thing { parent { id } } } }
      `;
      expect(measure(query).depth).toBe(5);
    });

    it('counts introspection fields like any other', () => {
      expect(measure(`{ __schema { types { fields { name } } } }`).depth).toBe(4);
    });
  });

  describe('aliases', () => {
    it('counts every aliased login of a brute-force mutation', () => {
      expect(measure(bruteForceLogin(10))).toMatchObject({ aliases: 10, rootFields: 10 });
    });

    it('counts aliases inside fragments once per spread, at any depth', () => {
      const query = `
        { one: things { nodes { ...Names } } two: things { nodes { ...Names } } }
        fragment Names on Thing { first: name second: name id }
      `;
      expect(measure(query).aliases).toBe(2 + 2 * 2);
    });
  });

  describe('rootFields', () => {
    it('counts each root selection, through fragments, without __typename', () => {
      const query = `
        {
          a: things { totalCount }
          b: things { totalCount }
          node(id: "1") { id }
          __typename
          ... on Query { search(text: "x") { __typename } }
          ...MoreRoots
        }
        fragment MoreRoots on Query { things { totalCount } }
      `;
      expect(measure(query).rootFields).toBe(5);
    });
  });

  describe('cost', () => {
    it('multiplies by literal page sizes and does not multiply a connection’s nodes again', () => {
      const query = `{ things(paging: { limit: 50 }) { nodes { children(paging: { limit: 10 }) { nodes { id } } } } }`;
      // things: 1 + 50 × (nodes: 1 + children: (1 + 10 × (nodes: 1 + id: 1)))
      expect(measure(query).cost).toBe(1 + 50 * (1 + (1 + 10 * (1 + 1))));
      expect(measure(query).cost).toBe(1101);
    });

    it('uses a page size of 20 when none is given', () => {
      expect(measure(`{ things { nodes { id } } }`).cost).toBe(1 + 20 * (1 + 1));
    });

    it('reads page sizes from variables, whole paging variables and variable defaults', () => {
      const limitVariable = `query ($n: Int = 3) { things(paging: { limit: $n }) { nodes { id } } }`;
      expect(measure(limitVariable, { variables: { n: 7 } }).cost).toBe(1 + 7 * 2);
      expect(measure(limitVariable).cost).toBe(1 + 3 * 2);
      expect(measure(limitVariable, { variables: { n: null } }).cost).toBe(1 + 20 * 2);

      const pagingVariable = `query ($paging: OffsetPaging) { things(paging: $paging) { nodes { id } } }`;
      expect(measure(pagingVariable, { variables: { paging: { limit: 4, offset: 100 } } }).cost).toBe(1 + 4 * 2);
    });

    it('clamps page sizes to 1..200', () => {
      expect(measure(`{ things(paging: { limit: 5000 }) { nodes { id } } }`).cost).toBe(1 + 200 * 2);
      expect(measure(`{ things(paging: { limit: 0 }) { nodes { id } } }`).cost).toBe(1 + 1 * 2);
    });

    it('multiplies lists by top-level first/limit arguments and follows type conditions on unions and interfaces', () => {
      const search = `
        {
          search(text: "x", first: 3) {
            __typename
            ... on Thing { children(paging: { limit: 2 }) { totalCount } }
            ... on Article { related(limit: 4) { id } }
          }
        }
      `;
      // search: 1 + 3 × (__typename 1 + children (1 + 2 × 1) + related (1 + 4 × 1))
      expect(measure(search).cost).toBe(1 + 3 * (1 + 3 + 5));

      const node = `{ node(id: "1") { id ...Related } } fragment Related on Article { related { title } }`;
      // node is a single object: 1 + id 1 + related (1 + 20 × title 1)
      expect(measure(node).cost).toBe(1 + 1 + (1 + 20 * 1));
    });

    it('costs unknown fields 1 each without multiplying', () => {
      expect(measure(`{ mystery(limit: 100) { inner { id } } }`).cost).toBe(3);
    });

    it('multiplies introspection lists like other lists', () => {
      expect(measure(`{ __schema { types { name } } }`).cost).toBe(1 + (1 + 20 * 1));
    });
  });

  describe('operation selection', () => {
    const document = `query Small { things(paging: { limit: 1 }) { totalCount } }\n${BIG_QUERY}`;

    it('measures the operation named by operationName', () => {
      expect(measure(document, { operationName: 'Small' })).toEqual({ depth: 2, aliases: 0, cost: 2, rootFields: 1 });
      expect(measure(document, { operationName: 'Big' }).cost).toBe(BIG_QUERY_COST);
    });

    it('returns zeros and no violations when the operation cannot be chosen', () => {
      expect(measure(document)).toEqual({ depth: 0, aliases: 0, cost: 0, rootFields: 0 });
      expect(measure(document, { operationName: 'Missing' })).toEqual({ depth: 0, aliases: 0, cost: 0, rootFields: 0 });
      expect(check(document, { maxCost: 1 })).toEqual([]);
    });
  });

  describe('fragment cycles and fragment bombs', () => {
    it('stops at a fragment cycle', () => {
      const query = `
        { things { nodes { ...A } } }
        fragment A on Thing { parent { ...B } }
        fragment B on Thing { children { nodes { ...A } } }
      `;
      // The inner spread of A is dropped: things(×20) > nodes > parent > children(×20) > nodes
      expect(measure(query)).toEqual({ depth: 5, aliases: 0, cost: 1 + 20 * (1 + (1 + (1 + 20 * 1))), rootFields: 1 });
      expect(measure(`{ things { nodes { ...Self } } } fragment Self on Thing { id ...Self }`).depth).toBe(3);
    });

    it('measures exponentially repeated fragments without expanding them', () => {
      // F0 spreads F1 twice, F1 spreads F2 twice, ...: 2^30 - 2 aliased fields in all.
      const levels = 30;
      const fragments = Array.from({ length: levels - 1 }, (_, i) => `fragment F${i} on Thing { a: parent { ...F${i + 1} } b: parent { ...F${i + 1} } }`);
      const query = `{ node(id: "1") { ...F0 } }\n${fragments.join('\n')}\nfragment F${levels - 1} on Thing { id }`;
      const measures = measure(query);
      expect(measures.aliases).toBe(2 ** levels - 2);
      expect(measures.depth).toBe(1 + (levels - 1) + 1);
    });
  });
});

describe('checkOperationLimits', () => {
  it('accepts an operation within the default limits', () => {
    expect(checkOperationLimits({ schema, document: parse(`{ things(paging: { limit: 200 }) { nodes { id name } } }`) })).toEqual([]);
    expect(checkOperationLimits({ schema, document: parse(bruteForceLogin(20)) })).toEqual([]);
  });

  it('uses the default limits when none are given', () => {
    const errors = checkOperationLimits({ schema, document: parse(BIG_QUERY) });
    expect(errors.map((error) => error.extensions['limit'])).toEqual(['maxCost']);
  });

  it('rejects a brute-force login mutation with more aliases than allowed', () => {
    const errors = check(bruteForceLogin(10), { maxAliases: 5 });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('Operation uses 10 aliases; the limit is 5');
    expect(errors[0]?.extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'maxAliases',
      max: 5,
      actual: 10,
      http: { status: 400 },
    });
  });

  it('reports every exceeded limit as a validation error with an actionable message', () => {
    const errors = check(BIG_QUERY, { maxDepth: 4, maxRootFields: 0 });
    expect(errors.every((error) => error instanceof GraphQLError)).toBe(true);
    expect(errors.map((error) => error.message)).toEqual([
      'Query depth 5 exceeds the limit of 4',
      `Operation cost ${BIG_QUERY_COST} exceeds the limit of 20000; ask for smaller pages or fewer nested lists`,
      'Operation selects 1 root fields; the limit is 0',
    ]);
    expect(errors.map((error) => error.extensions)).toEqual([
      { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth', max: 4, actual: 5, http: { status: 400 } },
      { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxCost', max: 20000, actual: BIG_QUERY_COST, http: { status: 400 } },
      { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxRootFields', max: 0, actual: 1, http: { status: 400 } },
    ]);
  });

  it('rejects more root fields than allowed', () => {
    const query = `{ ${Array.from({ length: 21 }, (_, i) => `t${i}: things { totalCount }`).join(' ')} }`;
    const errors = check(query, { maxAliases: 100 });
    expect(errors.map((error) => error.message)).toEqual(['Operation selects 21 root fields; the limit is 20']);
  });

  it('checks only the selected operation', () => {
    const document = `query Small { things(paging: { limit: 1 }) { totalCount } }\n${BIG_QUERY}`;
    expect(check(document, {}, { operationName: 'Small' })).toEqual([]);
    expect(check(document, {}, { operationName: 'Big' }).map((error) => error.extensions['limit'])).toEqual(['maxCost']);
  });
});

describe('boundedResponse', () => {
  it('passes responses within MAX_RESPONSE_BYTES unchanged and replaces bigger ones with an error naming the limit', () => {
    const small = JSON.stringify({ data: { text: '中文'.repeat(1000) } });
    expect(boundedResponse(small)).toBe(small);
    const big = JSON.stringify({ data: { text: '中'.repeat(MAX_RESPONSE_BYTES / 3 + 10) } });
    const replaced = JSON.parse(boundedResponse(big)) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(replaced.errors[0]!.extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'maxResponseBytes', max: MAX_RESPONSE_BYTES });
    expect(replaced.errors[0]!.message).toMatch(/over the limit of 8\.0 MB/);
  });
});

describe('checkDocumentShape', () => {
  it('counts aliases, root fields and the widest selection set without the schema', () => {
    expect(checkDocumentShape(parse(BIG_QUERY))).toEqual([]);
    expect(checkDocumentShape(parse(bruteForceLogin(31)))[0]!.extensions).toMatchObject({ limit: 'maxAliases', actual: 31 });
    expect(checkDocumentShape(parse(`{ ${'node(id: 1) { id } '.repeat(21)} }`))[0]!.extensions).toMatchObject({ limit: 'maxRootFields', actual: 21 });
    expect(checkDocumentShape(parse(`{ node(id: 1) { ${'id '.repeat(201)} } }`))[0]!.extensions).toMatchObject({ limit: 'maxSelections', actual: 201 });
  });
});
