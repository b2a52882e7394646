import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../core/clock';
import { sharedTenantFilter } from '../../core/tenancy/tenant-entity';

export enum SurveyQuestionKind {
  /** 1–5 stars; the template's satisfaction question is one of these. */
  RATING = 'RATING',
  /** 0–10, "how likely are you to recommend us". */
  NPS = 'NPS',
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
  YES_NO = 'YES_NO',
  TEXT = 'TEXT',
}
registerEnumType(SurveyQuestionKind, { name: 'SurveyQuestionKind' });

export enum SurveyPurpose {
  /** Asked after every service contact (a case resolved). */
  SERVICE_CONTACT = 'SERVICE_CONTACT',
  /** Asked by an agent on a callback. */
  CALLBACK = 'CALLBACK',
  GENERAL = 'GENERAL',
}
registerEnumType(SurveyPurpose, { name: 'SurveyPurpose' });

@ObjectType({ description: 'An answer option of a choice question (or yes / no) and the score it earns.' })
export class SurveyOption {
  @Field() value!: string;
  @Field() label!: string;
  @Field(() => Float, { description: 'Score earned by choosing it (0 to 10).' }) score!: number;
}

@ObjectType({ description: 'A question of a survey template version.' })
export class SurveyQuestion {
  @Field({ description: 'Stable key within the template (answers name it).' }) key!: string;
  @Field(() => SurveyQuestionKind) kind!: SurveyQuestionKind;
  @Field() text!: string;
  @Field() required!: boolean;
  @Field(() => Float, { description: 'Weight of its score in the survey score (0 = not scored).' }) weight!: number;
  @Field({ description: 'The satisfaction question: its 1–5 answer is the rating the satisfaction figures count (one RATING question per template).' }) satisfaction!: boolean;
  @Field(() => [SurveyOption], { description: 'Choices (single / multiple choice) or the yes / no scores.' }) options!: SurveyOption[];
}

/**
 * A survey template: HQ's (franchiseId null) are shared with every franchise, a franchise adds
 * its own. Its questions are versioned: changing them makes a new version, and a survey already
 * sent keeps the version it was sent with (SurveyTemplateVersion).
 */
@Entity({ tableName: 'survey_template' })
@Filter(sharedTenantFilter)
@Unique({ name: 'survey_template_code_unique', expression: 'create unique index "survey_template_code_unique" on "survey_template" (coalesce("franchise_id", \'00000000-0000-0000-0000-000000000000\'), "code")' })
@ObjectType()
export class SurveyTemplate {
  [OptionalProps]?: 'id' | 'version' | 'createdAt' | 'updatedAt' | 'active' | 'currentVersionNo';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'Owning franchise; null for HQ templates shared with every franchise.' })
  franchiseId?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'Short code, unique among the owner’s templates.' })
  code!: string;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Enum({ items: () => SurveyPurpose })
  @Field(() => SurveyPurpose)
  purpose!: SurveyPurpose;

  @Property({ type: 'boolean' })
  @Field({ description: 'Inactive templates are not used for new surveys.' })
  active: boolean = true;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'The version new surveys are sent with.' })
  currentVersionNo: number = 1;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  currentVersionId!: string;

  @Property({ type: 'json' })
  @Field(() => [SurveyQuestion], { description: 'The questions of the current version.' })
  questions!: SurveyQuestion[];

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

/** One version of a template's questions, never changed once written. */
@Entity({ tableName: 'survey_template_version' })
@Filter(sharedTenantFilter)
@Unique({ properties: ['templateId', 'versionNo'] })
@Index({ properties: ['templateId'] })
@ObjectType()
export class SurveyTemplateVersion {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  franchiseId?: string | null;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  templateId!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  versionNo!: number;

  @Property({ type: 'text' })
  @Field({ description: 'The template’s name when this version was written.' })
  name!: string;

  @Property({ type: 'json' })
  @Field(() => [SurveyQuestion])
  questions!: SurveyQuestion[];

  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();
}
