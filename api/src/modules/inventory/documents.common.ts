import { LockMode, type EntityClass, type FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, InvalidTransitionError, NotFoundError } from '../../core/errors';
import { formatNumber, nextNumber, numberingYear } from '../../core/numbering/numbering';
import { checkVersion } from '../../core/services/updates';
import { now } from './inventory.time';
import type { Warehouse } from './warehouse.entity';

/** Which states each verb of a document may start from. */
export type Transitions<S extends string> = Record<string, readonly S[]>;

/**
 * Loads a document for a verb, row-locked (concurrent verbs queue), then checks the version the
 * caller saw (stale: CONFLICT) and that the verb applies in its state (else INVALID_TRANSITION
 * naming the verbs that do). `visible` is the record-level check: false is NOT_FOUND.
 */
export async function lockForVerb<T extends { id: string; status: S; version: number }, S extends string>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  label: string,
  input: { id: string; version: number },
  transitions: Transitions<S> | ((doc: T) => Transitions<S>),
  verb: string,
  visible: (doc: T) => Promise<boolean>,
): Promise<T> {
  const doc = await ctx.em.findOne(entity, { id: input.id } as FilterQuery<T>, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!doc || !(await visible(doc))) throw new NotFoundError(label, input.id);
  checkVersion(doc, input.version, label);
  const allowed = typeof transitions === 'function' ? transitions(doc) : transitions;
  if (!allowed[verb]?.includes(doc.status))
    throw new InvalidTransitionError(doc.status, verb, Object.keys(allowed).filter((v) => allowed[v]!.includes(doc.status)));
  return doc;
}

/** A signed-in person (approvals, signatures and witnesses are people, never an API key). */
export function requirePerson(ctx: RequestContext, what: string): string {
  const actor = requireActor(ctx);
  if (actor.kind !== 'user') throw new ForbiddenError(`${what} must be done by a signed-in person, not an API key`);
  return actor.id;
}

/** Someone other than `otherId` (the requester): nobody approves their own request. */
export function requireOtherPerson(ctx: RequestContext, otherId: string, what: string): string {
  const id = requirePerson(ctx, what);
  if (id === otherId) throw new ForbiddenError(`${what}: the requester cannot approve or reject their own request`, { reason: 'OWN_REQUEST' });
  return id;
}

/** The next people-facing number of a series in the warehouse's franchise: CG-2026-000001. */
export async function nextDocumentNo(ctx: RequestContext, warehouse: Pick<Warehouse, 'franchiseId' | 'timeZone'>, series: 'CG' | 'YH' | 'XH'): Promise<string> {
  const year = numberingYear(now(), warehouse.timeZone);
  return formatNumber(series, year, await nextNumber(ctx.em, warehouse.franchiseId, `inventory.${series}`, year));
}

/** Lines grouped by their document id, in the order given (for list pages' dataloaders). */
export function groupBy<T, K extends keyof T>(rows: readonly T[], key: K, ids: readonly T[K][]): T[][] {
  const by = new Map<T[K], T[]>();
  for (const row of rows) by.set(row[key], [...(by.get(row[key]) ?? []), row]);
  return ids.map((id) => by.get(id) ?? []);
}

/** `needs` of the read specs for the people fields (people.resolver): each reads its id column. */
export const PEOPLE_NEEDS = {
  requestedBy: ['requestedById'],
  decidedBy: ['decidedById'],
  receivedBy: ['receivedById'],
  pickedBy: ['pickedById'],
  shippedBy: ['shippedById'],
  destroyedBy: ['destroyedById'],
  witness: ['witnessId'],
  keeperSignedBy: ['keeperSignedById'],
  managerSignedBy: ['managerSignedById'],
  openedBy: ['openedById'],
  submittedBy: ['submittedById'],
  approvedBy: ['approvedById'],
  postedBy: ['postedById'],
  countedBy: ['countedById'],
  releasedBy: ['releasedById'],
  contactedBy: ['contactedById'],
} as const;
