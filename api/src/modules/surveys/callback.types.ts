import { ArrayMaxSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { enumComparison, IDFilterComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { CaseType } from '../cases/case.entity';
import { CallbackRuleKind, CallbackStatus, CallbackTask } from './callback.entity';
import { SurveyAnswerInput } from './survey.types';

export const CallbackTaskConnection = Connection(CallbackTask);

/** What the callback list filters by: status, purpose (the rule's kind), store, agent, customer and due date. */
export const { Filter: CallbackTaskFilter } = defineListInputs('CallbackTask', {
  filter: {
    id: IDFilterComparison,
    customerId: IDFilterComparison,
    status: enumComparison('CallbackStatus', CallbackStatus),
    kind: enumComparison('CallbackRuleKind', CallbackRuleKind),
    /** The customer's store. */
    orgUnitId: IDFilterComparison,
    assigneeId: IDFilterComparison,
    /** YYYY-MM-DD in the franchise's calendar (e.g. { lte: "2031-01-05" }: due by then). */
    dueDate: StringFieldComparison,
    caseId: IDFilterComparison,
  },
  sort: ['dueDate'] as const,
});

@InputType()
export class CallbackHolidayInput {
  @Field({ description: 'YYYY-MM-DD' }) date!: string;
  @Field() @Length(1, 40) name!: string;
}

@InputType({ description: 'What a rule may be tuned with (unset: leave as is).' })
export class CallbackRuleUpdate {
  @Field({ nullable: true }) @IsOptional() @Length(1, 120) name?: string;
  @Field({ nullable: true }) @IsOptional() enabled?: boolean;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(365) delayDays?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(60) leadDays?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(100) topN?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(28) dayOfMonth?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(365) noRepeatDays?: number;
  @Field(() => Int, { nullable: true, description: 'Calls without an answer before the task closes as UNREACHABLE.' }) @IsOptional() @Min(1) @Max(10) maxAttempts?: number;
  @Field(() => [CallbackHolidayInput], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) holidays?: CallbackHolidayInput[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @Length(1, 30, { each: true }) tags?: string[];
  @Field(() => ID, { nullable: true, description: 'The survey asked on these calls.' }) @IsOptional() templateId?: string | null;
}

@InputType({ description: 'Another rule of the franchise (e.g. a second new-member call after 30 days).' })
export class CreateCallbackRuleInput extends CallbackRuleUpdate {
  @Field() @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'code must be 1–40 lower-case letters, digits, _ or -' }) code!: string;
  @Field(() => CallbackRuleKind) kind!: CallbackRuleKind;
  @Field() @Length(1, 120) declare name: string;
}

@InputType()
export class UpdateCallbackRuleInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => CallbackRuleUpdate) @ValidateNested() update!: CallbackRuleUpdate;
}

@InputType({ description: 'What came of a call.' })
export class RecordCallbackOutcomeInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => CallbackStatus, { description: 'COMPLETED, RETRY (no answer), REFUSED, WRONG_NUMBER or DO_NOT_CALL.' }) outcome!: CallbackStatus;
  @Field(() => [SurveyAnswerInput], { nullable: true, description: 'The survey’s answers (COMPLETED).' }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) answers?: SurveyAnswerInput[];
  @Field(() => String, { nullable: true, description: 'The customer’s suggestions, free text.' }) @IsOptional() @Length(0, 2000) suggestion?: string | null;
  @Field(() => String, { nullable: true, description: 'The agent’s note.' }) @IsOptional() @Length(0, 2000) note?: string | null;
  @Field(() => Date, { nullable: true, description: 'RETRY: call again from (default: the next calling window an hour or more away).' }) @IsOptional() retryAt?: Date | null;
}

@InputType()
export class RaiseCaseFromCallbackInput {
  @Field(() => ID) id!: string;
  @Field(() => CaseType) type!: CaseType;
  @Field() @Length(1, 200) @Matches(/\S/, { message: 'subject must not be blank' }) subject!: string;
  @Field() @Length(1, 10000) description!: string;
}

@ObjectType({ description: 'A good time to call, in the customer’s zone.' })
export class CallWindow {
  @Field() start!: Date;
  @Field() end!: Date;
}

@ObjectType()
export class CallbackPlanResult {
  @Field(() => Int) created!: number;
  @Field(() => [CallbackPlanCount]) byKind!: CallbackPlanCount[];
}

@ObjectType()
export class CallbackPlanCount {
  @Field(() => CallbackRuleKind) kind!: CallbackRuleKind;
  @Field(() => Int) created!: number;
}
