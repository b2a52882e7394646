import { defineModule } from '../../core/modules/module';
import { CaseOrderResolver, contactCaseHandler, OrderCasesResolver, orderCaseLinks, orderTimelineProvider } from './order-cases';
import { orderNoticeHandlers } from './order-notices';
import { Order, OrderError, OrderEvent, OrderLine, OrderPick, OrderSettings, OrderTrackingEvent } from './order.entity';
import { orderEventTypes } from './order.events';
import { paymentRemindersJob } from './order.jobs';
import { OrderPermission } from './order.permissions';
import { OrderErrorResolver, OrderEventResolver, OrderLineResolver, OrderPickResolver, OrderResolver } from './order.resolver';
import { inStoreOrderWorkflow, onlineOrderWorkflow } from './order.workflows';

/** Orders (online and in store) on the workflow engine, with stock reserved, picked and issued through the inventory services. */
export const ordersModule = defineModule({
  name: 'orders',
  entities: [Order, OrderLine, OrderPick, OrderEvent, OrderTrackingEvent, OrderError, OrderSettings],
  resolvers: [OrderResolver, OrderLineResolver, OrderPickResolver, OrderEventResolver, OrderErrorResolver, CaseOrderResolver, OrderCasesResolver],
  permissions: [OrderPermission],
  jobs: [paymentRemindersJob],
  events: orderEventTypes,
  contributes: { workflows: [onlineOrderWorkflow, inStoreOrderWorkflow], timelineProviders: [orderTimelineProvider], eventHandlers: [contactCaseHandler, ...orderNoticeHandlers] },
  extensions: [orderCaseLinks],
});
