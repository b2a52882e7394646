import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** The fields a request asks for under one field, by name, fragments merged (with their own sub-selections). */
export type Selection = Map<string, FieldNode[]>;

function collect(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, into: Selection): Selection {
  for (const s of set?.selections ?? []) {
    if (s.kind === 'Field') {
      const name = s.name.value;
      into.set(name, [...(into.get(name) ?? []), s]);
    } else if (s.kind === 'InlineFragment') collect(s.selectionSet, fragments, into);
    else if (s.kind === 'FragmentSpread' && fragments[s.name.value]) collect(fragments[s.name.value]!.selectionSet, fragments, into);
  }
  return into;
}

/** The document's fragments behind a selection, so selections under it expand them too. */
const fragmentsOf = new WeakMap<Selection, Record<string, FragmentDefinitionNode>>();

/** What the request selects under the resolving field, following `path` (e.g. ['nodes'] of a connection). */
export function selectionOf(info: GraphQLResolveInfo, path: readonly string[] = []): Selection {
  let selection = new Map<string, FieldNode[]>();
  for (const node of info.fieldNodes) collect(node.selectionSet, info.fragments, selection);
  fragmentsOf.set(selection, info.fragments);
  for (const name of path) selection = subSelection(info, selection, name);
  return selection;
}

/** The selection under one field of a selection. */
export function subSelection(info: Pick<GraphQLResolveInfo, 'fragments'>, selection: Selection, name: string): Selection {
  const into = new Map<string, FieldNode[]>();
  for (const node of selection.get(name) ?? []) collect(node.selectionSet, info.fragments, into);
  fragmentsOf.set(into, info.fragments);
  return into;
}

/** The selection under one field, with the fragments of the document the selection came from (embedded relations). */
export function fieldSelection(selection: Selection, name: string): Selection {
  return subSelection({ fragments: fragmentsOf.get(selection) ?? {} }, selection, name);
}
