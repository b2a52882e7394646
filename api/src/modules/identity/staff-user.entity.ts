import { Entity, Enum, Filter, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PiiField } from '../../core/auth/pii';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

export enum StaffStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

export enum JobTitle {
  AGENT = 'AGENT',
  HEALTH_MANAGER = 'HEALTH_MANAGER',
  PHARMACIST = 'PHARMACIST',
  DOCTOR = 'DOCTOR',
  CONSULTANT = 'CONSULTANT',
  SUPERVISOR = 'SUPERVISOR',
  STORE_DIRECTOR = 'STORE_DIRECTOR',
  FRANCHISE_OWNER = 'FRANCHISE_OWNER',
  HQ_ADMIN = 'HQ_ADMIN',
  QA_ANALYST = 'QA_ANALYST',
  OTHER = 'OTHER',
}

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  UNDISCLOSED = 'UNDISCLOSED',
}

export enum Employment {
  FULL_TIME = 'FULL_TIME',
  PART_TIME = 'PART_TIME',
}

registerEnumType(StaffStatus, { name: 'StaffStatus' });
registerEnumType(JobTitle, { name: 'JobTitle' });
registerEnumType(Gender, { name: 'Gender' });
registerEnumType(Employment, { name: 'Employment' });

/** A staff member who signs in: agents, health managers, doctors, supervisors, owners, HQ. */
@Entity({ tableName: 'staff_user' })
@Filter(tenantFilter)
@Unique({ name: 'staff_user_work_no_unique', properties: ['franchiseId', 'workNo'] })
@ObjectType()
export class StaffUser extends TenantEntity<'status' | 'jobTitle' | 'roleIds' | 'specialties' | 'certificates'> {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID, { description: 'The org unit the staff member belongs to; their scope is it and everything under it.' })
  orgUnitId!: string;

  @Property({ columnType: 'citext' })
  @Unique()
  @Field({ description: 'Sign-in email, unique across PharmaDesk.' })
  email!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'text' })
  @Field()
  displayName!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Work number (工号): agents state it on answering a call; telephony partners name agents by it. Unique in the franchise.' })
  workNo?: string | null;

  @Enum({ items: () => StaffStatus })
  @Field(() => StaffStatus)
  status: StaffStatus = StaffStatus.ACTIVE;

  @Enum({ items: () => JobTitle })
  @Field(() => JobTitle)
  jobTitle: JobTitle = JobTitle.AGENT;

  @Property({ type: 'uuid[]' })
  @Field(() => [ID], { description: 'Roles held; permissions are the union of theirs.' })
  roleIds: string[] = [];

  // Profile (doctor / pharmacist fields of domain.md)

  @Enum({ items: () => Gender, nullable: true })
  @Field(() => Gender, { nullable: true })
  gender?: Gender | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  photoUrl?: string | null;

  @Property({ type: 'text', nullable: true })
  @PiiField('phone', 'staff:pii', { description: 'Personal phone.' })
  phone?: string | null;

  @Enum({ items: () => Employment, nullable: true })
  @Field(() => Employment, { nullable: true })
  employment?: Employment | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Service region.' })
  region?: string | null;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  specialties: string[] = [];

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true })
  yearsOfPractice?: number | null;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  certificates: string[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  introduction?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  lastSignInAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  passwordChangedAt?: Date | null;
}
