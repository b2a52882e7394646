import { defineJob } from '../jobs/jobs';
import { inScopedTransaction, SYSTEM_SCOPE } from '../tenancy/scope';
import { clock } from '../clock';

/**
 * Outbox rows older than the retention (EVENT_RETENTION_DAYS) whose reactions are all done
 * are deleted, with those reactions; rows with a dead or waiting reaction stay until handled.
 */
export const pruneOutboxJob = defineJob<{ now?: string }>({
  name: 'events.prune',
  description: 'Deletes delivered outbox events older than the retention period (dead letters are kept).',
  cron: '17 3 * * *',
  run: (runtime, data) =>
    inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, async (em) => {
      const cutoff = new Date((data.now ? Date.parse(data.now) : clock.nowMs()) - runtime.config.EVENT_RETENTION_DAYS * 86_400_000);
      const result = await em.execute(
        `delete from event_outbox o where o.created_at < ? and o.dispatched_at is not null
            and not exists (select 1 from event_reaction r where r.event_id = o.id and r.status <> 'DONE')`,
        [cutoff],
        'run',
      );
      return (result as { affectedRows?: number }).affectedRows ?? 0;
    }),
});
