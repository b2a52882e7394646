import { defineModule } from '../../core/modules/module';
import { pluginStates } from '../../core/plugins/workflows';
import { pluginDisableChecks } from '../plugins/plugin-admin.service';
import { ReturnEvent, ReturnLine, ReturnRequest, ReturnSettings } from './return.entity';
import { returnEventTypes } from './return.events';
import { returnSlaCheckJob } from './return.jobs';
import { ReturnPermission } from './return.permissions';
import { OrderReturnsResolver, ReturnLineResolver, ReturnResolver } from './return.resolver';
import { returnWorkflow } from './return.workflows';

/** A plugin stays on while returns of the franchise sit in states it added (they would have no way out). */
const pluginStatesInUse = pluginDisableChecks.contribute(async (em, franchiseId, plugin) => {
  const problems: string[] = [];
  for (const [workflow, states] of pluginStates(plugin)) {
    const stuck = await em.find(ReturnRequest, { franchiseId, workflow, state: { $in: states } }, { fields: ['returnNo', 'state'], limit: 5, orderBy: { returnNo: 'asc' } });
    if (stuck.length) problems.push(`return ${stuck.map((r) => `${r.returnNo} (${r.state})`).join(', ')}${stuck.length === 5 ? ' and more' : ''} must leave the ${workflow} states it adds first`);
  }
  return problems.join('; ') || null;
});

/** Returns and exchanges (RMA) of delivered orders on the workflow engine, with their review and refund clocks; stock goes back through the inventory services. */
export const returnsModule = defineModule({
  name: 'returns',
  entities: [ReturnRequest, ReturnLine, ReturnEvent, ReturnSettings],
  resolvers: [ReturnResolver, ReturnLineResolver, OrderReturnsResolver],
  permissions: [ReturnPermission],
  jobs: [returnSlaCheckJob],
  events: returnEventTypes,
  contributes: { workflows: [returnWorkflow] },
  extensions: [pluginStatesInUse],
});
