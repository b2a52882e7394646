import { randomUUID } from 'node:crypto';
import { Entity, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../core/clock';
import { sharedTenantFilter, TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { SurveyAnswer } from '../surveys/satisfaction-request.entity';

/** Who a quarterly round asks: franchises (cooperation FRANCHISE, JOINT_VENTURE, DIRECT) and / or partner organizations (cooperation PARTNER). */
export enum QuarterlyAudience {
  FRANCHISES = 'FRANCHISES',
  PARTNERS = 'PARTNERS',
}
registerEnumType(QuarterlyAudience, { name: 'QuarterlyAudience', description: 'FRANCHISES 加盟机构 (franchise, joint venture, direct), PARTNERS 合作机构 (cooperation type PARTNER).' });

/**
 * A quarterly survey round (季度调查) HQ opens: one HQ template, asked of every franchise and / or
 * partner organization until it closes; each owner answers once, against the template version
 * the round was opened with. Readable by every franchise (franchiseId null, shared like HQ's
 * templates); written only by HQ.
 */
/** Owners are reminded from this many days before a round's close date unless HQ says otherwise. */
export const DEFAULT_REMINDER_DAYS = 3;
export const MAX_REMINDER_DAYS = 30;

@Entity({ tableName: 'quarterly_survey_round' })
@Filter(sharedTenantFilter)
@Unique({ properties: ['quarter', 'templateId'] })
@ObjectType()
export class QuarterlySurveyRound {
  [OptionalProps]?: 'id' | 'version' | 'createdAt' | 'updatedAt' | 'franchiseId' | 'closedAt' | 'remindDaysBefore';

  @PrimaryKey({ type: 'uuid' }) @Field(() => ID) id: string = randomUUID();
  @Property({ type: 'uuid', nullable: true }) franchiseId?: string | null = null;
  @Property({ type: 'text' }) @Field({ description: 'YYYY-Qn, e.g. 2031-Q2.' }) quarter!: string;
  @Property({ type: 'text' }) @Field() title!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) templateId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID, { description: 'The template version asked (kept when the template changes).' }) templateVersionId!: string;
  @Property({ type: 'text[]' }) @Field(() => [QuarterlyAudience]) audience!: QuarterlyAudience[];
  @Property({ type: 'date' }) @Field({ description: 'Last day answers are taken (YYYY-MM-DD, each franchise’s calendar).' }) closesOn!: string;
  @Property({ type: 'int' }) @Field(() => Int, { description: 'Owners who have not answered are reminded from this many days before the close date (0: no reminder).' }) remindDaysBefore: number = DEFAULT_REMINDER_DAYS;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true, description: 'Closed early by HQ.' }) closedAt?: Date | null = null;
  @Property({ type: 'uuid' }) @Field(() => ID) createdById!: string;
  @Property({ version: true }) @Field(() => Int) version: number = 1;
  @Property({ type: 'timestamptz' }) @Field() createdAt: Date = clock.now();
  @Property({ type: 'timestamptz', onUpdate: () => clock.now() }) @Field() updatedAt: Date = clock.now();
}

/** A franchise's (or partner's) answers to a round, given once by its owner. */
@Entity({ tableName: 'quarterly_survey_response' })
@Filter(tenantFilter)
@Unique({ properties: ['roundId', 'franchiseId'] })
@Index({ properties: ['roundId'] })
@ObjectType()
export class QuarterlySurveyResponse extends TenantEntity {
  @Property({ type: 'uuid' }) @Field(() => ID) roundId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) templateVersionId!: string;
  @Property({ type: 'json' }) @Field(() => [SurveyAnswer]) answers!: SurveyAnswer[];
  @Property({ type: 'uuid' }) @Field(() => ID) respondentId!: string;
  @Property({ type: 'timestamptz' }) @Field() answeredAt!: Date;
}
