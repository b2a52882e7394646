import { defineCustomerMergeHandler } from '../customers/customer-merge';
import { defineTimelineProvider } from '../customers/customer-timeline';
import { SatisfactionRequest } from '../surveys/satisfaction-request.entity';
import { Case } from './case.entity';

/** Cases on the customer's timeline (opened, with the solution amount) and moving with a merge. */
defineTimelineProvider({
  kind: 'case',
  async entries(ctx, customerId, { before, limit }) {
    const rows = await ctx.em.find(Case, { customerId, ...(before ? { createdAt: { $lte: before } } : {}) }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
    return rows.map((c) => ({
      kind: 'case',
      key: `case:${c.id}`,
      occurredAt: c.createdAt,
      title: `${c.caseNo} ${c.subject}`,
      summary: `${c.type} · ${c.state}${c.solutionType ? ` · ${c.solutionType}` : ''}`,
      amount: c.solutionAmount,
      refType: 'Case',
      refId: c.id,
    }));
  },
});

defineCustomerMergeHandler({
  name: 'cases',
  async move(ctx, from, to) {
    await ctx.em.nativeUpdate(SatisfactionRequest, { customerId: from.id }, { customerId: to.id });
    return ctx.em.nativeUpdate(Case, { customerId: from.id }, { customerId: to.id });
  },
});
