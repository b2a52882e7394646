import { defineModule } from '../../core/modules/module';
import { AgentKpiResolver } from './agent-kpi.resolver';

/**
 * The agent KPI board (坐席考核): reads what the calls, cases, orders and surveys modules count,
 * through their own KPI statements (agent-kpis.ts); it owns no table.
 */
export const agentKpisModule = defineModule({
  name: 'agent-kpis',
  resolvers: [AgentKpiResolver],
});
