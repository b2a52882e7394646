import { defineJob } from '../../core/jobs/jobs';
import { inScopedTransaction, SYSTEM_SCOPE } from '../../core/tenancy/scope';
import { recomputeSegments } from './customer-analytics';
import { createBirthdayReminders } from './customer-care';
import { clock } from '../../core/clock';

export const recomputeSegmentsJob = defineJob({
  name: 'customers.recompute-segments',
  description: 'Recompute every customer’s RFM segment (nightly).',
  cron: '30 2 * * *',
  run: (runtime) => inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, (em) => recomputeSegments(em)),
});

export const birthdayRemindersJob = defineJob<{ today?: string }>({
  name: 'customers.birthday-reminders',
  description: 'Birthday reminders for health managers, three days ahead on each franchise’s calendar (every morning; `today` re-runs a given day).',
  cron: '0 6 * * *',
  run: (runtime, data) =>
    inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, (em) => createBirthdayReminders(em, clock.now(), 3, data.today)),
});
