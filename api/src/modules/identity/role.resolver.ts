import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { selectionOf } from '../../core/read/selection';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { IdentityPermission } from './identity.permissions';
import { DeleteOneInput } from '../../core/graphql/inputs';
import { CreateOneRoleInput, RoleConnection, RoleFilter, RoleSort, UpdateOneRoleInput } from './identity.types';
import { Role } from './role.entity';
import * as roles from './role.service';

@Resolver(() => Role)
export class RoleResolver {
  @Authorized(IdentityPermission['role:read'])
  @Query(() => RoleConnection, { description: 'Built-in role templates and your franchise’s own roles.' })
  roles(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => RoleFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [RoleSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return roles.listRoles(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(IdentityPermission['role:read'])
  @Query(() => Role, { nullable: true })
  role(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return roles.findRole(ctx, id);
  }

  @Authorized(IdentityPermission['role:manage'])
  @Mutation(() => Role, { description: 'A role of your franchise, from permissions you hold yourself.' })
  createOneRole(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneRoleInput) {
    return roles.createRole(ctx, input.role);
  }

  @Authorized(IdentityPermission['role:manage'])
  @Mutation(() => Role)
  updateOneRole(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneRoleInput) {
    return roles.updateRole(ctx, input.id, input.version, input.update);
  }

  @Authorized(IdentityPermission['role:manage'])
  @Mutation(() => Role)
  deleteOneRole(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteOneInput) {
    return roles.deleteRole(ctx, input.id);
  }
}
