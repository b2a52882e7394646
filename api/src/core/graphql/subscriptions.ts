import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context';
import { UnauthenticatedError } from '../errors';

/**
 * Subscriptions need a signed-in caller or API key, except fields marked `@Extensions({ anonymous: true })`
 * (the server clock): an anonymous subscription is refused with UNAUTHENTICATED when it starts,
 * instead of an open stream whose every event is filtered away.
 */
export function requireCredentialsForSubscriptions(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const subscribe = field.subscribe;
    if (!subscribe || field.extensions?.anonymous) continue;
    field.subscribe = (root, args, context: RequestContext, info) => {
      if (!context.actor) throw new UnauthenticatedError(`Sign in (send credentials in connectionParams) to subscribe to ${field.name}`);
      return subscribe(root, args, context, info);
    };
  }
  return schema;
}
