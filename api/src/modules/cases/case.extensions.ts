import { raw } from '@mikro-orm/postgresql';
import { pluginStates } from '../../core/plugins/workflows';
import { customerMergeHandlers } from '../customers/customer-merge';
import { pluginDisableChecks } from '../plugins/plugin-admin.service';
import type { TimelineProvider } from '../customers/customer-timeline';
import { Case } from './case.entity';

/** Cases on the customer's timeline (opened, with the solution amount): contributed by the core plugin. */
export const caseTimelineProvider: TimelineProvider = {
  kind: 'case',
  async entries(ctx, customerId, { before, limit }) {
    // Plain rows of the columns shown (the read path: nothing managed).
    const rows: Pick<Case, 'id' | 'caseNo' | 'subject' | 'type' | 'state' | 'solutionType' | 'solutionAmount' | 'createdAt'>[] = await ctx.em
      .createQueryBuilder(Case, 'c')
      .select(['id', 'caseNo', 'subject', 'type', 'state', 'solutionType', 'createdAt', raw('solution_amount_value::float8 as "solutionAmount"')])
      .where({ customerId, ...(before ? { createdAt: { $lte: before } } : {}) })
      .orderBy([{ createdAt: 'desc' }, { id: 'desc' }])
      .limit(limit)
      .execute('all');
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
};

/** Cases move with a customer merge. */
export const casesMergeHandler = customerMergeHandlers.contribute({
  name: 'cases',
  async move(ctx, from, to) {
    return ctx.em.nativeUpdate(Case, { customerId: from.id }, { customerId: to.id });
  },
});

/** A plugin stays on while cases of the franchise sit in states it added (they would have no way out). */
export const pluginStatesInUse = pluginDisableChecks.contribute(async (em, franchiseId, plugin) => {
  const problems: string[] = [];
  for (const [workflow, states] of pluginStates(plugin)) {
    const stuck = await em.find(Case, { franchiseId, workflow, state: { $in: states } }, { fields: ['caseNo', 'state'], limit: 5, orderBy: { caseNo: 'asc' } });
    if (stuck.length) problems.push(`case ${stuck.map((c) => `${c.caseNo} (${c.state})`).join(', ')}${stuck.length === 5 ? ' and more' : ''} must leave the ${workflow} states it adds first`);
  }
  return problems.join('; ') || null;
});
