import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { CaseChannel, CasePriority, CaseType } from './case.entity';
import { clock } from '../../core/clock';

@ObjectType()
export class WorkingPeriodObject {
  @Field({ description: 'HH:MM local time' }) start!: string;
  @Field({ description: 'HH:MM local time' }) end!: string;
}

@ObjectType()
export class WorkingDayObject {
  @Field(() => Int, { description: '0 = Sunday … 6 = Saturday' }) weekday!: number;
  @Field(() => [WorkingPeriodObject]) periods!: WorkingPeriodObject[];
}

@ObjectType()
export class ExtraWorkdayObject {
  @Field({ description: 'YYYY-MM-DD: a day off made a working day (调休).' }) date!: string;
  @Field(() => [WorkingPeriodObject], { nullable: true, description: 'Defaults to Monday’s hours.' }) periods?: WorkingPeriodObject[] | null;
}

/** Working hours, weekends, holidays and make-up workdays in a time zone: what SLA clocks count. */
@Entity({ tableName: 'business_calendar' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'name'] })
@ObjectType()
export class BusinessCalendar extends TenantEntity<'holidays' | 'extraWorkdays'> {
  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'text' })
  @Field({ description: 'IANA time zone, e.g. Asia/Shanghai.' })
  timeZone!: string;

  @Property({ type: 'jsonb' })
  @Field(() => [WorkingDayObject])
  workingDays!: WorkingDayObject[];

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'YYYY-MM-DD days off.' })
  holidays: string[] = [];

  @Property({ type: 'jsonb' })
  @Field(() => [ExtraWorkdayObject])
  extraWorkdays: ExtraWorkdayObject[] = [];
}

/**
 * One SLA target row: applies to cases matching all of its (optional) conditions; the
 * first matching row of a policy wins. Durations count working time on the policy's
 * calendar unless `calendarHours` is false (24x7, e.g. online chat).
 */
@ObjectType()
export class SlaTarget {
  @Field(() => [CaseType], { nullable: true }) types?: CaseType[] | null;
  @Field(() => [CasePriority], { nullable: true }) priorities?: CasePriority[] | null;
  @Field(() => [CaseChannel], { nullable: true }) channels?: CaseChannel[] | null;
  @Field(() => Int, { nullable: true, description: 'First reply within (minutes).' }) firstResponseMinutes?: number | null;
  @Field(() => Int, { nullable: true, description: 'Reply to each customer message within (minutes).' }) nextResponseMinutes?: number | null;
  @Field(() => Int, { nullable: true, description: 'Initial verification: a solution proposed within N working days (complaints).' }) verificationWorkingDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Resolution within (minutes).' }) resolutionMinutes?: number | null;
  @Field(() => Int, { nullable: true, description: 'Resolution within N working days (used when resolutionMinutes is not set).' }) resolutionWorkingDays?: number | null;
  @Field({ description: 'Count only working time on the calendar (false: around the clock).' }) calendarHours!: boolean;
}

/** A franchise's SLA policy: targets by type, priority and channel on a business calendar. */
@Entity({ tableName: 'sla_policy' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'name'] })
@ObjectType()
export class SlaPolicy extends TenantEntity<'warningThreshold' | 'isDefault' | 'autoEscalateOnBreach'> {
  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'boolean' })
  @Field({ description: 'Applies to the franchise’s cases unless a queue has its own policy.' })
  isDefault: boolean = false;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Applies to cases in this queue (e.g. vip) instead of the default.' })
  queue?: string | null;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  calendarId!: string;

  @Property({ type: 'jsonb' })
  @Field(() => [SlaTarget])
  targets!: SlaTarget[];

  @Property({ type: 'float' })
  @Field(() => Float, { description: 'Warn when this share of a target has elapsed (0.8 = 80%).' })
  warningThreshold: number = 0.8;

  @Property({ type: 'boolean' })
  @Field({ description: 'Escalate a case one level when one of its clocks breaches.' })
  autoEscalateOnBreach: boolean = true;
}

export enum SlaClockKind {
  FIRST_RESPONSE = 'FIRST_RESPONSE',
  NEXT_RESPONSE = 'NEXT_RESPONSE',
  VERIFICATION = 'VERIFICATION',
  RESOLUTION = 'RESOLUTION',
}
registerEnumType(SlaClockKind, { name: 'SlaClockKind' });

/**
 * One running target of a case. Paused while the case waits on the customer (the due
 * time moves by the paused working time); met, warned and breached once each.
 */
@Entity({ tableName: 'case_sla_clock' })
@Filter(tenantFilter)
@Index({ properties: ['caseId'] })
@Index({ name: 'case_sla_clock_running_due', expression: 'create index "case_sla_clock_running_due" on "case_sla_clock" ("due_at") where "met_at" is null and "paused_at" is null and "breached_at" is null' })
@Index({ name: 'case_sla_clock_running_warn', expression: 'create index "case_sla_clock_running_warn" on "case_sla_clock" ("warn_at") where "met_at" is null and "paused_at" is null and "warned_at" is null' })
@ObjectType()
export class CaseSlaClock {
  [OptionalProps]?: 'id' | 'startedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  caseId!: string;

  @Enum({ items: () => SlaClockKind })
  @Field(() => SlaClockKind)
  kind!: SlaClockKind;

  @Property({ type: 'boolean' })
  @Field({ description: 'Counts working time on the calendar (false: around the clock).' })
  calendarHours!: boolean;

  @Property({ type: 'timestamptz' })
  @Field()
  startedAt: Date = clock.now();

  @Property({ type: 'timestamptz' })
  @Field()
  dueAt!: Date;

  @Property({ type: 'timestamptz' })
  @Field()
  warnAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  pausedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  metAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  warnedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  breachedAt?: Date | null;
}
