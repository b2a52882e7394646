import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, getNamedType, GraphQLError, isInputObjectType, Kind, typeFromAST, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/** Compiled operations by parsed document (Apollo keeps one DocumentNode per distinct query text) and operation name. */
type Compiled = Map<string, CompiledQuery | null>;

/**
 * Runs operations as JavaScript compiled per document by graphql-jit instead of walking the
 * document for every row and field (graphql-js: about a fifth of the CPU of a 50-row list page).
 * The same resolvers run, so authorization, PII masking and errors (with paths and original
 * errors, formatted by Apollo as before) are unchanged. A document graphql-jit cannot compile
 * runs on graphql-js. graphql-jit is patched (patches/graphql-jit@0.8.9.patch) to take a leaf
 * value its serializer would return unchanged as it is: the leaf checks were the largest
 * graphql-jit cost left on a list page (executor.spec.ts pins the answers to graphql-js's).
 */
export function compilingExecutor(schema: GraphQLSchema): GatewayExecutor {
  const compiled = new WeakMap<DocumentNode, Compiled>();
  return async (request) => {
    const { document, context } = request;
    const operationName = request.operationName ?? undefined;
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    let query = byName.get(operationName ?? '');
    if (query === undefined) {
      const result = takesInputObjects(schema, document, operationName) ? null : compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      query = result && isCompiledQuery(result) ? result : null;
      byName.set(operationName ?? '', query);
    }
    const variableValues = request.request.variables ?? {};
    if (query) {
      const result = await query.query(undefined, context, variableValues);
      // No data at all: the variables did not coerce (nothing ran). graphql-js words those errors
      // as Apollo expects to answer them (BAD_USER_INPUT, HTTP 400), so it answers them.
      if (result.data !== undefined) return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : (result as ExecutionResult);
    }
    return execute({ schema, document, contextValue: context, variableValues, operationName });
  };
}

/**
 * Whether the operation declares a variable of an input object type: graphql-jit compiles the
 * coercion of such a variable by unrolling the type, which for the recursive filter inputs
 * (and / or) takes seconds to minutes. Those operations run on graphql-js (their literals do not
 * matter: only variables are compiled so).
 */
function takesInputObjects(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): boolean {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  return (operation?.variableDefinitions ?? []).some((v) => {
    const type = typeFromAST(schema, v.type);
    return !type || isInputObjectType(getNamedType(type));
  });
}

/**
 * graphql-jit's errors are its own kind (no extensions object unless the original error had
 * one, which Apollo's formatting expects): as graphql-js errors (same message, path, locations
 * and original error) Apollo formats them as before, so a database conflict still answers CONFLICT.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  if (error.constructor === GraphQLError) return error;
  const converted = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  if (error.locations) Object.assign(converted, { locations: error.locations });
  return converted;
}

/**
 * Apollo Server runs a custom executor only for a gateway: this one serves the local schema
 * (it never changes) with the compiling executor.
 */
export function localGateway(schema: GraphQLSchema): GatewayInterface {
  let announce: ((context: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      announce = callback;
      return () => (announce = undefined);
    },
    async load() {
      announce?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor: compilingExecutor(schema) };
    },
    async stop() {},
  };
}
