import type { EntityManager } from '@mikro-orm/postgresql';
import { clock } from '../../core/clock';
import { defineJob } from '../../core/jobs/jobs';
import { inScopedTransaction, SYSTEM_SCOPE } from '../../core/tenancy/scope';

/**
 * Surveys sent as an online link whose link expired unanswered become EXPIRED (the link's nonce
 * dropped with it): response rate = answered / sent stays honest and the desk stops showing them
 * as waiting. One UPDATE, so it is idempotent and two instances running it at once expire each
 * survey once (the second finds the row no longer SENT). Returns how many it expired.
 */
export async function expireSurveyLinks(em: EntityManager, now: Date): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `update satisfaction_request set status = 'EXPIRED', link_nonce = null, version = version + 1, updated_at = ?
      where status = 'SENT' and link_expires_at is not null and link_expires_at <= ? returning id`,
    [now, now],
  );
  return rows.length;
}

export const surveyLinkExpiryJob = defineJob<{ now?: string }>({
  name: 'surveys.link-expiry',
  description: 'Daily: surveys whose online link expired unanswered are marked EXPIRED (no longer pending, still counted as sent).',
  cron: '10 2 * * *',
  run: (runtime, data) => inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, (em) => expireSurveyLinks(em, data.now ? new Date(data.now) : clock.now())),
});
