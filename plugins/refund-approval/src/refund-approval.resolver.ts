import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import {
  Case,
  CasePermission,
  Connection,
  DateFieldComparison,
  defineListInputs,
  enumComparison,
  findPage,
  IDFilterComparison,
  OffsetPaging,
  SortDirection,
  StringFieldComparison,
  type FilterInput,
  type RequestContext,
  type SortInput,
} from '@pharmadesk/api';
import { RefundApproval, RefundApprovalStatus } from './refund-approval.entity';

export const RefundApprovalConnection = Connection(RefundApproval);
export const { Filter: RefundApprovalFilter, Sort: RefundApprovalSort } = defineListInputs('RefundApproval', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, caseId: IDFilterComparison, caseNo: StringFieldComparison, status: enumComparison('RefundApprovalStatus', RefundApprovalStatus), createdAt: DateFieldComparison },
  sort: ['createdAt', 'caseNo', 'status'] as const,
});

const byCase = (ctx: RequestContext) =>
  ctx.loaders.get(byCase, () =>
    new DataLoader<string, RefundApproval[]>(async (caseIds) => {
      const rows = await ctx.em.find(RefundApproval, { caseId: { $in: [...caseIds] } }, { orderBy: { createdAt: 'asc' } });
      return caseIds.map((id) => rows.filter((r) => r.caseId === id));
    }),
  );

@Resolver(() => RefundApproval)
export class RefundApprovalResolver {
  @Authorized(CasePermission['case:read'])
  @Query(() => RefundApprovalConnection, { description: 'refund-approval plugin: refund and compensation approvals in your scope (the approvals page lists PENDING ones).' })
  refundApprovals(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => RefundApprovalFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [RefundApprovalSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return findPage(ctx.em, RefundApproval, { filter, sorting, paging }, { defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
  }
}

@Resolver(() => Case)
export class CaseRefundApprovalsResolver {
  @FieldResolver(() => [RefundApproval], { description: 'refund-approval plugin: the case’s approval requests, oldest first (empty where the plugin is not enabled).' })
  refundApprovals(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return byCase(ctx).load(c.id);
  }
}
