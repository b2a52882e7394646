import {
  defaultFieldResolver,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { BadUserInputError, type FieldProblem } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Check = (value: unknown, path: string, problems: FieldProblem[]) => void;

/**
 * Every `ID` argument (and `ID` inside input objects and lists: filters, inputs) must be a
 * UUID, as every id here is: a malformed one is BAD_USER_INPUT naming the argument's path,
 * checked before the resolver runs (it used to reach SQL and come back as INTERNAL).
 * A well-formed id the caller cannot see stays NOT_FOUND / null.
 */
export function validateIdArguments(schema: GraphQLSchema): GraphQLSchema {
  const inputChecks = new Map<GraphQLInputObjectType, Check | null>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const isSubscription = type === schema.getSubscriptionType();
    for (const field of Object.values(type.getFields())) {
      const checks = field.args.flatMap((arg) => {
        const check = checkFor(arg.type, inputChecks);
        return check ? [{ name: arg.name, check }] : [];
      });
      if (!checks.length) continue;
      const assertIds = (args: Record<string, unknown>) => {
        const problems: FieldProblem[] = [];
        for (const { name, check } of checks) if (args[name] != null) check(args[name], name, problems);
        if (problems.length) throw new BadUserInputError(problems);
      };
      if (isSubscription && field.subscribe) {
        const subscribe = field.subscribe;
        field.subscribe = (root, args, context, info) => (assertIds(args), subscribe(root, args, context, info));
      } else {
        const resolve = field.resolve ?? defaultFieldResolver;
        field.resolve = (root, args, context, info) => (assertIds(args), resolve(root, args, context, info));
      }
    }
  }
  return schema;
}

/** The check for values of this input type, or null when it holds no ID anywhere. */
function checkFor(type: GraphQLInputType, inputChecks: Map<GraphQLInputObjectType, Check | null>): Check | null {
  const nullable = getNullableType(type);
  if (isScalarType(nullable)) {
    if (nullable.name !== 'ID') return null;
    return (value, path, problems) => {
      if (typeof value !== 'string' || !UUID.test(value)) problems.push({ field: path, message: 'is not a valid ID (IDs are UUIDs, like 3f0c1e9a-8b0d-4c47-9a51-0f3c2d6e7b18)' });
    };
  }
  if (isListType(nullable)) {
    const item = checkFor(nullable.ofType, inputChecks);
    return item && ((value, path, problems) => {
      if (Array.isArray(value)) value.forEach((v, i) => v != null && item(v, `${path}[${i}]`, problems));
    });
  }
  if (!isInputObjectType(nullable)) return null;
  if (inputChecks.has(nullable)) {
    // Recursive inputs (filters with and / or): refer to the check once it is built.
    return (value, path, problems) => inputChecks.get(nullable)?.(value, path, problems);
  }
  inputChecks.set(nullable, null);
  const fields = Object.values(nullable.getFields()).flatMap((f) => {
    const check = checkFor(f.type, inputChecks);
    return check ? [{ name: f.name, check }] : [];
  });
  const check: Check | null = fields.length
    ? (value, path, problems) => {
        if (typeof value !== 'object' || value === null) return;
        for (const { name, check: inner } of fields) {
          const v = (value as Record<string, unknown>)[name];
          if (v != null) inner(v, `${path}.${name}`, problems);
        }
      }
    : null;
  inputChecks.set(nullable, check);
  return check;
}
