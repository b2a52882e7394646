import { isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { piiResolver, type PiiFieldExtension } from '../auth/pii';

/**
 * Per-field work taken off the built schema where it does nothing:
 * - a plain property field (no field resolver, middleware or @Authorized of its own) loses
 *   type-graphql's wrapper and is read directly (the compiling executor inlines the read);
 * - a PII field gets its masking resolver, synchronous, instead of a middleware chain;
 * - a field resolver that takes only the root, the context and the info (no arguments,
 *   middleware or @Authorized of its own) is called directly: type-graphql's handler looks its
 *   class's instance up in a list of every resolver, sorts and maps the parameters on each call.
 * On a 50-row list page these wrappers ran about a thousand times per request.
 */
type Storage = ReturnType<typeof getMetadataStorage>;
type Resolve = (root: unknown, args: unknown, context: unknown, info: GraphQLResolveInfo) => unknown;

/** Field resolvers (by `Type.field`) of resolver classes whose parameters are only @Root, @Ctx and @Info, as plain calls. */
function directFieldResolvers(storage: Storage): Map<string, Resolve> {
  const typeNames = new Map<Function, string[]>();
  for (const t of storage.objectTypes) typeNames.set(t.target, [...(typeNames.get(t.target) ?? []), t.name]);
  const instances = new Map<Function, Record<string, (...params: unknown[]) => unknown>>();
  const direct = new Map<string, Resolve>();
  for (const r of storage.fieldResolvers) {
    const objectType = r.getObjectType?.();
    const params = [...(r.params ?? [])].sort((a, b) => a.index - b.index);
    // A resolver class built by type-graphql's default container: no constructor parameters, no state.
    if (r.kind !== 'external' || !objectType || r.middlewares?.length || r.roles || r.target.length) continue;
    if (!params.every((p) => p.kind === 'context' || p.kind === 'info' || (p.kind === 'root' && !p.propertyName))) continue;
    const Resolver = r.target as new () => Record<string, (...params: unknown[]) => unknown>;
    const method = r.methodName;
    const pick = params.map((p): ((root: unknown, context: unknown, info: GraphQLResolveInfo) => unknown) => {
      if (p.kind === 'info') return (_root, _context, info) => info;
      if (p.kind === 'context') {
        const property = p.propertyName;
        return property ? (_root, context) => (context as Record<string, unknown>)[property] : (_root, context) => context;
      }
      // The root as type-graphql passes it: an instance of the parameter's class (rows from the read path already are, see adopt).
      const type = (p as { getType?: () => unknown }).getType?.();
      return typeof type === 'function' ? (root) => asInstance(type as new () => object, root) : (root) => root;
    });
    // One instance per resolver class, made as the schema is built (the class takes no constructor parameters).
    let instance = instances.get(Resolver);
    if (!instance) instances.set(Resolver, (instance = new Resolver()));
    const handler = instance[method]!.bind(instance);
    // Called per row and field: the usual (root, context) pair without an array of parameters per call.
    const [first, second] = pick;
    const resolve: Resolve =
      pick.length === 2
        ? (root, _args, context, info) => handler(first!(root, context, info), second!(root, context, info))
        : (root, _args, context, info) => handler(...pick.map((get) => get(root, context, info)));
    for (const name of typeNames.get(objectType) ?? []) direct.set(`${name}.${r.schemaName}`, resolve);
  }
  return direct;
}

/** As type-graphql converts a root: kept when already an instance (or not an object), else copied into a new one. */
function asInstance(Type: new () => object, value: unknown): unknown {
  if (value == null || typeof value !== 'object' || value instanceof Type || Array.isArray(value)) return value;
  return Object.assign(new Type(), value);
}

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
  const direct = directFieldResolvers(storage);
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const pii = field.extensions?.pii as PiiFieldExtension | undefined;
      const key = `${type.name}.${field.name}`;
      if (pii) field.resolve = piiResolver(pii) as never;
      else if (!field.args.length && plain.has(key)) field.resolve = undefined;
      else if (!field.args.length && direct.has(key)) field.resolve = direct.get(key);
    }
  }
  return schema;
}
