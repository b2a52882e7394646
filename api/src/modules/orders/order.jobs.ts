import { systemContext } from '../../core/context';
import { defineJob } from '../../core/jobs/jobs';
import { inOperation } from '../../core/tenancy/request-transaction';
import { sendPaymentReminders } from './order-payments';

export const paymentRemindersJob = defineJob({
  name: 'orders.payment-reminders',
  description: 'Remind customers of unpaid online orders: a day after ordering, then three days after (every hour; quiet hours respected).',
  cron: '40 * * * *',
  run: async (runtime) => {
    const ctx = systemContext(runtime);
    return { reminded: await inOperation(ctx, () => sendPaymentReminders(ctx)) };
  },
});
