import type { RequestContext } from '../../core/context';
import { byIdLoader } from '../../core/loaders';
import { Customer } from './customer.entity';

export const customerLoader = (ctx: RequestContext) => byIdLoader(ctx, Customer);
