import { defineModule } from '../../core/modules/module';
import { NotificationMessage, NotificationOptOut, NotificationSettings, NotificationTemplate } from './notification.entity';
import { messageTimelineProvider, notificationEventHandlers, notificationsMergeHandler } from './notification.extensions';
import { notificationEventTypes } from './notification.events';
import { sweepJob } from './notification.jobs';
import { NotificationPermission } from './notification.permissions';
import { NotificationMessageResolver, NotificationTemplateResolver } from './notification.resolver';

export const notificationsModule = defineModule({
  name: 'notifications',
  entities: [NotificationTemplate, NotificationMessage, NotificationSettings, NotificationOptOut],
  resolvers: [NotificationTemplateResolver, NotificationMessageResolver],
  permissions: [NotificationPermission],
  jobs: [sweepJob],
  events: notificationEventTypes,
  contributes: { timelineProviders: [messageTimelineProvider], eventHandlers: notificationEventHandlers },
  extensions: [notificationsMergeHandler],
});
