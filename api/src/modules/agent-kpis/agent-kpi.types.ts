import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CallKpiGroupBy, CallKpiPeriod, CallKpiRow } from '../calls/call.types';

export const AGENT_KPI_DEFINITIONS =
  'The call center’s KPIs of one period and group, each from its own records: calls (see CallKpiRow: answer rate, order conversion, talk and handle time) in the period they were offered; cases in the period they were created, for their owner (else whoever entered them): consultations, complaints, resolution rate = resolved ÷ created, first-response time = mean of (first response − created) over the cases answered, consultation reply on-time rate = consultations whose first-response clock was met in time ÷ those whose clock ended, complaint handling on-time rate = complaints whose resolution clock was met in time ÷ those whose clock ended; orders (see OrderKpis): entered, order handling on-time rate = reviews on time ÷ reviews with a due time, order error rate = errors ÷ orders handled; dissatisfaction rate = survey answers rated 1–2 ÷ answers rated, in the local day they came. Days, weeks (from Monday) and months in each franchise’s time zone.';

@InputType()
export class AgentKpisInput {
  @Field({ description: 'First day, YYYY-MM-DD, in each franchise’s time zone.' }) from!: string;
  @Field({ description: 'Last day (included), YYYY-MM-DD; at most 366 days.' }) to!: string;
  @Field(() => CallKpiPeriod, { defaultValue: CallKpiPeriod.MONTH }) period!: CallKpiPeriod;
  @Field(() => CallKpiGroupBy, { defaultValue: CallKpiGroupBy.AGENT }) groupBy!: CallKpiGroupBy;
  @Field(() => ID, { nullable: true }) franchiseId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A store (or branch) and what is under it.' }) storeId?: string | null;
  @Field(() => ID, { nullable: true }) agentId?: string | null;
}

@ObjectType({ description: 'Cases created in the period (AgentKpiRow describes each figure).' })
export class CaseKpiFigures {
  @Field(() => Int) cases!: number;
  @Field(() => Int) consultations!: number;
  @Field(() => Int) complaints!: number;
  @Field(() => Int, { description: 'Of the cases created, those resolved by now.' }) resolved!: number;
  @Field(() => Float, { nullable: true, description: 'resolved ÷ cases, 0–1.' }) resolutionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean seconds from creation to the first response, of the cases answered.' }) averageFirstResponseSeconds!: number | null;
  @Field(() => Int) consultationRepliesTimed!: number;
  @Field(() => Int) consultationRepliesOnTime!: number;
  @Field(() => Float, { nullable: true, description: 'Consultation reply on-time rate, 0–1.' }) consultationReplyOnTimeRate!: number | null;
  @Field(() => Int) complaintsTimed!: number;
  @Field(() => Int) complaintsOnTime!: number;
  @Field(() => Float, { nullable: true, description: 'Complaint handling on-time rate, 0–1.' }) complaintOnTimeRate!: number | null;
}

@ObjectType()
export class OrderKpiFigures {
  @Field(() => Int) ordersEntered!: number;
  @Field(() => Int) ordersReviewed!: number;
  @Field(() => Int) ordersHandled!: number;
  @Field(() => Int) reviewsTimed!: number;
  @Field(() => Int) reviewsOnTime!: number;
  @Field(() => Float, { nullable: true, description: 'Order handling on-time rate, 0–1.' }) onTimeRate!: number | null;
  @Field(() => Int) errors!: number;
  @Field(() => Float, { nullable: true, description: 'Order error rate: errors ÷ orders handled, 0–1.' }) errorRate!: number | null;
}

@ObjectType()
export class SatisfactionKpiFigures {
  @Field(() => Int) rated!: number;
  @Field(() => Int) satisfied!: number;
  @Field(() => Int) dissatisfied!: number;
  @Field(() => Float, { nullable: true, description: 'dissatisfied ÷ rated, 0–1 (the surveys’ one definition).' }) dissatisfactionRate!: number | null;
  @Field(() => Float, { nullable: true }) satisfactionRate!: number | null;
}

@ObjectType({ description: AGENT_KPI_DEFINITIONS })
export class AgentKpiRow {
  @Field(() => String, { nullable: true, description: 'The period’s first day (YYYY-MM-DD); null on the totals.' }) period!: string | null;
  @Field(() => ID, { nullable: true }) franchiseId!: string | null;
  @Field(() => String, { nullable: true, description: 'The franchise, store or agent id (null: records of no agent).' }) key!: string | null;
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field(() => CallKpiRow) calls!: CallKpiRow;
  @Field(() => CaseKpiFigures) cases!: CaseKpiFigures;
  @Field(() => OrderKpiFigures) orders!: OrderKpiFigures;
  @Field(() => SatisfactionKpiFigures) satisfaction!: SatisfactionKpiFigures;
  @Field({ description: 'Some figure is on the wrong side of its target (answer rate, talk time, order conversion).' }) belowTarget!: boolean;
}

@ObjectType()
export class AgentKpiReport {
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => CallKpiPeriod) period!: CallKpiPeriod;
  @Field(() => CallKpiGroupBy) groupBy!: CallKpiGroupBy;
  @Field(() => [AgentKpiRow], { description: 'By period, then group; a group with no record in a period has no row.' }) rows!: AgentKpiRow[];
  @Field(() => AgentKpiRow, { description: 'The whole range.' }) totals!: AgentKpiRow;
}
