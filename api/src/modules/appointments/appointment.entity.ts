import { Entity, Enum, Filter, Index, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FranchiseSettings, TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';
import { EscalationLevel } from '../cases/case.entity';
import { WorkingDayObject, WorkingPeriodObject } from '../cases/sla.entity';

/**
 * Appointments (预约) with the franchise's doctors: the services offered (with duration and a
 * buffer after), each doctor's weekly hours per store with breaks, leave and one-off hours, and
 * the appointments themselves. One active appointment per doctor and time range is enforced by
 * PostgreSQL (an exclusion constraint over doctor and [start, end + buffer)), never by a re-check.
 */

export enum HealthServiceKind {
  FIRST_VISIT = 'FIRST_VISIT',
  FOLLOW_UP = 'FOLLOW_UP',
  REPORT_INTERPRETATION = 'REPORT_INTERPRETATION',
  TEST_SAMPLING = 'TEST_SAMPLING',
}

export enum AppointmentChannel {
  PHONE = 'PHONE',
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
}

export enum AppointmentStatus {
  /** An online request, to be verified (confirmed) within 2 working hours. */
  REQUESTED = 'REQUESTED',
  CONFIRMED = 'CONFIRMED',
  CHECKED_IN = 'CHECKED_IN',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  NO_SHOW = 'NO_SHOW',
  /** Moved: `rescheduledToId` is the new appointment. */
  RESCHEDULED = 'RESCHEDULED',
}

/** The statuses that hold their slot (the exclusion constraint's condition). */
export const ACTIVE_STATUSES = [AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED, AppointmentStatus.CHECKED_IN] as const;

export enum ScheduleExceptionKind {
  /** The doctor is away (leave, training): no slots on those days. */
  LEAVE = 'LEAVE',
  /** One-off hours that replace the weekly hours on those days. */
  HOURS = 'HOURS',
}

registerEnumType(HealthServiceKind, { name: 'HealthServiceKind', description: 'FIRST_VISIT, FOLLOW_UP, REPORT_INTERPRETATION or TEST_SAMPLING.' });
registerEnumType(AppointmentChannel, { name: 'AppointmentChannel', description: 'Booked by PHONE, IN_PERSON or ONLINE (online requests are verified within 2 working hours).' });
registerEnumType(AppointmentStatus, { name: 'AppointmentStatus', description: 'REQUESTED → CONFIRMED → CHECKED_IN → COMPLETED, or CANCELLED / NO_SHOW / RESCHEDULED.' });
registerEnumType(ScheduleExceptionKind, { name: 'ScheduleExceptionKind', description: 'LEAVE (no slots) or HOURS (one-off hours replacing the weekly ones).' });

@Entity({ tableName: 'health_service' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'name'] })
@ObjectType({ description: 'A service a doctor gives by appointment (first visit, follow-up…), with its length and the buffer kept free after it.' })
export class HealthService extends TenantEntity<'bufferMinutes' | 'active'> {
  @Enum({ items: () => HealthServiceKind })
  @Field(() => HealthServiceKind)
  kind!: HealthServiceKind;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  durationMinutes!: number;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Minutes kept free after the service (cleaning, notes) before the doctor’s next appointment.' })
  bufferMinutes: number = 0;

  @Property({ type: 'boolean' })
  @Field({ description: 'Inactive services are not offered for new bookings.' })
  active: boolean = true;
}

@Entity({ tableName: 'doctor_schedule' })
@Filter(tenantFilter)
@Unique({ properties: ['doctorId', 'storeId'] })
@ObjectType({ description: 'A doctor’s weekly hours at one store or branch center (in the store’s time zone), with the daily breaks and the slot interval.' })
export class DoctorSchedule extends TenantEntity<'breaks' | 'slotMinutes'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  doctorId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The store or branch center.' })
  storeId!: string;

  @Property({ type: 'jsonb' })
  @Field(() => [WorkingDayObject], { description: 'Working periods per weekday; a weekday not listed is a day off.' })
  weeklyHours!: WorkingDayObject[];

  @Property({ type: 'jsonb' })
  @Field(() => [WorkingPeriodObject], { description: 'Breaks every working day (lunch): no appointment overlaps them.' })
  breaks: WorkingPeriodObject[] = [];

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Slots start every this many minutes from the start of a working period.' })
  slotMinutes: number = 30;
}

@Entity({ tableName: 'doctor_schedule_exception' })
@Filter(tenantFilter)
@Index({ properties: ['doctorId', 'toDate'] })
@ObjectType({ description: 'Leave or one-off hours of a doctor on a range of local dates (at one store, or at every store).' })
export class ScheduleException extends TenantEntity<'storeId' | 'periods' | 'reason'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  doctorId!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Only at this store; null: wherever the doctor works.' })
  storeId?: string | null;

  @Enum({ items: () => ScheduleExceptionKind })
  @Field(() => ScheduleExceptionKind)
  kind!: ScheduleExceptionKind;

  @Property({ type: 'date' })
  @Field({ description: 'First local date (YYYY-MM-DD).' })
  fromDate!: string;

  @Property({ type: 'date' })
  @Field({ description: 'Last local date (YYYY-MM-DD), inclusive.' })
  toDate!: string;

  @Property({ type: 'jsonb' })
  @Field(() => [WorkingPeriodObject], { description: 'HOURS: the periods worked on those days.' })
  periods: WorkingPeriodObject[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@Entity({ tableName: 'appointment' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'appointmentNo'] })
@Index({ properties: ['doctorId', 'startsAt'] })
@Index({ properties: ['storeId', 'startsAt'] })
@Index({ properties: ['customerId'] })
@Index({ name: 'appointment_verify_due', expression: 'create index "appointment_verify_due" on "appointment" ("verify_due_at") where "status" = \'REQUESTED\' and "verification_breached_at" is null' })
@ObjectType({ description: 'An appointment (预约) of a customer with a doctor at a store for a service.' })
export class Appointment extends TenantEntity<
  | 'status' | 'note' | 'createdById' | 'verifyDueAt' | 'verifiedAt' | 'verifiedById' | 'verificationBreachedAt' | 'escalationLevel'
  | 'checkedInAt' | 'completedAt' | 'noShowAt' | 'cancelledAt' | 'cancelledById' | 'cancelReason' | 'rescheduledFromId' | 'rescheduledToId' | 'reminderSentAt'
> {
  @Property({ type: 'text' })
  @Field({ description: 'People-facing number, per franchise and year (EAST-YY-2026-000012).' })
  appointmentNo!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  customerId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  doctorId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  storeId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  serviceId!: string;

  @Enum({ items: () => AppointmentChannel })
  @Field(() => AppointmentChannel)
  channel!: AppointmentChannel;

  @Enum({ items: () => AppointmentStatus })
  @Field(() => AppointmentStatus)
  status: AppointmentStatus = AppointmentStatus.CONFIRMED;

  @Property({ type: 'timestamptz' })
  @Field()
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  @Field()
  endsAt!: Date;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'The end plus the service’s buffer: the doctor is not bookable before it.' })
  blockedUntil!: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  createdById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'An online request: verified by then (2 working hours).' })
  verifyDueAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  verifiedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  verifiedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the verification passed its due time unverified (the request was escalated).' })
  verificationBreachedAt?: Date | null;

  @Enum({ items: () => EscalationLevel })
  @Field(() => EscalationLevel)
  escalationLevel: EscalationLevel = EscalationLevel.AGENT;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  checkedInAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  completedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  noShowAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  cancelledAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who cancelled it.' })
  cancelledById?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  cancelReason?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The appointment this one replaced (rescheduled from).' })
  rescheduledFromId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The appointment that replaced this one (rescheduled to).' })
  rescheduledToId?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the day-before reminder went out.' })
  reminderSentAt?: Date | null;
}

@Entity({ tableName: 'appointment_settings' })
@Filter(tenantFilter)
@ObjectType({ description: 'A franchise’s appointment rules.' })
export class AppointmentSettings extends FranchiseSettings<'noticeDays' | 'verifyWithinMinutes'> {
  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Changes and cancellations are free until the end of the day this many days before the appointment’s day minus one (1: until the day before); later ones need appointment:late_change.' })
  noticeDays: number = 1;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Online requests are verified within this many working minutes (on the franchise’s business calendar).' })
  verifyWithinMinutes: number = 120;
}

export enum VerificationStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(VerificationStatus, { name: 'VerificationStatus', description: 'A doctor’s qualification check by HQ: PENDING, VERIFIED, REJECTED or SUSPENDED.' });

@ObjectType()
export class Qualification {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) number?: string | null;
  @Field(() => String, { nullable: true }) issuedBy?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) issuedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'The certificate’s scan.' }) url?: string | null;
}

@ObjectType()
export class TrainingRecord {
  @Field() title!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) completedOn?: string | null;
  @Field(() => String, { nullable: true }) provider?: string | null;
}

@ObjectType()
export class CaseStudy {
  @Field() title!: string;
  @Field() summary!: string;
  @Field(() => String, { nullable: true }) url?: string | null;
}

/** What a doctor's staff profile does not hold: qualifications with their certificates, training, shared case studies, and HQ's verification. */
@Entity({ tableName: 'practitioner_profile' })
@Filter(tenantFilter)
@Unique({ properties: ['doctorId'] })
@ObjectType({ description: 'A doctor’s practitioner profile: qualifications, training history, case studies and HQ’s verification.' })
export class PractitionerProfile extends TenantEntity<'qualifications' | 'trainingHistory' | 'caseStudies' | 'verificationStatus' | 'verificationNote' | 'verifiedById' | 'verifiedAt'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  doctorId!: string;

  @Property({ type: 'jsonb' })
  @Field(() => [Qualification])
  qualifications: Qualification[] = [];

  @Property({ type: 'jsonb' })
  @Field(() => [TrainingRecord])
  trainingHistory: TrainingRecord[] = [];

  @Property({ type: 'jsonb' })
  @Field(() => [CaseStudy])
  caseStudies: CaseStudy[] = [];

  @Enum({ items: () => VerificationStatus })
  @Field(() => VerificationStatus)
  verificationStatus: VerificationStatus = VerificationStatus.PENDING;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  verificationNote?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  verifiedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  verifiedAt?: Date | null;
}
