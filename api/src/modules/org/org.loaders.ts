import type { RequestContext } from '../../core/context';
import { byIdLoader } from '../../core/loaders';
import { OrgUnit } from './org-unit.entity';

export const orgUnitLoader = (ctx: RequestContext) => byIdLoader(ctx, OrgUnit);
