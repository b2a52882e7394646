import { CareTask, CareTaskStatus, CustomerEvent, CustomerEventKind } from './customer-records.entity';
import type { CustomerMergeHandler } from './customer-merge';
import type { TimelineProvider } from './customer-timeline';

/**
 * The customers module's own contributions to its extension points: archive changes,
 * purchases and care reminders on the timeline; its rows moving on a merge.
 * Listed in the customers manifest; other modules list theirs in their own manifests.
 */

/** Archive events as timeline entries: `purchase` for purchases (with amounts), `archive` for the rest. */
function eventProvider(kind: 'archive' | 'purchase'): TimelineProvider {
  return {
    kind,
    async entries(ctx, customerId, { before, limit }) {
      const events: Pick<CustomerEvent, 'id' | 'customerId' | 'occurredAt' | 'summary' | 'amount'>[] = await ctx.em
        .createQueryBuilder(CustomerEvent)
        .select(['id', 'customerId', 'occurredAt', 'summary', 'amount'])
        .where({
          customerId,
          kind: kind === 'purchase' ? CustomerEventKind.PURCHASE : { $ne: CustomerEventKind.PURCHASE },
          ...(before ? { occurredAt: { $lte: before } } : {}),
        })
        .orderBy([{ occurredAt: 'desc' }, { id: 'desc' }])
        .limit(limit)
        .execute('all');
      return events.map((e) => ({
        kind,
        key: `${kind}:${e.id}`,
        occurredAt: e.occurredAt,
        title: e.summary,
        summary: null,
        amount: e.amount == null ? null : Number(e.amount),
        refType: kind === 'archive' ? 'Customer' : null,
        refId: kind === 'archive' ? e.customerId : null,
      }));
    },
  };
}

const careProvider: TimelineProvider = {
  kind: 'care',
  async entries(ctx, customerId, { before, limit }) {
    const tasks: Pick<CareTask, 'id' | 'completedAt' | 'title' | 'outcome' | 'status'>[] = await ctx.em
      .createQueryBuilder(CareTask)
      .select(['id', 'completedAt', 'title', 'outcome', 'status'])
      .where({ customerId, status: { $ne: CareTaskStatus.OPEN }, ...(before ? { completedAt: { $lte: before } } : {}) })
      .orderBy([{ completedAt: 'desc' }, { id: 'desc' }])
      .limit(limit)
      .execute('all');
    return tasks.map((t) => ({ kind: 'care', key: `care:${t.id}`, occurredAt: t.completedAt!, title: t.title, summary: t.outcome ?? t.status, amount: null, refType: 'CareTask', refId: t.id }));
  },
};

export const customerTimelineProviders: TimelineProvider[] = [eventProvider('archive'), eventProvider('purchase'), careProvider];

export const customerMergeHandlersOwn: CustomerMergeHandler[] = [
{
  name: 'customer events',
  async move(ctx, from, to) {
    return ctx.em.nativeUpdate(CustomerEvent, { customerId: from.id }, { customerId: to.id });
  },
},
{
  name: 'care tasks',
  async move(ctx, from, to) {
    // A reminder the target already has for the same day is dropped, not duplicated.
    await ctx.em.execute(
      `delete from care_task f using care_task t where f.customer_id = ? and t.customer_id = ? and t.kind = f.kind and t.due_date = f.due_date`,
      [from.id, to.id],
    );
    return ctx.em.nativeUpdate(CareTask, { customerId: from.id }, { customerId: to.id, orgUnitId: to.orgUnitId });
  },
},
{
  name: 'monthly spend',
  async move(ctx, from, to) {
    const moved = await ctx.em.execute(
      `insert into customer_spend_month (customer_id, month, franchise_id, org_unit_id, amount, purchases)
       select ?, month, franchise_id, org_unit_id, amount, purchases from customer_spend_month where customer_id = ?
       on conflict (customer_id, month) do update set amount = customer_spend_month.amount + excluded.amount, purchases = customer_spend_month.purchases + excluded.purchases`,
      [to.id, from.id],
      'run',
    );
    await ctx.em.execute('delete from customer_spend_month where customer_id = ?', [from.id]);
    return (moved as { affectedRows?: number }).affectedRows ?? 0;
  },
},
];
