import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { clock } from '../../core/clock';

export enum CaseType {
  CONSULTATION = 'CONSULTATION',
  /** Needs a pharmacist or doctor to answer. */
  MEDICATION_CONSULTATION = 'MEDICATION_CONSULTATION',
  COMPLAINT = 'COMPLAINT',
  SUGGESTION = 'SUGGESTION',
  PRAISE = 'PRAISE',
  AFTER_SALES = 'AFTER_SALES',
  ORDER_INQUIRY = 'ORDER_INQUIRY',
}

export enum CaseChannel {
  PHONE = 'PHONE',
  ONLINE_CHAT = 'ONLINE_CHAT',
  EMAIL = 'EMAIL',
  IN_STORE = 'IN_STORE',
  APP = 'APP',
  WECHAT = 'WECHAT',
  SMS = 'SMS',
}

/** Complaint categories of domain.md; OTHER for the rest. */
export enum CaseCategory {
  DELIVERY_DAMAGED = 'DELIVERY_DAMAGED',
  DELIVERY_LATE = 'DELIVERY_LATE',
  DRUG_SPOILED = 'DRUG_SPOILED',
  DRUG_WRONG_ITEM = 'DRUG_WRONG_ITEM',
  SERVICE_ATTITUDE = 'SERVICE_ATTITUDE',
  SERVICE_SLOW_REPLY = 'SERVICE_SLOW_REPLY',
  OTHER = 'OTHER',
}

export enum CasePriority {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}

/**
 * Where a workflow state sits in every workflow, whatever its name: queues, SLA pauses
 * and reports work on these, so plugin states need no special handling.
 */
export enum CaseStage {
  /** Waiting in the queue for someone to take it. */
  NEW = 'NEW',
  /** Someone is working on it. */
  OPEN = 'OPEN',
  /** Waiting on the customer; SLA clocks pause. */
  PENDING_CUSTOMER = 'PENDING_CUSTOMER',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

/** Stages of a case still being worked (queues, load, SLA). */
export const OPEN_STAGES = [CaseStage.NEW, CaseStage.OPEN, CaseStage.PENDING_CUSTOMER];

/** Who holds the case beyond the first responder: agent → supervisor → director → HQ. */
export enum EscalationLevel {
  AGENT = 'AGENT',
  SUPERVISOR = 'SUPERVISOR',
  DIRECTOR = 'DIRECTOR',
  HQ = 'HQ',
}

export enum SolutionType {
  REPLACE = 'REPLACE',
  REFUND = 'REFUND',
  COMPENSATION = 'COMPENSATION',
  APOLOGY = 'APOLOGY',
  COACHING = 'COACHING',
}

export enum SlaStatus {
  /** Every running clock is inside its target. */
  OK = 'OK',
  /** A clock passed the warning threshold. */
  WARNING = 'WARNING',
  /** A clock passed its target. */
  BREACHED = 'BREACHED',
  /** No clock is running (paused, finished, or no policy applies). */
  NONE = 'NONE',
}

registerEnumType(CaseType, { name: 'CaseType' });
registerEnumType(CaseChannel, { name: 'CaseChannel' });
registerEnumType(CaseCategory, { name: 'CaseCategory', description: 'Complaint category (delivery, drug quality, service attitude, other).' });
registerEnumType(CasePriority, { name: 'CasePriority' });
registerEnumType(CaseStage, { name: 'CaseStage', description: 'Where the workflow state sits in every workflow: NEW, OPEN, PENDING_CUSTOMER (SLA paused), RESOLVED, CLOSED.' });
registerEnumType(EscalationLevel, { name: 'EscalationLevel' });
registerEnumType(SolutionType, { name: 'SolutionType' });
registerEnumType(SlaStatus, { name: 'SlaStatus' });

@ObjectType()
export class CaseAttachment {
  @Field() url!: string;
  @Field({ description: 'MIME type, e.g. image/jpeg, video/mp4.' }) contentType!: string;
  @Field(() => Int, { description: 'Bytes.' }) size!: number;
  @Field(() => String, { nullable: true }) name?: string | null;
}

/**
 * A customer-service case (工单): a consultation, complaint, suggestion, praise,
 * after-sales request or order inquiry, worked through its workflow by the agent who
 * first took it (首问负责制), under SLA clocks.
 */
@Entity({ tableName: 'service_case' })
@Filter(tenantFilter)
@Index({ name: 'service_case_franchise_case_no_unique', expression: 'create unique index "service_case_franchise_case_no_unique" on "service_case" ("franchise_id", "case_no")' })
@Index({ properties: ['franchiseId', 'stage', 'slaDueAt'] })
@Index({ properties: ['franchiseId', 'ownerId', 'stage'] })
@Index({ properties: ['franchiseId', 'createdAt'] })
@ObjectType()
export class Case extends TenantEntity<
  'stage' | 'priority' | 'priorityRank' | 'attachments' | 'escalationLevel' | 'queue' | 'isVip' | 'slaStatus' | 'reopenCount' | 'lastActivityAt' | 'tags'
> {
  @Property({ type: 'text' })
  @Field({ description: 'Readable number per franchise, e.g. EAST-CS-2026-000042.' })
  caseNo!: string;

  @Enum({ items: () => CaseType })
  @Field(() => CaseType)
  type!: CaseType;

  @Enum({ items: () => CaseChannel })
  @Field(() => CaseChannel)
  channel!: CaseChannel;

  @Property({ type: 'text' })
  @Field({ description: 'The workflow definition this case follows (e.g. complaint, consultation).' })
  workflow!: string;

  @Property({ type: 'text' })
  @Field({ description: 'Current workflow state (plugins may add states).' })
  state!: string;

  @Enum({ items: () => CaseStage })
  @Field(() => CaseStage)
  stage: CaseStage = CaseStage.NEW;

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'Null for anonymous callers until linked.' })
  customerId?: string | null;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The store, branch center or franchise the case belongs to.' })
  orgUnitId!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The order number: the linked order’s, or as the customer quoted it for an order outside the system.' })
  orderRef?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The product as people read it: the linked product’s name and strength, or free text.' })
  productRef?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The drug lot number involved: the linked lot’s, or free text.' })
  batchRef?: string | null;

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'The linked order (checked: in the case’s franchise and the caller’s reach).' })
  orderId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The linked order line (its product and lot follow).' })
  orderLineId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  productId?: string | null;

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'The linked lot (batch).' })
  lotId?: string | null;

  @Enum({ items: () => CaseCategory, nullable: true })
  @Field(() => CaseCategory, { nullable: true })
  category?: CaseCategory | null;

  @Enum({ items: () => CasePriority })
  @Field(() => CasePriority)
  priority: CasePriority = CasePriority.NORMAL;

  /** URGENT 0 … LOW 3, kept by PostgreSQL so queues sort by urgency (sort field priorityRank). */
  @Property({ type: 'smallint', generated: "(case priority when 'URGENT' then 0 when 'HIGH' then 1 when 'NORMAL' then 2 else 3 end) stored", nullable: true })
  priorityRank?: number;

  @Property({ type: 'text' })
  @Field()
  subject!: string;

  @Property({ type: 'text' })
  @Field()
  description!: string;

  @Property({ type: 'jsonb' })
  @Field(() => [CaseAttachment], { description: 'Evidence (photos, video): metadata only.' })
  attachments: CaseAttachment[] = [];

  @Property({ type: 'text[]' })
  @Field(() => [String])
  tags: string[] = [];

  @Property({ type: 'text' })
  @Field({ description: 'Queue the case waits in (general; plugins add others such as vip).' })
  queue: string = 'general';

  @Property({ type: 'boolean' })
  @Field({ description: 'The customer is tagged VIP.' })
  isVip: boolean = false;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'First responder: whoever first took the case owns it to the end (transfer or escalation aside).' })
  ownerId?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  ownedSince?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Pharmacist or doctor the case was referred to for a medical answer.' })
  expertId?: string | null;

  @Enum({ items: () => EscalationLevel })
  @Field(() => EscalationLevel)
  escalationLevel: EscalationLevel = EscalationLevel.AGENT;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  escalatedAt?: Date | null;

  @Enum({ items: () => SolutionType, nullable: true })
  @Field(() => SolutionType, { nullable: true })
  solutionType?: SolutionType | null;

  @Property({ type: 'decimal', precision: 12, scale: 2, columnType: 'numeric(12,2)', nullable: true })
  solutionAmountValue?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  solutionNote?: string | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'The customer’s answer when asked whether they are satisfied.' })
  customerSatisfied?: boolean | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  resolutionNote?: string | null;

  /** Fields a workflow transition may collect that have no column of their own. */
  @Property({ type: 'jsonb', nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: 'Values collected by workflow transitions (plugins included).' })
  workflowData?: Record<string, unknown> | null;

  @Property({ type: 'uuid', nullable: true })
  slaPolicyId?: string | null;

  @Enum({ items: () => SlaStatus })
  @Field(() => SlaStatus)
  slaStatus: SlaStatus = SlaStatus.NONE;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the next running SLA clock runs out (null while none runs).' })
  slaDueAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  firstRespondedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'int' })
  @Field(() => Int)
  reopenCount: number = 0;

  @Property({ type: 'timestamptz' })
  @Field()
  lastActivityAt: Date = clock.now();

  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;

  @Field(() => Float, { nullable: true, description: 'Refund or compensation amount (yuan).' })
  get solutionAmount(): number | null {
    return this.solutionAmountValue == null ? null : Number(this.solutionAmountValue);
  }
}

export enum CaseMessageKind {
  /** Visible to the customer. */
  REPLY = 'REPLY',
  /** Staff only. */
  NOTE = 'NOTE',
  /** What the customer said (recorded by staff or arriving from a channel). */
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(CaseMessageKind, { name: 'CaseMessageKind', description: 'REPLY (customer-visible), NOTE (internal), CUSTOMER (from the customer).' });

/** The case's thread: replies to the customer, internal notes, and the customer's messages. Never edited. */
@Entity({ tableName: 'case_message' })
@Filter(tenantFilter)
@Index({ properties: ['caseId', 'createdAt'] })
@ObjectType()
export class CaseMessage {
  [OptionalProps]?: 'id' | 'createdAt' | 'attachments';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  caseId!: string;

  @Enum({ items: () => CaseMessageKind })
  @Field(() => CaseMessageKind)
  kind!: CaseMessageKind;

  @Property({ type: 'text' })
  @Field()
  body!: string;

  @Property({ type: 'jsonb' })
  @Field(() => [CaseAttachment])
  attachments: CaseAttachment[] = [];

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Staff author; null for customer messages.' })
  authorId?: string | null;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();
}

export enum CaseActivityKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  TRANSITION = 'TRANSITION',
  CLAIMED = 'CLAIMED',
  ASSIGNED = 'ASSIGNED',
  TRANSFERRED = 'TRANSFERRED',
  ESCALATED = 'ESCALATED',
  REFERRED = 'REFERRED',
  CUSTOMER_LINKED = 'CUSTOMER_LINKED',
  SLA_WARNING = 'SLA_WARNING',
  SLA_BREACHED = 'SLA_BREACHED',
  ARTICLE_LINKED = 'ARTICLE_LINKED',
  FEEDBACK_RAISED = 'FEEDBACK_RAISED',
}
registerEnumType(CaseActivityKind, { name: 'CaseActivityKind' });

/** The case's history: every transition, hand-over, escalation and SLA event, in order. Never edited. */
@Entity({ tableName: 'case_activity' })
@Filter(tenantFilter)
@Index({ properties: ['caseId', 'occurredAt'] })
@ObjectType()
export class CaseActivity {
  [OptionalProps]?: 'id' | 'occurredAt' | 'details';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  caseId!: string;

  @Enum({ items: () => CaseActivityKind })
  @Field(() => CaseActivityKind)
  kind!: CaseActivityKind;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Workflow action for transitions.' })
  action?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  fromState?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  toState?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Staff who did it; null for the system (jobs).' })
  actorId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  fromStaffId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  toStaffId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Property({ type: 'jsonb' })
  @Field(() => GraphQLJSON)
  details: Record<string, unknown> = {};

  @Property({ type: 'timestamptz' })
  @Field()
  occurredAt: Date = clock.now();
}
