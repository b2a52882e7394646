import { onEvent, type EventHandler } from '../../core/plugins/plugin';
import { Customer } from '../customers/customer.entity';
import { notifyStaff } from '../notifications/notification.service';
import { TestOrder } from './journey.entity';

/** A released report: the prescribing doctor and the customer's health manager are told (platform notifications, once each). */
export const journeyNoticeHandlers: readonly EventHandler<unknown>[] = [
  onEvent({
    event: 'journey.report_released',
    name: 'tell the doctor and the health manager the report is released',
    async handle(event, { inFranchise }) {
      await inFranchise(async (ctx) => {
        const order = await ctx.em.findOne(TestOrder, { id: event.testOrderId });
        if (!order) return;
        const customer = await ctx.em.findOne(Customer, { id: order.customerId }, { fields: ['name', 'healthManagerId'] });
        await notifyStaff(ctx, {
          kind: 'journey.report_released',
          franchiseId: order.franchiseId,
          staffIds: [order.doctorId, ...(customer?.healthManagerId ? [customer.healthManagerId] : [])],
          variables: { testOrderNo: order.testOrderNo, customerName: customer?.name ?? '' },
          refType: 'TestOrder',
          refId: order.id,
          dedupeKey: `journey.report_released:${order.id}`,
        });
      });
    },
  }),
];
