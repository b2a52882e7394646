import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { OrgPermission } from '../org/org.permissions';
import { teamsInScope } from './team.queries';
import { createTeam, updateTeam } from './team.service';
import { Team } from './team.entity';
import { TeamInput, UpdateOneTeamInput } from './team.types';

@Resolver(() => Team)
export class TeamResolver {
  @Authorized(OrgPermission['org:read'])
  @Query(() => [Team], { description: 'Teams (班组) in your part of the organisation, by name; under an org unit when given.' })
  teams(@Ctx() ctx: RequestContext, @Arg('orgUnitId', () => ID, { nullable: true }) orgUnitId?: string | null) {
    return teamsInScope(ctx, orgUnitId);
  }

  @Authorized(OrgPermission['org:manage'])
  @Mutation(() => Team)
  createOneTeam(@Ctx() ctx: RequestContext, @Arg('team') team: TeamInput) {
    return createTeam(ctx, team);
  }

  @Authorized(OrgPermission['org:manage'])
  @Mutation(() => Team)
  updateOneTeam(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneTeamInput) {
    return updateTeam(ctx, input.id, input.version, input.update);
  }
}
