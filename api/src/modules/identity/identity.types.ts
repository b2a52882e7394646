import { ArrayMaxSize, IsEmail, IsOptional, IsUrl, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ANY_PHONE, ANY_PHONE_MESSAGE } from '../../core/validation';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BooleanFieldComparison, DateFieldComparison, enumComparison, IDFilterComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { ScopeInfo } from '../org/org.types';
import { ApiKey } from '../api-keys/api-key.entity';
import { Role } from './role.entity';
import { Employment, Gender, JobTitle, StaffStatus, StaffUser } from './staff-user.entity';

export const StaffUserConnection = Connection(StaffUser);
export const RoleConnection = Connection(Role);

export const { Filter: StaffUserFilter, Sort: StaffUserSort } = defineListInputs('StaffUser', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    orgUnitId: IDFilterComparison,
    email: StringFieldComparison,
    displayName: StringFieldComparison,
    status: enumComparison('StaffStatus', StaffStatus),
    jobTitle: enumComparison('JobTitle', JobTitle),
    createdAt: DateFieldComparison,
  },
  sort: ['displayName', 'email', 'jobTitle', 'createdAt', 'lastSignInAt'] as const,
});

export const { Filter: RoleFilter, Sort: RoleSort } = defineListInputs('Role', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, name: StringFieldComparison, builtIn: BooleanFieldComparison },
  sort: ['name', 'createdAt'] as const,
});


@InputType({ description: 'Profile fields of a staff member (doctors and pharmacists fill the professional ones).' })
export class StaffProfileInput {
  @Field(() => Gender, { nullable: true }) gender?: Gender | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsUrl({ require_protocol: true }, { message: 'photoUrl must be an http(s) URL' }) photoUrl?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(ANY_PHONE, { message: `phone ${ANY_PHONE_MESSAGE}` }) phone?: string | null;
  @Field(() => Employment, { nullable: true }) employment?: Employment | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) region?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(30) specialties?: string[];
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(70) yearsOfPractice?: number | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(30) certificates?: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) introduction?: string | null;
  @Field(() => String, { nullable: true, description: 'Work number (工号), unique in the franchise: letters, digits and dashes, up to 20.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'workNo must be 1 to 20 letters, digits or dashes' })
  workNo?: string | null;
}

@InputType()
export class StaffUserInput extends StaffProfileInput {
  @Field(() => ID)
  orgUnitId!: string;

  @Field()
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @Field()
  @Length(1, 100)
  displayName!: string;

  @Field({ description: 'Initial password (10+ characters, letters and digits); the person should change it.' })
  password!: string;

  @Field(() => JobTitle)
  jobTitle!: JobTitle;

  @Field(() => [ID], { defaultValue: [] })
  roleIds!: string[];
}

@InputType()
export class CreateOneStaffUserInput {
  @Field(() => StaffUserInput)
  @ValidateNested()
  staffUser!: StaffUserInput;
}

@InputType()
export class StaffUserUpdate extends StaffProfileInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) displayName?: string;
  @Field(() => JobTitle, { nullable: true }) jobTitle?: JobTitle;
  @Field(() => ID, { nullable: true, description: 'Move to another org unit in your scope (same franchise).' }) orgUnitId?: string;
}

@InputType()
export class UpdateOneStaffUserInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => StaffUserUpdate) @ValidateNested() update!: StaffUserUpdate;
}

@InputType()
export class SetStaffRolesInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => [ID]) @ArrayMaxSize(20) roleIds!: string[];
}

@InputType()
export class StaffStatusInput {
  @Field(() => ID) id!: string;
  @Field({ nullable: true, description: 'Why (kept in the audit log).' }) @IsOptional() @Length(0, 500) reason?: string;
}

@InputType()
export class RoleInput {
  @Field() @Length(1, 60) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) description?: string | null;
  @Field(() => [String]) @ArrayMaxSize(200) permissions!: string[];
  @Field(() => ID, { nullable: true, description: 'HQ only: make the role for this franchise.' }) franchiseId?: string;
}

@InputType()
export class CreateOneRoleInput {
  @Field(() => RoleInput) @ValidateNested() role!: RoleInput;
}

@InputType()
export class RoleUpdate {
  @Field({ nullable: true }) @IsOptional() @Length(1, 60) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) description?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(200) permissions?: string[];
}

@InputType()
export class UpdateOneRoleInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => RoleUpdate) @ValidateNested() update!: RoleUpdate;
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`; short-lived.' }) accessToken!: string;
  @Field() accessTokenExpiresAt!: Date;
  @Field({ description: 'Exchange with refreshSession for new tokens; each one works once.' }) refreshToken!: string;
  @Field() refreshTokenExpiresAt!: Date;
  @Field(() => StaffUser) user!: StaffUser;
}

@ObjectType({ description: 'A permission the API knows, for role editors.' })
export class PermissionDefinitionType {
  @Field() name!: string;
  @Field() description!: string;
  @Field() group!: string;
  @Field({ description: 'Only HQ staff can hold it.' }) hqOnly!: boolean;
  @Field({ description: 'A professional qualification (pharmacists, doctors): those who manage staff or roles may put it in a role without holding it; never on an API key.' }) qualification!: boolean;
  @Field(() => [String], { description: 'Built-in role templates holding it by default.' }) grantedTo!: string[];
}

@ObjectType({ description: 'The caller: what the admin shows depends on these permissions and this scope.' })
export class Me {
  @Field(() => StaffUser, { nullable: true, description: 'Null when the caller is an API key.' }) user?: StaffUser | null;
  @Field(() => ApiKey, { nullable: true, description: 'Set when the caller is an API key.' }) apiKey?: ApiKey | null;
  @Field(() => [String]) permissions!: string[];
  @Field(() => ScopeInfo) scope!: ScopeInfo;
  @Field(() => [String], { description: 'Plugins enabled for the acting franchise (HQ: every installed plugin); the admin shows plugin pages and widgets only for these.' })
  enabledPlugins!: string[];
}
