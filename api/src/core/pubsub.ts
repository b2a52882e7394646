import { createPubSub as createYogaPubSub } from '@graphql-yoga/subscription';

/**
 * Topics and their payloads. Payloads carry ids and scope, never whole records:
 * subscribers reload and re-authorize per event.
 */
export interface Topics {
  /** Credentials that stopped working (logout, password change, refresh-token reuse, account disabled, key revoked). */
  'auth.revoked': [{ sessionIds?: string[]; apiKeyIds?: string[] }];
  /** A customer archive was created or changed (merges included). */
  'customers.changed': [{ id: string; franchiseId: string; change: 'created' | 'updated' }];
  [topic: string]: [unknown];
}

export type PubSub = ReturnType<typeof createPubSub>;

export function createPubSub() {
  return createYogaPubSub<Topics>();
}
