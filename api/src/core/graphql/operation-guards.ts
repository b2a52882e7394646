import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, Kind, parse, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../context';
import { ErrorCode } from '../errors';
import { checkDocumentShape, checkOperationLimits, DEFAULT_OPERATION_LIMITS, INTROSPECTION_LIMITS, MAX_DOCUMENT_TOKENS } from './limits';

function selectedOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Only __schema / __type / __typename at the root: schema tools' introspection queries. */
function isIntrospectionOnly(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}

/**
 * Parses a document (at most MAX_DOCUMENT_TOKENS) and checks its shape, before any validation:
 * the document, or the errors refusing it. HTTP runs it ahead of Apollo, the socket server in onSubscribe.
 */
export function parseBounded(query: string): { document: DocumentNode; errors?: undefined } | { errors: GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: MAX_DOCUMENT_TOKENS });
  } catch (error) {
    return { errors: [new GraphQLError((error as Error).message, { extensions: { code: ErrorCode.ParseFailed } })] };
  }
  const errors = checkDocumentShape(document);
  return errors.length ? { errors } : { document };
}

export interface GuardOptions {
  /** Introspection for callers without credentials (it is always allowed once signed in). */
  anonymousIntrospection: boolean;
}

/**
 * Rejects, before execution, what a caller must not run: introspection by anonymous
 * callers where it is off, and operations past the depth / alias / root-field / cost
 * limits (introspection-only operations have a budget of their own). Returns the errors
 * (empty when the operation may run). checkDocumentShape runs earlier, before validation.
 */
export function guardOperation(
  schema: GraphQLSchema,
  args: { document: DocumentNode; operationName?: string | null; variables?: Record<string, unknown> | null; signedIn: boolean },
  options: GuardOptions,
): GraphQLError[] {
  const operation = selectedOperation(args.document, args.operationName);
  if (!operation) return [];
  if (!args.signedIn && !options.anonymousIntrospection && usesIntrospection(args.document))
    return [new GraphQLError('Introspection is disabled for callers who are not signed in', { extensions: { code: ErrorCode.ValidationFailed, http: { status: 400 } } })];
  const limits = isIntrospectionOnly(operation) ? INTROSPECTION_LIMITS : DEFAULT_OPERATION_LIMITS;
  return checkOperationLimits({ schema, document: args.document, operationName: args.operationName, variables: args.variables, limits });
}

const SUGGESTION = / ?Did you mean .*\?$/;

/** Apollo plugin form of guardOperation; also hides "Did you mean" schema hints from anonymous callers where introspection is off. */
export function operationGuardPlugin(schema: GraphQLSchema, options: GuardOptions): ApolloServerPlugin<RequestContext> {
  // The verdict depends on the document (one parsed object per query text, cached by Apollo), the operation, the variables and being signed in.
  // Only passes are kept: a refusal is built anew each time (Apollo decorates the error it throws).
  const passed = new WeakMap<DocumentNode, Set<string>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request, contextValue }) {
          const signedIn = !!contextValue.actor;
          let keys = passed.get(document);
          if (!keys) passed.set(document, (keys = new Set()));
          const key = JSON.stringify([operationName ?? null, request.variables ?? null, signedIn]);
          if (keys.has(key)) return;
          const errors = guardOperation(schema, { document, operationName, variables: request.variables, signedIn }, options);
          if (errors.length) throw errors[0];
          if (keys.size >= 100) keys.clear();
          keys.add(key);
        },
        async willSendResponse({ contextValue, response }) {
          if (options.anonymousIntrospection || contextValue.actor || response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) (error as { message: string }).message = error.message.replace(SUGGESTION, '');
        },
      };
    },
  };
}
