import { ArrayMaxSize, IsOptional, IsUrl, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  ArrayFieldComparison,
  BooleanFieldComparison,
  DateFieldComparison,
  enumComparison,
  IDFilterComparison,
  IntFieldComparison,
  StringFieldComparison,
} from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { Case, CaseActivity, CaseCategory, CaseChannel, CaseMessage, CaseMessageKind, CasePriority, CaseStage, CaseType, EscalationLevel, SlaStatus, SolutionType } from './case.entity';
import { AgentAvailability, DepartmentFeedback, FeedbackStatus } from './queue.entity';
import { SlaClockKind } from './sla.entity';

export const CaseConnection = Connection(Case);
export const CaseMessageConnection = Connection(CaseMessage);
export const CaseActivityConnection = Connection(CaseActivity);
export const DepartmentFeedbackConnection = Connection(DepartmentFeedback);

/** Shared with other queues that escalate and run SLA clocks (returns). */
export const EscalationLevelComparison = enumComparison('EscalationLevel', EscalationLevel);
export const SlaStatusComparison = enumComparison('SlaStatus', SlaStatus);

export const CASE_FILTER_FIELDS = {
  id: IDFilterComparison,
  caseNo: StringFieldComparison,
  type: enumComparison('CaseType', CaseType),
  channel: enumComparison('CaseChannel', CaseChannel),
  category: enumComparison('CaseCategory', CaseCategory),
  priority: enumComparison('CasePriority', CasePriority),
  stage: enumComparison('CaseStage', CaseStage),
  state: StringFieldComparison,
  workflow: StringFieldComparison,
  queue: StringFieldComparison,
  isVip: BooleanFieldComparison,
  customerId: IDFilterComparison,
  orgUnitId: IDFilterComparison,
  ownerId: IDFilterComparison,
  expertId: IDFilterComparison,
  escalationLevel: EscalationLevelComparison,
  slaStatus: SlaStatusComparison,
  slaDueAt: DateFieldComparison,
  subject: StringFieldComparison,
  tags: ArrayFieldComparison,
  reopenCount: IntFieldComparison,
  createdAt: DateFieldComparison,
  updatedAt: DateFieldComparison,
  lastActivityAt: DateFieldComparison,
  resolvedAt: DateFieldComparison,
};
export const CASE_SORT_FIELDS = ['caseNo', 'createdAt', 'updatedAt', 'lastActivityAt', 'slaDueAt', 'priorityRank', 'stage', 'state', 'escalationLevel', 'resolvedAt'] as const;

export const { Filter: CaseFilter, Sort: CaseSort } = defineListInputs('Case', { filter: CASE_FILTER_FIELDS, sort: CASE_SORT_FIELDS });

export const { Filter: DepartmentFeedbackFilter, Sort: DepartmentFeedbackSort } = defineListInputs('DepartmentFeedback', {
  filter: {
    id: IDFilterComparison,
    caseId: IDFilterComparison,
    departmentId: IDFilterComparison,
    status: enumComparison('FeedbackStatus', FeedbackStatus),
    escalated: BooleanFieldComparison,
    answerDueAt: DateFieldComparison,
    createdAt: DateFieldComparison,
  },
  sort: ['createdAt', 'answerDueAt', 'promisedBy'] as const,
});

/** Evidence files are stored elsewhere; the case keeps their metadata. Up to 200 MB (video). */
export const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;

@InputType()
export class CaseAttachmentInput {
  @Field() @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) address' }) @Length(1, 2000) url!: string;
  @Field() @Matches(/^(image|video|audio|application|text)\/[\w.+-]+$/, { message: 'contentType must be a MIME type such as image/jpeg' }) contentType!: string;
  @Field(() => Int) @Min(1, { message: 'size must be at least 1 byte' }) @Max(MAX_ATTACHMENT_BYTES, { message: `size must be at most ${MAX_ATTACHMENT_BYTES} bytes (200 MB)` }) size!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) name?: string | null;
}

@InputType()
export class CaseInput {
  @Field(() => CaseType) type!: CaseType;
  @Field(() => CaseChannel) channel!: CaseChannel;
  @Field(() => ID, { nullable: true, description: 'Leave empty for an anonymous caller; link later with updateOneCase.' }) customerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Store, branch center or franchise; defaults to the customer’s store, else your own unit.' }) orgUnitId?: string | null;
  @Field(() => CaseCategory, { nullable: true }) category?: CaseCategory | null;
  @Field(() => CasePriority, { nullable: true }) priority?: CasePriority | null;
  @Field() @Length(1, 200, { message: 'subject must be 1 to 200 characters' }) @Matches(/\S/, { message: 'subject must not be blank' }) subject!: string;
  @Field() @Length(1, 10000, { message: 'description must be 1 to 10000 characters' }) description!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) orderRef?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) productRef?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) batchRef?: string | null;
  @Field(() => ID, { nullable: true, description: 'Link an order (your franchise, your reach); its number fills orderRef and its customer the case’s when none is given.' }) orderId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Link one line of the order (its product and, when it left as one lot, the lot follow).' }) orderLineId?: string | null;
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Link the lot (batch) concerned.' }) lotId?: string | null;
  @Field(() => [CaseAttachmentInput], { nullable: true }) @IsOptional() @ArrayMaxSize(20, { message: 'attachments: at most 20' }) @ValidateNested() attachments?: CaseAttachmentInput[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @Length(1, 30, { each: true }) tags?: string[];
}

@InputType()
export class CreateOneCaseInput {
  @Field(() => CaseInput) @ValidateNested() case!: CaseInput;
}

/** What may be edited on a case: details, never its state (that is the workflow's). */
@InputType()
export class CaseUpdate {
  @Field(() => ID, { nullable: true, description: 'Link an anonymous case to the customer.' }) customerId?: string;
  @Field(() => CaseCategory, { nullable: true }) category?: CaseCategory | null;
  @Field(() => CasePriority, { nullable: true }) priority?: CasePriority;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) @Matches(/\S/, { message: 'subject must not be blank' }) subject?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 10000) description?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) orderRef?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) productRef?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) batchRef?: string | null;
  @Field(() => ID, { nullable: true, description: 'Link an order (your franchise, your reach); its number fills orderRef and its customer the case’s when none is given.' }) orderId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Link one line of the order (its product and, when it left as one lot, the lot follow).' }) orderLineId?: string | null;
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Link the lot (batch) concerned.' }) lotId?: string | null;
  @Field(() => [CaseAttachmentInput], { nullable: true }) @IsOptional() @ArrayMaxSize(20, { message: 'attachments: at most 20' }) @ValidateNested() attachments?: CaseAttachmentInput[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @Length(1, 30, { each: true }) tags?: string[];
}

@InputType()
export class UpdateOneCaseInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => CaseUpdate) @ValidateNested() update!: CaseUpdate;
}

/** Common to every transition: the case and, optionally, the version you saw (stale: CONFLICT). */
@InputType()
export class CaseActionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'The version you saw; if the case changed since, CONFLICT.' }) version?: number | null;
}

@InputType()
export class ProposeSolutionInput extends CaseActionInput {
  @Field(() => SolutionType) solutionType!: SolutionType;
  @Field(() => Float, { nullable: true, description: 'Yuan; required for refund and compensation.' }) solutionAmount?: number | null;
  @Field() @Length(1, 5000) solutionNote!: string;
}

@InputType()
export class ResolveCaseInput extends CaseActionInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 5000) resolutionNote?: string | null;
}

@InputType()
export class ReasonedCaseActionInput extends CaseActionInput {
  @Field() @Length(1, 1000, { message: 'reason must be 1 to 1000 characters' }) reason!: string;
}

@InputType()
export class RequestCaseInfoInput extends CaseActionInput {
  @Field() @Length(1, 5000) question!: string;
}

@InputType()
export class AnswerCaseInput extends CaseActionInput {
  @Field() @Length(1, 5000) answer!: string;
}

@InputType()
export class TransitionCaseInput extends CaseActionInput {
  @Field({ description: 'A workflow action from the case’s allowedActions (plugins add their own).' }) @Length(1, 60) action!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Fields the action requires, by name.' }) fields?: Record<string, unknown> | null;
}

@InputType()
export class AssignCaseInput {
  @Field(() => ID) id!: string;
  @Field(() => ID) staffUserId!: string;
}

@InputType()
export class TransferCaseInput {
  @Field(() => ID) id!: string;
  @Field(() => ID) toStaffUserId!: string;
  @Field() @Length(1, 1000, { message: 'reason must be 1 to 1000 characters' }) reason!: string;
}

@InputType()
export class EscalateCaseInput {
  @Field(() => ID) id!: string;
  @Field() @Length(1, 1000, { message: 'reason must be 1 to 1000 characters' }) reason!: string;
  @Field(() => EscalationLevel, { nullable: true, description: 'Defaults to the next level up.' }) level?: EscalationLevel | null;
}

@InputType()
export class ReferCaseInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'A pharmacist or doctor of the case’s franchise.' }) expertId!: string;
  @Field() @Length(1, 5000) question!: string;
}

@InputType()
export class AddCaseMessageInput {
  @Field(() => ID) caseId!: string;
  @Field(() => CaseMessageKind) kind!: CaseMessageKind;
  @Field() @Length(1, 10000, { message: 'body must be 1 to 10000 characters' }) body!: string;
  @Field(() => [CaseAttachmentInput], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @ValidateNested() attachments?: CaseAttachmentInput[];
}

@ObjectType()
export class CaseRequiredField {
  @Field() name!: string;
  @Field() label!: string;
}

@ObjectType({ description: 'A workflow action the viewer may take on the case now (or why not).' })
export class CaseAllowedAction {
  @Field() action!: string;
  @Field() label!: string;
  @Field() to!: string;
  @Field(() => [CaseRequiredField]) requiredFields!: CaseRequiredField[];
  @Field(() => String, { nullable: true, description: 'Why it cannot be taken now (a guard refused), or null.' }) blockedReason!: string | null;
  @Field(() => String, { nullable: true, description: 'The refusal\'s stable reason (e.g. HANDLED_BY_OTHER), for a message in the client\'s language; null when none.' }) blockedReasonCode!: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Parameters of blockedReasonCode.' }) blockedParams!: Record<string, unknown> | null;
}

@ObjectType()
export class WorkflowStateInfo {
  @Field() name!: string;
  @Field() label!: string;
  @Field(() => CaseStage) stage!: CaseStage;
}

@ObjectType()
export class WorkflowTransitionInfo {
  @Field() action!: string;
  @Field() label!: string;
  @Field(() => [String]) from!: string[];
  @Field() to!: string;
  @Field(() => String, { nullable: true }) permission?: string | null;
  @Field(() => [CaseRequiredField]) requiredFields!: CaseRequiredField[];
}

@ObjectType({ description: 'A workflow definition, for drawing it and labelling states.' })
export class WorkflowInfo {
  @Field() name!: string;
  @Field() label!: string;
  @Field() initial!: string;
  @Field(() => [WorkflowStateInfo]) states!: WorkflowStateInfo[];
  @Field(() => [WorkflowTransitionInfo]) transitions!: WorkflowTransitionInfo[];
}

// --- queues, presence, SLA administration

@InputType()
export class CaseViewInput {
  @Field() @Length(1, 80) name!: string;
  @Field({ defaultValue: false, description: 'Shared with the franchise (needs case:manage); otherwise personal.' }) shared!: boolean;
  @Field(() => ID, { nullable: true }) orgUnitId?: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'A CaseFilter.' }) filter?: Record<string, unknown> | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'A list of CaseSort ({ field, direction }).' }) sorting?: { field: string; direction: string }[] | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(30) columns?: string[] | null;
}

@InputType()
export class CreateOneCaseViewInput {
  @Field(() => CaseViewInput) @ValidateNested() caseView!: CaseViewInput;
}

@InputType()
export class CaseViewUpdate {
  @Field({ nullable: true }) @IsOptional() @Length(1, 80) name?: string;
  @Field(() => GraphQLJSON, { nullable: true }) filter?: Record<string, unknown> | null;
  @Field(() => GraphQLJSON, { nullable: true }) sorting?: { field: string; direction: string }[] | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(30) columns?: string[] | null;
}

@InputType()
export class UpdateOneCaseViewInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => CaseViewUpdate) @ValidateNested() update!: CaseViewUpdate;
}

@InputType()
export class SetAvailabilityInput {
  @Field(() => AgentAvailability) availability!: AgentAvailability;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(200) capacity?: number | null;
}

export enum QueueChange {
  ADDED = 'ADDED',
  UPDATED = 'UPDATED',
  REMOVED = 'REMOVED',
}
registerEnumType(QueueChange, { name: 'QueueChange', description: 'ADDED (new and matching), UPDATED (changed and matching), REMOVED (changed and no longer matching).' });

@ObjectType()
export class CaseQueueEvent {
  @Field(() => QueueChange) change!: QueueChange;
  @Field(() => ID) caseId!: string;
  @Field(() => Case) case!: Case;
}

export enum SlaAlertLevel {
  WARNING = 'WARNING',
  BREACHED = 'BREACHED',
}
registerEnumType(SlaAlertLevel, { name: 'SlaAlertLevel' });

@ObjectType()
export class CaseSlaAlert {
  @Field(() => SlaAlertLevel) level!: SlaAlertLevel;
  @Field(() => SlaClockKind) clock!: SlaClockKind;
  @Field() dueAt!: Date;
  @Field(() => Case) case!: Case;
}

@InputType()
export class WorkingPeriodInput {
  @Field() @Matches(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'must be HH:MM' }) start!: string;
  @Field() @Matches(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'must be HH:MM' }) end!: string;
}

@InputType()
export class WorkingDayInput {
  @Field(() => Int) @Min(0) @Max(6) weekday!: number;
  @Field(() => [WorkingPeriodInput]) @ArrayMaxSize(6) @ValidateNested() periods!: WorkingPeriodInput[];
}

@InputType()
export class ExtraWorkdayInput {
  @Field() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be YYYY-MM-DD' }) date!: string;
  @Field(() => [WorkingPeriodInput], { nullable: true }) @IsOptional() @ValidateNested() periods?: WorkingPeriodInput[] | null;
}

@InputType()
export class BusinessCalendarInput {
  @Field() @Length(1, 80) name!: string;
  @Field({ defaultValue: 'Asia/Shanghai' }) @Length(1, 64) timeZone!: string;
  @Field(() => [WorkingDayInput]) @ArrayMaxSize(7) @ValidateNested() workingDays!: WorkingDayInput[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(400) @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'holidays must be YYYY-MM-DD dates' }) holidays?: string[];
  @Field(() => [ExtraWorkdayInput], { nullable: true }) @IsOptional() @ArrayMaxSize(100) @ValidateNested() extraWorkdays?: ExtraWorkdayInput[];
}

@InputType()
export class CreateOneBusinessCalendarInput {
  @Field(() => BusinessCalendarInput) @ValidateNested() businessCalendar!: BusinessCalendarInput;
}

@InputType()
export class UpdateOneBusinessCalendarInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => BusinessCalendarInput) @ValidateNested() update!: BusinessCalendarInput;
}

@InputType()
export class SlaTargetInput {
  @Field(() => [CaseType], { nullable: true }) types?: CaseType[] | null;
  @Field(() => [CasePriority], { nullable: true }) priorities?: CasePriority[] | null;
  @Field(() => [CaseChannel], { nullable: true }) channels?: CaseChannel[] | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(100000) firstResponseMinutes?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(100000) nextResponseMinutes?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(60) verificationWorkingDays?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(500000) resolutionMinutes?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(120) resolutionWorkingDays?: number | null;
  @Field({ defaultValue: true }) calendarHours!: boolean;
}

@InputType()
export class SlaPolicyInput {
  @Field() @Length(1, 80) name!: string;
  @Field({ defaultValue: false }) isDefault!: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 40) queue?: string | null;
  @Field(() => ID) calendarId!: string;
  @Field(() => [SlaTargetInput]) @ArrayMaxSize(50) @ValidateNested() targets!: SlaTargetInput[];
  @Field(() => Float, { defaultValue: 0.8 }) @Min(0.1) @Max(0.99) warningThreshold!: number;
  @Field({ defaultValue: true }) autoEscalateOnBreach!: boolean;
}

@InputType()
export class CreateOneSlaPolicyInput {
  @Field(() => SlaPolicyInput) @ValidateNested() slaPolicy!: SlaPolicyInput;
}

@InputType()
export class UpdateOneSlaPolicyInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => SlaPolicyInput) @ValidateNested() update!: SlaPolicyInput;
}

@InputType()
export class UpdateCaseSettingsInput {
  @Field(() => ID, { nullable: true, description: 'HQ names the franchise; others change their own.' }) franchiseId?: string | null;
  @Field(() => Int, { nullable: true }) version?: number | null;
  @Field({ nullable: true }) @IsOptional() @Length(1, 60) assignmentRule?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(240) feedbackAnswerHours?: number;
}

@InputType()
export class RaiseFeedbackInput {
  @Field(() => ID, { nullable: true }) caseId?: string | null;
  @Field(() => ID, { description: 'The responsible department (an org unit of kind DEPARTMENT, or any unit of the franchise).' }) departmentId!: string;
  @Field() @Length(1, 200) title!: string;
  @Field() @Length(1, 5000) description!: string;
}

@InputType()
export class AnswerFeedbackInput {
  @Field(() => ID) id!: string;
  @Field() @Length(1, 5000) answer!: string;
  @Field({ description: 'When the department promises it resolved.' }) promisedBy!: Date;
}

@InputType()
export class ResolveFeedbackInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 5000) note?: string | null;
}

@InputType()
export class LinkArticleInput {
  @Field(() => ID) caseId!: string;
  @Field(() => ID) articleId!: string;
}
