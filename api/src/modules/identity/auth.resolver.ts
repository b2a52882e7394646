import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { allPermissions } from '../../core/auth/permissions';
import { requireActor } from '../../core/auth/authorization';
import { enabledPluginNames } from '../../core/plugins/enablement';
import type { RequestContext } from '../../core/context';
import { ApiKey } from '../api-keys/api-key.entity';
import { OrgUnit } from '../org/org-unit.entity';
import * as auth from './auth.service';
import { AuthPayload, Me, PermissionDefinitionType } from './identity.types';
import { StaffUser } from './staff-user.entity';

@Resolver()
export class AuthResolver {
  // Nullable, so each aliased attempt in one request runs and is counted on its own.
  @Mutation(() => AuthPayload, { nullable: true, description: 'Sign in with email and password (null with an error on failure). Repeated failures lock the account and the address for a while.' })
  login(@Ctx() ctx: RequestContext, @Arg('email') email: string, @Arg('password') password: string) {
    return auth.login(ctx.runtime, { email, password, clientAddress: ctx.clientAddress, requestId: ctx.requestId });
  }

  @Mutation(() => AuthPayload, { description: 'New tokens for a refresh token; the old refresh token stops working. Reusing one ends the session.' })
  refreshSession(@Ctx() ctx: RequestContext, @Arg('refreshToken') refreshToken: string) {
    return auth.refreshSession(ctx.runtime, refreshToken);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'End this session; its tokens and live connections stop working.' })
  logout(@Ctx() ctx: RequestContext) {
    return auth.logout(ctx);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Change your password; your other sessions end.' })
  changePassword(@Ctx() ctx: RequestContext, @Arg('currentPassword') currentPassword: string, @Arg('newPassword') newPassword: string) {
    return auth.changePassword(ctx, currentPassword, newPassword);
  }

  @Authorized()
  @Query(() => Me)
  async me(@Ctx() ctx: RequestContext): Promise<Me> {
    const actor = requireActor(ctx);
    const [user, apiKey, orgUnit] = await Promise.all([
      actor.kind === 'user' ? ctx.em.findOneOrFail(StaffUser, { id: actor.id }) : null,
      actor.kind === 'apiKey' ? ctx.em.findOneOrFail(ApiKey, { id: actor.id }) : null,
      ctx.em.findOneOrFail(OrgUnit, { id: actor.orgUnitId }),
    ]);
    return {
      user,
      apiKey,
      permissions: [...actor.permissions].sort(),
      scope: { orgUnit, isHq: actor.isHq, franchiseIds: actor.scope.franchiseIds === 'all' ? [] : [...actor.scope.franchiseIds] },
      enabledPlugins: await enabledPluginNames(ctx),
    };
  }

  @Authorized()
  @Query(() => [PermissionDefinitionType], { description: 'Every permission the API knows, grouped for role editors.' })
  permissions(): PermissionDefinitionType[] {
    return allPermissions().map((p) => ({ name: p.name, description: p.description, group: p.group, hqOnly: !!p.hqOnly, qualification: !!p.qualification, grantedTo: [...(p.grantedTo ?? [])] }));
  }
}
