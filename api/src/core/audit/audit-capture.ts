import type { ChangeSet, EntityManager, EventSubscriber, FlushEventArgs } from '@mikro-orm/postgresql';
import type { MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../context';
import { auditEntriesForChanges } from './audit.service';

/** Change sets flushed by an EntityManager while one of its mutations runs. */
const capturing = new WeakMap<EntityManager, ChangeSet<object>[]>();

/** ORM subscriber: hands each flush's change sets to the mutation being audited on that EntityManager. */
export class AuditChangeCapture implements EventSubscriber {
  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    capturing.get(em as EntityManager)?.push(...(uow.getChangeSets() as ChangeSet<object>[]));
  }
}

/**
 * Every root mutation by a signed-in actor or API key is audited in its own
 * transaction: what it flushed becomes the entry's targets and changed fields.
 * Anonymous mutations (sign-in, refresh) audit themselves.
 */
export const auditMutations: MiddlewareFn<RequestContext> = async ({ info, context }, next) => {
  if (info.parentType.name !== 'Mutation' || !context.actor || info.path.prev) return next();
  const changeSets: ChangeSet<object>[] = [];
  capturing.set(context.em, changeSets);
  try {
    const result = await next();
    await context.em.flush();
    auditEntriesForChanges(context, info.fieldName, changeSets);
    await context.em.flush();
    return result;
  } finally {
    capturing.delete(context.em);
  }
};
