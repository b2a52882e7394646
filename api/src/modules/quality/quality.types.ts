import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../core/graphql/paging';
import { CallRecord } from '../calls/call.entity';
import { QaCalibrationSession, QaCategoryScore, QaDisputeOutcome, QaReview, QaReviewStatus, QaTargetKind } from './review.entity';
import { QaScale, QaScorecard } from './scorecard.entity';

export const QaScorecardConnection = Connection(QaScorecard);
export const QaReviewConnection = Connection(QaReview);
export const QaCalibrationSessionConnection = Connection(QaCalibrationSession);

const KEY = /^[A-Za-z0-9_-]{1,40}$/;
const KEY_MESSAGE = 'key must be 1–40 letters, digits, _ or -';

@InputType()
export class QaCriterionInput {
  @Field() @Matches(KEY, { message: KEY_MESSAGE }) key!: string;
  @Field() @Length(1, 120) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) description?: string | null;
  @Field(() => QaScale) scale!: QaScale;
  @Field({ nullable: true, description: 'Default false. Its lowest rating fails the whole review.' }) @IsOptional() critical?: boolean;
}

@InputType()
export class QaCategoryInput {
  @Field() @Matches(KEY, { message: KEY_MESSAGE }) key!: string;
  @Field() @Length(1, 120) name!: string;
  @Field(() => Int, { description: 'Whole percent; the categories’ weights sum to 100.' }) @Min(1) @Max(100) weight!: number;
  @Field(() => [QaCriterionInput]) @ArrayMinSize(1, { message: 'criteria must hold at least one criterion' }) @ArrayMaxSize(30) @ValidateNested({ each: true }) criteria!: QaCriterionInput[];
}

@InputType()
export class CreateQaScorecardInput {
  @Field() @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'code must be 1–40 letters, digits, _ or -' }) code!: string;
  @Field() @Length(1, 120) name!: string;
  @Field({ nullable: true, description: 'HQ only: shared with every franchise.' }) @IsOptional() shared?: boolean;
  @Field(() => [QaCategoryInput]) @ArrayMinSize(1, { message: 'categories must hold at least one category' }) @ArrayMaxSize(12) @ValidateNested({ each: true }) categories!: QaCategoryInput[];
}

@InputType({ description: 'Reviews already made keep the categories they were scored with.' })
export class UpdateQaScorecardInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field({ nullable: true }) @IsOptional() @Length(1, 120) name?: string;
  @Field({ nullable: true }) @IsOptional() active?: boolean;
  @Field(() => [QaCategoryInput], { nullable: true }) @IsOptional() @ArrayMinSize(1, { message: 'categories must hold at least one category' }) @ArrayMaxSize(12) @ValidateNested({ each: true }) categories?: QaCategoryInput[];
}

@InputType()
export class QaRatingInput {
  @Field() @Length(1, 40) criterionKey!: string;
  @Field(() => Float, { nullable: true, description: 'On the criterion’s scale; null or left out is N/A.' }) @IsOptional() rating?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 1000) comment?: string | null;
}

@InputType()
export class SubmitQaReviewInput {
  @Field(() => ID) scorecardId!: string;
  @Field(() => QaTargetKind) targetKind!: QaTargetKind;
  @Field(() => ID) targetId!: string;
  @Field(() => [QaRatingInput]) @ArrayMaxSize(200) @ValidateNested({ each: true }) ratings!: QaRatingInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) comment?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(10) @Length(1, 60, { each: true }) rootCauses?: string[];
  @Field(() => ID, { nullable: true, description: 'A calibration session this review belongs to (it then does not count toward the agent).' }) @IsOptional() calibrationSessionId?: string | null;
}

@InputType()
export class DisputeQaReviewInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field() @Length(1, 4000) comment!: string;
  @Field(() => [QaRatingInput], { nullable: true, description: 'The ratings the agent thinks right (only those that differ are needed).' }) @IsOptional() @ArrayMaxSize(200) @ValidateNested({ each: true }) proposedRatings?: QaRatingInput[];
}

@InputType()
export class ResolveQaDisputeInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => QaDisputeOutcome) outcome!: QaDisputeOutcome;
  @Field(() => [QaRatingInput], { nullable: true, description: 'PARTLY_ACCEPTED: the ratings that change.' }) @IsOptional() @ArrayMaxSize(200) @ValidateNested({ each: true }) ratings?: QaRatingInput[];
  @Field() @Length(1, 4000) comment!: string;
}

@InputType()
export class QaReviewFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() agentId?: string;
  @Field(() => ID, { nullable: true, description: 'Reviews made by this reviewer (with quality:read).' }) @IsOptional() reviewerId?: string;
  @Field(() => QaTargetKind, { nullable: true }) @IsOptional() targetKind?: QaTargetKind;
  @Field(() => ID, { nullable: true }) @IsOptional() targetId?: string;
  @Field(() => QaReviewStatus, { nullable: true }) @IsOptional() status?: QaReviewStatus;
  @Field({ nullable: true, description: 'Include calibration reviews (default: only reviews that count).' }) @IsOptional() calibration?: boolean;
  @Field({ nullable: true }) @IsOptional() from?: Date;
  @Field({ nullable: true }) @IsOptional() to?: Date;
}

@InputType()
export class CreateQaCalibrationSessionInput {
  @Field() @Length(1, 120) name!: string;
  @Field(() => ID) scorecardId!: string;
  @Field(() => QaTargetKind) targetKind!: QaTargetKind;
  @Field(() => ID) targetId!: string;
  @Field(() => [ID]) @ArrayMinSize(2, { message: 'reviewerIds must name at least two reviewers' }) @ArrayMaxSize(20) reviewerIds!: string[];
}

@ObjectType({ description: 'How far apart the calibration reviewers scored (shown once the caller has scored, or the session is closed).' })
export class QaCalibrationSpread {
  @Field(() => Int) reviews!: number;
  @Field(() => Float, { nullable: true }) min!: number | null;
  @Field(() => Float, { nullable: true }) max!: number | null;
  @Field(() => Float, { nullable: true }) mean!: number | null;
  @Field(() => Float, { nullable: true, description: 'Population standard deviation of the scores.' }) standardDeviation!: number | null;
}

@ObjectType({ description: 'An agent’s QA figures over a period: reviews that count (calibration excluded), by review time.' })
export class QaAgentScore {
  @Field(() => ID) agentId!: string;
  @Field(() => Int) reviews!: number;
  @Field(() => Float, { nullable: true, description: 'Mean review score, 0–100.' }) averageScore!: number | null;
  @Field(() => Int, { description: 'Reviews failed by a critical criterion.' }) criticalFailures!: number;
  @Field(() => Int, { description: 'Reviews the agent disputed.' }) disputed!: number;
}

@ObjectType({ description: 'A call up for quality review in the week: marked for review, drawn by the weekly sample, or both.' })
export class QaReviewQueueItem {
  @Field(() => ID) callId!: string;
  @Field(() => CallRecord, { description: 'The call with its agent, customer and store.' }) call!: CallRecord;
  @Field({ description: 'A supervisor or the quality team marked it for review (reviewRequestedAt, reviewReason on the call).' }) marked!: boolean;
  @Field({ description: 'Drawn by the weekly sample of each agent’s answered calls.' }) sampled!: boolean;
  @Field({ description: 'Marked for review in an earlier week and not reviewed yet: it stays in the queue of every later week until it is.' }) carriedOver!: boolean;
  @Field(() => ID, { nullable: true, description: 'Its counted review, once made (listed only with includeReviewed).' }) reviewId!: string | null;
}

@ObjectType()
export class QaReviewQueue {
  @Field({ description: 'The Monday the week starts on (YYYY-MM-DD, each franchise’s zone).' }) weekStart!: string;
  @Field(() => Int, { description: 'Answered calls drawn per agent.' }) perAgent!: number;
  @Field(() => [QaReviewQueueItem], { description: 'Marked calls first, then the newest.' }) items!: QaReviewQueueItem[];
}

@ObjectType({ description: 'What a review with these ratings would score (the same rule as QaReview.score), for the form to show as it is filled in.' })
export class QaScorePreview {
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => [QaCategoryScore]) categoryScores!: QaCategoryScore[];
  @Field(() => [String], { description: 'Critical criteria rated at their lowest: the review fails.' }) criticalMisses!: string[];
}
