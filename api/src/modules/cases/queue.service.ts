import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../core/errors';
import { filterToQuery, type FilterInput } from '../../core/graphql/list';
import { SortDirection, type SortInput } from '../../core/graphql/sorting';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { getOrgUnit } from '../org/org.service';
import { Case, OPEN_STAGES } from './case.entity';
import { CasePermission } from './case.permissions';
import { findCase } from './case.service';
import { CASE_FILTER_FIELDS, CASE_SORT_FIELDS, QueueChange, type CaseQueueEvent, type CaseViewInput, type CaseViewUpdate } from './case.types';
import { AgentAvailability, AgentPresence, CaseView } from './queue.entity';
import { clock } from '../../core/clock';
import { publishLive } from '../../core/events/outbox';

/** Saved queue views (filter + sort + columns), the queue they select, and agent presence. */

const FILTER_KEYS = new Set([...Object.keys(CASE_FILTER_FIELDS), 'and', 'or']);

/** A view's filter and sorting are checked like GraphQL arguments would be: known fields only. */
function checkViewQuery(filter: unknown, sorting: unknown): void {
  const walk = (f: unknown, path: string) => {
    if (!f || typeof f !== 'object' || Array.isArray(f)) throw new BadUserInputError({ field: path, message: 'must be an object (a CaseFilter)' });
    for (const [key, value] of Object.entries(f)) {
      if (!FILTER_KEYS.has(key)) throw new BadUserInputError({ field: `${path}.${key}`, message: `unknown filter field; known: ${[...FILTER_KEYS].join(', ')}` });
      if (key === 'and' || key === 'or') (value as unknown[]).forEach((v, i) => walk(v, `${path}.${key}.${i}`));
    }
  };
  if (filter != null) walk(filter, 'filter');
  if (sorting != null) {
    if (!Array.isArray(sorting)) throw new BadUserInputError({ field: 'sorting', message: 'must be a list of { field, direction }' });
    sorting.forEach((s: { field?: string; direction?: string }, i) => {
      if (!CASE_SORT_FIELDS.includes(s?.field as never)) throw new BadUserInputError({ field: `sorting.${i}.field`, message: `unknown sort field; known: ${CASE_SORT_FIELDS.join(', ')}` });
      if (s.direction !== SortDirection.ASC && s.direction !== SortDirection.DESC) throw new BadUserInputError({ field: `sorting.${i}.direction`, message: 'must be ASC or DESC' });
    });
  }
}

/** Shared views of the actor's franchise and their own personal ones. */
export function listCaseViews(ctx: RequestContext): Promise<CaseView[]> {
  const actor = requireActor(ctx);
  return ctx.em.find(CaseView, { $or: [{ ownerId: null }, { ownerId: actor.id }] }, { orderBy: { name: 'asc', id: 'asc' } });
}

export async function getCaseView(ctx: RequestContext, id: string): Promise<CaseView> {
  const actor = requireActor(ctx);
  const view = await ctx.em.findOne(CaseView, { id });
  if (!view || (view.ownerId && view.ownerId !== actor.id)) throw new NotFoundError('Case view', id);
  return view;
}

function assertMayEditView(ctx: RequestContext, view: { ownerId?: string | null }): void {
  if (!view.ownerId && !requireActor(ctx).permissions.has(CasePermission['case:manage'])) throw new ForbiddenError('Shared queue views are managed by supervisors (case:manage)');
}

export async function createCaseView(ctx: RequestContext, input: CaseViewInput): Promise<CaseView> {
  const actor = requireActor(ctx);
  checkViewQuery(input.filter, input.sorting);
  const unit = input.orgUnitId ? await getOrgUnit(ctx, input.orgUnitId) : undefined;
  const view = ctx.em.create(CaseView, {
    franchiseId: unit?.franchiseId ?? actor.franchiseId,
    name: input.name,
    ownerId: input.shared ? null : actor.id,
    orgUnitId: unit?.id ?? null,
    filter: input.filter ?? {},
    sorting: input.sorting ?? [],
    columns: input.columns ?? [],
  });
  assertMayEditView(ctx, view);
  await ctx.em.flush();
  return view;
}

export async function updateCaseView(ctx: RequestContext, id: string, version: number, update: CaseViewUpdate): Promise<CaseView> {
  const view = await getCaseView(ctx, id);
  assertMayEditView(ctx, view);
  checkVersion(view, version, 'Case view');
  checkViewQuery(update.filter, update.sorting);
  applyUpdate(view, update as Partial<CaseView>);
  await ctx.em.flush();
  return view;
}

export async function deleteCaseView(ctx: RequestContext, id: string): Promise<CaseView> {
  const view = await getCaseView(ctx, id);
  assertMayEditView(ctx, view);
  ctx.em.remove(view);
  await ctx.em.flush();
  return view;
}

/** Which cases a view selects: its filter, and only open cases unless the filter names stages. */
export function viewCondition(view: Pick<CaseView, 'filter'>): FilterQuery<Case> {
  const openOnly = 'stage' in (view.filter ?? {}) ? {} : { stage: { $in: OPEN_STAGES } };
  return { $and: [openOnly, filterToQuery<Case>(view.filter as FilterInput)] } as FilterQuery<Case>;
}

/**
 * What a changed case means to a queue view's subscriber: ADDED or UPDATED while it matches,
 * REMOVED when it is visible but no longer matches (clients drop the row if they hold it).
 */
export async function queueEvent(ctx: RequestContext, event: { id: string; change: 'created' | 'updated' }, viewId: string): Promise<CaseQueueEvent | null> {
  const c = await findCase(ctx, event.id);
  const view = c && (await getCaseView(ctx, viewId).catch(() => null));
  if (!c || !view) return null;
  const matches = await ctx.em.count(Case, { $and: [{ id: c.id }, viewCondition(view)] } as FilterQuery<Case>);
  const change = !matches ? QueueChange.REMOVED : event.change === 'created' ? QueueChange.ADDED : QueueChange.UPDATED;
  return { change, caseId: c.id, case: c };
}

// --- presence

export async function setAvailability(ctx: RequestContext, input: { availability: AgentAvailability; capacity?: number | null }): Promise<AgentPresence> {
  const actor = requireActor(ctx);
  if (actor.kind !== 'user') throw new ForbiddenError('Only staff members have an availability');
  const now = clock.now();
  let presence = await ctx.em.findOne(AgentPresence, { staffUserId: actor.id });
  presence ??= ctx.em.create(AgentPresence, { staffUserId: actor.id, franchiseId: actor.franchiseId });
  if (presence.availability !== input.availability) presence.since = now;
  Object.assign(presence, { availability: input.availability, lastSeenAt: now, ...(input.capacity != null ? { capacity: input.capacity } : {}) });
  await ctx.em.flush();
  await publishLive(ctx, 'agents.presence', { id: actor.id, franchiseId: actor.franchiseId });
  return presence;
}

export function listPresence(ctx: RequestContext, availability?: AgentAvailability | null): Promise<AgentPresence[]> {
  return ctx.em.find(AgentPresence, availability ? { availability } : {}, { orderBy: { availability: 'asc', since: 'asc' }, limit: 500 });
}
