import { Entity, Filter, Index, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

/**
 * A third-party survey project (第三方调查): a firm HQ engaged to survey some stores over a
 * period. HQ owns it (franchiseId is HQ's); the firm's results are imported from CSV / XLSX
 * (project-import.ts) and each import replaces the previous one.
 */
@Entity({ tableName: 'third_party_survey_project' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'startDate'] })
@ObjectType()
export class ThirdPartySurveyProject extends TenantEntity<'notes' | 'scope' | 'importedRows' | 'importedRespondents'> {
  @Property({ type: 'text' }) @Field() name!: string;
  @Property({ type: 'text' }) @Field({ description: 'The survey firm.' }) firm!: string;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true, description: 'What the firm surveys (mystery shopping, customer interviews…).' }) scope?: string | null = null;
  @Property({ type: 'uuid[]' }) @Field(() => [ID], { description: 'The stores surveyed (any franchise’s); imported rows name them by store code.' }) storeIds!: string[];
  @Property({ type: 'date' }) @Field({ description: 'First day, YYYY-MM-DD.' }) startDate!: string;
  @Property({ type: 'date' }) @Field({ description: 'Last day (inclusive), YYYY-MM-DD.' }) endDate!: string;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) notes?: string | null = null;
  @Property({ type: 'uuid' }) @Field(() => ID) createdById!: string;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true, description: 'When the results were last imported.' }) importedAt?: Date | null;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true, description: 'The file last imported.' }) importedFileName?: string | null;
  @Property({ type: 'int' }) @Field(() => Int, { description: 'Result rows of the last import.' }) importedRows: number = 0;
  @Property({ type: 'int' }) @Field(() => Int, { description: 'Respondents of the last import (the rows’ counts summed).' }) importedRespondents: number = 0;
}

/** One imported result row: a store's score on a question on a day, over `respondents` people (1 for respondent-level rows). */
@Entity({ tableName: 'third_party_survey_result' })
@Filter(tenantFilter)
export class ThirdPartySurveyResult extends TenantEntity {
  @Property({ type: 'uuid', index: true }) projectId!: string;
  @Property({ type: 'int', comment: 'The row number in the imported file (header = 1).' }) rowNo!: number;
  @Property({ type: 'uuid' }) storeId!: string;
  @Property({ type: 'date' }) day!: string;
  @Property({ type: 'text' }) question!: string;
  @Property({ type: 'float8' }) score!: number;
  @Property({ type: 'int' }) respondents!: number;
}
