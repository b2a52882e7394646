import { IsDateString, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { ANY_PHONE, ANY_PHONE_MESSAGE } from '../../core/validation';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateFieldComparison, enumComparison, IDFilterComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { CooperationType, OrgUnit, OrgUnitKind, OrgUnitStatus } from './org-unit.entity';

export const OrgUnitConnection = Connection(OrgUnit);

export const { Filter: OrgUnitFilter, Sort: OrgUnitSort } = defineListInputs('OrgUnit', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    parentId: IDFilterComparison,
    name: StringFieldComparison,
    code: StringFieldComparison,
    kind: enumComparison('OrgUnitKind', OrgUnitKind),
    status: enumComparison('OrgUnitStatus', OrgUnitStatus),
    createdAt: DateFieldComparison,
  },
  sort: ['name', 'code', 'kind', 'createdAt', 'updatedAt'] as const,
});


@InputType({ description: 'A franchise and its contract (HQ only).' })
export class FranchiseInput {
  @Field()
  @Length(1, 100)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 20)
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'code may use letters, digits and dashes' })
  code?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  address?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ANY_PHONE, { message: `phone ${ANY_PHONE_MESSAGE}` })
  phone?: string | null;

  @Field()
  @Length(1, 100)
  ownerName!: string;

  @Field()
  @Matches(ANY_PHONE, { message: `ownerPhone ${ANY_PHONE_MESSAGE}` })
  ownerPhone!: string;

  @Field(() => CooperationType)
  cooperationType!: CooperationType;

  @Field(() => [String], { defaultValue: [] })
  projects!: string[];

  @Field({ description: 'YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'contractDate must be a date like 2026-03-01' })
  contractDate!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'contractEndDate must be a date like 2027-03-01' })
  contractEndDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(3, 60)
  timeZone?: string | null;
}

@InputType()
export class CreateOneFranchiseInput {
  @Field(() => FranchiseInput)
  @ValidateNested()
  franchise!: FranchiseInput;
}

@InputType()
export class FranchiseUpdate {
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) address?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(ANY_PHONE, { message: `phone ${ANY_PHONE_MESSAGE}` }) phone?: string | null;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) ownerName?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(ANY_PHONE, { message: `ownerPhone ${ANY_PHONE_MESSAGE}` }) ownerPhone?: string;
  @Field(() => CooperationType, { nullable: true }) cooperationType?: CooperationType;
  @Field(() => [String], { nullable: true }) projects?: string[];
  @Field({ nullable: true }) @IsOptional() @IsDateString({ strict: true }, { message: 'contractDate must be a date like 2026-03-01' }) contractDate?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsDateString({ strict: true }, { message: 'contractEndDate must be a date like 2027-03-01' }) contractEndDate?: string | null;
  @Field({ nullable: true }) @IsOptional() @Length(3, 60) timeZone?: string;
}

@InputType()
export class UpdateOneFranchiseInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you edited; a newer one on the server is a CONFLICT.' })
  version!: number;

  @Field(() => FranchiseUpdate)
  @ValidateNested()
  update!: FranchiseUpdate;
}

@InputType()
export class ChangeFranchiseStatusInput {
  @Field(() => ID)
  id!: string;

  @Field(() => OrgUnitStatus)
  status!: OrgUnitStatus;

  @Field()
  @Length(2, 500)
  reason!: string;
}

@InputType({ description: 'A store, branch center or department under an org unit in your scope.' })
export class OrgUnitInput {
  @Field(() => ID)
  parentId!: string;

  @Field(() => OrgUnitKind)
  kind!: OrgUnitKind;

  @Field()
  @Length(1, 100)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 20)
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'code may use letters, digits and dashes' })
  code?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) address?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(ANY_PHONE, { message: `phone ${ANY_PHONE_MESSAGE}` }) phone?: string | null;
}

@InputType()
export class CreateOneOrgUnitInput {
  @Field(() => OrgUnitInput)
  @ValidateNested()
  orgUnit!: OrgUnitInput;
}

@InputType()
export class OrgUnitUpdate {
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 20) code?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) address?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(ANY_PHONE, { message: `phone ${ANY_PHONE_MESSAGE}` }) phone?: string | null;
  @Field(() => OrgUnitStatus, { nullable: true }) status?: OrgUnitStatus;
}

@InputType()
export class UpdateOneOrgUnitInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => OrgUnitUpdate)
  @ValidateNested()
  update!: OrgUnitUpdate;
}

@ObjectType({ description: 'Where the caller stands in the organization.' })
export class ScopeInfo {
  @Field(() => OrgUnit)
  orgUnit!: OrgUnit;

  @Field({ description: 'True for HQ: every franchise is in scope.' })
  isHq!: boolean;

  @Field(() => [ID], { description: 'Franchises in scope (empty when isHq: all of them).' })
  franchiseIds!: string[];
}
