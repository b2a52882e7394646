/** The events the inventory module's stock documents emit (their part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    'purchase.transitioned': { purchaseRequestId: string; requestNo: string; warehouseId: string; action: string; from: string; to: string };
    'requisition.transitioned': { requisitionId: string; requisitionNo: string; leg: string; fromWarehouseId: string; toWarehouseId: string; action: string; from: string; to: string };
    'destruction.transitioned': { destructionId: string; destructionNo: string; warehouseId: string; action: string; from: string; to: string };
  }
}

export const documentEventTypes = ['purchase.transitioned', 'requisition.transitioned', 'destruction.transitioned'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
