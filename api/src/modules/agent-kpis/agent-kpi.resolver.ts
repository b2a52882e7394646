import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { CallPermission as P } from '../calls/call.permissions';
import { agentKpiReport } from './agent-kpis';
import { AgentKpiReport, AgentKpisInput } from './agent-kpi.types';

@Resolver()
export class AgentKpiResolver {
  @Authorized(P['call:report'])
  @Query(() => AgentKpiReport, { description: 'The agent KPI board: calls, cases, orders and satisfaction by day, week or month (each franchise’s zone) and by franchise, store or agent, marked against the franchise’s targets. Definitions on AgentKpiRow.' })
  agentKpis(@Ctx() ctx: RequestContext, @Arg('input') input: AgentKpisInput) {
    return agentKpiReport(ctx, input);
  }
}
