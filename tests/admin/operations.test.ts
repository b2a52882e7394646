import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, validate, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * Every GraphQL operation the admin panel sends lives in schema/operations and must be valid
 * against the committed contract (schema/schema.graphql); every operation the panel names exists.
 */
const root = path.resolve(__dirname, '../..');
const schema = buildSchema(fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
const dir = path.join(root, 'schema/operations');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.graphql'));

const operations = new Map<string, { file: string; node: OperationDefinitionNode }>();
const fragments = new Map<string, FragmentDefinitionNode>();
const duplicates: string[] = [];
for (const file of files) {
  for (const definition of parse(fs.readFileSync(path.join(dir, file), 'utf8')).definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      const name = definition.name?.value ?? `(anonymous in ${file})`;
      if (operations.has(name)) duplicates.push(name);
      operations.set(name, { file, node: definition });
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      if (fragments.has(definition.name.value)) duplicates.push(definition.name.value);
      fragments.set(definition.name.value, definition);
    }
  }
}

/** The operation with the fragments it uses, as the panel's `op()` sends it. */
function documentFor(node: OperationDefinitionNode): DocumentNode {
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (n: DefinitionNode) =>
    visit(n, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          walk(fragment);
        }
      },
    });
  walk(node);
  return { kind: Kind.DOCUMENT, definitions: [node, ...used.values()] };
}

function adminSources(dirPath: string): string[] {
  return fs.readdirSync(dirPath, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dirPath, entry.name);
    if (entry.isDirectory()) return adminSources(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [fs.readFileSync(full, 'utf8')] : [];
  });
}

describe('admin GraphQL operations (schema/operations)', () => {
  it('has named, unique operations and fragments', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(duplicates).toEqual([]);
    expect([...operations.keys()].filter((n) => n.startsWith('('))).toEqual([]);
  });

  it.each([...operations.keys()])('%s is valid against schema/schema.graphql', (name) => {
    const errors = validate(schema, documentFor(operations.get(name)!.node)).map((e) => e.message);
    expect(errors).toEqual([]);
  });

  it('defines every operation the admin panel names', () => {
    const named = new Set<string>();
    for (const source of adminSources(path.join(root, 'admin/src')))
      for (const match of source.matchAll(/\b(?:op|request|subscribe|submit|useGql|useGqlMutation)(?:<[^>]*(?:<[^>]*>[^>]*)*>)?\(\s*'([A-Z]\w+)'/g)) named.add(match[1]!);
    for (const source of adminSources(path.join(root, 'admin/src'))) for (const match of source.matchAll(/(?:query|mutation)="([A-Z]\w+)"/g)) named.add(match[1]!);
    expect(named.size).toBeGreaterThan(20);
    expect([...named].filter((n) => !operations.has(n))).toEqual([]);
  });
});
