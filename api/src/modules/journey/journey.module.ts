import { defineModule } from '../../core/modules/module';
import { journeyNoticeHandlers } from './journey-notices';
import { ConsultationRecord, DoctorRating, Prescription } from './care.entity';
import { CareResolver, PractitionerRatingResolver } from './care.resolver';
import { TestItem, TestOrder, TestOrderLine, TestOrderStep } from './journey.entity';
import { careEventTypes, journeyEventTypes } from './journey.events';
import { CarePermission, JourneyPermission } from './journey.permissions';
import { TestItemResolver, TestOrderResolver } from './journey.resolver';
import { consultationTimelineProvider, journeyTimelineProvider, prescriptionTimelineProvider } from './journey.timeline';
import { testOrderWorkflow } from './journey.workflows';

/** The client service journey: the test catalogue, test orders through sampling, the lab, review, the report and its interpretation; consultation records, prescriptions and doctors' ratings. */
export const journeyModule = defineModule({
  name: 'journey',
  entities: [TestItem, TestOrder, TestOrderLine, TestOrderStep, ConsultationRecord, Prescription, DoctorRating],
  resolvers: [TestItemResolver, TestOrderResolver, CareResolver, PractitionerRatingResolver],
  permissions: [JourneyPermission, CarePermission],
  events: [...journeyEventTypes, ...careEventTypes],
  contributes: { workflows: [testOrderWorkflow], timelineProviders: [journeyTimelineProvider, consultationTimelineProvider, prescriptionTimelineProvider], eventHandlers: [...journeyNoticeHandlers] },
});
