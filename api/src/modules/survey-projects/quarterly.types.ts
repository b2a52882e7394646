import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../core/graphql/paging';
import { SurveyAnswer } from '../surveys/satisfaction-request.entity';
import { SurveyQuestion, SurveyQuestionKind } from '../surveys/survey-template.entity';
import { SurveyAnswerInput } from '../surveys/survey.types';
import { DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS, QuarterlyAudience, QuarterlySurveyResponse, QuarterlySurveyRound } from './quarterly.entity';

export const QuarterlySurveyRoundConnection = Connection(QuarterlySurveyRound);

@InputType()
export class OpenQuarterlySurveyRoundInput {
  @Field({ description: 'YYYY-Qn, e.g. 2031-Q2.' }) quarter!: string;
  @Field(() => String, { nullable: true, description: 'Defaults to “<quarter> 季度调查”.' }) @IsOptional() @Length(1, 200) title?: string | null;
  @Field(() => ID, { description: 'An active HQ (shared) survey template; its current version is asked.' }) templateId!: string;
  @Field(() => [QuarterlyAudience]) @ArrayMinSize(1) @ArrayMaxSize(2) audience!: QuarterlyAudience[];
  @Field({ description: 'Last day answers are taken, YYYY-MM-DD.' }) closesOn!: string;
  @Field(() => Int, { nullable: true, description: `Remind owners who have not answered from this many days before the close date: 0 (no reminder) to ${MAX_REMINDER_DAYS}, ${DEFAULT_REMINDER_DAYS} by default.` }) remindDaysBefore?: number | null;
}

@InputType()
export class AnswerQuarterlySurveyInput {
  @Field(() => ID) roundId!: string;
  @Field(() => [SurveyAnswerInput]) @ArrayMaxSize(50) @ValidateNested({ each: true }) answers!: SurveyAnswerInput[];
}

@ObjectType({ description: 'A quarterly questionnaire as its owner sees it: the questions asked, whether it still takes answers, and the answers given.' })
export class MyQuarterlySurvey {
  @Field(() => QuarterlySurveyRound) round!: QuarterlySurveyRound;
  @Field(() => [SurveyQuestion]) questions!: SurveyQuestion[];
  @Field({ description: 'Takes answers: not closed and the close date not passed (the franchise’s calendar).' }) open!: boolean;
  @Field(() => QuarterlySurveyResponse, { nullable: true, description: 'The franchise’s answers, once given.' }) response!: QuarterlySurveyResponse | null;
}

@ObjectType({ description: 'A question of a round: the mean of its 1–5 (RATING) or 0–10 (NPS) answers, and the previous quarter’s.' })
export class QuarterlyQuestionResult {
  @Field() questionKey!: string;
  @Field() text!: string;
  @Field(() => SurveyQuestionKind) kind!: SurveyQuestionKind;
  @Field(() => Int) answered!: number;
  @Field(() => Float, { nullable: true, description: '2 places; null for unscored kinds or no answer.' }) average!: number | null;
  @Field(() => Float, { nullable: true, description: 'The same question’s mean in the previous quarter’s round of the template.' }) previousAverage!: number | null;
  @Field(() => Float, { nullable: true, description: 'average − previousAverage.' }) change!: number | null;
}

@ObjectType({ description: 'An addressed organization and its answers (none yet: answered false).' })
export class QuarterlyFranchiseAnswers {
  @Field(() => ID) franchiseId!: string;
  @Field() franchiseName!: string;
  @Field(() => String, { nullable: true }) cooperationType!: string | null;
  @Field() answered!: boolean;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => [SurveyAnswer]) answers!: SurveyAnswer[];
  @Field(() => Float, { nullable: true, description: 'Mean of its 1–5 answers.' }) averageRating!: number | null;
}

@ObjectType({ description: 'HQ’s results of a quarterly round: response rate, per-question means beside the previous quarter, each organization’s answers.' })
export class QuarterlySurveyResults {
  @Field(() => QuarterlySurveyRound) round!: QuarterlySurveyRound;
  @Field(() => QuarterlySurveyRound, { nullable: true, description: 'The previous quarter’s round of the same template.' }) previousRound!: QuarterlySurveyRound | null;
  @Field(() => Int, { description: 'Organizations asked (active franchises of the audience).' }) addressed!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Float, { nullable: true, description: 'answered ÷ addressed, 4 places.' }) responseRate!: number | null;
  @Field(() => Float, { nullable: true }) previousResponseRate!: number | null;
  @Field(() => [QuarterlyQuestionResult]) questions!: QuarterlyQuestionResult[];
  @Field(() => [QuarterlyFranchiseAnswers]) franchises!: QuarterlyFranchiseAnswers[];
}
