/** The events the inventory module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /**
     * A stock alert was raised (low stock, near expiry, an excursion, a recall, a ledger
     * mismatch): `id` is the alert's id, so live subscribers reload it in their own scope.
     */
    'stock.alert': { id: string; kind: string; warehouseId: string | null };
  }
}

export const inventoryEventTypes = ['stock.alert'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
