import { Entity, Filter, Index, Property, Unique } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

/**
 * What the doctor writes during and after the visit: the consultation record on the customer's
 * archive, prescriptions of products with a daily amount (turned into an order through the
 * orders service), and the customer's rating of the doctor after a completed appointment.
 */

@ObjectType()
export class ConsultationAnswer {
  @Field({ description: 'The question of the structured questionnaire (主诉, 既往史, 用药史…).' }) question!: string;
  @Field() answer!: string;
}

@Entity({ tableName: 'consultation_record' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'recordNo'] })
@Index({ properties: ['customerId', 'createdAt'] })
@ObjectType({ description: 'A consultation record (问诊记录) the doctor entered during the visit, on the customer’s archive.' })
export class ConsultationRecord extends TenantEntity<'appointmentId' | 'notes'> {
  @Property({ type: 'text' }) @Field({ description: 'The health record number, in time order (EAST-HR-2026-000001).' }) recordNo!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) customerId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID, { description: 'The customer’s store or branch center.' }) orgUnitId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) doctorId!: string;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true }) appointmentId?: string | null;
  @Property({ type: 'jsonb' }) @Field(() => [ConsultationAnswer]) answers!: ConsultationAnswer[];
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) notes?: string | null;
}

@ObjectType({ description: 'A product prescribed with its daily amount and the days it lasts.' })
export class PrescriptionLine {
  @Field(() => ID) productId!: string;
  @Field({ description: 'The product’s name and specification when prescribed.' }) productName!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => Float, { description: 'In the product’s units per day.' }) dailyAmount!: number;
  @Field(() => Int, { description: 'quantity ÷ daily amount, whole days (the orders’ consumption period).' }) consumptionDays!: number;
}

@Entity({ tableName: 'prescription' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'prescriptionNo'] })
@Index({ properties: ['customerId', 'createdAt'] })
@ObjectType({ description: 'Products the doctor prescribed for a customer with daily amounts (处方); turned into an order once.' })
export class Prescription extends TenantEntity<'appointmentId' | 'note' | 'orderId' | 'orderedAt'> {
  @Property({ type: 'text' }) @Field() prescriptionNo!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) customerId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) orgUnitId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) doctorId!: string;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true }) appointmentId?: string | null;
  @Property({ type: 'jsonb' }) @Field(() => [PrescriptionLine]) lines!: PrescriptionLine[];
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) note?: string | null;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true, description: 'The order it became.' }) orderId?: string | null;
  @Property({ type: 'timestamptz', nullable: true }) @Field(() => Date, { nullable: true }) orderedAt?: Date | null;
}

@Entity({ tableName: 'doctor_rating' })
@Filter(tenantFilter)
@Unique({ properties: ['appointmentId'] })
@Index({ properties: ['doctorId'] })
@ObjectType({ description: 'A customer’s rating of the doctor who served them (1–5 with a comment), one per completed appointment.' })
export class DoctorRating extends TenantEntity<'comment' | 'recordedById'> {
  @Property({ type: 'uuid' }) @Field(() => ID) appointmentId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) doctorId!: string;
  @Property({ type: 'uuid' }) @Field(() => ID) customerId!: string;
  @Property({ type: 'int' }) @Field(() => Int) rating!: number;
  @Property({ type: 'text', nullable: true }) @Field(() => String, { nullable: true }) comment?: string | null;
  @Property({ type: 'uuid', nullable: true }) @Field(() => ID, { nullable: true, description: 'The staff member who recorded it for the customer.' }) recordedById?: string | null;
}
