import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { selectionOf } from '../../core/read/selection';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { OrgUnit, OrgUnitKind } from './org-unit.entity';
import { OrgPermission } from './org.permissions';
import * as org from './org.service';
import {
  ChangeFranchiseStatusInput,
  CreateOneFranchiseInput,
  CreateOneOrgUnitInput,
  OrgUnitConnection,
  OrgUnitFilter,
  OrgUnitSort,
  UpdateOneFranchiseInput,
  UpdateOneOrgUnitInput,
} from './org.types';

@Resolver(() => OrgUnit)
export class OrgResolver {
  @Authorized(OrgPermission['org:read'])
  @Query(() => OrgUnitConnection, { description: 'Org units in your scope: your own and everything under it.' })
  orgUnits(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => OrgUnitFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [OrgUnitSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return org.listOrgUnits(ctx, { filter, sorting, paging }, undefined, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(OrgPermission['org:read'])
  @Query(() => OrgUnit, { nullable: true })
  orgUnit(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return org.findOrgUnit(ctx, id);
  }

  @Authorized(OrgPermission['org:read'])
  @Query(() => OrgUnitConnection, { description: 'Franchises in your scope (all of them for HQ).' })
  franchises(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => OrgUnitFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [OrgUnitSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return org.listOrgUnits(ctx, { filter, sorting, paging }, OrgUnitKind.FRANCHISE, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(OrgPermission['org:read'])
  @Query(() => OrgUnit, { nullable: true })
  franchise(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return org.findFranchise(ctx, id);
  }

  @Authorized(OrgPermission['franchise:manage'])
  @Mutation(() => OrgUnit)
  createOneFranchise(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneFranchiseInput) {
    return org.createFranchise(ctx, input.franchise);
  }

  @Authorized(OrgPermission['franchise:manage'])
  @Mutation(() => OrgUnit)
  updateOneFranchise(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneFranchiseInput) {
    return org.updateFranchise(ctx, input.id, input.version, input.update);
  }

  @Authorized(OrgPermission['franchise:manage'])
  @Mutation(() => OrgUnit, { description: 'Suspend, close or reactivate a franchise (HQ only).' })
  changeFranchiseStatus(@Ctx() ctx: RequestContext, @Arg('input') input: ChangeFranchiseStatusInput) {
    return org.changeFranchiseStatus(ctx, input);
  }

  @Authorized(OrgPermission['org:manage'])
  @Mutation(() => OrgUnit)
  createOneOrgUnit(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneOrgUnitInput) {
    return org.createOrgUnit(ctx, input.orgUnit);
  }

  @Authorized(OrgPermission['org:manage'])
  @Mutation(() => OrgUnit)
  updateOneOrgUnit(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneOrgUnitInput) {
    return org.updateOrgUnit(ctx, input.id, input.version, input.update);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The unit above; null for HQ or when outside your scope.' })
  parent(@Root() unit: OrgUnit, @Ctx() ctx: RequestContext) {
    return unit.parentId ? org.findOrgUnit(ctx, unit.parentId) : null;
  }
}
