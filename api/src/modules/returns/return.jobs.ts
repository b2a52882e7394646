import { clock } from '../../core/clock';
import { systemContext, type RequestContext } from '../../core/context';
import { publishEvent } from '../../core/events/outbox';
import { defineJob } from '../../core/jobs/jobs';
import { inOperation } from '../../core/tenancy/request-transaction';
import { EscalationLevel, SlaStatus } from '../cases/case.entity';
import { ReturnClock, ReturnEventKind, ReturnRequest } from './return.entity';
import { publishReturnChange, recordReturnEvent } from './return.service';

/** Returns handled per run; a backlog is worked off over the next runs. */
const BATCH = 1000;
const NEXT_LEVEL: Record<EscalationLevel, EscalationLevel> = {
  [EscalationLevel.AGENT]: EscalationLevel.SUPERVISOR,
  [EscalationLevel.SUPERVISOR]: EscalationLevel.DIRECTOR,
  [EscalationLevel.DIRECTOR]: EscalationLevel.HQ,
  [EscalationLevel.HQ]: EscalationLevel.HQ,
};

/**
 * Returns whose running clock passed its warning or due time (as of `now`): a warning once, a
 * breach once, each on the timeline; a breach escalates the return one level (supervisor,
 * director, HQ) like a case's and is a typed event for notifications. Idempotent.
 */
export async function checkReturnClocks(ctx: RequestContext, now: Date): Promise<{ warned: number; breached: number }> {
  const due = await ctx.em.find(
    ReturnRequest,
    { slaClock: { $ne: null }, $or: [{ slaWarnedAt: null, slaWarnAt: { $lte: now } }, { slaStatus: { $ne: SlaStatus.BREACHED }, slaDueAt: { $lte: now } }] },
    { orderBy: { slaDueAt: 'asc' }, limit: BATCH },
  );
  let warned = 0;
  let breached = 0;
  for (const r of due) {
    const clockName = r.slaClock!;
    const details = { clock: clockName, dueAt: r.slaDueAt!.toISOString() };
    if (!r.slaWarnedAt) {
      Object.assign(r, { slaWarnedAt: now, slaStatus: SlaStatus.WARNING });
      recordReturnEvent(ctx, r, { kind: ReturnEventKind.SLA_WARNING, details }, now);
      warned++;
    }
    if (r.slaDueAt! <= now && r.slaStatus !== SlaStatus.BREACHED) {
      r.slaStatus = SlaStatus.BREACHED;
      if (clockName === ReturnClock.REVIEW) r.reviewBreachedAt = now;
      else r.refundBreachedAt = now;
      recordReturnEvent(ctx, r, { kind: ReturnEventKind.SLA_BREACHED, details }, now);
      const from = r.escalationLevel;
      r.escalationLevel = NEXT_LEVEL[from];
      if (r.escalationLevel !== from) recordReturnEvent(ctx, r, { kind: ReturnEventKind.ESCALATED, reason: `SLA breached: ${clockName}`, details: { from, to: r.escalationLevel, automatic: true, clock: clockName } }, now);
      await publishEvent(ctx, 'return.sla_breached', r.franchiseId, { returnId: r.id, returnNo: r.returnNo, clock: clockName, dueAt: details.dueAt, escalationLevel: r.escalationLevel });
      breached++;
    }
    await publishReturnChange(ctx, r, 'updated');
  }
  await ctx.em.flush();
  return { warned, breached };
}

export const returnSlaCheckJob = defineJob<{ now?: string }>({
  name: 'returns.sla-check',
  description: 'Return clocks (every minute): the 24 h review and the 3-working-day refund warn, breach and escalate the return.',
  cron: '* * * * *',
  run: async (runtime, data) => {
    const ctx = systemContext(runtime);
    return inOperation(ctx, () => checkReturnClocks(ctx, data.now ? new Date(data.now) : clock.now()));
  },
});
