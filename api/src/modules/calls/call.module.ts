import { defineModule } from '../../core/modules/module';
import { CallRecord, CallSettings } from './call.entity';
import { callEventTypes } from './call.events';
import { CallPermission } from './call.permissions';
import { CallResolver, CallWallAgentResolver } from './call.resolver';
import { callTimelineProvider } from './call.timeline';
import { OutboundPlan, OutboundTask } from './outbound.entity';
import { OutboundPlanResolver, OutboundTaskResolver } from './outbound.resolver';

/**
 * The call center's call log: calls posted by a telephony partner (batched, idempotent, merged
 * forward whatever order the events come in) or logged by agents, matched to customers by number,
 * on the customer's timeline; the KPIs (call-kpi-definitions.ts) against each franchise's targets;
 * supervisors' outbound plans and the agents' outbound tasks (outbound.*).
 */
export const callsModule = defineModule({
  name: 'calls',
  entities: [CallRecord, CallSettings, OutboundPlan, OutboundTask],
  resolvers: [CallResolver, CallWallAgentResolver, OutboundPlanResolver, OutboundTaskResolver],
  permissions: [CallPermission],
  events: callEventTypes,
  contributes: { timelineProviders: [callTimelineProvider] },
});
