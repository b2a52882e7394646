import { randomUUID } from 'node:crypto';
import { Entity, Filter, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../core/clock';
import { sharedTenantFilter } from '../../core/tenancy/tenant-entity';

/** How a criterion is rated: BINARY 0 (missed) or 1 (met); the others 1 (worst) to 3, 4 or 5 (best). */
export enum QaScale {
  BINARY = 'BINARY',
  THREE_POINT = 'THREE_POINT',
  FOUR_POINT = 'FOUR_POINT',
  FIVE_POINT = 'FIVE_POINT',
}
registerEnumType(QaScale, { name: 'QaScale', description: 'BINARY rates 0 (missed) or 1 (met); THREE_POINT, FOUR_POINT and FIVE_POINT rate from 1 (worst) up.' });

@ObjectType({ description: 'One thing a reviewer rates.' })
export class QaCriterion {
  @Field({ description: 'Stable key within the scorecard (ratings name it).' }) key!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'What meeting it looks like, for reviewers.' }) description?: string | null;
  @Field(() => QaScale) scale!: QaScale;
  @Field({ description: 'Critical: its lowest rating fails the whole review (score 0).' }) critical!: boolean;
}

@ObjectType({ description: 'A weighted group of criteria; the category’s score is the mean of its rated criteria, 0–100.' })
export class QaCategory {
  @Field() key!: string;
  @Field() name!: string;
  @Field(() => Int, { description: 'Share of the review score; a scorecard’s weights sum to 100.' }) weight!: number;
  @Field(() => [QaCriterion]) criteria!: QaCriterion[];
}

/**
 * A QA scorecard: weighted categories of criteria. HQ's (franchiseId null) are shared with every
 * franchise, which may add variants of its own. A review keeps a copy of the categories it was
 * scored with, so changing a scorecard never changes a past score.
 */
@Entity({ tableName: 'qa_scorecard' })
@Filter(sharedTenantFilter)
@Unique({ name: 'qa_scorecard_code_unique', expression: 'create unique index "qa_scorecard_code_unique" on "qa_scorecard" (coalesce("franchise_id", \'00000000-0000-0000-0000-000000000000\'), "code")' })
@ObjectType()
export class QaScorecard {
  [OptionalProps]?: 'id' | 'version' | 'createdAt' | 'updatedAt' | 'active';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'Owning franchise; null for HQ scorecards shared with every franchise.' })
  franchiseId?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'Short code, unique among the owner’s scorecards.' })
  code!: string;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'boolean' })
  @Field({ description: 'Inactive scorecards are not offered for new reviews.' })
  active: boolean = true;

  @Property({ type: 'jsonb' })
  @Field(() => [QaCategory])
  categories!: QaCategory[];

  @Property({ version: true })
  @Field(() => Int, { description: 'Optimistic-lock version: send it back with updates; a stale one is a CONFLICT.' })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();

  @Property({ type: 'timestamptz', onUpdate: () => clock.now() })
  @Field()
  updatedAt: Date = clock.now();
}
