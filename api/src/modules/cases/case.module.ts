import { defineModule } from '../../core/modules/module';
import { leastLoadedRule, roundRobinRule } from './case-assignment';
import { Case, CaseActivity, CaseMessage } from './case.entity';
import { caseEventTypes } from './case.events';
import { casesMergeHandler, caseTimelineProvider, pluginStatesInUse } from './case.extensions';
import { feedbackCheckJob, slaCheckJob } from './case.jobs';
import { CasePermission } from './case.permissions';
import { casePluginPoints } from './case.plugin-points';
import { CaseResolver } from './case.resolver';
import { complaintWorkflow, consultationWorkflow } from './case.workflows';
import { AgentPresence, CaseSettings, CaseView, DepartmentFeedback } from './queue.entity';
import { AgentPresenceResolver, CaseQueueResolver } from './queue.resolver';
import { BusinessCalendar, CaseSlaClock, SlaPolicy } from './sla.entity';
import { BUILT_IN_SLA_POLICY } from './sla.service';

export const casesModule = defineModule({
  name: 'cases',
  entities: [Case, CaseMessage, CaseActivity, BusinessCalendar, SlaPolicy, CaseSlaClock, CaseView, AgentPresence, CaseSettings, DepartmentFeedback],
  resolvers: [CaseResolver, CaseQueueResolver, AgentPresenceResolver],
  permissions: [CasePermission],
  jobs: [slaCheckJob, feedbackCheckJob],
  events: caseEventTypes,
  pluginPoints: casePluginPoints,
  contributes: {
    workflows: [complaintWorkflow, consultationWorkflow],
    slaPolicies: [BUILT_IN_SLA_POLICY],
    assignmentRules: [roundRobinRule, leastLoadedRule],
    timelineProviders: [caseTimelineProvider],
  },
  extensions: [casesMergeHandler, pluginStatesInUse],
});
