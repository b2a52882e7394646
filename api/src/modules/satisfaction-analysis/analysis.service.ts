import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/auth/authorization';
import { calendarDate, clock } from '../../core/clock';
import { BadUserInputError, ForbiddenError, InvalidTransitionError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import { parseDay } from '../../core/read/report-period';
import { readFranchiseSettings, updateFranchiseSettings } from '../../core/services/franchise-settings';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { canSeeFranchise } from '../../core/tenancy/scope';
import { findStaff } from '../identity/staff.service';
import { orgUnitLoader } from '../org/org.loaders';
import { getOrgUnit } from '../org/org.service';
import { AnalysisStatus, ImprovementAction, ImprovementStatus, SatisfactionAnalysis, SatisfactionAnalysisSettings, type AnalysisProblem } from './analysis.entity';
import { proposeAnalysis } from './analysis-proposal';
import type {
  AddImprovementActionInput,
  CreateSatisfactionAnalysisInput,
  ReportImprovementProgressInput,
  SatisfactionAnalysisSettingsInput,
  UpdateSatisfactionAnalysisInput,
  VerifyImprovementActionInput,
} from './analysis.types';

const blank = (value: string | null | undefined) => !value || !value.trim();
const requireText = (field: string, value: string | null | undefined) => {
  if (blank(value)) throw new BadUserInputError({ field, message: 'must not be blank', reason: 'REQUIRED' });
  return value!.trim();
};
const actorId = (ctx: RequestContext) => {
  const actor = requireActor(ctx);
  return actor.kind === 'user' ? actor.id : null;
};

export async function franchiseToday(ctx: RequestContext, franchiseId: string, now = clock.now()): Promise<string> {
  return calendarDate(now, (await orgUnitLoader(ctx).load(franchiseId))?.timeZone ?? 'Asia/Shanghai');
}

// --- settings

export function getAnalysisSettings(ctx: RequestContext, franchiseId?: string | null): Promise<SatisfactionAnalysisSettings> {
  return readFranchiseSettings(ctx, SatisfactionAnalysisSettings, franchiseId ?? requireActor(ctx).franchiseId);
}

export function updateAnalysisSettings(ctx: RequestContext, input: SatisfactionAnalysisSettingsInput): Promise<SatisfactionAnalysisSettings> {
  return updateFranchiseSettings(ctx, SatisfactionAnalysisSettings, 'Satisfaction analysis settings', input, (s) => {
    const { franchiseId: _f, version: _v, ...values } = input;
    applyUpdate(s, values as Partial<SatisfactionAnalysisSettings>);
  });
}

// --- analyses

export async function getAnalysis(ctx: RequestContext, id: string): Promise<SatisfactionAnalysis> {
  const analysis = await ctx.em.findOne(SatisfactionAnalysis, { id });
  if (!analysis) throw new NotFoundError('Satisfaction analysis', id);
  return analysis;
}

/**
 * A supervisor's analysis of a period and scope: the system proposes the figures, the worst
 * questions, stores and agents, and the staffing / process reviews its rules flag (thresholds in
 * the franchise's settings); the supervisor then writes findings and grades problems.
 */
export async function createAnalysis(ctx: RequestContext, input: CreateSatisfactionAnalysisInput): Promise<SatisfactionAnalysis> {
  const actor = requireActor(ctx);
  const title = requireText('title', input.title);
  parseDay('from', input.from);
  parseDay('to', input.to);
  const store = input.storeId ? await getOrgUnit(ctx, input.storeId, 'Store') : null;
  const franchiseId = store?.franchiseId ?? input.franchiseId ?? actor.franchiseId;
  if (!canSeeFranchise(ctx.scope, franchiseId) || (store && input.franchiseId && input.franchiseId !== store.franchiseId)) throw new NotFoundError('Franchise', input.franchiseId ?? franchiseId);
  const settings = await getAnalysisSettings(ctx, franchiseId);
  const proposal = await proposeAnalysis(ctx, { franchiseId, storeId: store?.id ?? null, storePath: store?.path ?? null, from: input.from, to: input.to }, settings);
  const analysis = ctx.em.create(SatisfactionAnalysis, {
    franchiseId,
    title,
    periodFrom: input.from,
    periodTo: input.to,
    storeId: store?.id ?? null,
    ...proposal,
    authorId: actor.id,
  });
  await ctx.em.flush();
  await publishEvent(ctx, 'analysis.created', franchiseId, { analysisId: analysis.id, storeId: analysis.storeId ?? null, periodFrom: input.from, periodTo: input.to, flags: proposal.flags.map((f) => ({ kind: f.kind, agentId: f.agentId })) });
  return analysis;
}

function checkProblems(problems: AnalysisProblem[]): AnalysisProblem[] {
  const seen = new Set<string>();
  return problems.map((p, i) => {
    const key = p.key.trim();
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(key)) throw new BadUserInputError({ field: `problems.${i}.key`, message: 'must be 1–40 letters, digits, _ or -', reason: 'INVALID' });
    if (seen.has(key)) throw new BadUserInputError({ field: `problems.${i}.key`, message: `the key ${key} is used twice`, reason: 'DUPLICATE' });
    seen.add(key);
    return { key, title: requireText(`problems.${i}.title`, p.title), description: p.description?.trim() || null, grade: p.grade };
  });
}

function requireOpen(analysis: SatisfactionAnalysis, action: string) {
  if (analysis.status !== AnalysisStatus.OPEN) throw new InvalidTransitionError(analysis.status, action, [AnalysisStatus.OPEN]);
}

/** Findings and graded problems (a problem an action addresses cannot be taken out). */
export async function updateAnalysis(ctx: RequestContext, input: UpdateSatisfactionAnalysisInput): Promise<SatisfactionAnalysis> {
  const analysis = await getAnalysis(ctx, input.id);
  checkVersion(analysis, input.version, 'Satisfaction analysis');
  requireOpen(analysis, 'update');
  if (input.title !== undefined && input.title !== null) analysis.title = requireText('title', input.title);
  if (input.findings !== undefined) analysis.findings = input.findings?.trim() || null;
  if (input.problems) {
    const problems = checkProblems(input.problems as AnalysisProblem[]);
    const keys = new Set(problems.map((p) => p.key));
    const orphan = (await ctx.em.find(ImprovementAction, { analysisId: analysis.id, problemKey: { $ne: null } }, { fields: ['problemKey'] })).find((a) => !keys.has(a.problemKey!));
    if (orphan) throw new BadUserInputError({ field: 'problems', message: `the problem ${orphan.problemKey} has improvement actions and cannot be removed`, reason: 'IN_USE' });
    analysis.problems = problems;
  }
  await ctx.em.flush();
  return analysis;
}

/** Closed once every action of it is closed (HQ follows each to closure). */
export async function closeAnalysis(ctx: RequestContext, id: string, version: number): Promise<SatisfactionAnalysis> {
  const analysis = await getAnalysis(ctx, id);
  checkVersion(analysis, version, 'Satisfaction analysis');
  requireOpen(analysis, 'close');
  const open = await ctx.em.count(ImprovementAction, { analysisId: analysis.id, status: { $ne: ImprovementStatus.CLOSED } });
  if (open) throw new BadUserInputError({ field: 'id', message: `${open} improvement action(s) of this analysis are not closed yet`, reason: 'ACTIONS_OPEN', params: { count: open } });
  Object.assign(analysis, { status: AnalysisStatus.CLOSED, closedAt: clock.now() });
  await ctx.em.flush();
  await publishEvent(ctx, 'analysis.closed', analysis.franchiseId, { analysisId: analysis.id });
  return analysis;
}

// --- improvement actions

export async function getImprovementAction(ctx: RequestContext, id: string): Promise<ImprovementAction> {
  const action = await ctx.em.findOne(ImprovementAction, { id });
  if (!action) throw new NotFoundError('Improvement action', id);
  return action;
}

async function publishAction(ctx: RequestContext, a: ImprovementAction, change: 'created' | 'progress' | 'done' | 'closed' | 'reopened') {
  await publishEvent(ctx, 'improvement.changed', a.franchiseId, { actionId: a.id, analysisId: a.analysisId, ownerId: a.ownerId, status: a.status, change });
}

/** An action for a problem of the analysis: an owner of the franchise (usually the store director), a due date not past, the evidence expected. */
export async function addImprovementAction(ctx: RequestContext, input: AddImprovementActionInput): Promise<ImprovementAction> {
  const analysis = await getAnalysis(ctx, input.analysisId);
  requireOpen(analysis, 'addAction');
  const title = requireText('title', input.title);
  if (input.problemKey && !analysis.problems.some((p) => p.key === input.problemKey))
    throw new BadUserInputError({ field: 'problemKey', message: `the analysis has no problem ${input.problemKey}`, reason: 'NOT_FOUND' });
  const owner = await findStaff(ctx, input.ownerId);
  if (!owner || owner.franchiseId !== analysis.franchiseId) throw new NotFoundError('Staff user', input.ownerId);
  parseDay('dueDate', input.dueDate);
  if (input.dueDate < (await franchiseToday(ctx, analysis.franchiseId))) throw new BadUserInputError({ field: 'dueDate', message: 'must not be in the past', reason: 'OUT_OF_RANGE' });
  const store = input.storeId ? await getOrgUnit(ctx, input.storeId, 'Store') : null;
  if (store && store.franchiseId !== analysis.franchiseId) throw new NotFoundError('Store', input.storeId!);
  const action = ctx.em.create(ImprovementAction, {
    franchiseId: analysis.franchiseId,
    analysisId: analysis.id,
    problemKey: input.problemKey ?? null,
    title,
    description: input.description?.trim() || null,
    ownerId: owner.id,
    storeId: store?.id ?? analysis.storeId ?? null,
    dueDate: input.dueDate,
    evidenceRequired: input.evidenceRequired?.trim() || null,
    createdById: requireActor(ctx).id,
  });
  await ctx.em.flush();
  await publishAction(ctx, action, 'created');
  return action;
}

function checkUrls(urls: string[] | null | undefined): string[] {
  return (urls ?? []).map((raw, i) => {
    const url = raw.trim();
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new BadUserInputError({ field: `evidenceUrls.${i}`, message: 'must be an http(s) address', reason: 'INVALID_URL' });
    return url;
  });
}

/** The owner reports progress: a note, evidence addresses, and done (with evidence) for verification. */
export async function reportImprovementProgress(ctx: RequestContext, input: ReportImprovementProgressInput): Promise<ImprovementAction> {
  const action = await getImprovementAction(ctx, input.id);
  if (action.ownerId !== actorId(ctx)) throw new ForbiddenError('Only the action’s owner reports its progress');
  checkVersion(action, input.version, 'Improvement action');
  if (action.status !== ImprovementStatus.OPEN && action.status !== ImprovementStatus.IN_PROGRESS)
    throw new InvalidTransitionError(action.status, input.done ? 'done' : 'progress', [ImprovementStatus.OPEN, ImprovementStatus.IN_PROGRESS]);
  const note = requireText('note', input.note);
  const urls = checkUrls(input.evidenceUrls);
  const evidence = [...new Set([...action.evidenceUrls, ...urls])];
  if (input.done && !evidence.length) throw new BadUserInputError({ field: 'evidenceUrls', message: 'an action is done with evidence: give at least one address', reason: 'EVIDENCE_REQUIRED' });
  const now = clock.now();
  Object.assign(action, {
    notes: [...action.notes, { at: now, byId: actorId(ctx), note, evidenceUrls: urls }],
    evidenceUrls: evidence,
    status: input.done ? ImprovementStatus.DONE : ImprovementStatus.IN_PROGRESS,
    doneAt: input.done ? now : null,
  });
  await ctx.em.flush();
  await publishAction(ctx, action, input.done ? 'done' : 'progress');
  return action;
}

/** HQ or the supervisor verifies a done action: accepted closes it, rejected sends it back with the reason. */
export async function verifyImprovementAction(ctx: RequestContext, input: VerifyImprovementActionInput): Promise<ImprovementAction> {
  const action = await getImprovementAction(ctx, input.id);
  checkVersion(action, input.version, 'Improvement action');
  if (action.status !== ImprovementStatus.DONE) throw new InvalidTransitionError(action.status, input.accept ? 'close' : 'reopen', [ImprovementStatus.DONE]);
  if (action.ownerId === actorId(ctx)) throw new ForbiddenError('An action is verified by someone other than its owner');
  const comment = input.comment?.trim() || null;
  if (!input.accept && !comment) throw new BadUserInputError({ field: 'comment', message: 'say what is missing when sending an action back', reason: 'REQUIRED' });
  const now = clock.now();
  Object.assign(action, {
    notes: comment ? [...action.notes, { at: now, byId: actorId(ctx), note: comment, evidenceUrls: [] }] : action.notes,
    status: input.accept ? ImprovementStatus.CLOSED : ImprovementStatus.IN_PROGRESS,
    ...(input.accept ? { closedAt: now, closedById: actorId(ctx) } : { doneAt: null }),
  });
  await ctx.em.flush();
  await publishAction(ctx, action, input.accept ? 'closed' : 'reopened');
  return action;
}
