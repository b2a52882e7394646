import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../core/clock';
import { TenantEntity, sharedTenantFilter, tenantFilter } from '../../core/tenancy/tenant-entity';

/** MONTHLY (a calendar month) or ANNUAL (a calendar year), in the franchise's time zone. */
export enum AppraisalKind {
  MONTHLY = 'MONTHLY',
  ANNUAL = 'ANNUAL',
}
registerEnumType(AppraisalKind, { name: 'AppraisalKind', description: 'MONTHLY: a calendar month (period YYYY-MM); ANNUAL: a calendar year (period YYYY), in the franchise’s time zone.' });

/** Where a part of the result comes from. */
export enum AppraisalSource {
  SELF = 'SELF',
  SUPERVISOR = 'SUPERVISOR',
  CUSTOMER = 'CUSTOMER',
  QA = 'QA',
  DATA = 'DATA',
}
registerEnumType(AppraisalSource, {
  name: 'AppraisalSource',
  description:
    'SELF: the agent’s self-evaluation form; SUPERVISOR: the supervisor’s evaluation form; CUSTOMER: the satisfaction rate of the period’s surveys (satisfied ÷ rated × 100); QA: the mean score of the period’s QA reviews (calibration excluded); DATA: the call KPIs against their targets (see AppraisalPart).',
});

/** What a result leads to (domain.md: bonuses, promotion, coaching, improvement, demotion). */
export enum AppraisalConsequence {
  NONE = 'NONE',
  BONUS = 'BONUS',
  PROMOTION_PRIORITY = 'PROMOTION_PRIORITY',
  COACHING = 'COACHING',
  IMPROVEMENT_PLAN = 'IMPROVEMENT_PLAN',
  DEMOTION = 'DEMOTION',
}
registerEnumType(AppraisalConsequence, { name: 'AppraisalConsequence' });

/** OPEN: forms being filled; FINALIZED: the supervisor recorded the result (immutable); ACKNOWLEDGED: the agent has seen it. */
export enum AppraisalStatus {
  OPEN = 'OPEN',
  FINALIZED = 'FINALIZED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
}
registerEnumType(AppraisalStatus, { name: 'AppraisalStatus' });

export enum AppraisalCycleStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(AppraisalCycleStatus, { name: 'AppraisalCycleStatus' });

@ObjectType({ description: 'Each source’s share of the result, whole percent; they sum to 100.' })
export class AppraisalWeights {
  @Field(() => Int) self!: number;
  @Field(() => Int) supervisor!: number;
  @Field(() => Int) customer!: number;
  @Field(() => Int) qa!: number;
  @Field(() => Int) data!: number;
}

@ObjectType({ description: 'A category of the self- and supervisor-evaluation forms (the franchise chain’s rubric by default), rated 0–100; weights sum to 100.' })
export class AppraisalFormCategory {
  @Field() key!: string;
  @Field() name!: string;
  @Field(() => Int) weight!: number;
}

@ObjectType({ description: 'A band of results: from minScore up to the next band; the consequence it suggests.' })
export class AppraisalBand {
  @Field() key!: string;
  @Field() name!: string;
  @Field(() => Float) minScore!: number;
  @Field(() => AppraisalConsequence) consequence!: AppraisalConsequence;
}

@ObjectType({ description: 'A form rating: a category and its 0–100 score.' })
export class AppraisalRating {
  @Field() key!: string;
  @Field(() => Float) score!: number;
}

@ObjectType({ description: 'A part of the result: its source, weight and 0–100 score (null: nothing to score, its weight is shared among the others).' })
export class AppraisalPart {
  @Field(() => AppraisalSource) source!: AppraisalSource;
  @Field(() => Int) weight!: number;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => String, { nullable: true, description: 'What the score was made of (e.g. 12 reviews, 40 rated surveys).' }) basis?: string | null;
}

/**
 * An appraisal plan: how a MONTHLY or ANNUAL appraisal combines its sources (weights summing to
 * 100), the evaluation form's categories, the result bands with the consequence each suggests,
 * and after how many excellent cycles in a row promotion priority is suggested. HQ's plans
 * (franchiseId null) are shared; a franchise may write its own variant, used instead.
 */
@Entity({ tableName: 'appraisal_plan' })
@Filter(sharedTenantFilter)
@Unique({ name: 'appraisal_plan_code_unique', expression: 'create unique index "appraisal_plan_code_unique" on "appraisal_plan" (coalesce("franchise_id", \'00000000-0000-0000-0000-000000000000\'), "code")' })
@ObjectType()
export class AppraisalPlan {
  [OptionalProps]?: 'id' | 'version' | 'createdAt' | 'updatedAt' | 'active';

  @PrimaryKey({ type: 'uuid' }) @Field(() => ID) id: string = randomUUID();
  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'Owning franchise; null for HQ plans shared with every franchise.' })
  franchiseId?: string | null;
  @Property({ type: 'text' }) @Field() code!: string;
  @Property({ type: 'text' }) @Field() name!: string;
  @Enum({ items: () => AppraisalKind }) @Field(() => AppraisalKind) kind!: AppraisalKind;
  @Property({ type: 'boolean' }) @Field({ description: 'The plan a new cycle of its kind uses (the franchise’s own active one before HQ’s).' }) active: boolean = true;
  @Property({ type: 'jsonb' }) @Field(() => AppraisalWeights) weights!: AppraisalWeights;
  @Property({ type: 'jsonb' }) @Field(() => [AppraisalFormCategory]) formCategories!: AppraisalFormCategory[];
  @Property({ type: 'jsonb' }) @Field(() => [AppraisalBand], { description: 'Highest first; the top band is “excellent”.' }) bands!: AppraisalBand[];
  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Excellent results in this many cycles of the kind in a row (this one included) suggest PROMOTION_PRIORITY.' })
  promotionAfter!: number;
  @Property({ version: true }) @Field(() => Int) version: number = 1;
  @Property({ type: 'timestamptz' }) @Field() createdAt: Date = clock.now();
  @Property({ type: 'timestamptz', onUpdate: () => clock.now() }) @Field() updatedAt: Date = clock.now();
}

/**
 * An appraisal cycle: a month or a year of one franchise, with a copy of its plan (changing a
 * plan never changes an open cycle), and an appraisal per agent in scope.
 */
@Entity({ tableName: 'appraisal_cycle' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'kind', 'period'] })
@ObjectType()
export class AppraisalCycle extends TenantEntity<'status' | 'closedAt'> {
  @Enum({ items: () => AppraisalKind }) @Field(() => AppraisalKind) kind!: AppraisalKind;
  @Property({ type: 'text' }) @Field({ description: 'YYYY-MM (monthly) or YYYY (annual).' }) period!: string;
  @Property({ type: 'timestamptz' }) @Field({ description: 'The period’s first instant in the franchise’s zone.' }) startsAt!: Date;
  @Property({ type: 'timestamptz' }) @Field({ description: 'The instant after the period ends.' }) endsAt!: Date;
  @Property({ type: 'text' }) @Field({ description: 'First local day, YYYY-MM-DD.' }) firstDay!: string;
  @Property({ type: 'text' }) @Field({ description: 'Last local day, YYYY-MM-DD.' }) lastDay!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) planId!: string;
  @Property({ type: 'text' }) @Field() planName!: string;
  @Property({ type: 'jsonb' }) @Field(() => AppraisalWeights) weights!: AppraisalWeights;
  @Property({ type: 'jsonb' }) @Field(() => [AppraisalFormCategory]) formCategories!: AppraisalFormCategory[];
  @Property({ type: 'jsonb' }) @Field(() => [AppraisalBand]) bands!: AppraisalBand[];
  @Property({ type: 'int' }) @Field(() => Int) promotionAfter!: number;
  @Property({ type: 'uuid' }) @Field(() => ID) openedById!: string;
  @Enum({ items: () => AppraisalCycleStatus }) @Field(() => AppraisalCycleStatus) status: AppraisalCycleStatus = AppraisalCycleStatus.OPEN;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) closedAt?: Date | null;
}

/**
 * One agent's appraisal in a cycle: the self-evaluation, the supervisor's evaluation, the
 * customer, QA and data parts from the period's figures, the weighted result, its band and
 * consequence, and the agent's acknowledgement. Immutable once finalized (but for the acknowledgement).
 */
@Entity({ tableName: 'appraisal' })
@Filter(tenantFilter)
@Unique({ properties: ['cycleId', 'agentId'] })
@Index({ properties: ['franchiseId', 'agentId', 'kind', 'period'] })
@ObjectType({ description: 'An agent’s appraisal: score = Σ weight × part score ÷ Σ weight over the parts that have a score.' })
export class Appraisal extends TenantEntity<'status' | 'excellentStreak'> {
  @Property({ type: 'uuid', index: true }) @Field(() => ID) cycleId!: string;
  @Enum({ items: () => AppraisalKind }) @Field(() => AppraisalKind) kind!: AppraisalKind;
  @Property({ type: 'text' }) @Field() period!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) agentId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID, { description: 'The agent’s org unit (store or team) when the cycle opened.' }) orgUnitId!: string;
  @Enum({ items: () => AppraisalStatus }) @Field(() => AppraisalStatus) status: AppraisalStatus = AppraisalStatus.OPEN;

  @Property({ type: 'jsonb', nullable: true }) @Field(() => [AppraisalRating], { nullable: true }) selfRatings?: AppraisalRating[] | null;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) selfComment?: string | null;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) selfSubmittedAt?: Date | null;
  @Property({ type: 'jsonb', nullable: true }) @Field(() => [AppraisalRating], { nullable: true }) supervisorRatings?: AppraisalRating[] | null;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) supervisorComment?: string | null;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true }) supervisorId?: string | null;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) supervisorEvaluatedAt?: Date | null;

  @Property({ type: 'jsonb' }) @Field(() => [AppraisalPart], { description: 'Every source with its weight and score.' }) parts!: AppraisalPart[];
  @Property({ type: 'timestamptz' }) @Field({ description: 'When the customer, QA and data parts were last read from the period’s figures.' }) partsComputedAt!: Date;
  @Property({ type: 'double', nullable: true }) @Field(() => Float, { nullable: true, description: 'The weighted result, 0–100 (null: no part scored yet).' }) score?: number | null;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) bandKey?: string | null;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) bandName?: string | null;
  @Enum({ items: () => AppraisalConsequence, nullable: true })
  @Field(() => AppraisalConsequence, { nullable: true, description: 'What the band suggests (PROMOTION_PRIORITY after repeated excellence).' })
  suggestedConsequence?: AppraisalConsequence | null;
  @Property({ type: 'int' }) @Field(() => Int, { description: 'Excellent cycles of this kind in a row up to this one (0 unless this one is excellent).' }) excellentStreak: number = 0;
  @Enum({ items: () => AppraisalConsequence, nullable: true }) @Field(() => AppraisalConsequence, { nullable: true, description: 'Recorded when finalized.' }) consequence?: AppraisalConsequence | null;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true, description: 'Why the consequence differs from the suggestion.' }) consequenceReason?: string | null;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) finalizedAt?: Date | null;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true }) finalizedById?: string | null;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) acknowledgedAt?: Date | null;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) acknowledgementComment?: string | null;
}
