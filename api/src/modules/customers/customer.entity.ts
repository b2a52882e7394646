import { Entity, Enum, Filter, Index, Property } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PiiField } from '../../core/auth/pii';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { Gender } from '../identity/staff-user.entity';

export enum SourceChannel {
  WALK_IN = 'WALK_IN',
  PHONE = 'PHONE',
  ONLINE = 'ONLINE',
  WECHAT = 'WECHAT',
  APP = 'APP',
  REFERRAL = 'REFERRAL',
  EVENT = 'EVENT',
  PARTNER = 'PARTNER',
  OTHER = 'OTHER',
}

export enum CustomerStatus {
  ACTIVE = 'ACTIVE',
  /** Folded into another archive by a merge; kept for history, hidden from lists. */
  MERGED = 'MERGED',
}

/** Purchase-behaviour segments (RFM) that drive care strategies. */
export enum CustomerSegment {
  CHAMPION = 'CHAMPION',
  LOYAL = 'LOYAL',
  POTENTIAL = 'POTENTIAL',
  NEW = 'NEW',
  AT_RISK = 'AT_RISK',
  HIBERNATING = 'HIBERNATING',
  NO_PURCHASE = 'NO_PURCHASE',
}

registerEnumType(SourceChannel, { name: 'SourceChannel', description: 'How the customer came to us.' });
registerEnumType(CustomerStatus, { name: 'CustomerStatus' });
registerEnumType(CustomerSegment, { name: 'CustomerSegment', description: 'RFM segment, recomputed daily.' });

@ObjectType()
export class FamilyMember {
  @Field() name!: string;
  @Field() relation!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType()
export class Medication {
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'e.g. 每日两次，每次 1 片' }) dosage?: string | null;
  @Field(() => String, { nullable: true }) since?: string | null;
}

/**
 * A customer's health archive (客户档案): identity, contact, the doctor and health
 * manager who look after them, health background, consent, and purchase aggregates.
 */
@Entity({ tableName: 'customer' })
@Filter(tenantFilter)
@Index({ name: 'customer_franchise_record_no_unique', expression: 'create unique index "customer_franchise_record_no_unique" on "customer" ("franchise_id", "record_no")' })
@ObjectType()
export class Customer extends TenantEntity<'birthDateEstimated' | 'status' | 'tags' | 'allergies' | 'currentMedications' | 'familyMembers' | 'interests' | 'consentPhone' | 'consentSms' | 'consentWechat' | 'consentMarketing' | 'totalSpend' | 'purchaseCount' | 'segment'> {
  @Property({ type: 'text' })
  @Field({ description: 'Health record number, per franchise in time order, never reused (e.g. EAST-2026-000123).' })
  recordNo!: string;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Enum({ items: () => Gender, nullable: true })
  @Field(() => Gender, { nullable: true })
  gender?: Gender | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; when only an age was given, 1 July of the estimated year.' })
  birthDate?: string | null;

  @Property({ type: 'boolean' })
  @Field({ description: 'True when birthDate was estimated from an age.' })
  birthDateEstimated: boolean = false;

  /** Kept by PostgreSQL from birthDate, for birthday-month filters and birthday lists. */
  @Property({ type: 'smallint', nullable: true, generated: '((extract(month from birth_date))::smallint) stored' })
  birthMonth?: number | null;

  @Property({ type: 'smallint', nullable: true, generated: '((extract(month from birth_date) * 100 + extract(day from birth_date))::smallint) stored' })
  birthMmdd?: number | null;

  /** Two-character slices of the name for CJK partial search (see customer-search.ts). */
  @Property({ type: 'text[]', generated: '(pd_bigrams(name)) stored', hidden: true, lazy: true })
  nameBigrams?: string[];

  @Property({ type: 'text' })
  @PiiField('phone', 'customer:pii')
  phone!: string;

  @Property({ type: 'text', nullable: true })
  @PiiField('idNumber', 'customer:pii', { description: 'National ID number.' })
  idNumber?: string | null;

  @Property({ type: 'text', nullable: true })
  @PiiField('address', 'customer:pii')
  address?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  email?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  memberCardNo?: string | null;

  @Property({ type: 'uuid', index: true })
  @Field(() => ID, { description: 'The store or branch center the customer belongs to.' })
  orgUnitId!: string;

  @Property({ type: 'uuid', index: true })
  @Field(() => ID, { description: 'Assigned doctor (staff).' })
  doctorId!: string;

  @Property({ type: 'uuid', index: true })
  @Field(() => ID, { description: 'Owning health manager (staff).' })
  healthManagerId!: string;

  @Enum({ items: () => SourceChannel })
  @Field(() => SourceChannel)
  sourceChannel!: SourceChannel;

  @Enum({ items: () => CustomerStatus })
  @Field(() => CustomerStatus)
  status: CustomerStatus = CustomerStatus.ACTIVE;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Set when this archive was merged into another.' })
  mergedIntoId?: string | null;

  // Health background

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  medicalHistory?: string | null;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  allergies: string[] = [];

  @Property({ type: 'jsonb' })
  @Field(() => [Medication])
  currentMedications: Medication[] = [];

  @Property({ type: 'jsonb' })
  @Field(() => [FamilyMember])
  familyMembers: FamilyMember[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  personality?: string | null;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  interests: string[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  specialNeeds?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'chronic, vip, new_member, ... (lower case).' })
  tags: string[] = [];

  // Consent (contact is only planned through channels the customer agreed to)

  @Property({ type: 'boolean' }) @Field() consentPhone: boolean = true;
  @Property({ type: 'boolean' }) @Field() consentSms: boolean = false;
  @Property({ type: 'boolean' }) @Field() consentWechat: boolean = false;
  @Property({ type: 'boolean' }) @Field() consentMarketing: boolean = false;

  // Purchase aggregates, kept by recordPurchase (orders) and the segment job

  @Property({ type: 'decimal', precision: 12, scale: 2, columnType: 'numeric(12,2)' })
  @Field(() => Float)
  totalSpend: string | number = 0;

  @Property({ type: 'int' })
  @Field(() => Int)
  purchaseCount: number = 0;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  lastPurchaseAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Last service of any kind (purchase, consultation, callback, visit).' })
  lastServiceAt?: Date | null;

  @Enum({ items: () => CustomerSegment })
  @Field(() => CustomerSegment)
  segment: CustomerSegment = CustomerSegment.NO_PURCHASE;

  @Property({ type: 'jsonb', nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: 'R, F and M scores (1..5) behind the segment.' })
  rfm?: { r: number; f: number; m: number } | null;
}
