import { ArrayMaxSize, IsIn, IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import {
  ArrayFieldComparison,
  DateFieldComparison,
  enumComparison,
  IDFilterComparison,
  IntFieldComparison,
  StringFieldComparison,
} from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { KnowledgeArticle, KnowledgeKind, KnowledgeStatus } from './knowledge.entity';

export const KnowledgeArticleConnection = Connection(KnowledgeArticle);

export const { Filter: KnowledgeArticleFilter, Sort: KnowledgeArticleSort } = defineListInputs('KnowledgeArticle', {
  filter: {
    id: IDFilterComparison,
    kind: enumComparison('KnowledgeKind', KnowledgeKind),
    status: enumComparison('KnowledgeStatus', KnowledgeStatus),
    tags: ArrayFieldComparison,
    title: StringFieldComparison,
    franchiseId: IDFilterComparison,
    usageCount: IntFieldComparison,
    createdAt: DateFieldComparison,
    updatedAt: DateFieldComparison,
  },
  sort: ['title', 'usageCount', 'updatedAt', 'createdAt'] as const,
});

export const MAX_TITLE = 200;
export const MAX_BODY = 20_000;
export const MAX_TAGS = 20;
export const MAX_TAG = 30;

@InputType({ description: 'A new knowledge article. A franchise’s article belongs to that franchise; only HQ can write shared ones.' })
export class KnowledgeArticleInput {
  @Field(() => KnowledgeKind) kind!: KnowledgeKind;
  @Field() @Length(1, MAX_TITLE, { message: `title must be 1 to ${MAX_TITLE} characters` }) title!: string;
  @Field({ description: 'Markdown.' }) @Length(1, MAX_BODY, { message: `body must be 1 to ${MAX_BODY} characters` }) body!: string;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_TAGS, { message: `tags can hold at most ${MAX_TAGS} tags` })
  @Length(1, MAX_TAG, { each: true, message: `each tag must be 1 to ${MAX_TAG} characters` })
  tags?: string[];
  @Field(() => KnowledgeStatus, { nullable: true, description: 'DRAFT or PUBLISHED (the default).' })
  @IsOptional()
  @IsIn([KnowledgeStatus.DRAFT, KnowledgeStatus.PUBLISHED], { message: 'status of a new article must be DRAFT or PUBLISHED' })
  status?: KnowledgeStatus | null;
  @Field({ nullable: true, defaultValue: false, description: 'HQ only: shared read-only with every franchise.' })
  shared?: boolean;
}

@InputType()
export class CreateOneKnowledgeArticleInput {
  @Field(() => KnowledgeArticleInput) @ValidateNested() knowledgeArticle!: KnowledgeArticleInput;
}

@InputType()
export class KnowledgeArticleUpdate {
  @Field(() => KnowledgeKind, { nullable: true }) kind?: KnowledgeKind;
  @Field({ nullable: true }) @IsOptional() @Length(1, MAX_TITLE, { message: `title must be 1 to ${MAX_TITLE} characters` }) title?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, MAX_BODY, { message: `body must be 1 to ${MAX_BODY} characters` }) body?: string;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_TAGS, { message: `tags can hold at most ${MAX_TAGS} tags` })
  @Length(1, MAX_TAG, { each: true, message: `each tag must be 1 to ${MAX_TAG} characters` })
  tags?: string[];
  @Field(() => KnowledgeStatus, { nullable: true, description: 'Publish a draft, take an article back to draft, or re-publish an archived one.' })
  status?: KnowledgeStatus;
}

@InputType()
export class UpdateOneKnowledgeArticleInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => KnowledgeArticleUpdate) @ValidateNested() update!: KnowledgeArticleUpdate;
}

@InputType()
export class DeleteOneKnowledgeArticleInput {
  @Field(() => ID) id!: string;
}

@ObjectType()
export class KnowledgeSearchHit {
  @Field(() => KnowledgeArticle) article!: KnowledgeArticle;
  @Field(() => Float, { description: '0..1, higher is closer: title matches rank above tag matches, tag matches above body matches.' }) score!: number;
  @Field({ description: 'A short plain-text excerpt around the first match (the start of the body when only the title or a tag matched).' }) snippet!: string;
}
