import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUrl, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateFieldComparison, enumComparison, IDFilterComparison, IntFieldComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { CALL_KPI_DEFINITIONS } from './call-kpi-definitions';
import { CallDirection, CallRecord, CallSource, CallState } from './call.entity';

export const CallConnection = Connection(CallRecord);

export const { Filter: CallFilter, Sort: CallSort } = defineListInputs('Call', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    orgUnitId: IDFilterComparison,
    agentId: IDFilterComparison,
    customerId: IDFilterComparison,
    direction: enumComparison('CallDirection', CallDirection),
    state: enumComparison('CallState', CallState),
    source: enumComparison('CallSource', CallSource),
    line: StringFieldComparison,
    callerNumber: StringFieldComparison,
    calleeNumber: StringFieldComparison,
    disposition: StringFieldComparison,
    offeredAt: DateFieldComparison,
    talkSeconds: IntFieldComparison,
    waitSeconds: IntFieldComparison,
    reviewRequestedAt: DateFieldComparison,
  },
  sort: ['offeredAt', 'answeredAt', 'endedAt', 'talkSeconds', 'waitSeconds', 'state', 'createdAt'] as const,
});

/**
 * One event of a call from the telephony system: the call as the switch sees it at `occurredAt`.
 * Checked row by row in the service (a bad row is reported, the others land), so the fields carry
 * no validation of their own here.
 */
@InputType({ description: 'A call event from the telephony system: the call as the switch sees it at occurredAt (new call, answered, hung up, or the final record).' })
export class CallEventInput {
  @Field({ description: 'The partner’s id of the call: every event of one call carries it; the call is recorded once.' }) callId!: string;
  @Field({ description: 'When this event happened at the switch: of two events, the later one’s agent, cause, recording and disposition win.' }) occurredAt!: Date;
  @Field(() => CallState, { description: 'The call’s state in this event; a call never moves back (a late RINGING changes no state).' }) state!: CallState;
  @Field(() => CallDirection) direction!: CallDirection;
  @Field() callerNumber!: string;
  @Field() calleeNumber!: string;
  @Field({ description: 'When the call was offered (started ringing or was dialled).' }) offeredAt!: Date;
  @Field(() => Date, { nullable: true }) answeredAt?: Date | null;
  @Field(() => Date, { nullable: true }) endedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'The line or queue.' }) line?: string | null;
  @Field(() => ID, { nullable: true, description: 'The store the line belongs to (default: the key’s own unit).' }) storeId?: string | null;
  @Field(() => String, { nullable: true, description: 'The agent’s work number (工号) as the switch knows it.' }) agentWorkNo?: string | null;
  @Field(() => Int, { nullable: true }) holdSeconds?: number | null;
  @Field(() => Int, { nullable: true }) wrapUpSeconds?: number | null;
  @Field(() => String, { nullable: true }) hangupCause?: string | null;
  @Field(() => String, { nullable: true }) recordingUrl?: string | null;
  @Field(() => String, { nullable: true }) disposition?: string | null;
}

@InputType()
export class RecordCallEventsInput {
  @Field(() => [CallEventInput], { description: 'Up to 500 events, of any calls, in any order.' })
  @ArrayMinSize(1, { message: 'events must hold at least one event' })
  @ArrayMaxSize(500, { message: 'events may hold at most 500 events; send more in several batches' })
  events!: CallEventInput[];
}

@ObjectType({ description: 'An event of the batch that was refused, and why; the other events were applied.' })
export class CallEventRejection {
  @Field(() => Int, { description: 'Its position in the batch (0-based).' }) index!: number;
  @Field(() => String, { nullable: true }) callId!: string | null;
  @Field({ description: 'BAD_USER_INPUT or NOT_FOUND.' }) code!: string;
  @Field({ description: 'Why, as a stable upper-case reason (REQUIRED, TIME_ORDER, NOT_ANSWERED, INVALID, UNKNOWN_STORE…).' }) reason!: string;
  @Field({ description: 'The event field at fault.' }) field!: string;
  @Field() message!: string;
}

@ObjectType({ description: 'What a batch of call events did. The batch is per row: each event is applied or refused on its own.' })
export class CallEventBatchResult {
  @Field(() => Int, { description: 'Events that recorded a new call or changed one.' }) applied!: number;
  @Field(() => Int, { description: 'Events that changed nothing (replays, or older than what is recorded).' }) unchanged!: number;
  @Field(() => [CallEventRejection]) rejected!: CallEventRejection[];
  @Field(() => [CallRecord], { description: 'The calls the batch touched, as they are now.' }) calls!: CallRecord[];
}

@InputType({ description: 'What an agent may set on a call: the customer, what came of it, a note and what it concerned (unset: leave as is, null: clear).' })
export class CallUpdate {
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 60) disposition?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) note?: string | null;
  @Field(() => ID, { nullable: true }) caseId?: string | null;
  @Field(() => ID, { nullable: true }) orderId?: string | null;
  @Field(() => ID, { nullable: true }) callbackTaskId?: string | null;
  @Field(() => ID, { nullable: true }) appointmentId?: string | null;
}

@InputType({ description: 'A call the agent logs by hand (a call the telephony system did not record, a mobile call).' })
export class LogCallInput extends CallUpdate {
  @Field(() => CallDirection) direction!: CallDirection;
  @Field({ description: 'The customer’s number (the other party).' }) @Length(3, 32) number!: string;
  @Field(() => CallState, { defaultValue: CallState.ENDED }) state!: CallState;
  @Field({ description: 'When the call started.' }) offeredAt!: Date;
  @Field(() => Date, { nullable: true }) answeredAt?: Date | null;
  @Field(() => Date, { nullable: true }) endedAt?: Date | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(86_400) holdSeconds?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(86_400) wrapUpSeconds?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 60) line?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsUrl({ require_protocol: true }, { message: 'recordingUrl must be an http(s) URL' }) recordingUrl?: string | null;
}

@InputType()
export class MarkCallForReviewInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field({ description: 'Why it should be reviewed (what the supervisor heard, a complaint about it…).' }) @Length(1, 500, { message: 'reason must be 1 to 500 characters' }) reason!: string;
}

@InputType()
export class UpdateCallInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => CallUpdate) @ValidateNested() update!: CallUpdate;
}

export enum CallKpiPeriod {
  DAY = 'DAY',
  /** Monday to Sunday. */
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(CallKpiPeriod, { name: 'CallKpiPeriod' });

export enum CallKpiGroupBy {
  FRANCHISE = 'FRANCHISE',
  STORE = 'STORE',
  AGENT = 'AGENT',
  /** The agent's team (班组); every team in scope gets its row in each period (zeros when it had no calls). */
  TEAM = 'TEAM',
}
registerEnumType(CallKpiGroupBy, { name: 'CallKpiGroupBy' });

@InputType()
export class CallKpisInput {
  @Field({ description: 'First day, YYYY-MM-DD, in each franchise’s time zone.' }) from!: string;
  @Field({ description: 'Last day (included), YYYY-MM-DD; at most 366 days.' }) to!: string;
  @Field(() => CallKpiPeriod, { defaultValue: CallKpiPeriod.DAY }) period!: CallKpiPeriod;
  @Field(() => CallKpiGroupBy, { defaultValue: CallKpiGroupBy.FRANCHISE }) groupBy!: CallKpiGroupBy;
  @Field(() => ID, { nullable: true }) franchiseId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A store (or branch) and what is under it.' }) storeId?: string | null;
  @Field(() => ID, { nullable: true }) agentId?: string | null;
}

@ObjectType({ description: CALL_KPI_DEFINITIONS })
export class CallKpiRow {
  @Field(() => String, { nullable: true, description: 'The period’s first day (YYYY-MM-DD); null on the totals.' }) period!: string | null;
  @Field(() => ID, { nullable: true, description: 'The franchise whose targets apply; null on totals across franchises.' }) franchiseId!: string | null;
  @Field(() => String, { nullable: true, description: 'The franchise, store, agent or team id (null: calls no agent took, or agents in no team).' }) key!: string | null;
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field(() => Int) offered!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int, { description: 'Abandoned after the short-abandon threshold.' }) abandoned!: number;
  @Field(() => Int) shortAbandoned!: number;
  @Field(() => Int) missed!: number;
  @Field(() => Int) outbound!: number;
  @Field(() => Int, { description: 'Calls with talk time (answered and ended), both directions.' }) talked!: number;
  @Field(() => Float, { nullable: true, description: 'answered ÷ offered, 0–1 (null: nothing offered).' }) answerRate!: number | null;
  @Field(() => Float, { nullable: true }) averageTalkSeconds!: number | null;
  @Field(() => Float, { nullable: true }) averageHandleSeconds!: number | null;
  @Field(() => Int, { description: 'Talk seconds (answered to ended, less hold).' }) talkSeconds!: number;
  @Field(() => Int, { description: 'Talk + hold + wrap-up seconds of the calls talked.' }) handleSeconds!: number;
  @Field(() => Int, { description: 'Sales-type calls: for a SALES outbound task, with the disposition SALES, or with an order linked.' }) salesCalls!: number;
  @Field(() => Int, { description: 'Sales-type calls that led to an order.' }) convertedCalls!: number;
  @Field(() => Float, { nullable: true, description: 'Order conversion: convertedCalls ÷ salesCalls, 0–1 (null: no sales-type call).' }) conversionRate!: number | null;
  @Field(() => Float, { nullable: true }) answerRateTarget!: number | null;
  @Field(() => Int, { nullable: true }) averageTalkSecondsTarget!: number | null;
  @Field({ description: 'The answer rate is under its target.' }) answerRateBelowTarget!: boolean;
  @Field({ description: 'The average talk time is over its target.' }) averageTalkAboveTarget!: boolean;
  @Field(() => Float, { nullable: true }) conversionRateTarget!: number | null;
  @Field({ description: 'The order conversion is under its target.' }) conversionRateBelowTarget!: boolean;
}

@ObjectType()
export class CallKpiReport {
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => CallKpiPeriod) period!: CallKpiPeriod;
  @Field(() => CallKpiGroupBy) groupBy!: CallKpiGroupBy;
  @Field(() => [CallKpiRow], { description: 'By period, then group.' }) rows!: CallKpiRow[];
  @Field(() => CallKpiRow, { description: 'The whole range (targets marked when one franchise).' }) totals!: CallKpiRow;
}

@InputType()
export class CallSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Default: your franchise.' }) franchiseId?: string | null;
  @Field(() => Int, { nullable: true }) version?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0, { message: 'answerRateTarget must be 0 to 1' }) @Max(1, { message: 'answerRateTarget must be 0 to 1' }) answerRateTarget?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3600) averageTalkSecondsTarget?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(120) shortAbandonSeconds?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0, { message: 'conversionRateTarget must be 0 to 1' }) @Max(1, { message: 'conversionRateTarget must be 0 to 1' }) conversionRateTarget?: number;
}

// --- the live call wall

export enum CallWallAgentState {
  /** A call is ringing at the agent (offered to them, or dialled out and not yet answered). */
  RINGING = 'RINGING',
  /** On a call (answered, not yet ended; time on hold is only known when the switch reports the end). */
  ON_CALL = 'ON_CALL',
  /** After-call work: the last call ended less than its wrap-up seconds ago (the default when the switch gave none). */
  WRAP_UP = 'WRAP_UP',
  /** Free since the end of their last wrap-up. */
  IDLE = 'IDLE',
}
registerEnumType(CallWallAgentState, { name: 'CallWallAgentState' });

@ObjectType({ description: 'A call on the wall, its timers computed from the server clock at the wall’s `at`.' })
export class CallWallCall {
  @Field(() => CallRecord) call!: CallRecord;
  @Field(() => Int, { description: 'Seconds waiting so far (ringing), or waited before the answer.' }) waitingSeconds!: number;
  @Field(() => Int, { nullable: true, description: 'Seconds since the answer (null while ringing).' }) talkingSeconds!: number | null;
  @Field({ description: 'Ringing for at least the wall’s longWaitSeconds.' }) longWait!: boolean;
}

@ObjectType({ description: 'An agent on the wall: what they are doing since when, and their calls of the day (their franchise’s time zone).' })
export class CallWallAgent {
  @Field(() => ID) agentId!: string;
  @Field(() => CallWallAgentState) state!: CallWallAgentState;
  @Field(() => Date, { nullable: true, description: 'Since when they are in this state (null: idle with no call today).' }) since!: Date | null;
  @Field(() => CallWallCall, { nullable: true, description: 'The call ringing at them or in progress.' }) currentCall!: CallWallCall | null;
  @Field(() => Int, { description: 'Calls offered to or made by them today.' }) callsToday!: number;
  @Field(() => Int, { description: 'Of those, answered.' }) answeredToday!: number;
  @Field(() => Int, { description: 'Talk seconds of today’s ended calls.' }) talkSecondsToday!: number;
}

@ObjectType({ description: 'The live call wall of a supervisor’s part of the organisation: calls waiting and in progress, and each agent’s state.' })
export class CallWall {
  @Field({ description: 'The server time the timers were computed at (clients count on from it).' }) at!: Date;
  @Field(() => Int, { description: 'From how many seconds of waiting a ringing call counts as a long wait.' }) longWaitSeconds!: number;
  @Field(() => [CallWallCall], { description: 'Calls ringing (waiting in the queue or at an agent), longest waiting first.' }) waiting!: CallWallCall[];
  @Field(() => [CallWallCall], { description: 'Answered calls in progress, longest first.' }) inProgress!: CallWallCall[];
  @Field(() => [CallWallAgent], { description: 'Agents with a call in progress or ringing, or with calls today: on a call first, then ringing, wrap-up, idle.' }) agents!: CallWallAgent[];
}
