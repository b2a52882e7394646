import { Entity, Enum, Filter, Index, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

export enum CallbackRuleKind {
  /** After every service contact: a resolved case's satisfaction survey, asked by phone `delayDays` after. */
  AFTER_SERVICE = 'AFTER_SERVICE',
  /** A new member (member card) `delayDays` after joining, within the first week. */
  NEW_MEMBER = 'NEW_MEMBER',
  /** Chronic medication: a refill call `leadDays` before a prescribed product runs out (the orders' consumption periods), once a month. */
  CHRONIC_MEDICATION = 'CHRONIC_MEDICATION',
  /** Each store's top `topN` customers by last month's spend, from `dayOfMonth` every month. */
  TOP_SPENDERS = 'TOP_SPENDERS',
  /** `leadDays` before each of the rule's holidays, customers with one of its tags. */
  HOLIDAY = 'HOLIDAY',
  /** `delayDays` (2) days after a test report is delivered (the service journey), then 3, 6 and 12 months after. */
  REPORT_DELIVERED = 'REPORT_DELIVERED',
}
registerEnumType(CallbackRuleKind, { name: 'CallbackRuleKind' });

export enum CallbackStatus {
  OPEN = 'OPEN',
  /** No answer: tried again from nextAttemptAt. */
  RETRY = 'RETRY',
  COMPLETED = 'COMPLETED',
  REFUSED = 'REFUSED',
  WRONG_NUMBER = 'WRONG_NUMBER',
  /** The customer asked not to be called: their phone consent is withdrawn. */
  DO_NOT_CALL = 'DO_NOT_CALL',
  /** No answer on the rule's last allowed attempt: closed, not tried again. */
  UNREACHABLE = 'UNREACHABLE',
}
registerEnumType(CallbackStatus, { name: 'CallbackStatus' });

@ObjectType()
export class CallbackHoliday {
  @Field({ description: 'YYYY-MM-DD' }) date!: string;
  @Field() name!: string;
}

/**
 * A callback plan rule of a franchise: enabled, tuned, or added (several of one kind may
 * exist, each with its own code). The daily plan job turns enabled rules into callback tasks.
 */
@Entity({ tableName: 'callback_rule' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'code'] })
@ObjectType()
export class CallbackRule extends TenantEntity<'enabled' | 'delayDays' | 'leadDays' | 'topN' | 'dayOfMonth' | 'noRepeatDays' | 'holidays' | 'tags' | 'maxAttempts'> {
  @Property({ type: 'text' })
  @Field({ description: 'Unique within the franchise (the built-in rules use their kind in lower case).' })
  code!: string;

  @Enum({ items: () => CallbackRuleKind })
  @Field(() => CallbackRuleKind)
  kind!: CallbackRuleKind;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'boolean' })
  @Field()
  enabled: boolean = true;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'AFTER_SERVICE, NEW_MEMBER: days after the event.' })
  delayDays: number = 2;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'CHRONIC_MEDICATION, HOLIDAY: days before.' })
  leadDays: number = 3;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'TOP_SPENDERS: customers per store.' })
  topN: number = 10;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'TOP_SPENDERS: the day of the month the calls start.' })
  dayOfMonth: number = 1;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'A customer called (any purpose) within this many days is not planned again yet.' })
  noRepeatDays: number = 7;

  @Property({ type: 'int', default: 3 })
  @Field(() => Int, { description: 'Calls without an answer before the task closes as UNREACHABLE.' })
  maxAttempts: number = 3;

  @Property({ type: 'json' })
  @Field(() => [CallbackHoliday], { description: 'HOLIDAY: the holidays.' })
  holidays: CallbackHoliday[] = [];

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'HOLIDAY: customers with one of these tags (empty: every customer).' })
  tags: string[] = [];

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The survey asked on these calls (default: the franchise’s CALLBACK template, else HQ’s).' })
  templateId?: string | null;
}

/** A call to make to a customer for one purpose (unique per customer and purpose). */
@Entity({ tableName: 'callback_task' })
@Filter(tenantFilter)
@Unique({ name: 'callback_task_purpose_unique', properties: ['franchiseId', 'customerId', 'purposeKey'] })
@Index({ properties: ['franchiseId', 'status', 'dueDate'] })
@Index({ properties: ['customerId', 'dueDate'] })
@ObjectType()
export class CallbackTask extends TenantEntity<'status' | 'attempts'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  customerId!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  ruleId?: string | null;

  @Enum({ items: () => CallbackRuleKind })
  @Field(() => CallbackRuleKind)
  kind!: CallbackRuleKind;

  @Property({ type: 'text' })
  @Field({ description: 'What the call is for, unique per customer (e.g. refill:2027-03, service:<survey id>).' })
  purposeKey!: string;

  @Property({ type: 'text' })
  @Field()
  title!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The customer’s store.' })
  orgUnitId!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The agent working it (null: anyone at the desk).' })
  assigneeId?: string | null;

  @Property({ type: 'date' })
  @Field({ description: 'YYYY-MM-DD, in the franchise’s calendar.' })
  dueDate!: string;

  @Enum({ items: () => CallbackStatus })
  @Field(() => CallbackStatus)
  status: CallbackStatus = CallbackStatus.OPEN;

  @Property({ type: 'int' })
  @Field(() => Int)
  attempts: number = 0;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'RETRY: not before.' })
  nextAttemptAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The survey asked on the call (a service contact’s own, or one made when answered).' })
  surveyId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'A case raised from the call.' })
  caseId?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  closedById?: string | null;
}
