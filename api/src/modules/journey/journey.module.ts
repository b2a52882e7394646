import { defineModule } from '../../core/modules/module';
import { journeyNoticeHandlers } from './journey-notices';
import { TestItem, TestOrder, TestOrderLine, TestOrderStep } from './journey.entity';
import { journeyEventTypes } from './journey.events';
import { JourneyPermission } from './journey.permissions';
import { TestItemResolver, TestOrderResolver } from './journey.resolver';
import { journeyTimelineProvider } from './journey.timeline';
import { testOrderWorkflow } from './journey.workflows';

/** The client service journey: the test catalogue, test orders through sampling, the lab, review, the report and its interpretation. */
export const journeyModule = defineModule({
  name: 'journey',
  entities: [TestItem, TestOrder, TestOrderLine, TestOrderStep],
  resolvers: [TestItemResolver, TestOrderResolver],
  permissions: [JourneyPermission],
  events: journeyEventTypes,
  contributes: { workflows: [testOrderWorkflow], timelineProviders: [journeyTimelineProvider], eventHandlers: [...journeyNoticeHandlers] },
});
