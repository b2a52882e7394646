/**
 * The typed event catalogue: event name → payload, declared once by the module that emits
 * it (its `<name>.events.ts` adds to this interface), so a typo in a name or a payload
 * field does not compile. Core declares none.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface DomainEvents {}

export type DomainEventType = keyof DomainEvents & string;

/** An event as stored in the outbox and handed to handlers. */
export type DomainEvent<T extends DomainEventType = DomainEventType> = {
  type: T;
  franchiseId: string;
  actorId: string | null;
  occurredAt: string;
} & DomainEvents[T];
