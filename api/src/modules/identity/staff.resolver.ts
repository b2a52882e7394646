import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { roleLoader } from './identity.loaders';
import { IdentityPermission } from './identity.permissions';
import {
  CreateOneStaffUserInput,
  SetStaffRolesInput,
  StaffStatusInput,
  StaffUserConnection,
  StaffUserFilter,
  StaffUserSort,
  UpdateOneStaffUserInput,
} from './identity.types';
import { Role } from './role.entity';
import { StaffStatus, StaffUser } from './staff-user.entity';
import * as staff from './staff.service';
import { listStaff } from './staff.queries';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';

@Resolver(() => StaffUser)
export class StaffResolver {
  @Authorized(IdentityPermission['staff:read'])
  @Query(() => StaffUserConnection)
  staffUsers(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => StaffUserFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StaffUserSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listStaff(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(IdentityPermission['staff:read'])
  @Query(() => StaffUser, { nullable: true })
  staffUser(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return staff.findStaff(ctx, id);
  }

  @Authorized(IdentityPermission['staff:manage'])
  @Mutation(() => StaffUser)
  createOneStaffUser(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneStaffUserInput) {
    return staff.createStaff(ctx, input.staffUser);
  }

  @Authorized(IdentityPermission['staff:manage'])
  @Mutation(() => StaffUser)
  updateOneStaffUser(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneStaffUserInput) {
    return staff.updateStaff(ctx, input.id, input.version, input.update);
  }

  @Authorized(IdentityPermission['staff:manage'])
  @Mutation(() => StaffUser, { description: 'Replace the roles a staff member holds (only roles whose permissions you hold).' })
  setStaffRoles(@Ctx() ctx: RequestContext, @Arg('input') input: SetStaffRolesInput) {
    return staff.setStaffRoles(ctx, input);
  }

  @Authorized(IdentityPermission['staff:manage'])
  @Mutation(() => StaffUser, { description: 'Disable an account: it cannot sign in and its sessions end at once.' })
  disableStaffUser(@Ctx() ctx: RequestContext, @Arg('input') input: StaffStatusInput) {
    return staff.setStaffStatus(ctx, input.id, StaffStatus.DISABLED);
  }

  @Authorized(IdentityPermission['staff:manage'])
  @Mutation(() => StaffUser)
  enableStaffUser(@Ctx() ctx: RequestContext, @Arg('input') input: StaffStatusInput) {
    return staff.setStaffStatus(ctx, input.id, StaffStatus.ACTIVE);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() user: StaffUser, @Ctx() ctx: RequestContext) {
    return embedded(user, 'orgUnit', () => findOrgUnit(ctx, user.orgUnitId));
  }

  @FieldResolver(() => [Role])
  async roles(@Root() user: StaffUser, @Ctx() ctx: RequestContext): Promise<Role[]> {
    const roles = await roleLoader(ctx).loadMany(user.roleIds);
    return roles.filter((r): r is Role => !!r && !(r instanceof Error));
  }
}
