import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { piiResolver, type PiiFieldExtension } from '../auth/pii';

/**
 * Per-field work taken off the built schema where it does nothing:
 * - a plain property field (no field resolver, middleware or @Authorized of its own) loses
 *   type-graphql's wrapper and is read directly (the compiling executor inlines the read);
 * - a PII field gets its masking resolver, synchronous, instead of a middleware chain.
 * On a 50-row list page these wrappers ran about a thousand times per request.
 */
export function tuneFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  // Field resolvers by the class they resolve for (as type-graphql matches them to fields).
  const resolved = new Map<Function, Set<string>>();
  for (const r of storage.fieldResolvers) {
    const target = r.getObjectType?.();
    if (!target) continue;
    if (!resolved.has(target)) resolved.set(target, new Set());
    resolved.get(target)!.add(r.methodName);
  }
  const plain = new Set<string>();
  for (const objectType of storage.objectTypes)
    for (const f of objectType.fields ?? [])
      if (f.target === objectType.target && f.name === f.schemaName && !f.middlewares?.length && !f.roles && !resolved.get(f.target)?.has(f.name))
        plain.add(`${objectType.name}.${f.schemaName}`);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const pii = field.extensions?.pii as PiiFieldExtension | undefined;
      if (pii) field.resolve = piiResolver(pii) as never;
      else if (!field.args.length && plain.has(`${type.name}.${field.name}`)) field.resolve = undefined;
    }
  }
  return schema;
}
