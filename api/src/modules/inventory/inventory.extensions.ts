import { onEvent, type EventHandler } from '../../core/plugins/plugin';
import { notifyStaff } from '../notifications/notification.service';
import { StockAlert, StockAlertKind } from './alert.entity';
import { alertRecipients } from './alert.service';
import { Warehouse } from './warehouse.entity';

const KIND_LABELS: Record<StockAlertKind, string> = {
  [StockAlertKind.LOW_STOCK]: '低库存',
  [StockAlertKind.NEAR_EXPIRY]: '近效期',
  [StockAlertKind.EXPIRED]: '已过期',
  [StockAlertKind.EXCURSION]: '温湿度超标',
  [StockAlertKind.EXCURSION_ESCALATED]: '温湿度超标持续',
  [StockAlertKind.RECALL]: '批次召回',
  [StockAlertKind.LEDGER_MISMATCH]: '账实不符',
};

/** The responsible person hears of every stock alert of their warehouse in their bell (once per alert). */
export const inventoryEventHandlers: readonly EventHandler<unknown>[] = [
  onEvent({
    event: 'stock.alert',
    name: 'tell the warehouse’s responsible person',
    async handle(event, { inFranchise }) {
      await inFranchise(async (ctx) => {
        const alert = await ctx.em.findOne(StockAlert, { id: event.id });
        if (!alert) return;
        const staffIds = await alertRecipients(ctx.em, alert);
        if (!staffIds.length) return;
        const warehouse = alert.warehouseId ? await ctx.em.findOne(Warehouse, { id: alert.warehouseId }) : null;
        await notifyStaff(ctx, {
          kind: 'stock.alert',
          franchiseId: alert.franchiseId,
          staffIds,
          variables: { kindLabel: KIND_LABELS[alert.kind], message: alert.message, warehouseName: warehouse?.name ?? '' },
          refType: 'StockAlert',
          refId: alert.id,
          dedupeKey: `stock.alert:${alert.id}`,
        });
      });
    },
  }),
] as readonly EventHandler<unknown>[];
