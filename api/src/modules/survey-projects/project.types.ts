import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IDFilterComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { ThirdPartySurveyProject } from './project.entity';
import { ImportFormat, MAX_IMPORT_LABEL, MAX_IMPORT_ROWS } from './project-import';

registerEnumType(ImportFormat, { name: 'SurveyImportFormat' });

export const ThirdPartySurveyProjectConnection = Connection(ThirdPartySurveyProject);

export const { Filter: ThirdPartySurveyProjectFilter } = defineListInputs('ThirdPartySurveyProject', {
  filter: { id: IDFilterComparison, firm: StringFieldComparison, name: StringFieldComparison, startDate: StringFieldComparison },
  sort: ['createdAt', 'startDate'] as const,
});

@InputType()
export class CreateThirdPartySurveyProjectInput {
  @Field() @Length(1, 200) name!: string;
  @Field({ description: 'The survey firm.' }) @Length(1, 200) firm!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) scope?: string | null;
  @Field(() => [ID], { description: 'The stores surveyed (their codes must differ: imported rows name them by code).' }) @ArrayMinSize(1) @ArrayMaxSize(500) storeIds!: string[];
  @Field({ description: 'First day, YYYY-MM-DD.' }) startDate!: string;
  @Field({ description: 'Last day (inclusive), YYYY-MM-DD; at most 366 days after the first.' }) endDate!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) notes?: string | null;
}

@InputType()
export class UpdateThirdPartySurveyProjectInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) firm?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) scope?: string | null;
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(500) storeIds?: string[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() startDate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() endDate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) notes?: string | null;
}

@InputType({ description: `A results file of the firm: CSV or XLSX with the columns store_code (门店编码), date (日期), question (问题), score (得分, 1–5) and optionally count (人数); at most ${MAX_IMPORT_LABEL} and ${MAX_IMPORT_ROWS} rows. It replaces the project's results; a bad row imports nothing and the error names its row and column (extensions.row, extensions.column, extensions.errors).` })
export class ImportThirdPartySurveyResultsInput {
  @Field(() => ID) projectId!: string;
  @Field(() => Int, { description: 'The project’s version (an import changes the project).' }) version!: number;
  @Field({ description: 'The file’s name (.csv or .xlsx gives the format unless `format` says it).' }) @Length(1, 255) fileName!: string;
  @Field(() => ImportFormat, { nullable: true }) @IsOptional() format?: ImportFormat | null;
  @Field({ description: 'The file’s bytes, base64.' }) contentBase64!: string;
}

@ObjectType()
export class ThirdPartySurveyImport {
  @Field(() => ThirdPartySurveyProject) project!: ThirdPartySurveyProject;
  @Field(() => Int, { description: 'Result rows imported.' }) rows!: number;
  @Field(() => Int, { description: 'Respondents imported (the rows’ counts summed).' }) respondents!: number;
  @Field(() => Int, { description: 'Rows of the previous import, replaced.' }) replacedRows!: number;
}

@ObjectType({ description: 'A store in a third-party project’s report: the firm’s score beside our own satisfaction figures for the store over the project’s dates.' })
export class ThirdPartyStoreFigure {
  @Field(() => ID) storeId!: string;
  @Field(() => String, { nullable: true }) storeCode!: string | null;
  @Field() storeName!: string;
  @Field(() => Int, { description: 'The firm’s respondents at the store.' }) respondents!: number;
  @Field(() => Float, { nullable: true, description: 'The firm’s mean score (1–5, weighted by respondents, 2 places).' }) averageScore!: number | null;
  @Field(() => Int, { description: 'Our surveys rated at the store in the period (answered with a 1–5 satisfaction answer).' }) ourRated!: number;
  @Field(() => Float, { nullable: true, description: 'Our mean 1–5 rating at the store.' }) ourAverageRating!: number | null;
  @Field(() => Float, { nullable: true, description: 'Our satisfaction rate (4–5 ÷ rated).' }) ourSatisfactionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'averageScore − ourAverageRating (2 places).' }) difference!: number | null;
}

@ObjectType({ description: 'A question (metric) of a third-party project over all its stores.' })
export class ThirdPartyQuestionFigure {
  @Field() question!: string;
  @Field(() => Int) respondents!: number;
  @Field(() => Float, { nullable: true }) averageScore!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of respondents scoring 4 or more (respondent-level rows; a row’s mean score counts all its respondents).' }) satisfiedShare!: number | null;
}

@ObjectType({ description: 'The report of a third-party survey project.' })
export class ThirdPartySurveyReport {
  @Field(() => ThirdPartySurveyProject) project!: ThirdPartySurveyProject;
  @Field(() => Int) respondents!: number;
  @Field(() => Float, { nullable: true }) averageScore!: number | null;
  @Field(() => Float, { nullable: true, description: 'Our mean rating over the same stores and dates.' }) ourAverageRating!: number | null;
  @Field(() => [ThirdPartyStoreFigure], { description: 'Every project store, by code.' }) stores!: ThirdPartyStoreFigure[];
  @Field(() => [ThirdPartyQuestionFigure], { description: 'Questions, lowest mean score first.' }) questions!: ThirdPartyQuestionFigure[];
}
