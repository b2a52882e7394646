import { ArrayMaxSize, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { enumComparison, IDFilterComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { AnalysisStatus, ImprovementAction, ImprovementStatus, ProblemGrade, SatisfactionAnalysis } from './analysis.entity';

export const SatisfactionAnalysisConnection = Connection(SatisfactionAnalysis);
export const ImprovementActionConnection = Connection(ImprovementAction);

export const { Filter: SatisfactionAnalysisFilter } = defineListInputs('SatisfactionAnalysis', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    storeId: IDFilterComparison,
    status: enumComparison('SatisfactionAnalysisStatus', AnalysisStatus),
    periodFrom: StringFieldComparison,
  },
  sort: ['createdAt', 'periodFrom'] as const,
});

export const { Filter: ImprovementActionFilter } = defineListInputs('ImprovementAction', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    analysisId: IDFilterComparison,
    ownerId: IDFilterComparison,
    storeId: IDFilterComparison,
    status: enumComparison('ImprovementStatus', ImprovementStatus),
    /** YYYY-MM-DD (e.g. { lt: "2031-04-01" }). */
    dueDate: StringFieldComparison,
  },
  sort: ['dueDate', 'createdAt'] as const,
});

@InputType({ description: 'An analysis of the surveys sent on the days from..to (inclusive): a franchise (HQ names one; default your own), or a store and what is under it.' })
export class CreateSatisfactionAnalysisInput {
  @Field() @Length(1, 200) title!: string;
  @Field({ description: 'First day, YYYY-MM-DD.' }) from!: string;
  @Field({ description: 'Last day (inclusive), YYYY-MM-DD; at most 366 days.' }) to!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() franchiseId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() storeId?: string | null;
}

@InputType()
export class AnalysisProblemInput {
  @Field({ description: 'Stable key, letters, digits, _ or -.' }) @Length(1, 40) key!: string;
  @Field() @Length(1, 200) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) description?: string | null;
  @Field(() => ProblemGrade) grade!: ProblemGrade;
}

@InputType({ description: 'The supervisor’s findings and graded problems (the list replaces the previous one).' })
export class UpdateSatisfactionAnalysisInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 20000) findings?: string | null;
  @Field(() => [AnalysisProblemInput], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) problems?: AnalysisProblemInput[] | null;
}

@InputType()
export class AddImprovementActionInput {
  @Field(() => ID) analysisId!: string;
  @Field(() => String, { nullable: true, description: 'The problem of the analysis it addresses.' }) @IsOptional() problemKey?: string | null;
  @Field() @Length(1, 200) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) description?: string | null;
  @Field(() => ID, { description: 'Who carries it out (usually the store director).' }) ownerId!: string;
  @Field(() => ID, { nullable: true, description: 'The store it concerns (default: the analysis’s).' }) @IsOptional() storeId?: string | null;
  @Field({ description: 'YYYY-MM-DD, not in the past.' }) dueDate!: string;
  @Field(() => String, { nullable: true, description: 'The evidence expected (training sign-in sheet, photos...).' }) @IsOptional() @Length(0, 2000) evidenceRequired?: string | null;
}

@InputType({ description: 'The owner’s progress: a note, evidence addresses, done.' })
export class ReportImprovementProgressInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field() @Length(1, 4000) note!: string;
  @Field(() => [String], { nullable: true, description: 'http(s) addresses of the evidence (added to those given before).' }) @IsOptional() @ArrayMaxSize(20) evidenceUrls?: string[] | null;
  @Field({ nullable: true, description: 'Done: waits for verification (needs evidence).' }) @IsOptional() done?: boolean;
}

@InputType({ description: 'HQ / the supervisor verifies a done action: accept closes it, reject sends it back (comment required).' })
export class VerifyImprovementActionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field() accept!: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) comment?: string | null;
}

@InputType({ description: 'The thresholds of the review flags (your franchise unless HQ names one).' })
export class SatisfactionAnalysisSettingsInput {
  @Field(() => ID, { nullable: true }) @IsOptional() franchiseId?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version read (CONFLICT when stale).' }) @IsOptional() version?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0.05) @Max(1) concentrationShare?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(10000) concentrationMinCount?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(2) @Max(1000) spreadMinAgents?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(10000) spreadMinCount?: number;
}
