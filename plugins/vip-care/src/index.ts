import { Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { CasePermission, definePlugin, type RequestContext } from '@pharmadesk/api';
import { VIP_QUEUE, vipOverview } from './vip-care.service';

export { VIP_QUEUE } from './vip-care.service';

@ObjectType({ description: 'vip-care plugin: the VIP queue at a glance (open VIP cases in your scope).' })
export class VipCareOverview {
  @Field(() => Int) openCases!: number;
  @Field(() => Int, { description: 'Open VIP cases nobody owns yet.' }) unassignedCases!: number;
  @Field(() => Int) warningCases!: number;
  @Field(() => Int) breachedCases!: number;
  @Field(() => Date, { nullable: true, description: 'The soonest SLA due time among them.' }) nextDueAt?: Date | null;
}

@Resolver()
export class VipCareResolver {
  @Authorized(CasePermission['case:read'])
  @Query(() => VipCareOverview, { description: 'vip-care plugin: the VIP queue at a glance, for the dashboard widget (FORBIDDEN where the plugin is not enabled).' })
  vipCareOverview(@Ctx() ctx: RequestContext) {
    return vipOverview(ctx);
  }
}

/**
 * vip-care: a new case of a customer tagged vip waits in the `vip` queue, under a
 * tighter SLA policy (around the clock, minutes set per franchise) unless the franchise
 * configured its own policy for that queue. The admin shows a VIP queue dashboard widget.
 */
export default definePlugin({
  name: 'vip-care',
  version: '0.1.0',
  description: 'Cases of VIP customers wait in a VIP queue under a tighter SLA; a dashboard widget shows the queue.',
  compatibility: '^0.1.0',
  optionsSchema: {
    firstResponseMinutes: { type: 'integer', default: 10, min: 1, max: 240, description: 'First reply to a VIP case within (minutes, around the clock)' },
    nextResponseMinutes: { type: 'integer', default: 60, min: 1, max: 1440, description: 'Reply to each VIP customer message within (minutes)' },
    resolutionHours: { type: 'integer', default: 24, min: 1, max: 720, description: 'Resolve a VIP case within (hours)' },
  },
  caseRoutes: [{ name: 'vip', queue: VIP_QUEUE, when: (c) => c.isVip }],
  slaPolicies: [
    {
      name: 'VIP 关怀 VIP care',
      queue: VIP_QUEUE,
      warningThreshold: 0.5,
      targets: (o) => [{ firstResponseMinutes: o.firstResponseMinutes, nextResponseMinutes: o.nextResponseMinutes, resolutionMinutes: o.resolutionHours * 60, calendarHours: false }],
    },
  ],
  schema: { resolvers: [VipCareResolver] },
  admin: { module: 'plugins/vip-care/admin', description: 'VIP queue dashboard widget' },
});
