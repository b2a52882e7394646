import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import { BadUserInputError, ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import { readRows } from '../../core/read/sql';
import { checkVersion } from '../../core/services/updates';
import { addCallCounts, callKpis } from '../calls/call-kpi-definitions';
import { callKpiReport, callSettings } from '../calls/call-kpis';
import { CallKpiGroupBy, CallKpiPeriod, type CallKpiRow } from '../calls/call.types';
import { JobTitle, StaffStatus, StaffUser } from '../identity/staff-user.entity';
import { orgUnitScopeCondition } from '../org/org.service';
import { satisfactionFigures } from '../surveys/satisfaction-figures';
import { SatisfactionGroupBy } from '../surveys/survey.types';
import { checkBands, checkFormCategories, checkWeights, combine, dataScore, periodDays, previousPeriod, scoreForm, suggest } from './appraisal-score';
import { Appraisal, AppraisalCycle, AppraisalKind, AppraisalPlan, AppraisalSource, AppraisalStatus, type AppraisalPart } from './appraisal.entity';
import type { AcknowledgeAppraisalInput, AppraisalEvaluationInput, CreateAppraisalPlanInput, FinalizeAppraisalInput, OpenAppraisalCycleInput, UpdateAppraisalPlanInput } from './appraisal.types';
import { agentScores } from './quality.queries';
import { QualityPermission } from './quality.permissions';

/** HQ's shared default plans (written by the migration): the franchise chain's monthly and annual appraisal. */
export const DEFAULT_MONTHLY_PLAN_ID = '9a3c0d71-0000-4000-8000-000000000011';
export const DEFAULT_ANNUAL_PLAN_ID = '9a3c0d71-0000-4000-8000-000000000012';
export const APPRAISAL_BUILT_IN_ROWS = { appraisal_plan: [DEFAULT_MONTHLY_PLAN_ID, DEFAULT_ANNUAL_PLAN_ID] };

// ---- plans ----

export async function getAppraisalPlan(ctx: RequestContext, id: string): Promise<AppraisalPlan> {
  const plan = await ctx.em.findOne(AppraisalPlan, { id });
  if (!plan) throw new NotFoundError('Appraisal plan', id);
  return plan;
}

export async function createAppraisalPlan(ctx: RequestContext, input: CreateAppraisalPlanInput): Promise<AppraisalPlan> {
  const actor = requireActor(ctx);
  if (input.shared && !actor.isHq) throw new ForbiddenError('Only HQ writes shared appraisal plans; leave shared off to write one for your franchise');
  const weights = checkWeights('weights', input.weights);
  const formCategories = checkFormCategories('formCategories', input.formCategories);
  const bands = checkBands('bands', input.bands);
  const franchiseId = input.shared ? null : actor.franchiseId;
  if (await ctx.em.findOne(AppraisalPlan, { franchiseId, code: input.code }))
    throw new BadUserInputError({ field: 'code', message: `the code ${input.code} is already used by another plan`, reason: 'DUPLICATE' });
  const plan = ctx.em.create(AppraisalPlan, { franchiseId, code: input.code, name: input.name.trim(), kind: input.kind, weights, formCategories, bands, promotionAfter: input.promotionAfter ?? 3 });
  await ctx.em.flush();
  return plan;
}

/** A franchise edits its own plans; HQ's shared ones are read-only to it. Open cycles keep their copy. */
export async function updateAppraisalPlan(ctx: RequestContext, input: UpdateAppraisalPlanInput): Promise<AppraisalPlan> {
  const actor = requireActor(ctx);
  const plan = await getAppraisalPlan(ctx, input.id);
  if (plan.franchiseId == null && !actor.isHq) throw new ForbiddenError(`Appraisal plan ${plan.id} is shared by HQ and read-only for franchises; write one of your own`);
  checkVersion(plan, input.version, 'Appraisal plan');
  if (input.name != null) plan.name = input.name.trim();
  if (input.active != null) plan.active = input.active;
  if (input.weights) plan.weights = checkWeights('weights', input.weights);
  if (input.formCategories) plan.formCategories = checkFormCategories('formCategories', input.formCategories);
  if (input.bands) plan.bands = checkBands('bands', input.bands);
  if (input.promotionAfter != null) plan.promotionAfter = input.promotionAfter;
  await ctx.em.flush();
  return plan;
}

/** The plan a franchise's new cycle of the kind uses: its own active one, else HQ's. */
async function planFor(ctx: RequestContext, franchiseId: string, kind: AppraisalKind): Promise<AppraisalPlan> {
  const plans = await ctx.em.find(AppraisalPlan, { kind, active: true, $or: [{ franchiseId }, { franchiseId: null }] }, { orderBy: { createdAt: 'desc' } });
  const plan = plans.find((p) => p.franchiseId === franchiseId) ?? plans.find((p) => p.franchiseId == null);
  if (!plan) throw new BadUserInputError({ field: 'planId', message: `no active ${kind.toLowerCase()} appraisal plan; write one first`, reason: 'NO_PLAN' });
  return plan;
}

// ---- the system's parts (the existing figures, one definition each) ----

type SystemParts = Partial<Record<AppraisalSource, { score: number | null; basis: string | null }>>;

/**
 * The customer, QA and data parts of each agent for the cycle's period, from the figures the
 * product already defines: the satisfaction figures (satisfaction rate × 100), the QA agent
 * scores (calibration excluded) and the call KPIs against the franchise's targets (DATA_MAPPING).
 * Three reads for all the agents, whatever their number.
 */
async function systemParts(ctx: RequestContext, cycle: AppraisalCycle, agentId?: string): Promise<Map<string, SystemParts>> {
  const days = { from: cycle.firstDay, to: cycle.lastDay, franchiseId: cycle.franchiseId, agentId: agentId ?? null };
  // One after the other: they share the operation's connection.
  const satisfaction = await satisfactionFigures(ctx, { ...days, groupBy: SatisfactionGroupBy.AGENT });
  const qa = await agentScores(ctx, { from: cycle.startsAt, to: cycle.endsAt, agentId });
  const kpis = await callKpiReport(ctx, { ...days, period: CallKpiPeriod.MONTH, groupBy: CallKpiGroupBy.AGENT });
  const targets = await callSettings(ctx, cycle.franchiseId);
  const parts = new Map<string, SystemParts>();
  const of = (id: string) => parts.get(id) ?? (parts.set(id, {}), parts.get(id)!);
  for (const g of satisfaction.groups)
    if (g.key && g.satisfactionRate != null) of(g.key)[AppraisalSource.CUSTOMER] = { score: Math.round(g.satisfactionRate * 1000) / 10, basis: `${g.satisfied}/${g.rated}` };
  for (const s of qa) if (s.averageScore != null) of(s.agentId)[AppraisalSource.QA] = { score: s.averageScore, basis: String(s.reviews) };
  const rowsByAgent = new Map<string, CallKpiRow[]>();
  for (const r of kpis.rows) if (r.key) rowsByAgent.set(r.key, [...(rowsByAgent.get(r.key) ?? []), r]);
  for (const [id, rows] of rowsByAgent) {
    // The months of an annual cycle summed as counts, then the rates made of them (the KPIs' one definition).
    const counts = addCallCounts(rows as unknown as Parameters<typeof addCallCounts>[0]);
    const score = dataScore(callKpis(counts, targets), targets);
    if (score != null) of(id)[AppraisalSource.DATA] = { score, basis: `${counts.answered}/${counts.offered}` };
  }
  return parts;
}

const partScore = (parts: readonly AppraisalPart[], source: AppraisalSource) => {
  const part = parts.find((p) => p.source === source);
  return { score: part?.score ?? null, basis: part?.basis ?? null };
};

/** Recomputes the result from the appraisal's forms and the given (or stored) system parts. */
function recombine(cycle: AppraisalCycle, appraisal: Appraisal, system?: SystemParts): void {
  const stored = appraisal.parts ?? [];
  const scores: SystemParts = {
    [AppraisalSource.SELF]: { score: appraisal.selfRatings ? scoreForm('selfRatings', cycle.formCategories, appraisal.selfRatings).score : null, basis: null },
    [AppraisalSource.SUPERVISOR]: { score: appraisal.supervisorRatings ? scoreForm('supervisorRatings', cycle.formCategories, appraisal.supervisorRatings).score : null, basis: null },
  };
  for (const source of [AppraisalSource.CUSTOMER, AppraisalSource.QA, AppraisalSource.DATA])
    scores[source] = system ? (system[source] ?? { score: null, basis: null }) : partScore(stored, source);
  const { parts, score } = combine(cycle.weights, scores);
  appraisal.parts = parts;
  appraisal.score = score;
  if (system) appraisal.partsComputedAt = clock.now();
}

// ---- cycles ----

export async function getAppraisalCycle(ctx: RequestContext, id: string): Promise<AppraisalCycle> {
  const cycle = await ctx.em.findOne(AppraisalCycle, { id });
  if (!cycle) throw new NotFoundError('Appraisal cycle', id);
  return cycle;
}

/**
 * Opens a month or a year of the caller's franchise (its time zone's boundaries) with a copy of
 * the plan, and an appraisal for every active agent in the caller's part of the organisation,
 * the customer, QA and data parts read from the period's figures so far.
 */
export async function openAppraisalCycle(ctx: RequestContext, input: OpenAppraisalCycleInput): Promise<AppraisalCycle> {
  const actor = requireActor(ctx);
  const franchiseId = actor.franchiseId;
  const { firstDay, lastDay, nextDay } = periodDays(input.kind, input.period);
  const plan = input.planId ? await getAppraisalPlan(ctx, input.planId) : await planFor(ctx, franchiseId, input.kind);
  if (plan.kind !== input.kind) throw new BadUserInputError({ field: 'planId', message: `the plan ${plan.name} is for ${plan.kind.toLowerCase()} cycles`, reason: 'WRONG_KIND' });
  if (await ctx.em.findOne(AppraisalCycle, { franchiseId, kind: input.kind, period: input.period }, { fields: ['id'] }))
    throw new ConflictError(`the ${input.kind.toLowerCase()} cycle ${input.period} is already open`, { reason: 'ALREADY_OPEN' });
  const [bounds] = await readRows<{ starts: Date; ends: Date }>(
    ctx.em,
    `select cast(? as timestamp) at time zone u.time_zone as starts, cast(? as timestamp) at time zone u.time_zone as ends from org_unit u where u.id = ?`,
    [firstDay, nextDay, franchiseId],
  );
  if (!bounds) throw new NotFoundError('Franchise', franchiseId);
  const cycle = ctx.em.create(AppraisalCycle, {
    franchiseId,
    kind: input.kind,
    period: input.period,
    startsAt: new Date(bounds.starts),
    endsAt: new Date(bounds.ends),
    firstDay,
    lastDay,
    planId: plan.id,
    planName: plan.name,
    weights: plan.weights,
    formCategories: plan.formCategories,
    bands: plan.bands,
    promotionAfter: plan.promotionAfter,
    openedById: actor.id,
  });
  const agents = await ctx.em.find(StaffUser, { franchiseId, jobTitle: JobTitle.AGENT, status: StaffStatus.ACTIVE, ...(await orgUnitScopeCondition(ctx)) }, { fields: ['id', 'orgUnitId'], orderBy: { displayName: 'asc' } });
  const system = await systemParts(ctx, cycle);
  for (const agent of agents) {
    const appraisal = ctx.em.create(Appraisal, { franchiseId, cycleId: cycle.id, kind: cycle.kind, period: cycle.period, agentId: agent.id, orgUnitId: agent.orgUnitId, parts: [], partsComputedAt: clock.now() });
    recombine(cycle, appraisal, system.get(agent.id) ?? {});
  }
  await ctx.em.flush();
  await publishEvent(ctx, 'appraisal.cycle_opened', franchiseId, { cycleId: cycle.id, kind: cycle.kind, period: cycle.period, appraisals: agents.length });
  return cycle;
}

// ---- appraisals ----

const manages = (ctx: RequestContext) => requireActor(ctx).permissions.has(QualityPermission['appraisal:manage']);

/** The appraisal if the caller may see it: their own, or (with appraisal:manage) one in their part of the organisation. */
export async function findAppraisal(ctx: RequestContext, id: string): Promise<Appraisal | null> {
  const actor = requireActor(ctx);
  const appraisal = await ctx.em.findOne(Appraisal, { id });
  if (!appraisal) return null;
  if (appraisal.agentId === actor.id) return appraisal;
  if (!manages(ctx)) return null;
  const scope = await orgUnitScopeCondition(ctx);
  return !scope.orgUnitId || scope.orgUnitId.$in.includes(appraisal.orgUnitId) ? appraisal : null;
}

async function getAppraisal(ctx: RequestContext, id: string): Promise<Appraisal> {
  const appraisal = await findAppraisal(ctx, id);
  if (!appraisal) throw new NotFoundError('Appraisal', id);
  return appraisal;
}

/** A finalized appraisal never changes (but for the agent's acknowledgement). */
function requireOpen(appraisal: Appraisal, action: string): void {
  if (appraisal.status !== AppraisalStatus.OPEN) throw new InvalidTransitionError(appraisal.status, action, [AppraisalStatus.OPEN]);
}

/** The agent fills (or refills, until finalized) their self-evaluation form. */
export async function submitSelfEvaluation(ctx: RequestContext, input: AppraisalEvaluationInput): Promise<Appraisal> {
  const actor = requireActor(ctx);
  const appraisal = await getAppraisal(ctx, input.id);
  if (appraisal.agentId !== actor.id) throw new ForbiddenError('Only the agent appraised fills the self-evaluation');
  checkVersion(appraisal, input.version, 'Appraisal');
  requireOpen(appraisal, 'self-evaluate');
  const cycle = await getAppraisalCycle(ctx, appraisal.cycleId);
  const form = scoreForm('ratings', cycle.formCategories, input.ratings);
  Object.assign(appraisal, { selfRatings: form.ratings, selfComment: input.comment?.trim() || null, selfSubmittedAt: clock.now() });
  recombine(cycle, appraisal);
  await ctx.em.flush();
  return appraisal;
}

/** The supervisor's evaluation (never of oneself); the customer, QA and data parts are read again. */
export async function evaluateAppraisal(ctx: RequestContext, input: AppraisalEvaluationInput): Promise<Appraisal> {
  const actor = requireActor(ctx);
  const appraisal = await getAppraisal(ctx, input.id);
  if (appraisal.agentId === actor.id) throw new ForbiddenError('Nobody evaluates their own appraisal as supervisor');
  checkVersion(appraisal, input.version, 'Appraisal');
  requireOpen(appraisal, 'evaluate');
  const cycle = await getAppraisalCycle(ctx, appraisal.cycleId);
  const form = scoreForm('ratings', cycle.formCategories, input.ratings);
  Object.assign(appraisal, { supervisorRatings: form.ratings, supervisorComment: input.comment?.trim() || null, supervisorId: actor.id, supervisorEvaluatedAt: clock.now() });
  recombine(cycle, appraisal, (await systemParts(ctx, cycle, appraisal.agentId)).get(appraisal.agentId) ?? {});
  await ctx.em.flush();
  return appraisal;
}

/** The band keys of the agent's previous cycles of the kind, newest first, as long as they follow one another. */
async function previousBands(ctx: RequestContext, appraisal: Appraisal, count: number): Promise<(string | null)[]> {
  if (count <= 0) return [];
  const earlier = await ctx.em.find(
    Appraisal,
    { agentId: appraisal.agentId, kind: appraisal.kind, period: { $lt: appraisal.period }, status: { $in: [AppraisalStatus.FINALIZED, AppraisalStatus.ACKNOWLEDGED] } },
    { fields: ['period', 'bandKey'], orderBy: { period: 'desc' }, limit: count },
  );
  const keys: (string | null)[] = [];
  let expected = previousPeriod(appraisal.kind, appraisal.period);
  for (const a of earlier) {
    if (a.period !== expected) break;
    keys.push(a.bandKey ?? null);
    expected = previousPeriod(appraisal.kind, a.period);
  }
  return keys;
}

/**
 * The supervisor records the result: the parts read a last time, the band, and the consequence
 * (the band's suggestion, PROMOTION_PRIORITY after repeated excellence; another one with a
 * reason). Immutable afterwards; the agent is told (appraisal.finalized).
 */
export async function finalizeAppraisal(ctx: RequestContext, input: FinalizeAppraisalInput): Promise<Appraisal> {
  const actor = requireActor(ctx);
  const appraisal = await getAppraisal(ctx, input.id);
  if (appraisal.agentId === actor.id) throw new ForbiddenError('Nobody finalizes their own appraisal');
  checkVersion(appraisal, input.version, 'Appraisal');
  requireOpen(appraisal, 'finalize');
  if (!appraisal.supervisorRatings) throw new BadUserInputError({ field: 'id', message: 'the supervisor’s evaluation comes before the result', reason: 'SUPERVISOR_EVALUATION_MISSING' });
  const cycle = await getAppraisalCycle(ctx, appraisal.cycleId);
  recombine(cycle, appraisal, (await systemParts(ctx, cycle, appraisal.agentId)).get(appraisal.agentId) ?? {});
  const { band, consequence: suggested, streak } = suggest(cycle.bands, cycle.promotionAfter, appraisal.score ?? 0, await previousBands(ctx, appraisal, cycle.promotionAfter - 1));
  const consequence = input.consequence ?? suggested;
  const reason = input.consequenceReason?.trim() || null;
  if (consequence !== suggested && !reason)
    throw new BadUserInputError({ field: 'consequenceReason', message: `the band suggests ${suggested}; say why it is ${consequence}`, reason: 'REQUIRED', params: { suggested } });
  Object.assign(appraisal, {
    bandKey: band.key,
    bandName: band.name,
    suggestedConsequence: suggested,
    excellentStreak: streak,
    consequence,
    consequenceReason: reason,
    status: AppraisalStatus.FINALIZED,
    finalizedAt: clock.now(),
    finalizedById: actor.id,
  });
  await ctx.em.flush();
  await publishEvent(ctx, 'appraisal.finalized', appraisal.franchiseId, { appraisalId: appraisal.id, agentId: appraisal.agentId, period: appraisal.period, kind: appraisal.kind, score: appraisal.score ?? null, band: band.key, consequence });
  return appraisal;
}

/** The agent acknowledges their finalized result, with an optional comment. */
export async function acknowledgeAppraisal(ctx: RequestContext, input: AcknowledgeAppraisalInput): Promise<Appraisal> {
  const actor = requireActor(ctx);
  const appraisal = await getAppraisal(ctx, input.id);
  if (appraisal.agentId !== actor.id) throw new ForbiddenError('Only the agent appraised acknowledges the result');
  checkVersion(appraisal, input.version, 'Appraisal');
  if (appraisal.status !== AppraisalStatus.FINALIZED) throw new InvalidTransitionError(appraisal.status, 'acknowledge', [AppraisalStatus.FINALIZED]);
  Object.assign(appraisal, { status: AppraisalStatus.ACKNOWLEDGED, acknowledgedAt: clock.now(), acknowledgementComment: input.comment?.trim() || null });
  await ctx.em.flush();
  await publishEvent(ctx, 'appraisal.acknowledged', appraisal.franchiseId, { appraisalId: appraisal.id, agentId: appraisal.agentId });
  return appraisal;
}

