import {
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode } from '../errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxRootFields: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 30, maxCost: 20000, maxRootFields: 20 };

/**
 * Introspection-only documents (schema tools): deep enough for the standard introspection
 * query (depth 15, cost about 350,000 with list fields counted as 20 items), not for two of
 * them, nor for nesting `fields { type { fields ... } }` into a response of many megabytes.
 */
export const INTROSPECTION_LIMITS: OperationLimits = { maxDepth: 20, maxAliases: 10, maxCost: 500_000, maxRootFields: 10 };

/** Tokens a document may have (graphql's parse stops there): about 20 times the largest operation the admin sends. */
export const MAX_DOCUMENT_TOKENS = 10_000;

/** Fields one selection set may list: far above any type's field count, low enough that validation stays linear-ish. */
export const MAX_SELECTIONS_PER_SET = 200;

/** Largest response body; bigger results are replaced by an error naming the limit. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** The serialized response, or an error in its place when it is larger than MAX_RESPONSE_BYTES. */
export function boundedResponse(json: string): string {
  // Characters are at most 3 bytes in UTF-8 here (no surrogate pairs in the worst case count twice anyway).
  if (json.length * 3 <= MAX_RESPONSE_BYTES) return json;
  const bytes = Buffer.byteLength(json);
  if (bytes <= MAX_RESPONSE_BYTES) return json;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return JSON.stringify({
    errors: [
      {
        message: `The response would be ${mb(bytes)}, over the limit of ${mb(MAX_RESPONSE_BYTES)}: ask for fewer fields or smaller pages`,
        extensions: { code: ErrorCode.BadRequest, limit: 'maxResponseBytes', max: MAX_RESPONSE_BYTES, actual: bytes },
      },
    ],
  });
}

/**
 * Checks a parsed document's shape before validation, which compares fields pairwise and
 * took seconds on 1,000 copies of one field: aliases in the whole document, fields per
 * selection set, fields at an operation's root. Only the syntax is read (no schema).
 */
export function checkDocumentShape(document: DocumentNode, limits: OperationLimits = DEFAULT_OPERATION_LIMITS): GraphQLError[] {
  let aliases = 0;
  let widest = 0;
  let widestRoot = 0;
  const walk = (set: SelectionSetNode) => {
    widest = Math.max(widest, set.selections.length);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD && selection.alias) aliases++;
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) walk(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) widestRoot = Math.max(widestRoot, definition.selectionSet.selections.length);
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) walk(definition.selectionSet);
  }
  const maxAliases = Math.max(limits.maxAliases, INTROSPECTION_LIMITS.maxAliases);
  if (aliases > maxAliases) return [limitError('maxAliases', maxAliases, aliases, `Operation uses ${aliases} aliases; the limit is ${maxAliases}`)];
  const maxRootFields = Math.max(limits.maxRootFields, INTROSPECTION_LIMITS.maxRootFields);
  if (widestRoot > maxRootFields)
    return [limitError('maxRootFields', maxRootFields, widestRoot, `Operation selects ${widestRoot} root fields; the limit is ${maxRootFields}`)];
  if (widest > MAX_SELECTIONS_PER_SET)
    return [limitError('maxSelections', MAX_SELECTIONS_PER_SET, widest, `A selection set lists ${widest} fields; the limit is ${MAX_SELECTIONS_PER_SET}`)];
  return [];
}

export interface OperationMeasures {
  depth: number;
  aliases: number;
  cost: number;
  rootFields: number;
}

export interface OperationInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Returns the limit violations of the selected operation (empty when within limits). */
export function checkOperationLimits(args: OperationInput & { limits?: OperationLimits }): GraphQLError[] {
  const limits = args.limits ?? DEFAULT_OPERATION_LIMITS;
  const { depth, aliases, cost, rootFields } = measureOperation(args);
  const errors: GraphQLError[] = [];
  if (depth > limits.maxDepth)
    errors.push(limitError('maxDepth', limits.maxDepth, depth, `Query depth ${depth} exceeds the limit of ${limits.maxDepth}`));
  if (aliases > limits.maxAliases)
    errors.push(limitError('maxAliases', limits.maxAliases, aliases, `Operation uses ${aliases} aliases; the limit is ${limits.maxAliases}`));
  if (cost > limits.maxCost)
    errors.push(
      limitError(
        'maxCost',
        limits.maxCost,
        cost,
        `Operation cost ${cost} exceeds the limit of ${limits.maxCost}; ask for smaller pages or fewer nested lists`,
      ),
    );
  if (rootFields > limits.maxRootFields)
    errors.push(
      limitError('maxRootFields', limits.maxRootFields, rootFields, `Operation selects ${rootFields} root fields; the limit is ${limits.maxRootFields}`),
    );
  return errors;
}

/** The computed figures, for logs and tests. All zero when the operation is not in the document. */
export function measureOperation({ schema, document, operationName, variables }: OperationInput): OperationMeasures {
  const operation = getOperationAST(document, operationName);
  if (!operation) return { depth: 0, aliases: 0, cost: 0, rootFields: 0 };
  const summary = new SelectionMeasurer(schema, document, operationVariables(operation, variables)).selectionSet(
    operation.selectionSet,
    schema.getRootType(operation.operation) ?? undefined,
  );
  return { depth: summary.depth, aliases: summary.aliases, cost: summary.cost, rootFields: summary.fields };
}

function limitError(limit: keyof OperationLimits | 'maxSelections', max: number, actual: number, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.ValidationFailed, limit, max, actual, http: { status: 400 } },
  });
}

/** Figures of one selection set; `fields` counts its own fields (not nested ones), for the root field limit. */
interface SelectionSummary {
  depth: number;
  aliases: number;
  cost: number;
  fields: number;
}

const EMPTY_SUMMARY: SelectionSummary = { depth: 0, aliases: 0, cost: 0, fields: 0 };

const PAGE_SIZE_ARGUMENTS = ['limit', 'first', 'last'];

class SelectionMeasurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  // A fragment's figures do not depend on where it is spread, so each is measured once; this keeps
  // documents that spread fragments exponentially often (F0 spreads F1 twice, F1 spreads F2 twice, ...) cheap.
  private readonly fragmentSummaries = new Map<string, SelectionSummary>();
  private readonly fragmentsInProgress = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
  }

  selectionSet(selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined): SelectionSummary {
    const total = { ...EMPTY_SUMMARY };
    for (const selection of selectionSet.selections) {
      const summary = this.selection(selection, parentType);
      total.depth = Math.max(total.depth, summary.depth);
      total.aliases += summary.aliases;
      total.cost += summary.cost;
      total.fields += summary.fields;
    }
    return total;
  }

  private selection(selection: SelectionNode, parentType: GraphQLNamedType | undefined): SelectionSummary {
    switch (selection.kind) {
      case Kind.FIELD:
        return this.field(selection, parentType);
      case Kind.INLINE_FRAGMENT:
        return this.selectionSet(
          selection.selectionSet,
          selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parentType,
        );
      case Kind.FRAGMENT_SPREAD:
        return this.fragment(selection.name.value);
    }
  }

  private field(field: FieldNode, parentType: GraphQLNamedType | undefined): SelectionSummary {
    const definition = parentType && fieldDefinition(this.schema, parentType, field.name.value);
    const children = field.selectionSet
      ? this.selectionSet(field.selectionSet, definition && getNamedType(definition.type))
      : EMPTY_SUMMARY;
    const multiplier = definition && parentType && returnsPage(definition, parentType) ? pageSize(field, this.variables) : 1;
    const isTypename = field.name.value === TypeNameMetaFieldDef.name;
    return {
      depth: isTypename ? 0 : 1 + children.depth,
      aliases: (field.alias ? 1 : 0) + children.aliases,
      cost: 1 + multiplier * children.cost,
      fields: isTypename ? 0 : 1,
    };
  }

  private fragment(name: string): SelectionSummary {
    const measured = this.fragmentSummaries.get(name);
    if (measured) return measured;
    const fragment = this.fragments.get(name);
    // Unknown and cyclic spreads are rejected by validation; here they only must not loop.
    if (!fragment || this.fragmentsInProgress.has(name)) return EMPTY_SUMMARY;
    this.fragmentsInProgress.add(name);
    const summary = this.selectionSet(fragment.selectionSet, this.schema.getType(fragment.typeCondition.name.value));
    this.fragmentsInProgress.delete(name);
    this.fragmentSummaries.set(name, summary);
    return summary;
  }
}

function fieldDefinition(
  schema: GraphQLSchema,
  parentType: GraphQLNamedType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parentType === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
}

function isConnectionType(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.name.endsWith('Connection');
}

/** Whether the field returns many items, so its selection is paid once per item. */
function returnsPage(field: GraphQLField<unknown, unknown>, parentType: GraphQLNamedType): boolean {
  const type = getNullableType(field.type);
  // A connection's `nodes` list is the page the connection field already paid for.
  if (isListType(type)) return !isConnectionType(parentType);
  return isConnectionType(getNamedType(type));
}

/** The page size the field asks for (largest of paging.limit/first/last and limit/first/last), clamped like the lists clamp it. */
function pageSize(field: FieldNode, variables: Record<string, unknown>): number {
  const requested: number[] = [];
  for (const argument of field.arguments ?? []) {
    const value = valueFromASTUntyped(argument.value, variables);
    if (argument.name.value === 'paging' && isRecord(value)) {
      for (const name of PAGE_SIZE_ARGUMENTS) if (isFiniteNumber(value[name])) requested.push(value[name]);
    } else if (PAGE_SIZE_ARGUMENTS.includes(argument.name.value) && isFiniteNumber(value)) {
      requested.push(value);
    }
  }
  const size = requested.length ? Math.max(...requested) : DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
}

/** Provided variable values over the operation's declared defaults. */
function operationVariables(
  operation: OperationDefinitionNode,
  provided: Record<string, unknown> | null | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = Object.create(null);
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) values[name] = provided[name];
    else if (definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
