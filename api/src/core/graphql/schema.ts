import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { getMetadataStorage as getValidationStorage } from 'class-validator';
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
  rememberValidationRules();
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

type ValidationStorage = {
  getTargetValidationMetadatas(target: Function, schema: string, always: boolean, strictGroups: boolean, groups?: string[]): unknown[];
  addValidationMetadata(metadata: unknown): void;
};
const REMEMBERED = Symbol('remembered');

/**
 * class-validator looks up an input class's rules on every validation by scanning every class
 * that has rules (inheritance included): for the small inputs of a list query (paging, sorting)
 * 2–3 % of a queue page's CPU. The rules only change when a class is declared, so the lookup is
 * kept per class and options until then.
 */
export function rememberValidationRules(): void {
  const storage = getValidationStorage() as unknown as ValidationStorage & { [REMEMBERED]?: true };
  if (storage[REMEMBERED]) return;
  storage[REMEMBERED] = true;
  let known = new WeakMap<Function, Map<string, unknown[]>>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    known = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}|${always}|${strictGroups}|${groups?.join(',') ?? ''}`;
    let byOptions = known.get(target);
    if (!byOptions) known.set(target, (byOptions = new Map()));
    let rules = byOptions.get(key);
    if (!rules) byOptions.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
}
