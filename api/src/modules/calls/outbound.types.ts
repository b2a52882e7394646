import { IsOptional, Length } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateFieldComparison, enumComparison, IDFilterComparison, IntFieldComparison, StringFieldComparison } from '../../core/graphql/filters';
import type { FilterInput } from '../../core/graphql/list';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { CustomerFilter } from '../customers/customer.types';
import { NoInterestReason, OutboundOutcome, OutboundPlan, OutboundPurpose, OutboundTask, OutboundTaskState } from './outbound.entity';

export const OutboundPlanConnection = Connection(OutboundPlan);
export const OutboundTaskConnection = Connection(OutboundTask);

export const { Filter: OutboundPlanFilter, Sort: OutboundPlanSort } = defineListInputs('OutboundPlan', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, orgUnitId: IDFilterComparison, purpose: enumComparison('OutboundPurpose', OutboundPurpose), name: StringFieldComparison, deadline: DateFieldComparison, createdAt: DateFieldComparison },
  sort: ['createdAt', 'deadline', 'name'] as const,
});

export const { Filter: OutboundTaskFilter, Sort: OutboundTaskSort } = defineListInputs('OutboundTask', {
  filter: {
    id: IDFilterComparison,
    planId: IDFilterComparison,
    customerId: IDFilterComparison,
    assigneeId: IDFilterComparison,
    orgUnitId: IDFilterComparison,
    state: enumComparison('OutboundTaskState', OutboundTaskState),
    outcome: enumComparison('OutboundOutcome', OutboundOutcome),
    dueAt: DateFieldComparison,
    seq: IntFieldComparison,
  },
  sort: ['dueAt', 'seq', 'completedAt', 'createdAt'] as const,
});

@InputType({ description: 'Who a plan calls: a list of customers, or the customers a filter matches (as the customers list filters them), or both.' })
export class OutboundTargetsInput {
  @Field(() => [ID], { nullable: true }) customerIds?: string[] | null;
  @Field(() => CustomerFilter, { nullable: true, description: 'At most 2,000 customers may match.' }) filter?: FilterInput | null;
}

@InputType()
export class CreateOutboundPlanInput {
  @Field() @Length(1, 100) name!: string;
  @Field(() => OutboundPurpose) purpose!: OutboundPurpose;
  @Field() @Length(1, 1000) goal!: string;
  @Field(() => [ID], { description: 'The agents, in round-robin order (staff of the plan’s franchise).' }) assigneeIds!: string[];
  @Field({ description: 'When the tasks should be done (in the future).' }) deadline!: Date;
  @Field(() => OutboundTargetsInput) targets!: OutboundTargetsInput;
  @Field(() => ID, { nullable: true, description: 'Default: your franchise (HQ may name one).' }) franchiseId?: string | null;
}

@InputType({ description: 'More target customers for a plan: those already in it are skipped (idempotent), the new ones continue the round-robin.' })
export class AddOutboundTargetsInput {
  @Field(() => ID) planId!: string;
  @Field(() => OutboundTargetsInput) targets!: OutboundTargetsInput;
}

@ObjectType()
export class OutboundTargetsResult {
  @Field(() => OutboundPlan) plan!: OutboundPlan;
  @Field(() => Int, { description: 'Tasks made by this call.' }) created!: number;
  @Field(() => Int, { description: 'Targets that already had a task in the plan.' }) skipped!: number;
}

@InputType({ description: 'A call made for a task, logged with it (outbound, to the customer’s phone); or give callId of a call the telephony system recorded.' })
export class OutboundCallInput {
  @Field() offeredAt!: Date;
  @Field(() => Date, { nullable: true }) answeredAt?: Date | null;
  @Field(() => Date, { nullable: true }) endedAt?: Date | null;
}

@InputType()
export class RecordOutboundOutcomeInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => OutboundOutcome) outcome!: OutboundOutcome;
  @Field(() => NoInterestReason, { nullable: true, description: 'Required when NOT_INTERESTED, refused otherwise.' }) noInterestReason?: NoInterestReason | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) note?: string | null;
  @Field(() => ID, { nullable: true, description: 'A call already recorded (outbound, to this customer).' }) callId?: string | null;
  @Field(() => OutboundCallInput, { nullable: true, description: 'Or log the call now.' }) call?: OutboundCallInput | null;
  @Field(() => Date, { nullable: true, description: 'Call again then: a follow-up task for the same agent (in the future).' }) followUpAt?: Date | null;
}

@ObjectType({ description: 'Progress of a plan (or one agent’s part of it), by target customer: follow-ups count toward their customer.' })
export class OutboundProgressRow {
  @Field(() => ID, { nullable: true, description: 'The agent (null on the totals).' }) assigneeId!: string | null;
  @Field(() => String, { nullable: true }) assigneeName!: string | null;
  @Field(() => Int, { description: 'Target customers.' }) targets!: number;
  @Field(() => Int, { description: 'Targets whose first task has an outcome.' }) done!: number;
  @Field(() => Int, { description: 'Targets reached on any of their calls.' }) reached!: number;
  @Field(() => Int, { description: 'Targets interested or converted (their latest outcome).' }) interested!: number;
  @Field(() => Int, { description: 'Targets converted on any of their calls.' }) converted!: number;
  @Field(() => Int, { description: 'Follow-up tasks still open.' }) openFollowUps!: number;
  @Field(() => Float, { nullable: true, description: 'done ÷ targets, 0–1.' }) doneRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'converted ÷ reached, 0–1.' }) conversionRate!: number | null;
}

@ObjectType()
export class OutboundPlanProgress {
  @Field(() => ID) planId!: string;
  @Field(() => OutboundProgressRow) totals!: OutboundProgressRow;
  @Field(() => [OutboundProgressRow], { description: 'Per assignee, in the plan’s round-robin order.' }) byAgent!: OutboundProgressRow[];
  @Field(() => [NoInterestReasonCount], { description: 'Why reached customers had no interest.' }) noInterestReasons!: NoInterestReasonCount[];
}

@ObjectType()
export class NoInterestReasonCount {
  @Field(() => NoInterestReason) reason!: NoInterestReason;
  @Field(() => Int) count!: number;
}
