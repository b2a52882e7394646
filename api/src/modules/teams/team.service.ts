import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, NotFoundError } from '../../core/errors';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { findStaff } from '../identity/staff.service';
import { OrgUnitKind } from '../org/org-unit.entity';
import { findOrgUnit, getOrgUnit } from '../org/org.service';
import { Team } from './team.entity';
import type { TeamInput, TeamUpdate } from './team.types';

/** The kinds of unit a team may work under. */
const TEAM_UNITS = [OrgUnitKind.STORE, OrgUnitKind.BRANCH_CENTER, OrgUnitKind.DEPARTMENT];

async function getTeam(ctx: RequestContext, id: string): Promise<Team> {
  const team = await ctx.em.findOne(Team, { id });
  if (!team || !(await findOrgUnit(ctx, team.orgUnitId))) throw new NotFoundError('Team', id);
  return team;
}

/**
 * Members must be staff of the team's franchise in the caller's scope; one in another team leaves
 * it. Read before the team itself changes (a read flushes pending changes, a second version).
 */
async function placeMembers(ctx: RequestContext, team: { franchiseId: string; id?: string }, memberIds: string[], field: string): Promise<string[]> {
  const unique = [...new Set(memberIds)];
  for (const id of unique) {
    const staff = await findStaff(ctx, id);
    if (!staff || staff.franchiseId !== team.franchiseId) throw new BadUserInputError({ field, message: `staff member ${id} does not exist in the team’s franchise` });
  }
  if (unique.length)
    for (const other of await ctx.em.find(Team, { franchiseId: team.franchiseId, ...(team.id ? { id: { $ne: team.id } } : {}) }))
      if (other.memberIds.some((m) => unique.includes(m))) {
        other.memberIds = other.memberIds.filter((m) => !unique.includes(m));
        if (other.leaderId && unique.includes(other.leaderId)) other.leaderId = null;
      }
  return unique;
}

/** The leader must be one of the team's members. */
function checkLeader(leaderId: string | null | undefined, memberIds: string[], field: string): string | null {
  if (!leaderId) return null;
  if (!memberIds.includes(leaderId)) throw new BadUserInputError({ field, message: 'the leader must be one of the team’s members', reason: 'LEADER_NOT_MEMBER' });
  return leaderId;
}

async function assertNameFree(ctx: RequestContext, team: { orgUnitId: string; name: string; id?: string }): Promise<void> {
  if (await ctx.em.count(Team, { orgUnitId: team.orgUnitId, name: team.name, ...(team.id ? { id: { $ne: team.id } } : {}) }))
    throw new ConflictError(`A team named ${team.name} already works there`, { field: 'name' });
}

export async function createTeam(ctx: RequestContext, input: TeamInput): Promise<Team> {
  const unit = await getOrgUnit(ctx, input.orgUnitId, 'Org unit');
  if (!TEAM_UNITS.includes(unit.kind)) throw new BadUserInputError({ field: 'team.orgUnitId', message: `a team works under a store, branch center or department, not a ${unit.kind}` });
  const name = input.name.trim();
  await assertNameFree(ctx, { orgUnitId: unit.id, name });
  const memberIds = await placeMembers(ctx, { franchiseId: unit.franchiseId }, input.memberIds, 'team.memberIds');
  const leaderId = checkLeader(input.leaderId, memberIds, 'team.leaderId');
  const team = ctx.em.create(Team, { franchiseId: unit.franchiseId, orgUnitId: unit.id, name, memberIds, leaderId });
  await ctx.em.flush();
  return team;
}

export async function updateTeam(ctx: RequestContext, id: string, version: number, update: TeamUpdate): Promise<Team> {
  const team = await getTeam(ctx, id);
  checkVersion(team, version, 'Team');
  const name = update.name?.trim();
  if (name != null) await assertNameFree(ctx, { orgUnitId: team.orgUnitId, name, id: team.id });
  const memberIds = update.memberIds ? await placeMembers(ctx, team, update.memberIds, 'update.memberIds') : undefined;
  const members = memberIds ?? team.memberIds;
  // A leader named is checked; a leader left out of a new member list is no longer the leader.
  const leaderId = update.leaderId !== undefined ? checkLeader(update.leaderId, members, 'update.leaderId') : team.leaderId && !members.includes(team.leaderId) ? null : team.leaderId;
  applyUpdate(team, { ...(name != null ? { name } : {}), ...(memberIds ? { memberIds } : {}), ...(leaderId !== team.leaderId ? { leaderId } : {}) });
  await ctx.em.flush();
  return team;
}
