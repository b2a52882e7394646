import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateFieldComparison, enumComparison, IDFilterComparison, IntFieldComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { CaseAttachmentInput, EscalationLevelComparison, SlaStatusComparison } from '../cases/case.types';
import { MAX_LINE_QUANTITY, MAX_LINES } from '../inventory/inventory.types';
import { ReturnClock, ReturnKind, ReturnReason, ReturnReasonCategory, ReturnRequest, ReturnSource, ReturnStage } from './return.entity';

export const ReturnConnection = Connection(ReturnRequest);

export const { Filter: ReturnFilter, Sort: ReturnSort } = defineListInputs('Return', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    returnNo: StringFieldComparison,
    orderId: IDFilterComparison,
    orderNo: StringFieldComparison,
    customerId: IDFilterComparison,
    orgUnitId: IDFilterComparison,
    caseId: IDFilterComparison,
    stage: enumComparison('ReturnStage', ReturnStage),
    state: StringFieldComparison,
    kind: enumComparison('ReturnKind', ReturnKind),
    reason: enumComparison('ReturnReason', ReturnReason),
    reasonCategory: enumComparison('ReturnReasonCategory', ReturnReasonCategory),
    source: enumComparison('ReturnSource', ReturnSource),
    slaClock: enumComparison('ReturnClock', ReturnClock),
    slaStatus: SlaStatusComparison,
    slaDueAt: DateFieldComparison,
    escalationLevel: EscalationLevelComparison,
    refundCents: IntFieldComparison,
    createdAt: DateFieldComparison,
    updatedAt: DateFieldComparison,
  },
  sort: ['createdAt', 'updatedAt', 'returnNo', 'slaDueAt', 'stage', 'state', 'refundCents', 'lastActivityAt'] as const,
});

@InputType()
export class ReturnLineInput {
  @Field(() => ID, { description: 'The order line the units come from.' }) orderLineId!: string;
  @Field(() => Int) @Min(1, { message: 'quantity must be at least 1' }) @Max(MAX_LINE_QUANTITY) quantity!: number;
  @Field(() => ID, { nullable: true, description: 'The lot, when the customer can tell (else the line’s picked lots in order).' }) @IsOptional() batchId?: string | null;
}

@InputType({ description: 'A return or exchange request for a delivered order, within the franchise’s return window.' })
export class RequestReturnInput {
  @Field(() => ID) orderId!: string;
  @Field(() => ReturnKind) kind!: ReturnKind;
  @Field(() => ReturnReason) reason!: ReturnReason;
  @Field(() => ReturnSource) source!: ReturnSource;
  @Field(() => ID, { nullable: true, description: 'The case the request came from (required when the source is CASE).' }) @IsOptional() caseId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) description?: string | null;
  @Field(() => [CaseAttachmentInput], { nullable: true, description: 'Photos, video: metadata only, the same rules as case attachments.' })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'evidence: at most 20' })
  @ValidateNested()
  evidence?: CaseAttachmentInput[];
  @Field(() => [ReturnLineInput]) @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines!: ReturnLineInput[];
}

@InputType()
export class ReturnActionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'The version you saw; if the return changed since, CONFLICT.' }) version?: number | null;
}

@InputType()
export class ReasonedReturnActionInput extends ReturnActionInput {
  @Field() @Length(1, 1000, { message: 'reason must be 1 to 1000 characters' }) reason!: string;
}

@InputType()
export class ShipReturnBackInput extends ReturnActionInput {
  @Field() @Length(1, 100) carrier!: string;
  @Field() @Length(1, 100) trackingNo!: string;
}

@InputType()
export class InspectReturnLineInput {
  @Field(() => ID) returnLineId!: string;
  @Field(() => Int, { description: 'Units received and accepted.' }) @Min(0, { message: 'acceptedQuantity cannot be negative' }) @Max(MAX_LINE_QUANTITY) acceptedQuantity!: number;
  @Field(() => Int, { description: 'Units received damaged.' }) @Min(0, { message: 'damagedQuantity cannot be negative' }) @Max(MAX_LINE_QUANTITY) damagedQuantity!: number;
  @Field({ description: 'Original packaging intact (accepted units can be sold again).' }) packagingIntact!: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 1000) note?: string | null;
}

@InputType({ description: 'The inspection of every returned line.' })
export class InspectReturnInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you inspected; if the return changed since (another inspection), CONFLICT.' }) version!: number;
  @Field(() => [InspectReturnLineInput]) @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) lines!: InspectReturnLineInput[];
}

@InputType()
export class RefundReturnInput extends ReturnActionInput {
  @Field(() => String, { nullable: true, description: 'The payment provider’s reference.' }) @IsOptional() @Length(1, 200) reference?: string | null;
}

@InputType()
export class TransitionReturnInput extends ReturnActionInput {
  @Field({ description: 'A workflow action from the return’s allowedActions (plugins add their own).' }) @Length(1, 60) action!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Fields the action requires, by name.' }) fields?: Record<string, unknown> | null;
}

@InputType()
export class ReturnSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Default: your franchise.' }) franchiseId?: string | null;
  @Field(() => Int, { nullable: true }) version?: number | null;
  @Field(() => Int) @Min(1, { message: 'windowDays must be at least 1' }) @Max(365, { message: 'windowDays must be at most 365' }) windowDays!: number;
}

@ObjectType()
export class ReturnRequiredField {
  @Field() name!: string;
  @Field() label!: string;
}

@ObjectType()
export class ReturnAllowedAction {
  @Field() action!: string;
  @Field() label!: string;
  @Field() to!: string;
  @Field(() => [ReturnRequiredField]) requiredFields!: ReturnRequiredField[];
  @Field(() => String, { nullable: true }) blockedReason!: string | null;
}
