import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { DateFieldComparison, IDFilterComparison, StringFieldComparison } from '../graphql/filters';
import { defineListInputs, type FilterInput } from '../graphql/list';
import { Connection, OffsetPaging } from '../graphql/paging';
import type { SortInput } from '../graphql/sorting';
import { AuditLog } from './audit-log.entity';
import { AuditPermission } from './audit.permissions';
import { listAuditLogs } from './audit.service';
import { selectionOf } from '../read/selection';

const AuditLogConnection = Connection(AuditLog);
const { Filter: AuditLogFilter, Sort: AuditLogSort } = defineListInputs('AuditLog', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    actorId: IDFilterComparison,
    actorLabel: StringFieldComparison,
    operation: StringFieldComparison,
    targetType: StringFieldComparison,
    requestId: StringFieldComparison,
    createdAt: DateFieldComparison,
  },
  sort: ['createdAt', 'operation', 'actorLabel'] as const,
});

@Resolver(() => AuditLog)
export class AuditResolver {
  @Authorized(AuditPermission['audit:read'])
  @Query(() => AuditLogConnection, { description: 'Who changed what: every mutation in your franchise (all franchises for HQ), newest first.' })
  auditLogs(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [AuditLogSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listAuditLogs(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }
}
