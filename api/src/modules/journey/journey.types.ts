import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateFieldComparison, IDFilterComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { CatalogStatus } from '../inventory/catalog.entity';
import { TestItem, TestOrder } from './journey.entity';

export const TestItemConnection = Connection(TestItem);
export const TestOrderConnection = Connection(TestOrder);

export const { Filter: TestItemFilter, Sort: TestItemSort } = defineListInputs('TestItem', {
  filter: { id: IDFilterComparison, code: StringFieldComparison, name: StringFieldComparison },
  sort: ['code', 'name', 'priceCents', 'turnaroundDays', 'createdAt'] as const,
});

export const { Filter: TestOrderFilter, Sort: TestOrderSort } = defineListInputs('TestOrder', {
  filter: {
    id: IDFilterComparison,
    testOrderNo: StringFieldComparison,
    customerId: IDFilterComparison,
    doctorId: IDFilterComparison,
    orgUnitId: IDFilterComparison,
    appointmentId: IDFilterComparison,
    state: StringFieldComparison,
    expectedReportOn: StringFieldComparison,
    createdAt: DateFieldComparison,
  },
  sort: ['testOrderNo', 'createdAt', 'updatedAt', 'expectedReportOn', 'state', 'totalCents'] as const,
});

@InputType({ description: 'A test item of the catalogue; shared: HQ’s item for every franchise (HQ only).' })
export class TestItemInput {
  @Field() @Length(1, 40) code!: string;
  @Field() @Length(1, 200) name!: string;
  @Field(() => Int, { description: 'In cents.' }) @Min(0) @Max(100_000_000) priceCents!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) samplingGuide?: string | null;
  @Field(() => Int) @Min(1) @Max(365) turnaroundDays!: number;
  @Field({ defaultValue: false }) shared!: boolean;
}

@InputType()
export class TestItemUpdate {
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) name?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(100_000_000) priceCents?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) samplingGuide?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(365) turnaroundDays?: number;
  @Field(() => CatalogStatus, { nullable: true, description: 'DISCONTINUED: no longer prescribed.' }) @IsOptional() status?: CatalogStatus;
}

@InputType()
export class UpdateTestItemInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => TestItemUpdate) @ValidateNested() update!: TestItemUpdate;
}

@InputType({ description: 'Test items prescribed for a customer (by the doctor), optionally at an appointment; the total is computed.' })
export class PrescribeTestsInput {
  @Field(() => ID) customerId!: string;
  @Field(() => [ID]) @ArrayMinSize(1) @ArrayMaxSize(50) testItemIds!: string[];
  @Field(() => ID, { nullable: true, description: 'The appointment it is prescribed at (the customer’s).' }) appointmentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The prescribing doctor; default: you (or the appointment’s doctor).' }) doctorId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) note?: string | null;
  @Field(() => Int, { nullable: true, description: 'The total you showed, in cents: refused (TOTAL_MISMATCH) when it is not the server’s.' }) expectedTotalCents?: number | null;
}

@InputType({ description: 'A step of the journey: the workflow action and the values it needs (reason to reject or cancel, summary, tracking number).' })
export class TestOrderActionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field({ description: 'ship_kit, sample_on_site, accept_sample, reject_sample, resample, start_review, release, write_summary, finish_production, send_report, collect_report, interpret, cancel (or a plugin’s).' }) @Length(1, 60) action!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 1000) reason?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 10_000) summary?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 100) trackingNo?: string | null;
}

@InputType()
export class LabResultInput {
  @Field() @Length(1, 60) code!: string;
  @Field() @Length(1, 200) name!: string;
  @Field() @Length(0, 200) value!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 40) unit?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 100) referenceRange?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 10) flag?: string | null;
}

@InputType()
export class LabFileInput {
  @Field() @Length(1, 200) name!: string;
  @Field() @Length(1, 2000) url!: string;
}

@InputType({ description: 'A lab partner’s report for a test order under testing: results and files; posting the same labReportId again changes nothing.' })
export class PostLabReportInput {
  @Field(() => ID) testOrderId!: string;
  @Field() @Length(1, 100) labReportId!: string;
  @Field(() => [LabResultInput]) @ArrayMaxSize(500) @ValidateNested({ each: true }) results!: LabResultInput[];
  @Field(() => [LabFileInput], { defaultValue: [] }) @ArrayMaxSize(50) @ValidateNested({ each: true }) files!: LabFileInput[];
}

@ObjectType()
export class TestOrderAllowedAction {
  @Field() action!: string;
  @Field() label!: string;
  @Field() to!: string;
  @Field(() => [String], { description: 'The input fields it needs (reason, summary…).' }) requiredFields!: string[];
  @Field(() => String, { nullable: true }) blockedReason!: string | null;
}
