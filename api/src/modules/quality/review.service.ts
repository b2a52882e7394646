import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import { BadUserInputError, ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, type FieldProblem } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import { checkVersion } from '../../core/services/updates';
import { getCase } from '../cases/case.service';
import { getCall } from '../calls/call.service';
import { CallDirection } from '../calls/call.entity';
import { findStaff } from '../identity/staff.service';
import { getCallbackTask } from '../surveys/callback.service';
import { QualityPermission } from './quality.permissions';
import type { CreateQaCalibrationSessionInput, DisputeQaReviewInput, QaRatingInput, ResolveQaDisputeInput, SubmitQaReviewInput } from './quality.types';
import { SCALE_RANGE, scoreReview, type ReviewScore } from './review-score';
import { QaCalibrationSession, QaCalibrationStatus, QaDisputeOutcome, QaReview, QaReviewStatus, QaTargetKind, type QaRating } from './review.entity';
import type { QaCategory } from './scorecard.entity';
import { getScorecard } from './scorecard.service';

interface ReviewTarget {
  franchiseId: string;
  /** The agent whose handling is reviewed (null: nobody handled it yet). */
  agentId: string | null;
  ref: string;
}

/** The case, callback or call reviewed, within the caller's reach (NOT_FOUND otherwise). */
async function reviewTarget(ctx: RequestContext, kind: QaTargetKind, id: string): Promise<ReviewTarget> {
  if (kind === QaTargetKind.CASE) {
    const c = await getCase(ctx, id);
    return { franchiseId: c.franchiseId, agentId: c.ownerId ?? null, ref: c.caseNo };
  }
  if (kind === QaTargetKind.CALL) {
    // The calls module's service: another franchise's call, or one outside the caller's part of the organisation, is NOT_FOUND.
    const call = await getCall(ctx, id);
    const inbound = call.direction === CallDirection.INBOUND;
    const ref = `${inbound ? '来电' : '去电'} ${inbound ? call.callerNumber : call.calleeNumber}${call.partnerCallId ? ` · ${call.partnerCallId}` : ''}`;
    return { franchiseId: call.franchiseId, agentId: call.agentId ?? null, ref };
  }
  const task = await getCallbackTask(ctx, id);
  return { franchiseId: task.franchiseId, agentId: task.closedById ?? task.assigneeId ?? null, ref: task.title };
}

/**
 * Ratings for every criterion of the categories (left out: N/A), checked against each scale;
 * `over` gives the ratings the input changes (a dispute names only those that differ).
 */
function checkRatings(categories: readonly QaCategory[], input: readonly QaRatingInput[], field: string, over: readonly QaRating[] = []): QaRating[] {
  const criteria = new Map(categories.flatMap((c) => c.criteria).map((c) => [c.key, c]));
  const problems: FieldProblem[] = [];
  const given = new Map<string, QaRating>(over.map((r) => [r.criterionKey, r]));
  const seen = new Set<string>();
  input.forEach((r, i) => {
    const at = `${field}.${i}`;
    const criterion = criteria.get(r.criterionKey);
    if (!criterion) return void problems.push({ field: `${at}.criterionKey`, message: `the scorecard has no criterion ${r.criterionKey}`, reason: 'UNKNOWN' });
    if (seen.has(r.criterionKey)) return void problems.push({ field: `${at}.criterionKey`, message: `${r.criterionKey} is rated twice`, reason: 'DUPLICATE' });
    seen.add(r.criterionKey);
    const [min, max] = SCALE_RANGE[criterion.scale];
    if (r.rating != null && (!Number.isInteger(r.rating) || r.rating < min || r.rating > max))
      problems.push({ field: `${at}.rating`, message: `${criterion.name} (${r.criterionKey}) takes a whole number from ${min} to ${max}, or none for N/A`, reason: 'OUT_OF_RANGE', params: { min, max } });
    given.set(r.criterionKey, { criterionKey: r.criterionKey, rating: r.rating ?? null, comment: r.comment?.trim() || (r.rating === undefined ? given.get(r.criterionKey)?.comment : null) || null });
  });
  if (problems.length) throw new BadUserInputError(problems);
  return [...criteria.keys()].map((key) => given.get(key) ?? { criterionKey: key, rating: null, comment: null });
}

function applyScore(review: QaReview, ratings: QaRating[]): void {
  const { categoryScores, score, criticalMisses } = scoreReview(review.categories, ratings);
  Object.assign(review, { ratings, categoryScores, score, criticalMisses });
}

/** Whether the caller may see this review: reviewers of the scope see counted reviews; agents their own; calibration reviews are blind (see QaCalibrationSession). */
async function canSee(ctx: RequestContext, review: QaReview): Promise<boolean> {
  const actor = requireActor(ctx);
  if (review.calibrationSessionId) return review.reviewerId === actor.id || (await calibrationRevealed(ctx, review.calibrationSessionId));
  return actor.permissions.has(QualityPermission['quality:read']) || review.agentId === actor.id;
}

export async function findReview(ctx: RequestContext, id: string): Promise<QaReview | null> {
  const review = await ctx.em.findOne(QaReview, { id });
  return review && (await canSee(ctx, review)) ? review : null;
}

async function getReview(ctx: RequestContext, id: string): Promise<QaReview> {
  const review = await findReview(ctx, id);
  if (!review) throw new NotFoundError('QA review', id);
  return review;
}

/** What the ratings would score on the scorecard, nothing written (bad ratings refused as on submit). */
export async function previewScore(ctx: RequestContext, input: { scorecardId: string; ratings: QaRatingInput[] }): Promise<ReviewScore> {
  const scorecard = await getScorecard(ctx, input.scorecardId);
  return scoreReview(scorecard.categories, checkRatings(scorecard.categories, input.ratings, 'ratings'));
}

/** Scores an agent's handling of a case or callback with a scorecard (or takes part in a calibration session). */
export async function submitReview(ctx: RequestContext, input: SubmitQaReviewInput): Promise<QaReview> {
  const actor = requireActor(ctx);
  const scorecard = await getScorecard(ctx, input.scorecardId);
  const target = await reviewTarget(ctx, input.targetKind, input.targetId);
  const session = input.calibrationSessionId ? await getCalibrationSession(ctx, input.calibrationSessionId) : null;
  if (session) {
    if (session.status !== QaCalibrationStatus.OPEN) throw new InvalidTransitionError(session.status, 'score in', [QaCalibrationStatus.OPEN]);
    if (!session.reviewerIds.includes(actor.id)) throw new ForbiddenError('You are not one of this calibration session’s reviewers');
    if (session.targetKind !== input.targetKind || session.targetId !== input.targetId || session.scorecardId !== scorecard.id)
      throw new BadUserInputError({ field: 'targetId', message: 'a calibration review scores the session’s item with the session’s scorecard', reason: 'NOT_SESSION_ITEM' });
    if (await ctx.em.count(QaReview, { calibrationSessionId: session.id, reviewerId: actor.id }))
      throw new ConflictError('You have already scored this calibration session', { reason: 'ALREADY_REVIEWED' });
  } else {
    if (!scorecard.active) throw new BadUserInputError({ field: 'scorecardId', message: `the scorecard ${scorecard.name} is inactive`, reason: 'INACTIVE' });
    if (!target.agentId) throw new BadUserInputError({ field: 'targetId', message: `${target.ref} has no agent to review yet`, reason: 'NO_AGENT' });
    if (target.agentId === actor.id) throw new BadUserInputError({ field: 'targetId', message: 'nobody reviews their own work', reason: 'SELF_REVIEW' });
    const existing = await ctx.em.findOne(QaReview, { targetKind: input.targetKind, targetId: input.targetId, calibrationSessionId: null }, { fields: ['id'] });
    if (existing) throw new ConflictError(`${target.ref} has already been reviewed`, { reason: 'ALREADY_REVIEWED', params: { reviewId: existing.id } });
  }
  const review = ctx.em.create(QaReview, {
    franchiseId: target.franchiseId,
    scorecardId: scorecard.id,
    scorecardName: scorecard.name,
    categories: scorecard.categories,
    targetKind: input.targetKind,
    targetId: input.targetId,
    targetRef: target.ref,
    agentId: target.agentId ?? actor.id,
    reviewerId: actor.id,
    calibrationSessionId: session?.id ?? null,
    ratings: [],
    categoryScores: [],
    comment: input.comment?.trim() || null,
    rootCauses: [...new Set((input.rootCauses ?? []).map((c) => c.trim()).filter(Boolean))],
    reviewedAt: clock.now(),
    // A calibration review is practice: nothing to dispute.
    status: session ? QaReviewStatus.FINAL : QaReviewStatus.SUBMITTED,
  });
  applyScore(review, checkRatings(review.categories, input.ratings, 'ratings'));
  await ctx.em.flush();
  await publishEvent(ctx, 'quality.reviewed', review.franchiseId, { reviewId: review.id, agentId: review.agentId, score: review.score ?? null, calibration: !!session });
  return review;
}

/** The agent disputes their review once, with reasons and the ratings they think right. */
export async function disputeReview(ctx: RequestContext, input: DisputeQaReviewInput): Promise<QaReview> {
  const actor = requireActor(ctx);
  const review = await getReview(ctx, input.id);
  if (review.agentId !== actor.id) throw new ForbiddenError('Only the agent reviewed can dispute a review');
  checkVersion(review, input.version, 'QA review');
  if (review.status !== QaReviewStatus.SUBMITTED) throw new InvalidTransitionError(review.status, 'dispute', [QaReviewStatus.SUBMITTED]);
  const proposed = checkRatings(review.categories, input.proposedRatings ?? [], 'proposedRatings', review.ratings);
  Object.assign(review, { status: QaReviewStatus.DISPUTED, disputedAt: clock.now(), disputeComment: input.comment.trim(), proposedRatings: proposed });
  await ctx.em.flush();
  await publishEvent(ctx, 'quality.disputed', review.franchiseId, { reviewId: review.id, agentId: review.agentId });
  return review;
}

/** The agent accepts their review as it is: final. */
export async function acknowledgeReview(ctx: RequestContext, input: { id: string; version: number }): Promise<QaReview> {
  const actor = requireActor(ctx);
  const review = await getReview(ctx, input.id);
  if (review.agentId !== actor.id) throw new ForbiddenError('Only the agent reviewed can acknowledge a review');
  checkVersion(review, input.version, 'QA review');
  if (review.status !== QaReviewStatus.SUBMITTED) throw new InvalidTransitionError(review.status, 'acknowledge', [QaReviewStatus.SUBMITTED]);
  review.status = QaReviewStatus.FINAL;
  await ctx.em.flush();
  return review;
}

/** A reviewer answers a dispute: accepted (the agent's ratings), partly accepted (new ratings) or rejected; the result is final. */
export async function resolveDispute(ctx: RequestContext, input: ResolveQaDisputeInput): Promise<QaReview> {
  const actor = requireActor(ctx);
  const review = await getReview(ctx, input.id);
  checkVersion(review, input.version, 'QA review');
  if (review.status !== QaReviewStatus.DISPUTED) throw new InvalidTransitionError(review.status, 'resolve a dispute of', [QaReviewStatus.DISPUTED]);
  if (review.agentId === actor.id) throw new ForbiddenError('Nobody answers a dispute of their own review');
  const scoreBefore = review.score ?? null;
  if (input.outcome === QaDisputeOutcome.ACCEPTED) applyScore(review, review.proposedRatings ?? review.ratings);
  else if (input.outcome === QaDisputeOutcome.PARTLY_ACCEPTED) {
    if (!input.ratings?.length) throw new BadUserInputError({ field: 'ratings', message: 'a partly accepted dispute names the ratings that change', reason: 'REQUIRED' });
    applyScore(review, checkRatings(review.categories, input.ratings, 'ratings', review.ratings));
  }
  Object.assign(review, {
    status: QaReviewStatus.FINAL,
    disputeOutcome: input.outcome,
    resolutionComment: input.comment.trim(),
    resolvedById: actor.id,
    resolvedAt: clock.now(),
    scoreBeforeDispute: scoreBefore,
  });
  await ctx.em.flush();
  await publishEvent(ctx, 'quality.dispute_resolved', review.franchiseId, { reviewId: review.id, agentId: review.agentId, outcome: input.outcome, scoreBefore, score: review.score ?? null });
  return review;
}

export async function getCalibrationSession(ctx: RequestContext, id: string): Promise<QaCalibrationSession> {
  const session = await ctx.em.findOne(QaCalibrationSession, { id });
  if (!session) throw new NotFoundError('Calibration session', id);
  return session;
}

/** Others' calibration scores show once the session is closed or the caller has scored it (blind until then). */
export async function calibrationRevealed(ctx: RequestContext, sessionId: string): Promise<boolean> {
  const actor = requireActor(ctx);
  const session = await ctx.em.findOne(QaCalibrationSession, { id: sessionId }, { fields: ['status'] });
  if (!session) return false;
  return session.status === QaCalibrationStatus.CLOSED || (await ctx.em.count(QaReview, { calibrationSessionId: sessionId, reviewerId: actor.id })) > 0;
}

export async function createCalibrationSession(ctx: RequestContext, input: CreateQaCalibrationSessionInput): Promise<QaCalibrationSession> {
  const actor = requireActor(ctx);
  const scorecard = await getScorecard(ctx, input.scorecardId);
  const target = await reviewTarget(ctx, input.targetKind, input.targetId);
  const reviewerIds = [...new Set(input.reviewerIds)];
  const problems: FieldProblem[] = [];
  for (const [i, id] of reviewerIds.entries()) {
    const reviewer = await findStaff(ctx, id);
    if (!reviewer || reviewer.franchiseId !== target.franchiseId) problems.push({ field: `reviewerIds.${i}`, message: `no staff member ${id} in the item’s franchise`, reason: 'UNKNOWN' });
  }
  if (reviewerIds.length < 2) problems.push({ field: 'reviewerIds', message: 'a calibration session needs at least two different reviewers', reason: 'TOO_FEW' });
  if (problems.length) throw new BadUserInputError(problems);
  const session = ctx.em.create(QaCalibrationSession, {
    franchiseId: target.franchiseId,
    name: input.name.trim(),
    scorecardId: scorecard.id,
    targetKind: input.targetKind,
    targetId: input.targetId,
    reviewerIds,
    createdById: actor.id,
  });
  await ctx.em.flush();
  return session;
}

export async function closeCalibrationSession(ctx: RequestContext, input: { id: string; version: number }): Promise<QaCalibrationSession> {
  const session = await getCalibrationSession(ctx, input.id);
  checkVersion(session, input.version, 'Calibration session');
  if (session.status !== QaCalibrationStatus.OPEN) throw new InvalidTransitionError(session.status, 'close', [QaCalibrationStatus.OPEN]);
  Object.assign(session, { status: QaCalibrationStatus.CLOSED, closedAt: clock.now() });
  await ctx.em.flush();
  return session;
}
