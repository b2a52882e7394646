import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedById, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { orgUnitEmbed } from '../org/org.queries';
import { orgUnitScopeCondition } from '../org/org.service';
import { StaffUser } from './staff-user.entity';

/** Staff as plain rows (the read path): roles are loaded by the role ids. */
export const STAFF_READ: ReadSpec<StaffUser> = {
  entity: StaffUser,
  always: ['id'],
  needs: { roles: ['roleIds'] },
};

/** Staff rows with their unit embedded (the unit as findOrgUnit shows it: null outside the actor's part of the tree). */
function staffReadSpec(ctx: RequestContext): ReadSpec<StaffUser> {
  return { ...STAFF_READ, embeds: { orgUnit: orgUnitEmbed(ctx, 'org_unit_id') } };
}

/** A staff member embedded by the id in `column` (as staffLoader: row-level security bounds it). */
export const staffEmbed = (ctx: RequestContext, column: string) => embedById(staffReadSpec(ctx), 'staff_user', column);

/** `staffUsers`: staff placed in the actor's unit or under it, their unit embedded. */
export async function listStaff(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, staffReadSpec(ctx), args, selection, { where: await orgUnitScopeCondition(ctx), defaultSort: [{ field: 'displayName', direction: SortDirection.ASC }] });
}

/** Staff of a franchise by work number (工号): work number → staff id, for telephony partners that name agents so. */
export async function staffIdsByWorkNo(ctx: RequestContext, franchiseId: string, workNos: readonly string[]): Promise<Map<string, string>> {
  if (!workNos.length) return new Map();
  const rows: { id: string; workNo: string }[] = await ctx.em
    .createQueryBuilder(StaffUser, 's')
    .select(['id', 'workNo'])
    .where({ franchiseId, workNo: { $in: [...new Set(workNos)] } })
    .execute('all');
  return new Map(rows.map((r) => [r.workNo, r.id]));
}
