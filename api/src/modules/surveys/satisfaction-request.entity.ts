import { Entity, Enum, Filter, Index, Property } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

export enum SatisfactionRequestStatus {
  /** Waiting to be sent (by the surveys module, or an agent's callback). */
  PENDING = 'PENDING',
  SENT = 'SENT',
  ANSWERED = 'ANSWERED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(SatisfactionRequestStatus, { name: 'SatisfactionRequestStatus' });

/** How a survey reached the customer (and was answered). */
export enum SurveyChannel {
  PHONE = 'PHONE',
  SMS = 'SMS',
  WECHAT = 'WECHAT',
  IN_STORE = 'IN_STORE',
  ONLINE = 'ONLINE',
}
registerEnumType(SurveyChannel, { name: 'SurveyChannel' });

@ObjectType({ description: 'The answer to one question of a survey.' })
export class SurveyAnswer {
  @Field() questionKey!: string;
  @Field(() => Int, { nullable: true, description: 'RATING (1–5) or NPS (0–10).' }) value?: number | null;
  @Field(() => [String], { nullable: true, description: 'Chosen option values (choice questions; yes / no as "yes" or "no").' }) choices?: string[] | null;
  @Field(() => String, { nullable: true }) text?: string | null;
}

/**
 * A survey sent to a customer: made when a case is resolved (CSAT after a service contact) or
 * on a callback, with the template version it is asked with; the answers, the satisfaction
 * rating and NPS are recorded on it once (see satisfaction-figures.ts for the rates).
 */
@Entity({ tableName: 'satisfaction_request' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'status', 'createdAt'] })
@Index({ properties: ['franchiseId', 'sentAt'] })
@ObjectType()
export class SatisfactionRequest extends TenantEntity<'status'> {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  customerId!: string;

  @Property({ type: 'text' })
  @Field({ description: 'What it is about, e.g. case.' })
  sourceKind!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  sourceId!: string;

  @Property({ type: 'text' })
  @Field({ description: 'Readable reference of the source (case number).' })
  sourceRef!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Staff whose service is rated.' })
  staffId?: string | null;

  @Enum({ items: () => SatisfactionRequestStatus })
  @Field(() => SatisfactionRequestStatus)
  status: SatisfactionRequestStatus = SatisfactionRequestStatus.PENDING;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The template version it is asked with (kept when the template changes).' })
  templateVersionId!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The store (org unit) whose service is rated.' })
  orgUnitId?: string | null;

  @Enum({ items: () => SurveyChannel, nullable: true })
  @Field(() => SurveyChannel, { nullable: true })
  channel?: SurveyChannel | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  answeredAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Staff who recorded the answers (a callback), if any.' })
  answeredById?: string | null;

  @Property({ type: 'smallint', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The answer (1–5) to the satisfaction question.' })
  rating?: number | null;

  @Property({ type: 'smallint', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The answer (0–10) to the NPS question.' })
  npsScore?: number | null;

  @Property({ type: 'float8', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Weighted score, 0–100: Σ weight × (earned ÷ maximum) over the scored questions answered.' })
  score?: number | null;

  @Property({ type: 'json', nullable: true })
  @Field(() => [SurveyAnswer], { nullable: true })
  answers?: SurveyAnswer[] | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Free-text suggestions.' })
  suggestion?: string | null;

  /** The one online link that works (see survey-link.ts): a new link replaces it, answering clears it. Never exposed. */
  @Property({ type: 'text', nullable: true, hidden: true })
  linkNonce?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Until when the online survey link sent to the customer works (once), if one was sent.' })
  linkExpiresAt?: Date | null;
}
