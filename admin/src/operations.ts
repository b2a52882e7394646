import { Kind, parse, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * The GraphQL operations the panel sends live in `schema/operations/*.graphql` (validated against
 * schema/schema.graphql by tests/admin/operations.test.ts). `op('CaseList')` returns the named
 * operation together with every fragment it uses, from any of those files.
 */
const sources = import.meta.glob('../../schema/operations/*.graphql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const operations = new Map<string, OperationDefinitionNode>();
const fragments = new Map<string, FragmentDefinitionNode>();
for (const source of Object.values(sources)) {
  for (const definition of parse(source).definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) operations.set(definition.name.value, definition);
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
}

function usedFragments(node: DefinitionNode, into: Map<string, FragmentDefinitionNode>): void {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      const fragment = fragments.get(name);
      if (!fragment) throw new Error(`Fragment ${name} is not defined in schema/operations`);
      if (into.has(name)) return;
      into.set(name, fragment);
      usedFragments(fragment, into);
    },
  });
}

const documents = new Map<string, DocumentNode>();

export function op(name: string): DocumentNode {
  const cached = documents.get(name);
  if (cached) return cached;
  const operation = operations.get(name);
  if (!operation) throw new Error(`Operation ${name} is not defined in schema/operations`);
  const used = new Map<string, FragmentDefinitionNode>();
  usedFragments(operation, used);
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] };
  documents.set(name, document);
  return document;
}
