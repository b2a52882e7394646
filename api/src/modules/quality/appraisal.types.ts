import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { Connection } from '../../core/graphql/paging';
import { Appraisal, AppraisalConsequence, AppraisalCycle, AppraisalKind, AppraisalPlan, AppraisalStatus } from './appraisal.entity';

export const AppraisalPlanConnection = Connection(AppraisalPlan);
export const AppraisalCycleConnection = Connection(AppraisalCycle);
export const AppraisalConnection = Connection(Appraisal);

const KEY = /^[A-Za-z0-9_-]{1,40}$/;
const KEY_MESSAGE = 'key must be 1–40 letters, digits, _ or -';

@InputType({ description: 'Whole percent per source; they must sum to 100 (refused naming weights otherwise).' })
export class AppraisalWeightsInput {
  @Field(() => Int, { description: 'The agent’s self-evaluation form.' }) self!: number;
  @Field(() => Int, { description: 'The supervisor’s evaluation form.' }) supervisor!: number;
  @Field(() => Int, { description: 'Customer evaluation: the satisfaction rate of the period’s surveys.' }) customer!: number;
  @Field(() => Int, { description: 'The mean score of the period’s QA reviews (calibration excluded).' }) qa!: number;
  @Field(() => Int, { description: 'The call KPIs against their targets.' }) data!: number;
}

@InputType()
export class AppraisalFormCategoryInput {
  @Field() @Matches(KEY, { message: KEY_MESSAGE }) key!: string;
  @Field() @Length(1, 120) name!: string;
  @Field(() => Int) @Min(1) @Max(100) weight!: number;
}

@InputType()
export class AppraisalBandInput {
  @Field() @Matches(KEY, { message: KEY_MESSAGE }) key!: string;
  @Field() @Length(1, 60) name!: string;
  @Field(() => Float) @Min(0) @Max(100) minScore!: number;
  @Field(() => AppraisalConsequence) consequence!: AppraisalConsequence;
}

@InputType()
export class CreateAppraisalPlanInput {
  @Field() @Matches(KEY, { message: 'code must be 1–40 letters, digits, _ or -' }) code!: string;
  @Field() @Length(1, 120) name!: string;
  @Field(() => AppraisalKind) kind!: AppraisalKind;
  @Field({ nullable: true, description: 'HQ only: shared with every franchise.' }) @IsOptional() shared?: boolean;
  @Field(() => AppraisalWeightsInput) @ValidateNested() weights!: AppraisalWeightsInput;
  @Field(() => [AppraisalFormCategoryInput]) @ArrayMinSize(1, { message: 'formCategories must hold at least one category' }) @ArrayMaxSize(12) @ValidateNested({ each: true }) formCategories!: AppraisalFormCategoryInput[];
  @Field(() => [AppraisalBandInput]) @ArrayMinSize(1, { message: 'bands must hold at least one band' }) @ArrayMaxSize(10) @ValidateNested({ each: true }) bands!: AppraisalBandInput[];
  @Field(() => Int, { nullable: true, description: 'Default 3: excellent this many cycles in a row suggests promotion priority.' }) @IsOptional() @Min(1) @Max(12) promotionAfter?: number;
}

@InputType({ description: 'Open cycles keep the plan as it was when they opened.' })
export class UpdateAppraisalPlanInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field({ nullable: true }) @IsOptional() @Length(1, 120) name?: string;
  @Field({ nullable: true }) @IsOptional() active?: boolean;
  @Field(() => AppraisalWeightsInput, { nullable: true }) @IsOptional() @ValidateNested() weights?: AppraisalWeightsInput;
  @Field(() => [AppraisalFormCategoryInput], { nullable: true }) @IsOptional() @ArrayMinSize(1, { message: 'formCategories must hold at least one category' }) @ArrayMaxSize(12) @ValidateNested({ each: true }) formCategories?: AppraisalFormCategoryInput[];
  @Field(() => [AppraisalBandInput], { nullable: true }) @IsOptional() @ArrayMinSize(1, { message: 'bands must hold at least one band' }) @ArrayMaxSize(10) @ValidateNested({ each: true }) bands?: AppraisalBandInput[];
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(12) promotionAfter?: number;
}

@InputType()
export class OpenAppraisalCycleInput {
  @Field(() => AppraisalKind) kind!: AppraisalKind;
  @Field({ description: 'YYYY-MM for a monthly cycle, YYYY for an annual one (the franchise’s time zone).' }) @Length(4, 7) period!: string;
  @Field(() => ID, { nullable: true, description: 'Default: the franchise’s own active plan of the kind, else HQ’s.' }) @IsOptional() planId?: string | null;
}

@InputType()
export class AppraisalRatingInput {
  @Field() @Length(1, 40) key!: string;
  @Field(() => Float, { description: '0–100.' }) score!: number;
}

@InputType({ description: 'A self- or supervisor evaluation: every form category rated 0–100.' })
export class AppraisalEvaluationInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => [AppraisalRatingInput]) @ArrayMaxSize(12) @ValidateNested({ each: true }) ratings!: AppraisalRatingInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) comment?: string | null;
}

@InputType()
export class FinalizeAppraisalInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => AppraisalConsequence, { nullable: true, description: 'Default: the suggestion of the band (promotion priority after repeated excellence).' }) @IsOptional() consequence?: AppraisalConsequence | null;
  @Field(() => String, { nullable: true, description: 'Required when the consequence differs from the suggestion.' }) @IsOptional() @Length(0, 2000) consequenceReason?: string | null;
}

@InputType()
export class AcknowledgeAppraisalInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) comment?: string | null;
}

@InputType()
export class AppraisalFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() cycleId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Managers: one agent (others see only their own).' }) @IsOptional() agentId?: string | null;
  @Field(() => AppraisalStatus, { nullable: true }) @IsOptional() status?: AppraisalStatus | null;
  @Field(() => AppraisalKind, { nullable: true }) @IsOptional() kind?: AppraisalKind | null;
}
