import { defineJob } from '../../core/jobs/jobs';
import { DELIVER_JOB, deliverMessage, MAX_ATTEMPTS, sweepPending } from './notification.service';

/** Sends one message through its channel's provider; a failure retries with exponential backoff. */
export const deliverJob = defineJob<{ messageId: string; franchiseId: string }>({
  name: DELIVER_JOB,
  description: 'Delivers one customer message through the configured provider (quiet hours, consent and opt-out checked at send time).',
  retry: { limit: MAX_ATTEMPTS - 1, delaySeconds: 5, backoff: true },
  run: (runtime, data) => deliverMessage(runtime, data.messageId, data.franchiseId),
});

/** Every minute: messages whose delivery job was never queued, and scheduled ones now due. */
export const sweepJob = defineJob<{ olderThanMs?: number }>({
  name: 'notifications.sweep',
  description: 'Queues delivery for messages left waiting (a stop between commit and queueing, quiet hours over).',
  cron: '* * * * *',
  run: (runtime, data) => sweepPending(runtime, data.olderThanMs),
});
