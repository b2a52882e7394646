import { Entity, Enum, Filter, Index, Property, Unique } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FranchiseSettings, TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { DEFAULT_ANSWER_RATE_TARGET, DEFAULT_AVERAGE_TALK_SECONDS_TARGET, DEFAULT_SHORT_ABANDON_SECONDS, DEFAULT_CONVERSION_RATE_TARGET } from './call-kpi-definitions';

export enum CallDirection {
  INBOUND = 'INBOUND',
  OUTBOUND = 'OUTBOUND',
}
registerEnumType(CallDirection, { name: 'CallDirection' });

/**
 * Where a call is: RINGING (offered, waiting) → ANSWERED → ENDED; or it ended unanswered:
 * ABANDONED (the caller hung up while waiting), MISSED (rang, nobody answered), FAILED (never connected).
 * A call never moves back: a late RINGING or ANSWERED event only fills in missing times.
 */
export enum CallState {
  RINGING = 'RINGING',
  ANSWERED = 'ANSWERED',
  ENDED = 'ENDED',
  ABANDONED = 'ABANDONED',
  MISSED = 'MISSED',
  FAILED = 'FAILED',
}
registerEnumType(CallState, { name: 'CallState' });

export enum CallSource {
  /** Posted by a telephony partner's API key (recordCallEvents). */
  PARTNER = 'PARTNER',
  /** Logged by an agent by hand (logCall). */
  MANUAL = 'MANUAL',
}
registerEnumType(CallSource, { name: 'CallSource' });

/**
 * One phone call of the call center (a Zammad CTI log entry, a FreeSWITCH CDR): who called whom on
 * which line, the agent, the times and the durations computed from them, how it ended, and what it
 * concerned. A partner's call id is unique per franchise: its events merge into one record.
 */
@Entity({ tableName: 'call_record' })
@Filter(tenantFilter)
@Unique({ name: 'call_record_partner_call_unique', properties: ['franchiseId', 'partnerCallId'] })
@Index({ properties: ['franchiseId', 'offeredAt'] })
@Index({ properties: ['agentId', 'offeredAt'] })
@Index({ properties: ['customerId', 'offeredAt'] })
@ObjectType()
export class CallRecord extends TenantEntity<'source' | 'state'> {
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The telephony partner’s id of the call (unique in the franchise); null for calls logged by hand.' })
  partnerCallId?: string | null;

  @Enum({ items: () => CallSource })
  @Field(() => CallSource)
  source: CallSource = CallSource.PARTNER;

  @Enum({ items: () => CallDirection })
  @Field(() => CallDirection)
  direction!: CallDirection;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The store (or franchise) the line belongs to.' })
  orgUnitId!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The line or queue (hotline, skill group) the call came in on or went out from.' })
  line?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'The calling number (the customer’s on an inbound call).' })
  callerNumber!: string;

  @Property({ type: 'text' })
  @Field({ description: 'The called number (the customer’s on an outbound call).' })
  calleeNumber!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The customer of the franchise whose phone is the outside number, or the one the agent chose.' })
  customerId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  agentId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The work number (工号) the agent states on answering, shown on their screen.' })
  agentWorkNo?: string | null;

  @Enum({ items: () => CallState })
  @Field(() => CallState)
  state: CallState = CallState.RINGING;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When the call was offered (started ringing, or was dialled out).' })
  offeredAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  answeredAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  endedAt?: Date | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Seconds from offered to answered (or to the end of an unanswered call).' })
  waitSeconds?: number | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Seconds from answered to ended, less the time on hold.' })
  talkSeconds?: number | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Seconds the caller was on hold (from the telephony system).' })
  holdSeconds?: number | null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'After-call work seconds (notes, follow-up) before the agent took the next call.' })
  wrapUpSeconds?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the call ended, as the switch reports it (NORMAL_CLEARING, USER_BUSY, NO_ANSWER…).' })
  hangupCause?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  recordingUrl?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What came of the call (咨询, 投诉, 下单, 回访…), set by the agent or the partner.' })
  disposition?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The case the call concerned.' })
  caseId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The order the call concerned (or led to).' })
  orderId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The callback task the call was made for.' })
  callbackTaskId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The appointment the call concerned.' })
  appointmentId?: string | null;

  /** When the latest partner event applied happened: later events win for the descriptive fields. */
  @Property({ type: 'timestamptz', nullable: true })
  lastEventAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When a supervisor or the quality team marked the call for review (null: not marked).' })
  reviewRequestedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who marked it for review.' })
  reviewRequestedById?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the call should be reviewed.' })
  reviewReason?: string | null;
}

/** A franchise's call-center targets and the short-abandon threshold of its answer rate. */
@Entity({ tableName: 'call_settings' })
@Filter(tenantFilter)
@ObjectType({ description: 'A franchise’s call-center KPI targets (a KPI under its target is marked on the KPI rows).' })
export class CallSettings extends FranchiseSettings<'answerRateTarget' | 'averageTalkSecondsTarget' | 'shortAbandonSeconds' | 'conversionRateTarget'> {
  @Property({ type: 'float8' })
  @Field(() => Float, { description: 'Answer rate target, 0–1 (default 0.9).' })
  answerRateTarget: number = DEFAULT_ANSWER_RATE_TARGET;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Average talk time target in seconds, at most (default 180).' })
  averageTalkSecondsTarget: number = DEFAULT_AVERAGE_TALK_SECONDS_TARGET;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'An inbound call abandoned within this many seconds of waiting is neither offered nor abandoned (default 5).' })
  shortAbandonSeconds: number = DEFAULT_SHORT_ABANDON_SECONDS;

  @Property({ type: 'float8' })
  @Field(() => Float, { description: 'Order conversion target, 0–1 (default 0.55).' })
  conversionRateTarget: number = DEFAULT_CONVERSION_RATE_TARGET;
}
