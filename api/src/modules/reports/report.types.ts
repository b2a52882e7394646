import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ReportKind {
  /** Cases opened (dimension: case type; consultations are CONSULTATION and MEDICATION_CONSULTATION). */
  CASES = 'CASES',
  /** Complaints opened (dimension: complaint category): the common questions. */
  COMPLAINTS = 'COMPLAINTS',
  /** Orders entered (dimension: channel). */
  ORDERS = 'ORDERS',
  /** Amount of the orders entered, in minor units (fen) (dimension: channel). */
  ORDER_AMOUNT = 'ORDER_AMOUNT',
  /** Returns and exchanges requested (dimension: kind). */
  RETURNS = 'RETURNS',
  /** Callbacks completed (dimension: callback kind). */
  CALLBACKS_COMPLETED = 'CALLBACKS_COMPLETED',
  /** Appointments booked (dimension: channel). */
  APPOINTMENTS_BOOKED = 'APPOINTMENTS_BOOKED',
  APPOINTMENTS_COMPLETED = 'APPOINTMENTS_COMPLETED',
  /** Cases resolved with no SLA clock breached ÷ cases resolved, 0–1 (dimension: SLA_MET / SLA_BREACHED). */
  SLA_COMPLIANCE = 'SLA_COMPLIANCE',
  /** Satisfied (4–5) ÷ surveys answered with a 1–5 rating, 0–1: the surveys' published definition. */
  SATISFACTION = 'SATISFACTION',
}
registerEnumType(ReportKind, { name: 'ReportKind' });

export enum ReportPeriod {
  DAY = 'DAY',
  /** Monday to Sunday. */
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(ReportPeriod, { name: 'ReportPeriod' });

export enum ReportGroupBy {
  NONE = 'NONE',
  STORE = 'STORE',
  /** The agent: case owner, order or return entered by, callback done by, appointment's doctor, surveyed staff. */
  AGENT = 'AGENT',
  /** The agent's team (班组), every team in scope listed (zeros when none); null key: agents in no team. */
  TEAM = 'TEAM',
  /** The kind's dimension (case type, complaint category, channel…). */
  DIMENSION = 'DIMENSION',
}
registerEnumType(ReportGroupBy, { name: 'ReportGroupBy' });

@InputType()
export class ReportInput {
  @Field(() => ReportKind) kind!: ReportKind;
  @Field({ description: 'First day, YYYY-MM-DD, a local day of each franchise; taken back to its period’s first day.' }) from!: string;
  @Field({ description: 'Last day (included), YYYY-MM-DD; taken on to its period’s last day; at most 366 days from `from`.' }) to!: string;
  @Field(() => ReportPeriod, { defaultValue: ReportPeriod.DAY }) period!: ReportPeriod;
  @Field(() => ReportGroupBy, { defaultValue: ReportGroupBy.NONE }) groupBy!: ReportGroupBy;
  @Field(() => ID, { nullable: true, description: 'A store (or branch) and what is under it.' }) storeId?: string | null;
}

@ObjectType({ description: 'One period and group of a report, with the previous period’s figure for the same group.' })
export class ReportRow {
  @Field({ description: 'The period’s first day (YYYY-MM-DD).' }) period!: string;
  @Field({ description: 'The previous period’s first day.' }) previousPeriod!: string;
  @Field(() => String, { nullable: true, description: 'Store, agent or team id, or the dimension’s code; null for NONE (or no store / agent / team).' }) key!: string | null;
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field(() => Float, { nullable: true, description: 'The count (amount in fen for ORDER_AMOUNT, a rate 0–1 for SLA_COMPLIANCE and SATISFACTION; null when nothing to rate).' }) value!: number | null;
  @Field(() => Float, { nullable: true }) previousValue!: number | null;
  @Field(() => Int, { description: 'What the value counts (the rate’s numerator).' }) count!: number;
  @Field(() => Int, { nullable: true, description: 'A rate’s denominator (cases resolved, surveys rated).' }) base!: number | null;
}

@ObjectType()
export class Report {
  @Field(() => ReportKind) kind!: ReportKind;
  @Field(() => ReportPeriod) period!: ReportPeriod;
  @Field(() => ReportGroupBy) groupBy!: ReportGroupBy;
  @Field({ description: 'The first period’s first day.' }) from!: string;
  @Field({ description: 'The last period’s last day.' }) to!: string;
  @Field(() => [ReportRow], { description: 'By period, then group (largest first).' }) rows!: ReportRow[];
}

@InputType()
export class RebuildReportInput {
  @Field(() => ID) franchiseId!: string;
  @Field() from!: string;
  @Field() to!: string;
}

@ObjectType()
export class RebuildReportResult {
  @Field(() => Int, { description: 'Events applied.' }) events!: number;
}

@InputType()
export class CommonQuestionsInput {
  @Field({ description: 'First day, YYYY-MM-DD, a local day of each franchise.' }) from!: string;
  @Field({ description: 'Last day (included), YYYY-MM-DD; at most 366 days from `from`. The previous period is as many days just before.' }) to!: string;
  @Field(() => ID, { nullable: true, description: 'A store (or branch) and what is under it.' }) storeId?: string | null;
  @Field(() => Int, { defaultValue: 10, description: 'Rows per list, 1–50.' }) limit!: number;
}

export enum CommonQuestionGroup {
  /** A case type (dimension of CASES). */
  CASE_TYPE = 'CASE_TYPE',
  /** A complaint category (dimension of COMPLAINTS). */
  COMPLAINT_CATEGORY = 'COMPLAINT_CATEGORY',
}
registerEnumType(CommonQuestionGroup, { name: 'CommonQuestionGroup' });

@ObjectType({ description: 'A case type or complaint category with its count in the period and the previous one.' })
export class CommonQuestionCategory {
  @Field(() => CommonQuestionGroup) group!: CommonQuestionGroup;
  @Field({ description: 'The case type or complaint category code.' }) key!: string;
  @Field(() => Int) count!: number;
  @Field(() => Int) previousCount!: number;
  @Field(() => Float, { nullable: true, description: '(count − previous) ÷ previous; null when the previous period had none.' }) change!: number | null;
}

@ObjectType({ description: 'A knowledge article used on cases (linked to them) in the period.' })
export class CommonQuestionArticle {
  @Field(() => ID) articleId!: string;
  @Field(() => String, { nullable: true, description: 'The article’s current title (null when it is no longer visible).' }) title!: string | null;
  @Field(() => Int, { description: 'Cases it was used on.' }) count!: number;
  @Field(() => Int) previousCount!: number;
  @Field(() => Float, { nullable: true }) change!: number | null;
}

@ObjectType({ description: 'A word of case subjects (Chinese word segmentation, stop words dropped).' })
export class CommonQuestionWord {
  @Field() word!: string;
  @Field(() => Int, { description: 'Cases whose subject has it.' }) count!: number;
  @Field(() => Int) previousCount!: number;
  @Field(() => Float, { nullable: true }) change!: number | null;
}

@ObjectType({ description: 'The common questions of a period: top case types and complaint categories, articles used, words in subjects.' })
export class CommonQuestions {
  @Field() from!: string;
  @Field() to!: string;
  @Field({ description: 'The previous period’s first day (as many days as from–to, just before).' }) previousFrom!: string;
  @Field() previousTo!: string;
  @Field(() => [CommonQuestionCategory], { description: 'Case types, then complaint categories, each largest first.' }) categories!: CommonQuestionCategory[];
  @Field(() => [CommonQuestionArticle], { description: 'Most used first.' }) articles!: CommonQuestionArticle[];
  @Field(() => [CommonQuestionWord], { description: 'Most frequent first.' }) words!: CommonQuestionWord[];
}
