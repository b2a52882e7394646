import { clock } from '../../core/clock';
import { defineJob } from '../../core/jobs/jobs';
import { inScopedTransaction, SYSTEM_SCOPE } from '../../core/tenancy/scope';
import { planCallbacks } from './callback-plan';

export const callbackPlanJob = defineJob<{ today?: string }>({
  name: 'surveys.callback-plan',
  description: 'Turn every franchise’s enabled callback rules into callback tasks for the day (each franchise’s calendar; `today` re-runs a given day). Once per customer and purpose.',
  cron: '15 6 * * *',
  run: (runtime, data) => inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, (em) => planCallbacks(em, clock.now(), data.today)),
});
