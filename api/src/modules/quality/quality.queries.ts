import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/auth/authorization';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { byIdLoader } from '../../core/loaders';
import { readPage, type ReadSpec } from '../../core/read/page';
import { readRows } from '../../core/read/sql';
import type { Selection } from '../../core/read/selection';
import { BadUserInputError } from '../../core/errors';
import { parseDay } from '../../core/read/report-period';
import type { CallRecord } from '../calls/call.entity';
import { callReviewCandidates, listCalls } from '../calls/call.queries';
import { QualityPermission } from './quality.permissions';
import type { QaAgentScore, QaCalibrationSpread, QaReviewFilter, QaReviewQueue } from './quality.types';
import { QaCalibrationSession, QaCalibrationStatus, QaReview, QaTargetKind } from './review.entity';
import { QaScorecard } from './scorecard.entity';

const SCORECARD_READ: ReadSpec<QaScorecard> = { entity: QaScorecard, always: ['id', 'franchiseId'] };
const REVIEW_READ: ReadSpec<QaReview> = { entity: QaReview, always: ['id', 'franchiseId', 'agentId', 'reviewerId', 'calibrationSessionId'] };
const SESSION_READ: ReadSpec<QaCalibrationSession> = { entity: QaCalibrationSession, always: ['id', 'franchiseId', 'status'] };

/** Scorecards: HQ's shared ones and the caller's franchise's own. */
export function listScorecards(ctx: RequestContext, args: ListArgs, selection: Selection | null, activeOnly: boolean) {
  return readPage(ctx.em, SCORECARD_READ, args, selection, { where: activeOnly ? { active: true } : {}, defaultSort: [{ field: 'code', direction: SortDirection.ASC }] });
}

/**
 * Reviews that count (calibration ones on request), newest first. Callers without quality:read
 * (agents) see only their own, never calibration practice.
 */
export function listReviews(ctx: RequestContext, filter: QaReviewFilter, args: ListArgs, selection: Selection | null) {
  const actor = requireActor(ctx);
  const everyone = actor.permissions.has(QualityPermission['quality:read']);
  const reviewedAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  const where = {
    ...(everyone ? (filter.agentId ? { agentId: filter.agentId } : {}) : { agentId: actor.id }),
    ...(everyone && filter.reviewerId ? { reviewerId: filter.reviewerId } : {}),
    ...(everyone && filter.calibration ? {} : { calibrationSessionId: null }),
    ...(filter.targetKind ? { targetKind: filter.targetKind } : {}),
    ...(filter.targetId ? { targetId: filter.targetId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(Object.keys(reviewedAt).length ? { reviewedAt } : {}),
  };
  return readPage(ctx.em, REVIEW_READ, args, selection, { where, defaultSort: [{ field: 'reviewedAt', direction: SortDirection.DESC }] });
}

export function listCalibrationSessions(ctx: RequestContext, args: ListArgs, selection: Selection | null) {
  return readPage(ctx.em, SESSION_READ, args, selection, { defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}

/**
 * Per request and page: whether each calibration session's scores show to the caller (closed, or
 * they scored it), two statements for all the page's sessions.
 */
export const calibrationRevealedLoader = (ctx: RequestContext) =>
  ctx.loaders.get('quality.calibrationRevealed', () =>
    new DataLoader<string, boolean>(async (ids) => {
      const actor = requireActor(ctx);
      const sessions = await ctx.em.find(QaCalibrationSession, { id: { $in: [...ids] } }, { fields: ['status'] });
      const scored = await ctx.em.find(QaReview, { calibrationSessionId: { $in: [...ids] }, reviewerId: actor.id }, { fields: ['calibrationSessionId'] });
      const revealed = new Set([...sessions.filter((s) => s.status === QaCalibrationStatus.CLOSED).map((s) => s.id), ...scored.map((r) => r.calibrationSessionId!)]);
      return ids.map((id) => revealed.has(id));
    }),
  );

/** The sessions' reviews as the caller may see them: their own until they scored or the session closed, then all (one statement per page). */
export const calibrationReviewsLoader = (ctx: RequestContext) =>
  ctx.loaders.get('quality.calibrationReviews', () =>
    new DataLoader<string, QaReview[]>(async (ids) => {
      const actor = requireActor(ctx);
      const [reviews, revealed] = await Promise.all([
        ctx.em.find(QaReview, { calibrationSessionId: { $in: [...ids] } }, { orderBy: { reviewedAt: 'asc' } }),
        calibrationRevealedLoader(ctx).loadMany([...ids]),
      ]);
      return ids.map((id, i) => reviews.filter((r) => r.calibrationSessionId === id && (revealed[i] === true || r.reviewerId === actor.id)));
    }),
  );

/** How far apart the session's scores are (one statement). */
export async function calibrationSpread(ctx: RequestContext, sessionId: string): Promise<QaCalibrationSpread> {
  const [row] = await readRows<{ reviews: number; min: string | null; max: string | null; mean: string | null; sd: string | null }>(
    ctx.em,
    `select count(*)::int as reviews, min(score) as min, max(score) as max, round(avg(score)::numeric, 1) as mean, round(stddev_pop(score)::numeric, 1) as sd
       from qa_review where calibration_session_id = ?`,
    [sessionId],
  );
  const num = (v: string | null | undefined) => (v == null ? null : Number(v));
  return { reviews: row?.reviews ?? 0, min: num(row?.min), max: num(row?.max), mean: num(row?.mean), standardDeviation: num(row?.sd) };
}

/**
 * Each agent's reviews that count (calibration excluded) reviewed in [from, to): number, mean
 * score, critical failures, disputes. One statement; row-level security keeps it to the caller's franchise.
 */
export async function agentScores(ctx: RequestContext, range: { from: Date; to: Date; agentId?: string | null }): Promise<QaAgentScore[]> {
  const rows = await readRows<{ agentId: string; reviews: number; average: string | null; critical: number; disputed: number }>(
    ctx.em,
    `select agent_id as "agentId", count(*)::int as reviews, round(avg(score)::numeric, 1) as average,
            count(*) filter (where cardinality(critical_misses) > 0)::int as critical, count(*) filter (where disputed_at is not null)::int as disputed
       from qa_review
      where calibration_session_id is null and reviewed_at >= ? and reviewed_at < ? ${range.agentId ? 'and agent_id = ?' : ''}
      group by agent_id order by agent_id`,
    [range.from, range.to, ...(range.agentId ? [range.agentId] : [])],
  );
  return rows.map((r) => ({ agentId: r.agentId, reviews: r.reviews, averageScore: r.average == null ? null : Number(r.average), criticalFailures: r.critical, disputed: r.disputed }));
}

export const scorecardLoader = (ctx: RequestContext) => byIdLoader(ctx, QaScorecard);

export const DEFAULT_SAMPLE_PER_AGENT = 3;
export const MAX_SAMPLE_PER_AGENT = 20;

/** The Monday of the week holding `day` (YYYY-MM-DD), BAD_USER_INPUT on the field otherwise. */
export function weekStartOf(field: string, day: string): string {
  const date = parseDay(field, day);
  return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The quality team's queue for a week: the calls marked for review and each agent's weekly sample
 * (the calls module draws them, deterministic per week), and the calls marked in an earlier week
 * that are still unreviewed, without those already reviewed unless asked. Three statements whatever the size: the candidates, their counted reviews, the calls with
 * their agent, customer and store.
 */
export async function reviewQueue(ctx: RequestContext, input: { week: string; perAgent?: number | null; includeReviewed?: boolean | null }, callSelection: Selection | null): Promise<QaReviewQueue> {
  const weekStart = weekStartOf('week', input.week);
  const perAgent = input.perAgent ?? DEFAULT_SAMPLE_PER_AGENT;
  if (!Number.isInteger(perAgent) || perAgent < 0 || perAgent > MAX_SAMPLE_PER_AGENT)
    throw new BadUserInputError({ field: 'perAgent', message: `draws 0 to ${MAX_SAMPLE_PER_AGENT} calls per agent`, reason: 'OUT_OF_RANGE', params: { min: 0, max: MAX_SAMPLE_PER_AGENT } });
  // A call counts as reviewed by a counted review (calibration scores do not count).
  const reviewedSql = `exists (select 1 from qa_review r where r.target_kind = '${QaTargetKind.CALL}' and r.target_id = c.id and r.calibration_session_id is null)`;
  const candidates = await callReviewCandidates(ctx, { weekStart, perAgent, reviewedSql });
  if (!candidates.length) return { weekStart, perAgent, items: [] };
  const reviews = await ctx.em.find(QaReview, { targetKind: QaTargetKind.CALL, targetId: { $in: candidates.map((c) => c.id) }, calibrationSessionId: null }, { fields: ['targetId'] });
  const reviewed = new Map(reviews.map((r) => [r.targetId, r.id]));
  const open = candidates.filter((c) => input.includeReviewed || !reviewed.has(c.id));
  if (!open.length) return { weekStart, perAgent, items: [] };
  const page = await listCalls(ctx, { paging: { limit: open.length, offset: 0 } }, { id: { $in: open.map((c) => c.id) } }, callSelection);
  const calls = new Map((page.nodes as unknown as CallRecord[]).map((c) => [c.id, c]));
  const items = open.flatMap((c) => {
    const call = calls.get(c.id);
    return call ? [{ callId: c.id, call, marked: c.marked, sampled: c.sampled, carriedOver: c.carriedOver, reviewId: reviewed.get(c.id) ?? null }] : [];
  });
  return { weekStart, perAgent, items };
}
