import { ArrayMaxSize, IsDateString, IsEmail, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import {
  ArrayFieldComparison,
  DateFieldComparison,
  enumComparison,
  FloatFieldComparison,
  IDFilterComparison,
  IntFieldComparison,
  StringFieldComparison,
} from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection, PageInfo } from '../../core/graphql/paging';
import { Gender } from '../identity/staff-user.entity';
import { CareTask, CareTaskKind, CareTaskStatus } from './customer-records.entity';
import { Customer, CustomerSegment, CustomerStatus, SourceChannel } from './customer.entity';

export const CustomerConnection = Connection(Customer);
export const CareTaskConnection = Connection(CareTask);

export const { Filter: CustomerFilter, Sort: CustomerSort } = defineListInputs('Customer', {
  filter: {
    id: IDFilterComparison,
    recordNo: StringFieldComparison,
    name: StringFieldComparison,
    memberCardNo: StringFieldComparison,
    email: StringFieldComparison,
    orgUnitId: IDFilterComparison,
    doctorId: IDFilterComparison,
    healthManagerId: IDFilterComparison,
    sourceChannel: enumComparison('SourceChannel', SourceChannel),
    status: enumComparison('CustomerStatus', CustomerStatus),
    segment: enumComparison('CustomerSegment', CustomerSegment),
    tags: ArrayFieldComparison,
    age: IntFieldComparison,
    birthMonth: IntFieldComparison,
    lastServiceAt: DateFieldComparison,
    lastPurchaseAt: DateFieldComparison,
    totalSpend: FloatFieldComparison,
    createdAt: DateFieldComparison,
  },
  sort: ['name', 'recordNo', 'createdAt', 'updatedAt', 'lastServiceAt', 'lastPurchaseAt', 'totalSpend', 'birthDate'] as const,
});

export const { Filter: CareTaskFilter, Sort: CareTaskSort } = defineListInputs('CareTask', {
  filter: {
    id: IDFilterComparison,
    customerId: IDFilterComparison,
    assigneeId: IDFilterComparison,
    kind: enumComparison('CareTaskKind', CareTaskKind),
    status: enumComparison('CareTaskStatus', CareTaskStatus),
    dueDate: StringFieldComparison,
  },
  sort: ['dueDate', 'createdAt'] as const,
});

const PHONE = /^(\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}$|^0\d{2,3}-?\d{7,8}$/;
const PHONE_MESSAGE = 'must be a mainland mobile (11 digits starting with 1) or a landline like 021-12345678';

@InputType()
export class MedicationInput {
  @Field() @Length(1, 100) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 200) dosage?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 40) since?: string | null;
}

@InputType()
export class FamilyMemberInput {
  @Field() @Length(1, 50) name!: string;
  @Field() @Length(1, 20) relation!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 200) note?: string | null;
}

/** Fields shared by create and update (all optional here). */
@InputType()
export class CustomerProfileInput {
  @Field(() => Gender, { nullable: true }) gender?: Gender | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(15, 18, { message: 'idNumber must be 15 or 18 characters' }) idNumber?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) address?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail({}, { message: 'email must be an email address' }) email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 40) memberCardNo?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) medicalHistory?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) allergies?: string[];
  @Field(() => [MedicationInput], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) currentMedications?: MedicationInput[];
  @Field(() => [FamilyMemberInput], { nullable: true }) @IsOptional() @ArrayMaxSize(30) @ValidateNested({ each: true }) familyMembers?: FamilyMemberInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) personality?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(30) interests?: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 1000) specialNeeds?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) note?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(30) tags?: string[];
  @Field({ nullable: true }) consentPhone?: boolean;
  @Field({ nullable: true }) consentSms?: boolean;
  @Field({ nullable: true }) consentWechat?: boolean;
  @Field({ nullable: true }) consentMarketing?: boolean;
}

@InputType({ description: 'A new archive. Required: name, birthDate or age, phone, doctor, health manager, store / branch center, source channel.' })
export class CustomerInput extends CustomerProfileInput {
  @Field() @Length(1, 50) name!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; give this or age.' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'birthDate must be a date like 1958-04-21' })
  birthDate?: string | null;
  @Field(() => Int, { nullable: true, description: 'Age in years, when the birth date is not known.' }) @IsOptional() @Min(0) @Max(130) age?: number | null;
  @Field() @Matches(PHONE, { message: `phone ${PHONE_MESSAGE}` }) phone!: string;
  @Field(() => ID) doctorId!: string;
  @Field(() => ID) healthManagerId!: string;
  @Field(() => ID, { description: 'Store or branch center.' }) orgUnitId!: string;
  @Field(() => SourceChannel) sourceChannel!: SourceChannel;
}

@InputType()
export class CreateOneCustomerInput {
  @Field(() => CustomerInput) @ValidateNested() customer!: CustomerInput;
}

@InputType()
export class CustomerUpdate extends CustomerProfileInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 50) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsDateString({ strict: true }, { message: 'birthDate must be a date like 1958-04-21' }) birthDate?: string | null;
  @Field({ nullable: true }) @IsOptional() @Matches(PHONE, { message: `phone ${PHONE_MESSAGE}` }) phone?: string;
  @Field(() => ID, { nullable: true }) doctorId?: string;
  @Field(() => ID, { nullable: true }) healthManagerId?: string;
  @Field(() => ID, { nullable: true }) orgUnitId?: string;
  @Field(() => SourceChannel, { nullable: true }) sourceChannel?: SourceChannel;
}

@InputType()
export class UpdateOneCustomerInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => CustomerUpdate) @ValidateNested() update!: CustomerUpdate;
}

@InputType()
export class MergeCustomersInput {
  @Field(() => ID, { description: 'The archive that goes away; everything attached moves to the target.' }) sourceId!: string;
  @Field(() => ID, { description: 'The archive that stays.' }) targetId!: string;
}

@ObjectType()
export class CustomerSearchHit {
  @Field(() => Customer) customer!: Customer;
  @Field(() => Float, { description: '0..1, higher is closer.' }) score!: number;
  @Field({ description: 'Which field matched: name, phone, memberCardNo, email or recordNo.' }) matchedField!: string;
}

@ObjectType({ description: 'One thing that happened to a customer, from any module.' })
export class TimelineEntry {
  @Field({ description: 'archive, purchase, care, case, order, survey, callback, appointment...' }) kind!: string;
  @Field() occurredAt!: Date;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => Float, { nullable: true, description: 'Money involved, in yuan.' }) amount?: number | null;
  @Field(() => String, { nullable: true }) refType?: string | null;
  @Field(() => ID, { nullable: true }) refId?: string | null;
}

@ObjectType()
export class TimelineConnection {
  @Field(() => [TimelineEntry]) nodes!: TimelineEntry[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@InputType()
export class CompleteCareTaskInput {
  @Field(() => ID) id!: string;
  @Field(() => CareTaskStatus, { defaultValue: CareTaskStatus.DONE }) status!: CareTaskStatus;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 1000) outcome?: string | null;
}

@ObjectType()
export class TopSpender {
  @Field(() => Customer) customer!: Customer;
  @Field(() => Float) amount!: number;
  @Field(() => Int) purchases!: number;
  @Field(() => Int) rank!: number;
}

@ObjectType({ description: 'How many customers are in a segment, and what to do for them.' })
export class SegmentSummary {
  @Field(() => CustomerSegment) segment!: CustomerSegment;
  @Field(() => Int) customers!: number;
  @Field() careStrategy!: string;
}
