import { definePermissions } from '../../core/auth/permissions';

export const NotificationPermission = definePermissions([
  {
    name: 'notification:read',
    group: 'Notifications',
    description: 'Read the message log (every customer message of one’s franchise, with its delivery status and why one was not sent), the templates and the sending settings.',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin', 'qa_analyst'],
  },
  {
    name: 'notification:manage',
    group: 'Notifications',
    description: 'Write the franchise’s message templates, set its quiet hours, and retry failed messages.',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
  {
    name: 'notification:send',
    group: 'Notifications',
    description: 'Write to a customer (SMS, WeChat, email; consent and opt-out respected) and record a customer’s opt-out or opt-in.',
    grantedTo: ['agent', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
] as const);
