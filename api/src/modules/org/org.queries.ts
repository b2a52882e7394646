import type { RequestContext } from '../../core/context';
import { embedById, type ReadSpec } from '../../core/read/page';
import { OrgUnit } from './org-unit.entity';
import { orgScopeSql } from './org.service';

/** Org units as plain rows (the read path): what their field resolvers follow. */
export const ORG_UNIT_READ: ReadSpec<OrgUnit> = {
  entity: OrgUnit,
  always: ['id', 'franchiseId', 'parentId', 'path', 'kind'],
};

/** An org unit embedded by the id in `column`; null outside the actor's part of the tree (as findOrgUnit). */
export function orgUnitEmbed(ctx: RequestContext, column: string) {
  return embedById(ORG_UNIT_READ, 'org_unit', column, (alias) => orgScopeSql(ctx, `${alias}.id`) ?? 'true');
}
