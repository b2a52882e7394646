import { OptimisticLockError, type FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { normalizeTags } from '../../core/validation';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../core/errors';
import { findPage, type ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { formatNumber, nextNumber, numberingYear } from '../../core/numbering/numbering';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { availableTransitions, runTransition, stateOf, type AvailableTransition, type WorkflowDefinition } from '../../core/workflow/workflow';
import { publishEvent, publishLive } from '../../core/events/outbox';
import { workflowFor } from '../../core/plugins/workflows';
import { getCustomer } from '../customers/customer.service';
import { linkArticleToCase } from '../knowledge/knowledge.service';
import { StaffStatus, StaffUser, JobTitle } from '../identity/staff-user.entity';
import { OrgUnit, OrgUnitKind } from '../org/org-unit.entity';
import { findOrgUnit, getOrgUnit, orgUnitScopeCondition } from '../org/org.service';
import { autoAssign, queueFor } from './case-assignment';
import { hasLinkChange, resolveCaseLinks, type CaseLinks, type ResolvedCaseLinks } from './case-links';
import { addThreadMessage } from './case-thread';
import { Case, CaseActivity, CaseActivityKind, CaseMessage, CaseMessageKind, CaseStage, EscalationLevel, OPEN_STAGES } from './case.entity';
import { caseLoader } from './case.loaders';
import { CasePermission } from './case.permissions';
import type { AddCaseMessageInput, CaseInput, CaseUpdate } from './case.types';
import { workflowForType } from './case.workflows';
import { onStageChange, startCaseClocks } from './sla.service';
import { clock } from '../../core/clock';

/**
 * Cases: opening, editing details, the workflow (through the interpreter), ownership
 * (first responder, claim, assign, transfer), escalation and referral, the thread.
 * Every change is recorded in the case's activity and published after commit.
 */

/** The live "case changed" message, in the operation's transaction (delivered once it commits). */
export function publishCaseChange(ctx: RequestContext, c: Case, change: 'created' | 'updated'): Promise<void> {
  return publishLive(ctx, 'cases.changed', { id: c.id, franchiseId: c.franchiseId, change });
}

function recordActivity(ctx: RequestContext, c: Case, activity: Omit<Partial<CaseActivity>, 'franchiseId' | 'caseId'> & { kind: CaseActivityKind }): CaseActivity {
  c.lastActivityAt = clock.now();
  return ctx.em.create(CaseActivity, { franchiseId: c.franchiseId, caseId: c.id, actorId: ctx.actor?.kind === 'user' ? ctx.actor.id : null, ...activity });
}

/**
 * The case, or null when missing or outside the actor's scope: their part of the org
 * tree, or a case they own or were referred to (a store pharmacist answering a case of
 * the franchise's call center). Another franchise's case is never found (RLS).
 */
export async function findCase(ctx: RequestContext, id: string): Promise<Case | null> {
  const c = await caseLoader(ctx).load(id);
  if (!c) return null;
  const actorId = ctx.actor?.id;
  return (actorId && (c.ownerId === actorId || c.expertId === actorId)) || (await findOrgUnit(ctx, c.orgUnitId)) ? c : null;
}

export async function getCase(ctx: RequestContext, id: string): Promise<Case> {
  const c = await findCase(ctx, id);
  if (!c) throw new NotFoundError('Case', id);
  return c;
}

/** An active staff member of the case's franchise (NOT_FOUND otherwise: no oracle across franchises). */
async function franchiseStaff(ctx: RequestContext, c: Case, staffId: string, label: string): Promise<StaffUser> {
  const person = await ctx.em.findOne(StaffUser, { id: staffId, franchiseId: c.franchiseId });
  if (!person) throw new NotFoundError(label, staffId);
  if (person.status !== StaffStatus.ACTIVE) throw new BadUserInputError({ field: 'staffUserId', message: `${person.displayName} is not active` });
  return person;
}

async function placeCase(ctx: RequestContext, input: CaseInput, customerUnitId: string | undefined): Promise<OrgUnit> {
  const unitId = input.orgUnitId ?? customerUnitId ?? requireActor(ctx).orgUnitId;
  const unit = await getOrgUnit(ctx, unitId, 'Org unit');
  if (unit.kind === OrgUnitKind.HQ && !input.orgUnitId && customerUnitId === undefined)
    throw new BadUserInputError({ field: 'case.orgUnitId', message: 'HQ staff must say which franchise, store or branch center the case belongs to' });
  return unit;
}

/**
 * Opens a case. System work (a job: no actor) may open one for a named org unit; `ownerId`
 * gives it straight to that person (no automatic assignment).
 */
export async function createCase(ctx: RequestContext, input: CaseInput, options: { ownerId?: string } = {}): Promise<Case> {
  const actor = ctx.actor ?? (input.orgUnitId && ctx.scope.orgPath === '/' ? null : requireActor(ctx));
  let customer = input.customerId ? await getCustomer(ctx, input.customerId) : undefined;
  const unit = await placeCase(ctx, input, customer?.orgUnitId);
  if (customer && customer.franchiseId !== unit.franchiseId) throw new BadUserInputError({ field: 'case.orgUnitId', message: 'must be in the customer’s franchise' });
  const links = hasLinkChange(input) ? await caseLinks(ctx, input, unit.franchiseId, customer?.id ?? null) : {};
  // A case opened about an order (without naming the customer) is the order's customer's.
  if (!customer && links.customerId) customer = await getCustomer(ctx, links.customerId);

  const franchise = await ctx.em.findOneOrFail(OrgUnit, { id: unit.franchiseId });
  const year = numberingYear(clock.now(), franchise.timeZone);
  const caseNo = formatNumber(`${franchise.code ?? 'C'}-CS`, year, await nextNumber(ctx.em, unit.franchiseId, 'case', year));
  const workflow = await workflowFor<Case>(ctx.em, unit.franchiseId, workflowForType(input.type));
  const now = clock.now();
  const c = ctx.em.create(Case, {
    ...input,
    ...links,
    customerId: customer?.id ?? null,
    orgUnitId: unit.id,
    franchiseId: unit.franchiseId,
    caseNo,
    workflow: workflow.name,
    state: workflow.initial,
    stage: stateOf(workflow, workflow.initial).stage as CaseStage,
    priority: input.priority ?? undefined,
    attachments: input.attachments ?? [],
    tags: normalizeTags(input.tags) ?? [],
    isVip: customer?.tags.includes('vip') ?? false,
    createdById: actor?.kind === 'user' ? actor.id : null,
    lastActivityAt: now,
  } as Case);
  c.queue = await queueFor(ctx.em, c);
  recordActivity(ctx, c, { kind: CaseActivityKind.CREATED, toState: c.state, details: { channel: c.channel, type: c.type, queue: c.queue } });
  await startCaseClocks(ctx.em, c, now);
  const assignee = options.ownerId ? (await franchiseStaff(ctx, c, options.ownerId, 'Staff user')).id : await autoAssign(ctx.em, c);
  if (assignee) {
    Object.assign(c, { ownerId: assignee, ownedSince: now });
    recordActivity(ctx, c, { kind: CaseActivityKind.ASSIGNED, toStaffId: assignee, details: { rule: options.ownerId ? 'named' : 'auto' } });
  }
  await ctx.em.flush();
  await publishCaseChange(ctx, c, 'created');
  await publishEvent(ctx, 'case.created', c.franchiseId, { caseId: c.id, caseNo: c.caseNo, queue: c.queue, isVip: c.isVip });
  return c;
}

export async function updateCase(ctx: RequestContext, id: string, version: number, update: CaseUpdate): Promise<Case> {
  const c = await getCase(ctx, id);
  checkVersion(c, version, 'Case');
  if (hasLinkChange(update)) Object.assign(update, await caseLinks(ctx, linksAfter(c, update), c.franchiseId, update.customerId ?? c.customerId ?? null));
  if (update.customerId && update.customerId !== c.customerId) {
    const customer = await getCustomer(ctx, update.customerId);
    if (customer.franchiseId !== c.franchiseId) throw new NotFoundError('Customer', update.customerId);
    c.isVip = customer.tags.includes('vip');
    recordActivity(ctx, c, { kind: CaseActivityKind.CUSTOMER_LINKED, details: { customerId: customer.id, from: c.customerId ?? null } });
  }
  const changed = Object.entries(update).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify((c as unknown as Record<string, unknown>)[k])).map(([k]) => k);
  applyUpdate(c, { ...update, tags: normalizeTags(update.tags) } as Partial<Case>);
  if (changed.length) recordActivity(ctx, c, { kind: CaseActivityKind.UPDATED, details: { fields: changed } });
  await flushCase(ctx, c);
  return c;
}

function pickLinks(from: CaseLinks): CaseLinks {
  return { orderId: from.orderId ?? null, orderLineId: from.orderLineId ?? null, productId: from.productId ?? null, lotId: from.lotId ?? null };
}

type LinkInput = CaseLinks & { orderRef?: string | null; productRef?: string | null; batchRef?: string | null };

/** A case's links after an update: another order drops the old line; an unlinked record drops its reference text unless new text is given. */
function linksAfter(c: Case, update: LinkInput): LinkInput {
  const given = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)) as LinkInput;
  const links: LinkInput = { ...pickLinks(c), ...given };
  if (update.orderId !== undefined && update.orderId !== c.orderId && update.orderLineId === undefined) links.orderLineId = null;
  if (update.orderId === null && update.orderRef === undefined) links.orderRef = null;
  if (update.productId === null && update.productRef === undefined) links.productRef = null;
  if (update.lotId === null && update.batchRef === undefined) links.batchRef = null;
  return links;
}

/**
 * Checks the order, line, product and lot a case is linked to (through the modules that own
 * them) and completes them; an order of another customer than the case's is refused.
 */
async function caseLinks(ctx: RequestContext, input: LinkInput, franchiseId: string, customerId: string | null): Promise<ResolvedCaseLinks> {
  const resolved = await resolveCaseLinks(ctx, { ...pickLinks(input), orderRef: input.orderRef, productRef: input.productRef, batchRef: input.batchRef }, franchiseId);
  if (customerId && resolved.customerId && resolved.customerId !== customerId)
    throw new BadUserInputError({ field: 'case.orderId', message: `order ${resolved.orderRef} belongs to another customer than the case’s`, reason: 'OTHER_CUSTOMER' });
  const { customerId: orderCustomerId, ...links } = resolved;
  return { ...links, ...(customerId || !orderCustomerId ? {} : { customerId: orderCustomerId }) };
}

/** Flushes a case change; a concurrent change of the same case (version moved) is a CONFLICT. */
async function flushCase(ctx: RequestContext, c: Case, change: 'updated' | 'created' = 'updated'): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof OptimisticLockError) throw new ConflictError(`Case ${c.caseNo} was changed by someone else at the same time; reload it and try again`);
    throw error;
  }
  await publishCaseChange(ctx, c, change);
}

/** The case's workflow as its franchise runs it: the base plus the franchise's enabled plugins' changes. */
export function caseWorkflow(ctx: RequestContext, c: Pick<Case, 'franchiseId' | 'workflow'>): Promise<WorkflowDefinition<Case>> {
  return workflowFor<Case>(ctx.em, c.franchiseId, c.workflow);
}

/** The label of the case's state (a state a since-disabled plugin added shows its name). */
export async function stateLabel(ctx: RequestContext, c: Case): Promise<string> {
  return (await caseWorkflow(ctx, c)).states.find((s) => s.name === c.state)?.label ?? c.state;
}

/** The workflow actions the actor may take on the case now (plugins' included). */
export async function allowedActions(ctx: RequestContext, c: Case): Promise<AvailableTransition[]> {
  if (!ctx.actor) return [];
  return availableTransitions(await caseWorkflow(ctx, c), ctx, c, c.state);
}

/**
 * Takes a workflow action: the interpreter checks it, then the SLA clocks follow the
 * stage, customer-visible text given with the action goes to the thread, and the
 * transition is recorded.
 */
export async function transitionCase(ctx: RequestContext, args: { id: string; version?: number | null; action: string; input?: Record<string, unknown> }): Promise<Case> {
  const actor = requireActor(ctx);
  const c = await getCase(ctx, args.id);
  if (args.version != null) checkVersion(c, args.version, 'Case');
  const input = args.input ?? {};
  const from = { state: c.state, stage: c.stage };
  const now = clock.now();
  await runTransition(await caseWorkflow(ctx, c), {
    ctx,
    record: c,
    state: c.state,
    action: args.action,
    input,
    move: (to) => Object.assign(c, { state: to.name, stage: to.stage as CaseStage }),
  });
  // Text the customer should see (an answer, a question, a proposed solution) is a reply.
  const reply = [input.answer, input.question, args.action === 'propose_solution' ? input.solutionNote : undefined].find((v) => typeof v === 'string') as string | undefined;
  if (reply) await addThreadMessage(ctx.em, c, { kind: CaseMessageKind.REPLY, body: reply, authorId: actor.id }, now);
  await onStageChange(ctx.em, c, from.stage, c.stage, now);
  if (from.stage === CaseStage.NEW && c.stage !== CaseStage.NEW) c.firstRespondedAt ??= now;
  recordActivity(ctx, c, { kind: CaseActivityKind.TRANSITION, action: args.action, fromState: from.state, toState: c.state, reason: (input.reason as string | undefined) ?? null });
  await flushCase(ctx, c);
  await publishEvent(ctx, 'case.transitioned', c.franchiseId, { caseId: c.id, caseNo: c.caseNo, action: args.action, from: from.state, to: c.state });
  return c;
}

/**
 * Takes a queued case as its owner. Exactly once under concurrency: the owner is set
 * only where it is still empty, so of many simultaneous claims one wins and the others
 * get CONFLICT naming who has it.
 */
export async function claimCase(ctx: RequestContext, id: string): Promise<Case> {
  const actor = requireActor(ctx);
  const c = await getCase(ctx, id);
  if (c.ownerId === actor.id) return c;
  const now = clock.now();
  const claimed = await ctx.em.nativeUpdate(Case, { id: c.id, ownerId: null }, { ownerId: actor.id, ownedSince: now, version: c.version + 1, updatedAt: now, lastActivityAt: now });
  if (!claimed) {
    const current = await ctx.em.refresh(c);
    const owner = current?.ownerId && (await ctx.em.findOne(StaffUser, { id: current.ownerId }, { filters: false }));
    throw new ConflictError(`Case ${c.caseNo} was already taken by ${owner ? owner.displayName : 'someone else'}`, { ownerId: current?.ownerId ?? null });
  }
  await ctx.em.refresh(c);
  recordActivity(ctx, c, { kind: CaseActivityKind.CLAIMED, toStaffId: actor.id });
  await flushCase(ctx, c);
  return c;
}

/** Gives a queued (unowned) case to someone; an owned case moves only by transfer. */
export async function assignCase(ctx: RequestContext, id: string, staffUserId: string): Promise<Case> {
  const c = await getCase(ctx, id);
  const person = await franchiseStaff(ctx, c, staffUserId, 'Staff user');
  if (c.ownerId) throw new ConflictError(`Case ${c.caseNo} already has an owner; transfer it with a reason instead`);
  Object.assign(c, { ownerId: person.id, ownedSince: clock.now() });
  recordActivity(ctx, c, { kind: CaseActivityKind.ASSIGNED, toStaffId: person.id });
  await flushCase(ctx, c);
  return c;
}

/** Hands an owned case to someone else: the owner or a holder of case:assign, with a reason, recorded. */
export async function transferCase(ctx: RequestContext, input: { id: string; toStaffUserId: string; reason: string }): Promise<Case> {
  const actor = requireActor(ctx);
  const c = await getCase(ctx, input.id);
  if (c.ownerId !== actor.id && !actor.permissions.has(CasePermission['case:assign']))
    throw new ForbiddenError('Only the case’s owner or someone who may assign cases can transfer it');
  if (c.stage === CaseStage.CLOSED) throw new ConflictError(`Case ${c.caseNo} is closed`);
  const person = await franchiseStaff(ctx, c, input.toStaffUserId, 'Staff user');
  if (person.id === c.ownerId) throw new BadUserInputError({ field: 'toStaffUserId', message: `${person.displayName} already owns the case` });
  recordActivity(ctx, c, { kind: CaseActivityKind.TRANSFERRED, fromStaffId: c.ownerId ?? null, toStaffId: person.id, reason: input.reason });
  Object.assign(c, { ownerId: person.id, ownedSince: clock.now() });
  await flushCase(ctx, c);
  return c;
}

/** The ladder, lowest first (the enum's order). */
const LEVELS = Object.values(EscalationLevel);

/** Moves a case up the escalation ladder (manual with a reason, or automatic on an SLA breach). */
export function escalate(ctx: RequestContext, c: Case, reason: string, level?: EscalationLevel | null, details: Record<string, unknown> = {}): void {
  const current = LEVELS.indexOf(c.escalationLevel);
  const target = level ?? LEVELS[Math.min(current + 1, LEVELS.length - 1)]!;
  if (LEVELS.indexOf(target) <= current)
    throw new BadUserInputError({ field: 'level', message: `the case is already at ${c.escalationLevel}; escalate to a higher level (${LEVELS.slice(current + 1).join(', ') || 'none left'})` });
  recordActivity(ctx, c, { kind: CaseActivityKind.ESCALATED, reason, details: { from: c.escalationLevel, to: target, ...details } });
  Object.assign(c, { escalationLevel: target, escalatedAt: clock.now() });
}

export async function escalateCase(ctx: RequestContext, input: { id: string; reason: string; level?: EscalationLevel | null }): Promise<Case> {
  const c = await getCase(ctx, input.id);
  if (c.stage === CaseStage.CLOSED) throw new ConflictError(`Case ${c.caseNo} is closed`);
  escalate(ctx, c, input.reason, input.level);
  await flushCase(ctx, c);
  return c;
}

/** Refers a case to a pharmacist or doctor for a medical answer; the question goes to the thread as a note. */
export async function referCaseToExpert(ctx: RequestContext, input: { id: string; expertId: string; question: string }): Promise<Case> {
  const actor = requireActor(ctx);
  const c = await getCase(ctx, input.id);
  if (c.stage === CaseStage.CLOSED || c.stage === CaseStage.RESOLVED) throw new ConflictError(`Case ${c.caseNo} is ${c.stage.toLowerCase()}`);
  const expert = await franchiseStaff(ctx, c, input.expertId, 'Staff user');
  if (expert.jobTitle !== JobTitle.PHARMACIST && expert.jobTitle !== JobTitle.DOCTOR)
    throw new BadUserInputError({ field: 'expertId', message: `${expert.displayName} is not a pharmacist or doctor` });
  c.expertId = expert.id;
  await addThreadMessage(ctx.em, c, { kind: CaseMessageKind.NOTE, body: input.question, authorId: actor.id });
  recordActivity(ctx, c, { kind: CaseActivityKind.REFERRED, toStaffId: expert.id, reason: input.question });
  await flushCase(ctx, c);
  return c;
}

/**
 * Adds to the thread. A customer's message on a case waiting for them brings it back to
 * work (the workflow's receive_info, when it has one), which resumes the SLA clocks.
 */
export async function addCaseMessage(ctx: RequestContext, input: AddCaseMessageInput): Promise<CaseMessage> {
  const actor = requireActor(ctx);
  const c = await getCase(ctx, input.caseId);
  if (c.stage === CaseStage.CLOSED) throw new ConflictError(`Case ${c.caseNo} is closed; open a new case`);
  const message = await addThreadMessage(ctx.em, c, { kind: input.kind, body: input.body, authorId: input.kind === CaseMessageKind.CUSTOMER ? null : actor.id, attachments: input.attachments });
  if (input.kind === CaseMessageKind.CUSTOMER && c.stage === CaseStage.PENDING_CUSTOMER) {
    const resume = (await caseWorkflow(ctx, c)).transitions.find((t) => t.action === 'receive_info' && t.from.includes(c.state));
    if (resume) {
      await ctx.em.flush();
      await transitionCase(ctx, { id: c.id, action: 'receive_info' });
      return message;
    }
  }
  await flushCase(ctx, c);
  return message;
}

export async function caseMessages(ctx: RequestContext, caseId: string, includeNotes: boolean): Promise<CaseMessage[]> {
  return ctx.em.find(CaseMessage, { caseId, ...(includeNotes ? {} : { kind: { $ne: CaseMessageKind.NOTE } }) }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

export async function caseActivities(ctx: RequestContext, caseId: string): Promise<CaseActivity[]> {
  return ctx.em.find(CaseActivity, { caseId }, { orderBy: { occurredAt: 'asc', id: 'asc' } });
}

/** Records a knowledge-base article used on the case (counted once per case) in the case's history. */
export async function linkArticle(ctx: RequestContext, caseId: string, articleId: string) {
  const c = await getCase(ctx, caseId);
  const article = await linkArticleToCase(ctx, c, articleId);
  recordActivity(ctx, c, { kind: CaseActivityKind.ARTICLE_LINKED, details: { articleId: article.id, title: article.title } });
  await flushCase(ctx, c);
  return article;
}
