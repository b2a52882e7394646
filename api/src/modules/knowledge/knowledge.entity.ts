import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { sharedTenantFilter, tenantFilter } from '../../core/tenancy/tenant-entity';
import { clock } from '../../core/clock';

export enum KnowledgeKind {
  FAQ = 'FAQ',
  MEDICATION_GUIDE = 'MEDICATION_GUIDE',
  /** A standard answer script (标准话术) for a common question. */
  SCRIPT = 'SCRIPT',
  HOW_TO = 'HOW_TO',
}

export enum KnowledgeStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(KnowledgeKind, { name: 'KnowledgeKind', description: 'FAQ, medication guide, standard answer script, how-to.' });
registerEnumType(KnowledgeStatus, { name: 'KnowledgeStatus' });

/**
 * A knowledge-base article. HQ's articles (franchiseId null) are shared with every
 * franchise; a franchise's own are visible only to it. Searched by any two characters
 * (Chinese included) through the bigram column, ranked by title matches and usage.
 */
@Entity({ tableName: 'knowledge_article' })
@Filter(sharedTenantFilter)
@Index({ name: 'knowledge_article_search_bigrams', expression: 'create index "knowledge_article_search_bigrams" on "knowledge_article" using gin ("search_bigrams")' })
@ObjectType()
export class KnowledgeArticle {
  [OptionalProps]?: 'id' | 'version' | 'createdAt' | 'updatedAt' | 'tags' | 'usageCount' | 'status';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'Owning franchise; null for HQ articles shared with every franchise.' })
  franchiseId?: string | null;

  @Enum({ items: () => KnowledgeKind })
  @Field(() => KnowledgeKind)
  kind!: KnowledgeKind;

  @Property({ type: 'text' })
  @Field()
  title!: string;

  @Property({ type: 'text' })
  @Field({ description: 'Markdown.' })
  body!: string;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  tags: string[] = [];

  @Enum({ items: () => KnowledgeStatus })
  @Field(() => KnowledgeStatus)
  status: KnowledgeStatus = KnowledgeStatus.PUBLISHED;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Times linked to a case.' })
  usageCount: number = 0;

  /** Two-character slices of title, tags and body, for CJK partial search. */
  @Property({ type: 'text[]', generated: "(pd_bigrams(title || ' ' || pd_join_words(tags) || ' ' || body)) stored", hidden: true, lazy: true })
  searchBigrams?: string[];

  @Property({ type: 'uuid', nullable: true })
  authorId?: string | null;

  @Property({ version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();

  @Property({ type: 'timestamptz', onUpdate: () => clock.now() })
  @Field()
  updatedAt: Date = clock.now();
}

/** An article used on a case (counted once per case). */
@Entity({ tableName: 'case_article_link' })
@Filter(tenantFilter)
@Unique({ properties: ['caseId', 'articleId'] })
@ObjectType()
export class CaseArticleLink {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  caseId!: string;

  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  articleId!: string;

  @Property({ type: 'uuid', nullable: true })
  linkedById?: string | null;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();
}
