import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ANY_PHONE } from '../../core/validation';
import { OrderChannel, PaymentStatus } from '../orders/order.entity';

@InputType()
export class ConsultationAnswerInput {
  @Field() @Length(1, 200) question!: string;
  @Field() @Length(0, 4000) answer!: string;
}

@InputType({ description: 'A consultation record: the structured questionnaire’s answers and notes, optionally at the customer’s appointment.' })
export class ConsultationInput {
  @Field(() => ID) customerId!: string;
  @Field(() => ID, { nullable: true }) appointmentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Default: you (or the appointment’s doctor).' }) doctorId?: string | null;
  @Field(() => [ConsultationAnswerInput], { defaultValue: [] }) @ArrayMaxSize(100) @ValidateNested({ each: true }) answers!: ConsultationAnswerInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 10_000) notes?: string | null;
}

@InputType()
export class UpdateConsultationInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => [ConsultationAnswerInput], { nullable: true }) @IsOptional() @ArrayMaxSize(100) @ValidateNested({ each: true }) answers?: ConsultationAnswerInput[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 10_000) notes?: string | null;
}

@InputType()
export class PrescriptionLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) @Min(1) @Max(10_000) quantity!: number;
  @Field(() => Float, { description: 'In the product’s units per day.' }) @Min(0.0001, { message: 'dailyAmount must be more than 0' }) @Max(1000) dailyAmount!: number;
}

@InputType({ description: 'Products prescribed for a customer with their daily amounts.' })
export class PrescribeProductsInput {
  @Field(() => ID) customerId!: string;
  @Field(() => ID, { nullable: true }) appointmentId?: string | null;
  @Field(() => ID, { nullable: true }) doctorId?: string | null;
  @Field(() => [PrescriptionLineInput]) @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(50) @ValidateNested({ each: true }) lines!: PrescriptionLineInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) note?: string | null;
}

@InputType({ description: 'A prescription turned into an order (as createOneOrder: online channels need the delivery address and contact).' })
export class OrderPrescriptionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => OrderChannel) channel!: OrderChannel;
  @Field(() => ID) warehouseId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) deliveryName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(ANY_PHONE, { message: 'deliveryPhone must be a phone number' }) deliveryPhone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(5, 500) deliveryAddress?: string | null;
  @Field(() => PaymentStatus, { nullable: true }) @IsOptional() paymentStatus?: PaymentStatus | null;
}

@InputType({ description: 'A customer’s rating of the doctor after a completed appointment: 1 (poor) to 5 (excellent).' })
export class RateDoctorInput {
  @Field(() => ID) appointmentId!: string;
  @Field(() => Int) @Min(1, { message: 'rating must be 1 to 5' }) @Max(5, { message: 'rating must be 1 to 5' }) rating!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) comment?: string | null;
}

@ObjectType({ description: 'Customers’ ratings of a doctor: the average (1–5) and how many.' })
export class DoctorRatingSummary {
  @Field(() => Float, { nullable: true, description: 'Null when not rated yet.' }) average!: number | null;
  @Field(() => Int) count!: number;
}
