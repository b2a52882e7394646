import { Entity, Enum, Filter, Index, PrimaryKey, Property, OptionalProps } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FranchiseSettings, TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { clock } from '../../core/clock';

/** A saved queue view: filters, sort and columns, shared with a team or kept personal. */
@Entity({ tableName: 'case_view' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'ownerId'] })
@ObjectType()
export class CaseView extends TenantEntity<'sorting' | 'columns' | 'filter'> {
  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Personal view of this staff member; null for a shared (team) view.' })
  ownerId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Team (org unit) a shared view is meant for.' })
  orgUnitId?: string | null;

  @Property({ type: 'jsonb' })
  @Field(() => GraphQLJSON, { description: 'A CaseFilter.' })
  filter: Record<string, unknown> = {};

  @Property({ type: 'jsonb' })
  @Field(() => GraphQLJSON, { description: 'A list of CaseSort.' })
  sorting: { field: string; direction: string }[] = [];

  @Property({ type: 'text[]' })
  @Field(() => [String])
  columns: string[] = [];
}

export enum AgentAvailability {
  ONLINE = 'ONLINE',
  AWAY = 'AWAY',
  OFFLINE = 'OFFLINE',
}
registerEnumType(AgentAvailability, { name: 'AgentAvailability' });

/** An agent's availability and capacity for auto-assignment; one row per staff member. */
@Entity({ tableName: 'agent_presence' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'availability'] })
@ObjectType()
export class AgentPresence {
  [OptionalProps]?: 'availability' | 'capacity' | 'since' | 'lastSeenAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'The staff member.' })
  staffUserId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Enum({ items: () => AgentAvailability })
  @Field(() => AgentAvailability)
  availability: AgentAvailability = AgentAvailability.OFFLINE;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Open cases the agent takes at most through auto-assignment.' })
  capacity: number = 10;

  @Property({ type: 'timestamptz' })
  @Field()
  since: Date = clock.now();

  @Property({ type: 'timestamptz' })
  @Field()
  lastSeenAt: Date = clock.now();

  @Property({ version: true })
  version: number = 1;
}

/** A franchise's case settings: auto-assignment rule and cross-department feedback limits. */
@Entity({ tableName: 'case_settings' })
@Filter(tenantFilter)
@ObjectType()
export class CaseSettings extends FranchiseSettings<'assignmentRule' | 'feedbackAnswerHours' | 'lastAssignedStaffId'> {

  @Property({ type: 'text' })
  @Field({ description: 'Auto-assignment rule for new cases: manual (claim from the queue), round_robin, least_loaded, or one a plugin adds.' })
  assignmentRule: string = 'manual';

  @Property({ type: 'uuid', nullable: true })
  lastAssignedStaffId?: string | null;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Working hours a department has to answer a feedback item before it escalates to management.' })
  feedbackAnswerHours: number = 8;

}

export enum FeedbackStatus {
  /** Raised; the department has not answered yet. */
  OPEN = 'OPEN',
  /** The department answered with a promised resolution time. */
  ANSWERED = 'ANSWERED',
  RESOLVED = 'RESOLVED',
}
registerEnumType(FeedbackStatus, { name: 'FeedbackStatus' });

/**
 * Cross-department feedback (service center authority): a problem blocking customers,
 * raised to the responsible department, which answers with a resolution time; unanswered
 * or overdue items escalate to management.
 */
@Entity({ tableName: 'department_feedback' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'status', 'answerDueAt'] })
@ObjectType()
export class DepartmentFeedback extends TenantEntity<'status' | 'escalated'> {
  @Property({ type: 'text' })
  @Field({ description: 'Readable number, e.g. EAST-FB-2026-000003.' })
  feedbackNo!: string;

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'The case that revealed the problem, if any.' })
  caseId?: string | null;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The responsible department (org unit).' })
  departmentId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  raisedById!: string;

  @Property({ type: 'text' })
  @Field()
  title!: string;

  @Property({ type: 'text' })
  @Field()
  description!: string;

  @Enum({ items: () => FeedbackStatus })
  @Field(() => FeedbackStatus)
  status: FeedbackStatus = FeedbackStatus.OPEN;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'The department must answer by then.' })
  answerDueAt!: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  answer?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  answeredAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'The department’s promised resolution time.' })
  promisedBy?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'boolean' })
  @Field({ description: 'Escalated to management (unanswered or overdue).' })
  escalated: boolean = false;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  escalatedAt?: Date | null;
}
