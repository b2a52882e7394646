import { defineModule } from '../../core/modules/module';
import { customerMergeHandlers } from './customer-merge';
import { CareTask, CustomerEvent, CustomerSpendMonth } from './customer-records.entity';
import { timelinePluginPoint } from './customer-timeline';
import { Customer } from './customer.entity';
import { customerMergeHandlersOwn, customerTimelineProviders } from './customer.extensions';
import { birthdayRemindersJob, recomputeSegmentsJob } from './customer.jobs';
import { CustomerPermission } from './customer.permissions';
import { CustomerResolver } from './customer.resolver';

export const customersModule = defineModule({
  name: 'customers',
  entities: [Customer, CustomerEvent, CustomerSpendMonth, CareTask],
  resolvers: [CustomerResolver],
  permissions: [CustomerPermission],
  jobs: [recomputeSegmentsJob, birthdayRemindersJob],
  pluginPoints: [timelinePluginPoint],
  contributes: { timelineProviders: customerTimelineProviders },
  extensions: customerMergeHandlersOwn.map((h) => customerMergeHandlers.contribute(h)),
});
