import { Entity, Enum, Filter, Index, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

/** What an outbound plan is for (外呼任务的目的). */
export enum OutboundPurpose {
  /** 调查：a survey by phone. */
  SURVEY = 'SURVEY',
  /** 销售：offering products or services. */
  SALES = 'SALES',
  /** 关系维护：relationship care (greetings, checking in). */
  RELATIONSHIP_CARE = 'RELATIONSHIP_CARE',
}
registerEnumType(OutboundPurpose, { name: 'OutboundPurpose' });

/** What came of an outbound task's call. Reached: anything but UNREACHED; interested: INTERESTED or CONVERTED. */
export enum OutboundOutcome {
  /** 未接通：no answer, busy, wrong or dead number. */
  UNREACHED = 'UNREACHED',
  /** 无意向：reached, not interested (the reason is required). */
  NOT_INTERESTED = 'NOT_INTERESTED',
  /** 有意向：reached and interested, not (yet) converted. */
  INTERESTED = 'INTERESTED',
  /** 已成交：the survey answered, the sale made, the care visit accepted. */
  CONVERTED = 'CONVERTED',
}
registerEnumType(OutboundOutcome, { name: 'OutboundOutcome' });

/** Why a reached customer had no interest (the list the agent picks from). */
export enum NoInterestReason {
  NO_NEED = 'NO_NEED',
  PRICE = 'PRICE',
  ALREADY_BOUGHT = 'ALREADY_BOUGHT',
  BAD_TIMING = 'BAD_TIMING',
  DISTRUST = 'DISTRUST',
  DO_NOT_CALL = 'DO_NOT_CALL',
  OTHER = 'OTHER',
}
registerEnumType(NoInterestReason, { name: 'NoInterestReason' });

export enum OutboundTaskState {
  OPEN = 'OPEN',
  DONE = 'DONE',
}
registerEnumType(OutboundTaskState, { name: 'OutboundTaskState' });

/**
 * A supervisor's outbound plan (外呼计划): a purpose and goal, the target customers (one task each,
 * assigned round-robin to the assignees), a deadline. Progress is computed from its tasks.
 */
@Entity({ tableName: 'outbound_plan' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'createdAt'] })
@ObjectType({ description: 'An outbound call plan: purpose, goal, target customers (one task each, round-robin over the assignees), deadline.' })
export class OutboundPlan extends TenantEntity<'targetCount'> {
  @Property({ type: 'text' }) @Field() name!: string;
  @Enum({ items: () => OutboundPurpose }) @Field(() => OutboundPurpose) purpose!: OutboundPurpose;
  @Property({ type: 'text' }) @Field({ description: 'What the plan should achieve (e.g. 30 % of the targets buy the autumn package).' }) goal!: string;
  @Property({ type: 'uuid' }) @Field(() => ID, { description: 'The unit of the supervisor who made it (its tasks stay within the franchise).' }) orgUnitId!: string;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true }) createdById?: string | null;
  @Property({ type: 'jsonb' }) @Field(() => [ID], { description: 'The agents its tasks go to, in round-robin order.' }) assigneeIds!: string[];
  @Property({ type: 'timestamptz' }) @Field({ description: 'When the tasks should be done.' }) deadline!: Date;
  @Property({ type: 'int' }) @Field(() => Int, { description: 'Target customers (tasks other than follow-ups).' }) targetCount: number = 0;
}

/**
 * One customer of a plan for one agent: call (a call record linked), outcome, the reason when the
 * customer has no interest, a follow-up date that makes a follow-up task for the same agent.
 */
@Entity({ tableName: 'outbound_task' })
@Filter(tenantFilter)
@Unique({ name: 'outbound_task_follow_up_unique', properties: ['followUpOfId'] })
@Index({ properties: ['planId', 'assigneeId'] })
@Index({ properties: ['assigneeId', 'state', 'dueAt'] })
// The customer's tasks by agent: an agent sees the customers of their tasks (customers/customer-scope.ts).
@Index({ properties: ['customerId', 'assigneeId'] })
@ObjectType({ description: 'An outbound call task: one target customer of a plan for one agent.' })
export class OutboundTask extends TenantEntity<'state' | 'followUpOfId'> {
  @Property({ type: 'uuid' }) @Field(() => ID) planId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) customerId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID, { description: 'The customer’s store (who may see the task).' }) orgUnitId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) assigneeId!: string;
  @Property({ type: 'int' }) @Field(() => Int, { description: 'Its place in the plan (round-robin order).' }) seq!: number;
  @Property({ type: 'timestamptz' }) @Field({ description: 'The plan’s deadline, or the follow-up date.' }) dueAt!: Date;
  @Enum({ items: () => OutboundTaskState }) @Field(() => OutboundTaskState) state: OutboundTaskState = OutboundTaskState.OPEN;
  @Enum({ items: () => OutboundOutcome, nullable: true }) @Field(() => OutboundOutcome, { nullable: true }) outcome?: OutboundOutcome | null;
  @Enum({ items: () => NoInterestReason, nullable: true }) @Field(() => NoInterestReason, { nullable: true }) noInterestReason?: NoInterestReason | null;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) note?: string | null;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true, description: 'The call made for it.' }) callId?: string | null;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) completedAt?: Date | null;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true, description: 'When to call again (a follow-up task was made for it).' }) followUpAt?: Date | null;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true, description: 'The task this one follows up (null: a target of the plan).' }) followUpOfId?: string | null;
}
