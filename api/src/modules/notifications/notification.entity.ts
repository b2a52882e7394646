import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../core/clock';
import { FranchiseSettings, TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

/** Where a message goes: the customer's phone (SMS), WeChat, mailbox, or a staff member's bell. */
export enum NotificationChannel {
  SMS = 'SMS',
  WECHAT = 'WECHAT',
  EMAIL = 'EMAIL',
  IN_APP = 'IN_APP',
}

export enum NotificationStatus {
  /** Waiting for its delivery (a reaction to its outbox event), or retrying after a provider failure. */
  QUEUED = 'QUEUED',
  /** Held back by the franchise's quiet hours; leaves at `scheduledFor`. */
  SCHEDULED = 'SCHEDULED',
  /** Handed to the provider (for the log provider: recorded, nothing left the building). */
  SENT = 'SENT',
  /** The provider failed on every try; `lastError` says how (its delivery is in HQ's failed events). A person can retry it. */
  FAILED = 'FAILED',
  /** Not sent, on purpose: `reason` says why (opted out, no consent, no address). */
  SUPPRESSED = 'SUPPRESSED',
}

/** Why a message was not sent (status SUPPRESSED). */
export enum SuppressionReason {
  OPTED_OUT = 'OPTED_OUT',
  NO_CONSENT = 'NO_CONSENT',
  NO_ADDRESS = 'NO_ADDRESS',
  TEMPLATE_DISABLED = 'TEMPLATE_DISABLED',
}

registerEnumType(NotificationChannel, { name: 'NotificationChannel', description: 'SMS, WECHAT and EMAIL reach customers; IN_APP is the staff bell.' });
registerEnumType(NotificationStatus, { name: 'NotificationStatus' });
registerEnumType(SuppressionReason, { name: 'SuppressionReason', description: 'Why a message was not sent.' });

/**
 * A franchise's wording for one kind of message on one channel in one language. Its
 * placeholders ({{customerName}}) are checked against the kind's list when saved; kinds
 * without a franchise template use the built-in wording.
 */
@Entity({ tableName: 'notification_template' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'kind', 'channel', 'language'] })
@ObjectType()
export class NotificationTemplate extends TenantEntity<'enabled' | 'subject'> {
  @Property({ type: 'text' })
  @Field({ description: 'The kind of message (see notificationKinds), e.g. case.resolved.' })
  kind!: string;

  @Enum({ items: () => NotificationChannel })
  @Field(() => NotificationChannel)
  channel!: NotificationChannel;

  @Property({ type: 'text' })
  @Field({ description: 'zh-CN or en.' })
  language!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Email subject / in-app title; may use placeholders.' })
  subject?: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'The text, with {{placeholders}}.' })
  body!: string;

  @Property({ type: 'boolean' })
  @Field({ description: 'A disabled template sends nothing of its kind on its channel (the messages are logged as suppressed).' })
  enabled: boolean = true;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  updatedById?: string | null;
}

/**
 * One message to one recipient, from the moment it is decided (in the transaction of the
 * change that caused it) to its delivery: the message log. Customer messages carry the
 * customer; staff (in-app) messages the staff member and when they read it.
 */
@Entity({ tableName: 'notification_message' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'createdAt'] })
@Index({ properties: ['customerId', 'createdAt'] })
@Index({ name: 'notification_message_inbox_index', expression: 'create index "notification_message_inbox_index" on "notification_message" ("staff_id", "created_at") where "staff_id" is not null' })
@Index({ name: 'notification_message_pending_index', expression: `create index "notification_message_pending_index" on "notification_message" ("scheduled_for") where "status" in ('QUEUED', 'SCHEDULED')` })
@Unique({ properties: ['franchiseId', 'dedupeKey'] })
@ObjectType()
export class NotificationMessage extends TenantEntity<'status' | 'attempts' | 'language' | 'scheduledFor' | 'subject'> {
  @Property({ type: 'text' })
  @Field()
  kind!: string;

  @Enum({ items: () => NotificationChannel })
  @Field(() => NotificationChannel)
  channel!: NotificationChannel;

  @Property({ type: 'text' })
  @Field()
  language: string = 'zh-CN';

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The staff member an in-app message is for.' })
  staffId?: string | null;

  /** Phone, WeChat id or email address at the time of sending (shown masked). */
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The franchise template used; null for the built-in wording.' })
  templateId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  subject?: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'The text as sent (placeholders filled in).' })
  body!: string;

  @Enum({ items: () => NotificationStatus })
  @Field(() => NotificationStatus)
  status: NotificationStatus = NotificationStatus.QUEUED;

  @Enum({ items: () => SuppressionReason, nullable: true })
  @Field(() => SuppressionReason, { nullable: true })
  suppressionReason?: SuppressionReason | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was not sent or held back, in words a person can act on.' })
  statusNote?: string | null;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it may leave: now, or the end of the franchise’s quiet hours.' })
  scheduledFor: Date = clock.now();

  @Property({ type: 'int' })
  @Field(() => Int)
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  lastError?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'log, smtp or http.' })
  provider?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  providerMessageId?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'In-app: when the staff member read it.' })
  readAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What it is about: Case, CareTask…' })
  refType?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  refId?: string | null;

  /** One message per (reaction, event): a redelivered event does not send twice. */
  @Property({ type: 'text', nullable: true })
  dedupeKey?: string | null;
}

/** A franchise's sending rules: quiet hours in its time zone (customer messages wait them out). */
@Entity({ tableName: 'notification_settings' })
@Filter(tenantFilter)
@ObjectType()
export class NotificationSettings extends FranchiseSettings<'quietHoursStart' | 'quietHoursEnd' | 'timeZone'> {

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'HH:MM; with quietHoursEnd, no customer message leaves between them (e.g. 21:00–08:00). Null: no quiet hours.' })
  quietHoursStart?: string | null = '21:00';

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  quietHoursEnd?: string | null = '08:00';

  @Property({ type: 'text' })
  @Field()
  timeZone: string = 'Asia/Shanghai';

}

/** A customer who said "no more" on a channel (or on every channel when channel is null). */
@Entity({ tableName: 'notification_opt_out' })
@Filter(tenantFilter)
@Unique({ name: 'notification_opt_out_customer_channel_unique', expression: 'create unique index "notification_opt_out_customer_channel_unique" on "notification_opt_out" ("customer_id", coalesce("channel", \'ALL\'))' })
@ObjectType()
export class NotificationOptOut {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  customerId!: string;

  @Enum({ items: () => NotificationChannel, nullable: true })
  @Field(() => NotificationChannel, { nullable: true, description: 'Null: every channel.' })
  channel?: NotificationChannel | null;

  @Property({ type: 'text' })
  @Field({ description: 'What the customer said or did (回复 TD 退订, asked on the phone…).' })
  reason!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  recordedById?: string | null;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();
}
