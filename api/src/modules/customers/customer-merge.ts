import type { RequestContext } from '../../core/context';
import { defineExtensionPoint } from '../../core/modules/module';
import type { Customer } from './customer.entity';

/**
 * The merge extension point: every module holding rows that point at a customer moves
 * them from the merged-away archive to the one that stays, and says how many it moved.
 */
export interface CustomerMergeHandler {
  name: string;
  move(ctx: RequestContext, from: Customer, to: Customer): Promise<number>;
}

/** Modules holding rows that point at a customer contribute a handler in their manifest. */
export const customerMergeHandlers = defineExtensionPoint<CustomerMergeHandler>('customers.merge-handlers');

export async function runMergeHandlers(ctx: RequestContext, from: Customer, to: Customer): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const handler of customerMergeHandlers.all()) moved[handler.name] = await handler.move(ctx, from, to);
  return moved;
}
