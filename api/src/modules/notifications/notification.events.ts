/** The events the notifications module emits (its part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** A customer message may leave now: the delivery reaction hands it to its channel's provider. */
    'notification.queued': { messageId: string };
  }
}

export const notificationEventTypes = ['notification.queued'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
