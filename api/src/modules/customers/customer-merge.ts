import type { RequestContext } from '../../core/context';
import type { Customer } from './customer.entity';

/**
 * The merge extension point: every module holding rows that point at a customer moves
 * them from the merged-away archive to the one that stays, and says how many it moved.
 */
export interface CustomerMergeHandler {
  name: string;
  move(ctx: RequestContext, from: Customer, to: Customer): Promise<number>;
}

const handlers: CustomerMergeHandler[] = [];

export function defineCustomerMergeHandler(handler: CustomerMergeHandler): void {
  if (handlers.some((h) => h.name === handler.name)) throw new Error(`A customer merge handler "${handler.name}" is already defined`);
  handlers.push(handler);
}

export async function runMergeHandlers(ctx: RequestContext, from: Customer, to: Customer): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const handler of handlers) moved[handler.name] = await handler.move(ctx, from, to);
  return moved;
}
