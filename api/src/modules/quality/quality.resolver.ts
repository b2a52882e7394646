import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import { OffsetPaging } from '../../core/graphql/paging';
import { selectionOf } from '../../core/read/selection';
import { staffLoader } from '../identity/identity.loaders';
import { StaffUser } from '../identity/staff-user.entity';
import { QualityPermission as P } from './quality.permissions';
import { agentScores, reviewQueue, calibrationReviewsLoader, calibrationRevealedLoader, calibrationSpread, listCalibrationSessions, listReviews, listScorecards, scorecardLoader } from './quality.queries';
import {
  CreateQaCalibrationSessionInput,
  CreateQaScorecardInput,
  DisputeQaReviewInput,
  QaAgentScore,
  QaCalibrationSessionConnection,
  QaCalibrationSpread,
  QaReviewConnection,
  QaReviewFilter,
  QaReviewQueue,
  QaRatingInput,
  QaScorePreview,
  QaScorecardConnection,
  ResolveQaDisputeInput,
  SubmitQaReviewInput,
  UpdateQaScorecardInput,
} from './quality.types';
import { QaCalibrationSession, QaReview } from './review.entity';
import {
  acknowledgeReview,
  closeCalibrationSession,
  createCalibrationSession,
  disputeReview,
  findReview,
  getCalibrationSession,
  previewScore,
  resolveDispute,
  submitReview,
} from './review.service';
import { QaScorecard } from './scorecard.entity';
import { createScorecard, updateScorecard } from './scorecard.service';

@Resolver(() => QaScorecard)
export class QaScorecardResolver {
  @Authorized(P['quality:own'])
  @Query(() => QaScorecardConnection, { description: 'QA scorecards: HQ’s shared ones and your franchise’s own.' })
  qaScorecards(
    @Ctx() ctx: RequestContext,
    @Arg('activeOnly', { nullable: true, defaultValue: false }) activeOnly: boolean,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listScorecards(ctx, { paging }, info ? selectionOf(info, ['nodes']) : null, activeOnly);
  }

  @Authorized(P['quality:own'])
  @Query(() => QaScorecard, { nullable: true })
  qaScorecard(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return scorecardLoader(ctx).load(id);
  }

  @Authorized(P['quality:scorecard'])
  @Mutation(() => QaScorecard, { description: 'A new scorecard; the categories’ weights sum to 100. shared: HQ only.' })
  createQaScorecard(@Ctx() ctx: RequestContext, @Arg('input') input: CreateQaScorecardInput) {
    return createScorecard(ctx, input);
  }

  @Authorized(P['quality:scorecard'])
  @Mutation(() => QaScorecard, { description: 'Rename, (de)activate or change the categories; past reviews keep what they were scored with.' })
  updateQaScorecard(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateQaScorecardInput) {
    return updateScorecard(ctx, input);
  }
}

@Resolver(() => QaReview)
export class QaReviewResolver {
  @Authorized(P['quality:own'])
  @Query(() => QaReviewConnection, { description: 'QA reviews, newest first: all of your scope with quality:read, otherwise your own. Calibration reviews only on request.' })
  qaReviews(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => QaReviewFilter, { nullable: true }) filter?: QaReviewFilter,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listReviews(ctx, filter ?? {}, { paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['quality:own'])
  @Query(() => QaReview, { nullable: true })
  qaReview(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return findReview(ctx, id);
  }

  @Authorized(P['quality:read'])
  @Query(() => [QaAgentScore], { description: 'Each agent’s QA figures for reviews made in [from, to); calibration reviews never count.' })
  qaAgentScores(@Ctx() ctx: RequestContext, @Arg('from') from: Date, @Arg('to') to: Date, @Arg('agentId', () => ID, { nullable: true }) agentId?: string) {
    if (to <= from) throw new BadUserInputError({ field: 'to', message: 'to must be after from', reason: 'INVALID' });
    return agentScores(ctx, { from, to, agentId });
  }

  @Authorized(P['quality:review'])
  @Query(() => QaScorePreview, { description: 'The score these ratings would give on the scorecard (nothing is saved): the review form shows it live.' })
  qaScorePreview(@Ctx() ctx: RequestContext, @Arg('scorecardId', () => ID) scorecardId: string, @Arg('ratings', () => [QaRatingInput]) ratings: QaRatingInput[]) {
    return previewScore(ctx, { scorecardId, ratings });
  }

  @FieldResolver(() => StaffUser, { nullable: true, description: 'The agent reviewed.' })
  agent(@Root() review: QaReview, @Ctx() ctx: RequestContext) {
    return staffLoader(ctx).load(review.agentId);
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  reviewer(@Root() review: QaReview, @Ctx() ctx: RequestContext) {
    return staffLoader(ctx).load(review.reviewerId);
  }

  @Authorized(P['quality:review'])
  @Query(() => QaReviewQueue, {
    description:
      'The review queue of a week (any day of it, YYYY-MM-DD; Monday to Monday in the franchise’s zone): calls marked for review and a sample of perAgent answered calls per agent (default 3, at most 20), the same calls every time for the same week. Calls already reviewed only with includeReviewed.',
  })
  qaReviewQueue(
    @Ctx() ctx: RequestContext,
    @Arg('week') week: string,
    @Arg('perAgent', () => Int, { nullable: true }) perAgent?: number,
    @Arg('includeReviewed', { nullable: true }) includeReviewed?: boolean,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return reviewQueue(ctx, { week, perAgent, includeReviewed }, info ? selectionOf(info, ['items', 'call']) : null);
  }

  @Authorized(P['quality:review'])
  @Mutation(() => QaReview, { description: 'Score an agent’s handling of a case, callback or call (ratings left out are N/A).' })
  submitQaReview(@Ctx() ctx: RequestContext, @Arg('input') input: SubmitQaReviewInput) {
    return submitReview(ctx, input);
  }

  @Authorized(P['quality:own'])
  @Mutation(() => QaReview, { description: 'The agent disputes their review (once), with reasons and proposed ratings.' })
  disputeQaReview(@Ctx() ctx: RequestContext, @Arg('input') input: DisputeQaReviewInput) {
    return disputeReview(ctx, input);
  }

  @Authorized(P['quality:own'])
  @Mutation(() => QaReview, { description: 'The agent accepts their review as it is; it becomes final.' })
  acknowledgeQaReview(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return acknowledgeReview(ctx, { id, version });
  }

  @Authorized(P['quality:review'])
  @Mutation(() => QaReview, { description: 'Answer a dispute: ACCEPTED, PARTLY_ACCEPTED (with the ratings that change) or REJECTED. The result is final.' })
  resolveQaDispute(@Ctx() ctx: RequestContext, @Arg('input') input: ResolveQaDisputeInput) {
    return resolveDispute(ctx, input);
  }
}

@Resolver(() => QaCalibrationSession)
export class QaCalibrationSessionResolver {
  @Authorized(P['quality:review'])
  @Query(() => QaCalibrationSessionConnection)
  qaCalibrationSessions(@Ctx() ctx: RequestContext, @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging, @Info() info?: GraphQLResolveInfo) {
    return listCalibrationSessions(ctx, { paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['quality:review'])
  @Query(() => QaCalibrationSession, { nullable: true })
  async qaCalibrationSession(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return getCalibrationSession(ctx, id).catch(() => null);
  }

  @FieldResolver(() => [QaReview], { description: 'Blind: your own review until you have scored or the session is closed, then everyone’s.' })
  reviews(@Ctx() ctx: RequestContext, @Root() session: QaCalibrationSession) {
    return calibrationReviewsLoader(ctx).load(session.id);
  }

  @FieldResolver(() => QaCalibrationSpread, { nullable: true, description: 'Shown once you have scored or the session is closed.' })
  async spread(@Ctx() ctx: RequestContext, @Root() session: QaCalibrationSession) {
    return (await calibrationRevealedLoader(ctx).load(session.id)) ? calibrationSpread(ctx, session.id) : null;
  }

  @Authorized(P['quality:review'])
  @Mutation(() => QaCalibrationSession, { description: 'Several reviewers score the same case or callback blind; their scores never count toward the agent.' })
  createQaCalibrationSession(@Ctx() ctx: RequestContext, @Arg('input') input: CreateQaCalibrationSessionInput) {
    return createCalibrationSession(ctx, input);
  }

  @Authorized(P['quality:review'])
  @Mutation(() => QaCalibrationSession, { description: 'Close the session: everyone’s scores and the spread show to all.' })
  closeQaCalibrationSession(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return closeCalibrationSession(ctx, { id, version });
  }
}
