import type { LiveEvent, LiveProvider } from '@refinedev/core';
import { subscribe } from './request';

/** Which subscriptions tell a resource's lists and pages that something changed. */
const liveSubscriptions: Record<string, { created?: string; updated?: string }> = {
  cases: { created: 'CreatedCase', updated: 'UpdatedCase' },
  orders: { created: 'CreatedOrder', updated: 'UpdatedOrder' },
};

/**
 * Refine live provider over graphql-ws with the API's own subscriptions (createdCase,
 * updatedOneCase...). Refine then refetches what is on screen (liveMode auto).
 */
export function createPanelLiveProvider(): LiveProvider {
  return {
    subscribe({ channel, params, callback }) {
      const resource = params?.resource ?? channel.replace(/^resources\//, '');
      const names = liveSubscriptions[resource];
      if (!names) return () => undefined;
      const emit = (type: LiveEvent['type'], payload: Record<string, unknown>) => callback({ channel, type, payload, date: new Date() });
      const stops: (() => void)[] = [];
      if (names.created && params?.subscriptionType === 'useList')
        stops.push(subscribe<Record<string, { id: string }>>(names.created, {}, (data) => emit('created', { ids: [Object.values(data)[0].id] })));
      if (names.updated)
        stops.push(
          subscribe<Record<string, { id: string }>>(names.updated, {}, (data) => {
            const id = Object.values(data)[0].id;
            if (params?.subscriptionType === 'useOne' && String(params.id) !== id) return;
            emit('updated', { ids: [id] });
          }),
        );
      return () => stops.forEach((stop) => stop());
    },
    unsubscribe(unsubscribe: () => void) {
      unsubscribe();
    },
  };
}
