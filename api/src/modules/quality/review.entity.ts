import { Entity, Enum, Filter, Index, Property } from '@mikro-orm/postgresql';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { QaCategory } from './scorecard.entity';

/** What a review scores: a case, a callback or a call of the call center. */
export enum QaTargetKind {
  CASE = 'CASE',
  CALLBACK = 'CALLBACK',
  CALL = 'CALL',
}
registerEnumType(QaTargetKind, { name: 'QaTargetKind' });

/**
 * SUBMITTED: scored, the agent may dispute it; DISPUTED: waiting for the reviewer's answer;
 * FINAL: the dispute was answered (or the agent acknowledged it); nothing changes after that.
 */
export enum QaReviewStatus {
  SUBMITTED = 'SUBMITTED',
  DISPUTED = 'DISPUTED',
  FINAL = 'FINAL',
}
registerEnumType(QaReviewStatus, { name: 'QaReviewStatus' });

export enum QaDisputeOutcome {
  /** The agent's proposed ratings replace the reviewer's. */
  ACCEPTED = 'ACCEPTED',
  /** The reviewer sets new ratings, between the two. */
  PARTLY_ACCEPTED = 'PARTLY_ACCEPTED',
  /** The score stands. */
  REJECTED = 'REJECTED',
}
registerEnumType(QaDisputeOutcome, { name: 'QaDisputeOutcome' });

@ObjectType({ description: 'A criterion’s rating (null: N/A) with the reviewer’s comment.' })
export class QaRating {
  @Field() criterionKey!: string;
  @Field(() => Float, { nullable: true, description: 'On the criterion’s scale; null is N/A (skipped).' }) rating!: number | null;
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@ObjectType()
export class QaCategoryScore {
  @Field() key!: string;
  @Field(() => Float, { nullable: true, description: 'Mean of the category’s rated criteria, 0–100; null when all were N/A.' }) score!: number | null;
}

/**
 * A QA review of one agent's handling of a case or callback, scored on a copy of the scorecard's
 * categories. Calibration reviews (calibrationSessionId set) are practice between reviewers and
 * never count toward the agent.
 */
@Entity({ tableName: 'qa_review' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'agentId', 'reviewedAt'] })
@Index({ name: 'qa_review_target_counted_unique', expression: 'create unique index "qa_review_target_counted_unique" on "qa_review" ("target_kind", "target_id") where "calibration_session_id" is null' })
@Index({ name: 'qa_review_calibration_reviewer_unique', expression: 'create unique index "qa_review_calibration_reviewer_unique" on "qa_review" ("calibration_session_id", "reviewer_id") where "calibration_session_id" is not null' })
@ObjectType({ description: 'A QA review. score = weighted mean of the category scores (N/A skipped), 0 when a critical criterion failed.' })
export class QaReview extends TenantEntity<'status' | 'rootCauses' | 'criticalMisses'> {
  @Property({ type: 'uuid' }) @Field(() => ID) scorecardId!: string;
  @Property({ type: 'text' }) @Field({ description: 'The scorecard’s name when scored.' }) scorecardName!: string;
  @Property({ type: 'jsonb' }) @Field(() => [QaCategory], { description: 'The categories as they were when scored.' }) categories!: QaCategory[];

  @Enum({ items: () => QaTargetKind }) @Field(() => QaTargetKind) targetKind!: QaTargetKind;
  @Property({ type: 'uuid' }) @Field(() => ID) targetId!: string;
  @Property({ type: 'text' }) @Field({ description: 'The case number, callback title or call (direction, outside number, partner call id), for lists.' }) targetRef!: string;

  @Property({ type: 'uuid' }) @Field(() => ID, { description: 'The agent reviewed.' }) agentId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) reviewerId!: string;
  @Property({ type: 'uuid', nullable: true, index: true }) @Field(() => ID, { nullable: true, description: 'Set for calibration reviews, which do not count toward the agent.' }) calibrationSessionId?: string | null;

  @Property({ type: 'jsonb' }) @Field(() => [QaRating]) ratings!: QaRating[];
  @Property({ type: 'jsonb' }) @Field(() => [QaCategoryScore]) categoryScores!: QaCategoryScore[];
  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Weighted mean of the category scores, 0–100 (N/A skipped); 0 when a critical criterion failed.' })
  score?: number | null;
  @Property({ type: 'text[]' }) @Field(() => [String], { description: 'Keys of critical criteria rated at their lowest (any one fails the review).' }) criticalMisses: string[] = [];
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) comment?: string | null;
  @Property({ type: 'text[]' }) @Field(() => [String], { description: 'Root causes named by the reviewer (e.g. knowledge, process, attitude).' }) rootCauses: string[] = [];
  @Property({ type: 'timestamptz' }) @Field() reviewedAt!: Date;

  @Enum({ items: () => QaReviewStatus }) @Field(() => QaReviewStatus) status: QaReviewStatus = QaReviewStatus.SUBMITTED;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) disputedAt?: Date | null;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true, description: 'The agent’s reasons.' }) disputeComment?: string | null;
  @Property({ type: 'jsonb', nullable: true }) @Field(() => [QaRating], { nullable: true, description: 'The ratings the agent proposes.' }) proposedRatings?: QaRating[] | null;
  @Enum({ items: () => QaDisputeOutcome, nullable: true }) @Field(() => QaDisputeOutcome, { nullable: true }) disputeOutcome?: QaDisputeOutcome | null;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) resolutionComment?: string | null;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true }) resolvedById?: string | null;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) resolvedAt?: Date | null;
  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'The score before the dispute was answered.' })
  scoreBeforeDispute?: number | null;
}

export enum QaCalibrationStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(QaCalibrationStatus, { name: 'QaCalibrationStatus' });

/**
 * A calibration session: several reviewers score the same item blind (each sees the others'
 * scores only after submitting their own, or once the session is closed); the spread shows how
 * far apart they are. Its reviews never count toward the agent.
 */
@Entity({ tableName: 'qa_calibration_session' })
@Filter(tenantFilter)
@ObjectType()
export class QaCalibrationSession extends TenantEntity<'status' | 'closedAt'> {
  @Property({ type: 'text' }) @Field() name!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) scorecardId!: string;
  @Enum({ items: () => QaTargetKind }) @Field(() => QaTargetKind) targetKind!: QaTargetKind;
  @Property({ type: 'uuid' }) @Field(() => ID) targetId!: string;
  @Property({ type: 'uuid[]', columnType: 'uuid[]' }) @Field(() => [ID]) reviewerIds!: string[];
  @Property({ type: 'uuid' }) @Field(() => ID) createdById!: string;
  @Enum({ items: () => QaCalibrationStatus }) @Field(() => QaCalibrationStatus) status: QaCalibrationStatus = QaCalibrationStatus.OPEN;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) closedAt?: Date | null;
}
