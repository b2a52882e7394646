import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { installedModules } from '../modules/module';
import { installedPlugins } from '../plugins/host';
import { auditMutationFields } from '../audit/audit-capture';
import { authChecker } from '../auth/authorization';
import type { PubSub } from '../pubsub';
import { scalarsMap } from './scalars';
import { validateIdArguments } from './id-arguments';
import { tuneFieldResolvers } from './resolvers';
import { requireCredentialsForSubscriptions } from './subscriptions';

export async function buildAppSchema(pubSub: PubSub): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    // The installed modules' resolvers, then plugins' (part of the schema for everyone; they answer per franchise).
    resolvers: [...installedModules().flatMap((m) => m.resolvers ?? []), ...installedPlugins().flatMap((p) => p.schema?.resolvers ?? [])] as unknown as NonEmptyArray<Function>,
    scalarsMap,
    pubSub,
    authChecker,
    // class-validator runs on every input; unknown properties cannot arrive (GraphQL validated them).
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  return tuneFieldResolvers(validateIdArguments(requireCredentialsForSubscriptions(auditMutationFields(schema))));
}

/** The committed contract, schema/schema.graphql: sorted so diffs show real changes only. */
export function printContract(schema: GraphQLSchema): string {
  return (
    '# Generated from the API code by `pnpm schema:generate`. Do not edit by hand.\n\n' +
    printSchema(lexicographicSortSchema(schema)) +
    '\n'
  );
}
