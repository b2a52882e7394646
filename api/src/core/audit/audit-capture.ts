import type { ChangeSet, EntityManager, EventSubscriber, FlushEventArgs } from '@mikro-orm/postgresql';
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context';
import { auditEntriesForChanges, type WrittenChange } from './audit.service';

/** What an EntityManager wrote while one of its mutations runs: flushed change sets, and rows written with plain SQL. */
const capturing = new WeakMap<EntityManager, (ChangeSet<object> | WrittenChange)[]>();

/** ORM subscriber: hands each flush's change sets to the mutation being audited on that EntityManager. */
export class AuditChangeCapture implements EventSubscriber {
  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    capturing.get(em as EntityManager)?.push(...(uow.getChangeSets() as ChangeSet<object>[]));
  }
}

/**
 * Rows a service wrote with one set-based statement instead of the unit of work (a partner's batch):
 * they reach the mutation's audit entry as flushed changes do.
 */
export function auditWrittenRows(em: EntityManager, changes: readonly WrittenChange[]): void {
  capturing.get(em)?.push(...changes);
}

/**
 * Every root mutation by a signed-in actor or API key is audited in its own
 * transaction: what it flushed becomes the entry's targets and changed fields.
 * Anonymous mutations (sign-in, refresh) audit themselves. Wraps the Mutation
 * fields only: as a global middleware it made every field of every row async.
 */
export function auditMutationFields(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (root, args, context: RequestContext, info) =>
      context.actor ? audited(context, info.fieldName, () => resolve(root, args, context, info)) : resolve(root, args, context, info);
  }
  return schema;
}

async function audited(context: RequestContext, mutation: string, run: () => unknown): Promise<unknown> {
  const changeSets: (ChangeSet<object> | WrittenChange)[] = [];
  capturing.set(context.em, changeSets);
  try {
    const result = await run();
    await context.em.flush();
    await auditEntriesForChanges(context, mutation, changeSets);
    await context.em.flush();
    return result;
  } finally {
    capturing.delete(context.em);
  }
}
