import { createPubSub as createYogaPubSub } from '@graphql-yoga/subscription';

/**
 * Topics and their payloads. Modules add their topics here; payloads are ids and
 * scope, never whole records: subscribers reload and re-authorize per event.
 */
export interface Topics {
  [topic: string]: [unknown];
}

export type PubSub = ReturnType<typeof createPubSub>;

export function createPubSub() {
  return createYogaPubSub<Topics>();
}
