import { defineJob } from '../../core/jobs/jobs';
import { queueDueMessages } from './notification.service';

/** Every minute: messages held by quiet hours that are now due get their delivery event. */
export const sweepJob = defineJob<{ dueBy?: string }>({
  name: 'notifications.sweep',
  description: 'Queues delivery for messages held back by quiet hours once they are over.',
  cron: '* * * * *',
  run: (runtime, data) => queueDueMessages(runtime, data.dueBy ? new Date(data.dueBy) : undefined),
});
