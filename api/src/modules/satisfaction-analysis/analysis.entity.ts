import { Entity, Enum, Filter, Index, Property } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FranchiseSettings, TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { SatisfactionFigure } from '../surveys/survey.types';

/** How serious a problem found in an analysis is: 一般 / 较重 / 严重. */
export enum ProblemGrade {
  MINOR = 'MINOR',
  MAJOR = 'MAJOR',
  SEVERE = 'SEVERE',
}
registerEnumType(ProblemGrade, { name: 'ProblemGrade', description: 'MINOR 一般, MAJOR 较重, SEVERE 严重.' });

export enum AnalysisStatus {
  OPEN = 'OPEN',
  /** Closed once every improvement action of it is closed. */
  CLOSED = 'CLOSED',
}
registerEnumType(AnalysisStatus, { name: 'SatisfactionAnalysisStatus' });

/** What the system proposes the supervisor review (the rules of analysis-proposal.ts). */
export enum ReviewFlagKind {
  /** Dissatisfaction concentrated on one agent: review that agent's staffing (training, coaching, placement). */
  STAFFING_REVIEW = 'STAFFING_REVIEW',
  /** Dissatisfaction spread across the team: review the process, not a person. */
  PROCESS_REVIEW = 'PROCESS_REVIEW',
}
registerEnumType(ReviewFlagKind, { name: 'ReviewFlagKind' });

export enum ImprovementStatus {
  OPEN = 'OPEN',
  /** The owner reported progress. */
  IN_PROGRESS = 'IN_PROGRESS',
  /** The owner reports it done, with evidence: waits for HQ / the supervisor to verify. */
  DONE = 'DONE',
  /** Verified and closed. */
  CLOSED = 'CLOSED',
}
registerEnumType(ImprovementStatus, { name: 'ImprovementStatus' });

@ObjectType({ description: 'A question of the surveys answered in the period, by its 1–5 answers (worst first).' })
export class AnalysisQuestion {
  @Field() questionKey!: string;
  @Field() text!: string;
  @Field(() => Int) answered!: number;
  @Field(() => Int, { description: 'Answers of 1 or 2.' }) dissatisfied!: number;
  @Field(() => Float, { nullable: true, description: 'dissatisfied ÷ answered.' }) dissatisfactionRate!: number | null;
  @Field(() => Float, { nullable: true }) averageRating!: number | null;
}

@ObjectType({ description: 'A review the system proposes from the period’s dissatisfied answers.' })
export class ReviewFlag {
  @Field(() => ReviewFlagKind) kind!: ReviewFlagKind;
  @Field(() => ID, { nullable: true, description: 'STAFFING_REVIEW: the agent.' }) agentId!: string | null;
  @Field(() => String, { nullable: true }) agentName!: string | null;
  @Field(() => Int, { description: 'Dissatisfied answers behind the flag (the agent’s, or the scope’s).' }) dissatisfied!: number;
  @Field(() => Float, { nullable: true, description: 'STAFFING_REVIEW: the agent’s share of the scope’s dissatisfied answers.' }) share!: number | null;
  @Field(() => Int, { description: 'Agents with dissatisfied answers in the scope.' }) agents!: number;
  @Field({ description: 'Why, in words (zh-CN).' }) reason!: string;
}

@ObjectType({ description: 'A problem the supervisor found, graded.' })
export class AnalysisProblem {
  @Field({ description: 'Stable key within the analysis (actions name it).' }) key!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => ProblemGrade) grade!: ProblemGrade;
}

@ObjectType({ description: 'A note the owner (or the verifier) added to an improvement action.' })
export class ImprovementNote {
  @Field() at!: Date;
  @Field(() => ID, { nullable: true }) byId!: string | null;
  @Field() note!: string;
  @Field(() => [String]) evidenceUrls!: string[];
}

/**
 * A satisfaction analysis of a period and scope (a franchise, or a store): the figures, worst
 * questions, stores and agents and the review flags proposed when it was made, the supervisor's
 * findings and graded problems; improvement actions follow each problem to closure.
 */
@Entity({ tableName: 'satisfaction_analysis' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'status', 'createdAt'] })
@ObjectType()
export class SatisfactionAnalysis extends TenantEntity<'status' | 'findings' | 'problems'> {
  @Property({ type: 'text' }) @Field() title!: string;
  @Property({ type: 'text' }) @Field({ description: 'First day, YYYY-MM-DD.' }) periodFrom!: string;
  @Property({ type: 'text' }) @Field({ description: 'Last day (inclusive), YYYY-MM-DD.' }) periodTo!: string;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true, description: 'The store analysed (null: the whole franchise).' }) storeId?: string | null;
  @Enum({ items: () => AnalysisStatus }) @Field(() => AnalysisStatus) status: AnalysisStatus = AnalysisStatus.OPEN;
  @Property({ type: 'json' }) @Field(() => SatisfactionFigure, { description: 'The scope’s figures for the period, as proposed when the analysis was made.' }) figures!: SatisfactionFigure;
  @Property({ type: 'json' }) @Field(() => [AnalysisQuestion]) worstQuestions!: AnalysisQuestion[];
  @Property({ type: 'json' }) @Field(() => [SatisfactionFigure], { description: 'Stores by dissatisfaction rate, worst first.' }) worstStores!: SatisfactionFigure[];
  @Property({ type: 'json' }) @Field(() => [SatisfactionFigure], { description: 'Agents by dissatisfaction rate, worst first.' }) worstAgents!: SatisfactionFigure[];
  @Property({ type: 'json' }) @Field(() => [ReviewFlag], { description: 'Staffing and process reviews the rules propose.' }) flags!: ReviewFlag[];
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) findings?: string | null = null;
  @Property({ type: 'json' }) @Field(() => [AnalysisProblem]) problems: AnalysisProblem[] = [];
  @Property({ type: 'uuid' }) @Field(() => ID) authorId!: string;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) closedAt?: Date | null;
}

/** An improvement action set in an analysis: an owner (usually the store director), a due date, the evidence expected; followed to closure. */
@Entity({ tableName: 'improvement_action' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'status', 'dueDate'] })
@Index({ properties: ['ownerId', 'status'] })
@ObjectType()
export class ImprovementAction extends TenantEntity<'status' | 'notes' | 'evidenceUrls'> {
  @Property({ type: 'uuid', index: true }) @Field(() => ID) analysisId!: string;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true, description: 'The analysis problem it addresses.' }) problemKey?: string | null;
  @Property({ type: 'text' }) @Field() title!: string;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) description?: string | null;
  @Property({ type: 'uuid' }) @Field(() => ID) ownerId!: string;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true, description: 'The store it concerns (the analysis’s, unless set).' }) storeId?: string | null;
  @Property({ type: 'date' }) @Field({ description: 'YYYY-MM-DD, in the franchise’s calendar.' }) dueDate!: string;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true, description: 'The evidence expected when done.' }) evidenceRequired?: string | null;
  @Enum({ items: () => ImprovementStatus }) @Field(() => ImprovementStatus) status: ImprovementStatus = ImprovementStatus.OPEN;
  @Property({ type: 'json' }) @Field(() => [ImprovementNote]) notes: ImprovementNote[] = [];
  @Property({ type: 'text[]' }) @Field(() => [String]) evidenceUrls: string[] = [];
  @Property({ type: 'uuid' }) @Field(() => ID) createdById!: string;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) doneAt?: Date | null;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) closedAt?: Date | null;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true }) closedById?: string | null;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true, description: 'When it was escalated as overdue (once).' }) escalatedAt?: Date | null;
}

/** A franchise's thresholds for the review flags (defaults until saved). */
@Entity({ tableName: 'satisfaction_analysis_settings' })
@Filter(tenantFilter)
@ObjectType()
export class SatisfactionAnalysisSettings extends FranchiseSettings<'concentrationShare' | 'concentrationMinCount' | 'spreadMinAgents' | 'spreadMinCount'> {
  @Property({ type: 'float8' }) @Field(() => Float, { description: 'STAFFING_REVIEW when one agent holds at least this share (0–1) of the scope’s dissatisfied answers…' }) concentrationShare: number = 0.4;
  @Property({ type: 'int' }) @Field(() => Int, { description: '…and at least this many of them.' }) concentrationMinCount: number = 5;
  @Property({ type: 'int' }) @Field(() => Int, { description: 'PROCESS_REVIEW when the scope’s dissatisfied answers come from at least this many agents, none concentrated…' }) spreadMinAgents: number = 3;
  @Property({ type: 'int' }) @Field(() => Int, { description: '…and number at least this many.' }) spreadMinCount: number = 6;
}
