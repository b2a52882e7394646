import type { RequestContext } from '../../core/context';
import { byIdLoader } from '../../core/loaders';
import { Role } from './role.entity';
import { StaffUser } from './staff-user.entity';

export const roleLoader = (ctx: RequestContext) => byIdLoader(ctx, Role);
export const staffLoader = (ctx: RequestContext) => byIdLoader(ctx, StaffUser);
