import { coreModule } from '../core/core.module';
import { installModules, type ModuleDefinition } from '../core/modules/module';
import { apiKeysModule } from './api-keys/api-key.module';
import { journeyModule } from './journey/journey.module';
import { appointmentsModule } from './appointments/appointment.module';
import { callsModule } from './calls/call.module';
import { casesModule } from './cases/case.module';
import { customersModule } from './customers/customer.module';
import { eventsModule } from './events/event.module';
import { identityModule } from './identity/identity.module';
import { inventoryModule } from './inventory/inventory.module';
import { knowledgeModule } from './knowledge/knowledge.module';
import { notificationsModule } from './notifications/notification.module';
import { orgModule } from './org/org.module';
import { ordersModule } from './orders/order.module';
import { pluginsModule } from './plugins/plugin.module';
import { returnsModule } from './returns/return.module';
import { satisfactionAnalysisModule } from './satisfaction-analysis/analysis.module';
import { surveyProjectsModule } from './survey-projects/project.module';
import { qualityModule } from './quality/quality.module';
import { surveysModule } from './surveys/survey.module';
import { systemModule } from './system/system.module';
import { reportsModule } from './reports/report.module';
import { agentKpisModule } from './agent-kpis/agent-kpi.module';
import { teamsModule } from './teams/team.module';

/**
 * The modules of the API, in order. The app, the job runner, the scripts and the schema
 * generator all start from this list (see `installAppModules`); a new module is one line here.
 */
export const modules: readonly ModuleDefinition[] = [
  coreModule,
  systemModule,
  orgModule,
  identityModule,
  teamsModule,
  apiKeysModule,
  customersModule,
  casesModule,
  knowledgeModule,
  notificationsModule,
  inventoryModule,
  ordersModule,
  returnsModule,
  appointmentsModule,
  journeyModule,
  surveysModule,
  callsModule,
  qualityModule,
  reportsModule,
  agentKpisModule,
  satisfactionAnalysisModule,
  surveyProjectsModule,
  pluginsModule,
  eventsModule,
];

/** Installs the module list in this process (permissions, extension points); idempotent. */
export function installAppModules(): readonly ModuleDefinition[] {
  return installModules(modules);
}
