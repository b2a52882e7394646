import { ArrayMaxSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateFieldComparison, enumComparison, IDFilterComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { WorkingDayInput, WorkingPeriodInput } from '../cases/case.types';
import { EscalationLevelComparison } from '../cases/case.types';
import { AppointmentStatsDimension } from './appointment.queries';
import { Appointment, AppointmentChannel, AppointmentStatus, HealthServiceKind, ScheduleExceptionKind, VerificationStatus } from './appointment.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const AppointmentConnection = Connection(Appointment);

export const { Filter: AppointmentFilter, Sort: AppointmentSort } = defineListInputs('Appointment', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    appointmentNo: StringFieldComparison,
    customerId: IDFilterComparison,
    /** The customer's name, phone, member card, email or record number (eq, or iLike '%text%'). */
    customer: StringFieldComparison,
    /** The local start time at the store, HH:MM (a time slot: { gte: "09:00", lt: "12:00" }). */
    timeOfDay: StringFieldComparison,
    doctorId: IDFilterComparison,
    storeId: IDFilterComparison,
    serviceId: IDFilterComparison,
    channel: enumComparison('AppointmentChannel', AppointmentChannel),
    status: enumComparison('AppointmentStatus', AppointmentStatus),
    escalationLevel: EscalationLevelComparison,
    startsAt: DateFieldComparison,
    verifyDueAt: DateFieldComparison,
    createdAt: DateFieldComparison,
  },
  sort: ['startsAt', 'createdAt', 'updatedAt', 'appointmentNo', 'status'] as const,
});

registerEnumType(AppointmentStatsDimension, { name: 'AppointmentStatsDimension', description: 'Group appointment counts by STORE, DOCTOR, DATE (local) or HOUR (local start hour).' });

@ObjectType({ description: 'Appointment counts for one group (the fields grouped by are set, the others null).' })
export class AppointmentStats {
  @Field(() => ID, { nullable: true }) storeId!: string | null;
  @Field(() => String, { nullable: true }) storeName!: string | null;
  @Field(() => ID, { nullable: true }) doctorId!: string | null;
  @Field(() => String, { nullable: true }) doctorName!: string | null;
  @Field(() => String, { nullable: true, description: 'Local date at the store (YYYY-MM-DD).' }) date!: string | null;
  @Field(() => Int, { nullable: true, description: 'Local start hour at the store (0–23).' }) hour!: number | null;
  @Field(() => Int, { description: 'Appointments, rescheduled ones once (as their new appointment).' }) total!: number;
  @Field(() => Int, { description: 'Requested, confirmed or checked in.' }) active!: number;
  @Field(() => Int) completed!: number;
  @Field(() => Int) cancelled!: number;
  @Field(() => Int) noShow!: number;
  @Field(() => Int, { description: 'Moved to another time (not in total).' }) rescheduled!: number;
}

@ObjectType({ description: 'A free slot: the doctor can take the service from `startsAt` to `endsAt`.' })
export class AppointmentSlot {
  @Field() startsAt!: Date;
  @Field() endsAt!: Date;
}

@InputType()
export class HealthServiceInput {
  @Field(() => HealthServiceKind) kind!: HealthServiceKind;
  @Field() @Length(1, 80) name!: string;
  @Field(() => Int) @Min(5, { message: 'durationMinutes must be at least 5' }) @Max(480, { message: 'durationMinutes must be at most 480' }) durationMinutes!: number;
  @Field(() => Int, { defaultValue: 0 }) @Min(0, { message: 'bufferMinutes must not be negative' }) @Max(240) bufferMinutes!: number;
  @Field({ defaultValue: true }) active!: boolean;
}

@InputType()
export class CreateOneHealthServiceInput {
  @Field(() => HealthServiceInput) @ValidateNested() healthService!: HealthServiceInput;
}

@InputType()
export class UpdateOneHealthServiceInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => HealthServiceInput) @ValidateNested() update!: HealthServiceInput;
}

@InputType({ description: 'A doctor’s weekly hours at a store (replaces what was there).' })
export class DoctorScheduleInput {
  @Field(() => ID) doctorId!: string;
  @Field(() => ID) storeId!: string;
  @Field(() => Int, { nullable: true, description: 'The version you edited (when the schedule exists).' }) @IsOptional() version?: number | null;
  @Field(() => [WorkingDayInput]) @ArrayMaxSize(7) @ValidateNested() weeklyHours!: WorkingDayInput[];
  @Field(() => [WorkingPeriodInput], { defaultValue: [] }) @ArrayMaxSize(6) @ValidateNested() breaks!: WorkingPeriodInput[];
  @Field(() => Int, { defaultValue: 30 }) @Min(5, { message: 'slotMinutes must be at least 5' }) @Max(240) slotMinutes!: number;
}

@InputType()
export class ScheduleExceptionInput {
  @Field(() => ID) doctorId!: string;
  @Field(() => ID, { nullable: true, description: 'Only at this store (default: every store).' }) @IsOptional() storeId?: string | null;
  @Field(() => ScheduleExceptionKind) kind!: ScheduleExceptionKind;
  @Field() @Matches(DATE, { message: 'fromDate must be YYYY-MM-DD' }) fromDate!: string;
  @Field() @Matches(DATE, { message: 'toDate must be YYYY-MM-DD' }) toDate!: string;
  @Field(() => [WorkingPeriodInput], { defaultValue: [] }) @ArrayMaxSize(6) @ValidateNested() periods!: WorkingPeriodInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) reason?: string | null;
}

@InputType()
export class AppointmentSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Default: your franchise.' }) @IsOptional() franchiseId?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() version?: number | null;
  @Field(() => Int) @Min(0, { message: 'noticeDays must not be negative' }) @Max(30) noticeDays!: number;
  @Field(() => Int) @Min(15, { message: 'verifyWithinMinutes must be at least 15' }) @Max(1440) verifyWithinMinutes!: number;
}

@InputType({ description: 'Book a customer with a doctor at a store for a service, at a free slot.' })
export class BookAppointmentInput {
  @Field(() => ID) customerId!: string;
  @Field(() => ID) doctorId!: string;
  @Field(() => ID) storeId!: string;
  @Field(() => ID) serviceId!: string;
  @Field() startsAt!: Date;
  @Field(() => AppointmentChannel) channel!: AppointmentChannel;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) note?: string | null;
}

@InputType()
export class AppointmentActionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
}

@InputType()
export class CancelAppointmentInput extends AppointmentActionInput {
  @Field() @Length(1, 500, { message: 'reason must be 1 to 500 characters' }) reason!: string;
}

@InputType({ description: 'Move an appointment to another slot (and doctor, store or service): a new appointment linked to this one, whose slot is freed.' })
export class RescheduleAppointmentInput extends AppointmentActionInput {
  @Field() startsAt!: Date;
  @Field(() => ID, { nullable: true, description: 'Default: the same doctor.' }) @IsOptional() doctorId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Default: the same store.' }) @IsOptional() storeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Default: the same service.' }) @IsOptional() serviceId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) reason?: string | null;
}

@InputType()
export class QualificationInput {
  @Field() @Length(1, 100) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) number?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) issuedBy?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, { message: 'issuedOn must be YYYY-MM-DD' }) issuedOn?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'url must be an http(s) address' }) url?: string | null;
}

@InputType()
export class TrainingRecordInput {
  @Field() @Length(1, 200) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, { message: 'completedOn must be YYYY-MM-DD' }) completedOn?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) provider?: string | null;
}

@InputType()
export class CaseStudyInput {
  @Field() @Length(1, 200) title!: string;
  @Field() @Length(1, 5000) summary!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'url must be an http(s) address' }) url?: string | null;
}

@InputType({ description: 'A doctor’s qualifications, training and case studies (replaces what was there).' })
export class PractitionerProfileInput {
  @Field(() => ID) doctorId!: string;
  @Field(() => Int, { nullable: true }) @IsOptional() version?: number | null;
  @Field(() => [QualificationInput]) @ArrayMaxSize(30) @ValidateNested() qualifications!: QualificationInput[];
  @Field(() => [TrainingRecordInput], { defaultValue: [] }) @ArrayMaxSize(100) @ValidateNested() trainingHistory!: TrainingRecordInput[];
  @Field(() => [CaseStudyInput], { defaultValue: [] }) @ArrayMaxSize(50) @ValidateNested() caseStudies!: CaseStudyInput[];
}

@InputType({ description: 'HQ’s verdict on a doctor’s qualifications.' })
export class VerifyPractitionerInput {
  @Field(() => ID) doctorId!: string;
  @Field(() => VerificationStatus) status!: VerificationStatus;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 1000) note?: string | null;
}
