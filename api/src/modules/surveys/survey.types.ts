import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../core/graphql/paging';
import { NotificationChannel } from '../notifications/notification.entity';
import { SatisfactionRequest, SurveyChannel } from './satisfaction-request.entity';
import { SurveyPurpose, SurveyQuestionKind, SurveyTemplate } from './survey-template.entity';

export const SurveyTemplateConnection = Connection(SurveyTemplate);
export const SatisfactionRequestConnection = Connection(SatisfactionRequest);

export const MAX_QUESTIONS = 50;

@InputType()
export class SurveyOptionInput {
  @Field() @Length(1, 40) value!: string;
  @Field() @Length(1, 200) label!: string;
  @Field(() => Float, { nullable: true, description: 'Score earned, 0 to 10 (default 0).' }) @IsOptional() @Min(0) @Max(10) score?: number | null;
}

@InputType({ description: 'A question. RATING is 1–5, NPS 0–10; choice questions need at least two options; YES_NO scores yes 10, no 0 unless options say otherwise.' })
export class SurveyQuestionInput {
  @Field({ description: 'Stable key, letters, digits, _ or -.' }) @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'key must be 1–40 letters, digits, _ or -' }) key!: string;
  @Field(() => SurveyQuestionKind) kind!: SurveyQuestionKind;
  @Field() @Length(1, 500) text!: string;
  @Field({ nullable: true, description: 'Default false.' }) @IsOptional() required?: boolean;
  @Field(() => Float, { nullable: true, description: 'Weight in the survey score, 0–100 (default 1; TEXT is never scored).' }) @IsOptional() @Min(0) @Max(100) weight?: number;
  @Field({ nullable: true, description: 'This RATING question is the satisfaction question (one per template).' }) @IsOptional() satisfaction?: boolean;
  @Field(() => [SurveyOptionInput], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @ValidateNested({ each: true }) options?: SurveyOptionInput[];
}

@InputType()
export class CreateSurveyTemplateInput {
  @Field() @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'code must be 1–40 letters, digits, _ or -' }) code!: string;
  @Field() @Length(1, 120) name!: string;
  @Field(() => SurveyPurpose) purpose!: SurveyPurpose;
  @Field({ nullable: true, description: 'HQ only: shared with every franchise.' }) @IsOptional() shared?: boolean;
  @Field(() => [SurveyQuestionInput]) @ArrayMinSize(1, { message: 'questions must hold at least one question' }) @ArrayMaxSize(MAX_QUESTIONS) @ValidateNested({ each: true }) questions!: SurveyQuestionInput[];
}

@InputType({ description: 'Changing the questions makes a new version; surveys already sent keep theirs.' })
export class UpdateSurveyTemplateInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field({ nullable: true }) @IsOptional() @Length(1, 120) name?: string;
  @Field({ nullable: true }) @IsOptional() active?: boolean;
  @Field(() => [SurveyQuestionInput], { nullable: true }) @IsOptional() @ArrayMinSize(1, { message: 'questions must hold at least one question' }) @ArrayMaxSize(MAX_QUESTIONS) @ValidateNested({ each: true }) questions?: SurveyQuestionInput[];
}

@InputType()
export class SurveyAnswerInput {
  @Field() @Length(1, 40) questionKey!: string;
  @Field(() => Int, { nullable: true, description: 'RATING 1–5, NPS 0–10.' }) @IsOptional() value?: number | null;
  @Field(() => [String], { nullable: true, description: 'Option values (choice questions), "yes" / "no" (YES_NO).' }) @IsOptional() @ArrayMaxSize(20) choices?: string[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) text?: string | null;
}

@InputType()
export class SendSatisfactionRequestInput {
  @Field(() => ID) id!: string;
  @Field(() => SurveyChannel) channel!: SurveyChannel;
}

@InputType({ description: 'Send a survey as an online link (signed, expiring, working once): an existing survey not yet answered (id), or a new one of a template (customerId + templateId).' })
export class SendSurveyLinkInput {
  @Field(() => ID, { nullable: true, description: 'A survey waiting for answers (a satisfaction request).' }) @IsOptional() id?: string | null;
  @Field(() => ID, { nullable: true, description: 'With templateId: survey this customer with a template.' }) @IsOptional() customerId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() templateId?: string | null;
  @Field(() => NotificationChannel, { nullable: true, description: 'SMS, WECHAT or EMAIL; by default the first the customer may be written to on.' }) @IsOptional() channel?: NotificationChannel | null;
}

@InputType({ description: 'The customer’s answers, recorded once (by phone, in store...).' })
export class RecordSurveyAnswersInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => SurveyChannel, { nullable: true, description: 'How it was answered (required when it was not sent yet).' }) @IsOptional() channel?: SurveyChannel | null;
  @Field(() => [SurveyAnswerInput]) @ArrayMaxSize(MAX_QUESTIONS) @ValidateNested({ each: true }) answers!: SurveyAnswerInput[];
  @Field(() => String, { nullable: true, description: 'Free-text suggestions.' }) @IsOptional() @Length(0, 2000) suggestion?: string | null;
}

export enum SatisfactionGroupBy {
  FRANCHISE = 'FRANCHISE',
  STORE = 'STORE',
  AGENT = 'AGENT',
  /** The customer's doctor (family doctor of their archive). */
  DOCTOR = 'DOCTOR',
  CHANNEL = 'CHANNEL',
  DAY = 'DAY',
  MONTH = 'MONTH',
}
registerEnumType(SatisfactionGroupBy, { name: 'SatisfactionGroupBy' });

@InputType({ description: 'Surveys sent on the days from..to (inclusive), each in its franchise’s time zone.' })
export class SatisfactionFiguresInput {
  @Field({ description: 'First day, YYYY-MM-DD.' }) from!: string;
  @Field({ description: 'Last day (inclusive), YYYY-MM-DD.' }) to!: string;
  @Field(() => SatisfactionGroupBy, { nullable: true, description: 'Rows per franchise, store, agent, the customer’s doctor, channel, day or month (none: totals only).' }) @IsOptional() groupBy?: SatisfactionGroupBy | null;
  @Field(() => ID, { nullable: true, description: 'HQ: one franchise.' }) @IsOptional() franchiseId?: string | null;
  @Field(() => ID, { nullable: true, description: 'One store (and what is under it).' }) @IsOptional() storeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'One agent (whose service was rated).' }) @IsOptional() agentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Customers whose doctor (on their archive) this is.' }) @IsOptional() doctorId?: string | null;
  @Field(() => SurveyChannel, { nullable: true }) @IsOptional() channel?: SurveyChannel | null;
}

const RATES = [
  'Definitions (the only ones; every figure of satisfaction in PharmaDesk uses them):',
  'sent = surveys sent in the period; answered = of those, answered;',
  'rated = answered with a 1–5 answer to the satisfaction question;',
  'satisfactionRate = answers 4 or 5 ÷ rated; dissatisfactionRate = answers 1 or 2 ÷ rated;',
  'nps = % promoters (9–10) − % detractors (0–6) of the NPS answers, −100..100;',
  'responseRate = answered ÷ sent. Rates are 0..1 rounded to 4 places, null when the denominator is 0.',
].join(' ');

@ObjectType({ description: `Satisfaction figures of one group. ${RATES}` })
export class SatisfactionFigure {
  @Field(() => String, { nullable: true, description: 'The group: franchise / store / agent / doctor id, channel, YYYY-MM-DD or YYYY-MM; null for totals or “none”.' }) key!: string | null;
  @Field(() => String, { nullable: true, description: 'Readable name of the group.' }) label!: string | null;
  @Field(() => Int) sent!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int) rated!: number;
  @Field(() => Int, { description: 'Rated 4 or 5.' }) satisfied!: number;
  @Field(() => Int, { description: 'Rated 1 or 2.' }) dissatisfied!: number;
  @Field(() => Int) npsAnswered!: number;
  @Field(() => Int) promoters!: number;
  @Field(() => Int) detractors!: number;
  @Field(() => Float, { nullable: true, description: 'satisfied ÷ rated.' }) satisfactionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'dissatisfied ÷ rated.' }) dissatisfactionRate!: number | null;
  @Field(() => Float, { nullable: true, description: '100 × (promoters − detractors) ÷ npsAnswered, rounded to 1 place.' }) nps!: number | null;
  @Field(() => Float, { nullable: true, description: 'answered ÷ sent.' }) responseRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean of the 1–5 ratings, 2 places.' }) averageRating!: number | null;
}

@ObjectType({ description: `Satisfaction figures over a period, in each franchise’s time zone. ${RATES}` })
export class SatisfactionFigures {
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => SatisfactionGroupBy, { nullable: true }) groupBy!: SatisfactionGroupBy | null;
  @Field(() => [SatisfactionFigure]) groups!: SatisfactionFigure[];
  @Field(() => SatisfactionFigure) totals!: SatisfactionFigure;
}
