import { systemContext, type RequestContext } from '../../core/context';
import { defineJob } from '../../core/jobs/jobs';
import { inOperation } from '../../core/tenancy/request-transaction';
import { Case, CaseActivity, CaseActivityKind, CaseStage, EscalationLevel } from './case.entity';
import { escalate, publishCaseChange } from './case.service';
import { escalateOverdueFeedback } from './feedback.service';
import { CaseSlaClock } from './sla.entity';
import { policyFor, summarize } from './sla.service';
import { clock } from '../../core/clock';
import { publishLive } from '../../core/events/outbox';

/** Clocks handled per run; a backlog is worked off over the next runs. */
const BATCH = 1000;

/**
 * Finds running SLA clocks that passed their warning or due time (as of `now`), marks
 * them, records the case activity, escalates breached cases one level when the policy
 * says so, and publishes warnings and breaches after commit. Idempotent: each clock warns
 * and breaches once.
 */
export async function checkSlaClocks(ctx: RequestContext, now: Date): Promise<{ warned: number; breached: number }> {
  const clocks = await ctx.em.find(
    CaseSlaClock,
    { metAt: null, pausedAt: null, $or: [{ warnedAt: null, warnAt: { $lte: now } }, { breachedAt: null, dueAt: { $lte: now } }] },
    { orderBy: { dueAt: 'asc' }, limit: BATCH },
  );
  if (!clocks.length) return { warned: 0, breached: 0 };
  const cases = new Map((await ctx.em.find(Case, { id: { $in: [...new Set(clocks.map((k) => k.caseId))] } })).map((c) => [c.id, c]));
  let warned = 0;
  let breached = 0;
  const escalated = new Set<string>();
  const policies = new Map<string, Awaited<ReturnType<typeof policyFor>>>();
  for (const clock of clocks) {
    const c = cases.get(clock.caseId);
    if (!c) continue;
    const level = clock.dueAt <= now ? 'BREACHED' : 'WARNING';
    if (level === 'BREACHED') {
      Object.assign(clock, { breachedAt: now, warnedAt: clock.warnedAt ?? now });
      breached++;
    } else {
      clock.warnedAt = now;
      warned++;
    }
    ctx.em.create(CaseActivity, {
      franchiseId: c.franchiseId,
      caseId: c.id,
      kind: level === 'BREACHED' ? CaseActivityKind.SLA_BREACHED : CaseActivityKind.SLA_WARNING,
      details: { clock: clock.kind, dueAt: clock.dueAt.toISOString() },
      occurredAt: now,
    });
    if (level === 'BREACHED' && !escalated.has(c.id) && c.escalationLevel !== EscalationLevel.HQ && c.stage !== CaseStage.CLOSED) {
      const key = `${c.franchiseId}/${c.queue}`;
      if (!policies.has(key)) policies.set(key, await policyFor(ctx.em, c.franchiseId, c.queue));
      if (policies.get(key)!.autoEscalateOnBreach) escalate(ctx, c, `SLA breached: ${clock.kind}`, null, { automatic: true, clock: clock.kind });
      escalated.add(c.id);
    }
    const alert = { id: c.id, franchiseId: c.franchiseId, clock: clock.kind, level, dueAt: clock.dueAt.toISOString() };
    await publishLive(ctx, 'cases.sla', alert);
  }
  const clocksByCase = new Map<string, CaseSlaClock[]>();
  for (const clock of await ctx.em.find(CaseSlaClock, { caseId: { $in: [...cases.keys()] } })) clocksByCase.set(clock.caseId, [...(clocksByCase.get(clock.caseId) ?? []), clock]);
  for (const c of cases.values()) {
    summarize(c, clocksByCase.get(c.id) ?? [], now);
    await publishCaseChange(ctx, c, 'updated');
  }
  await ctx.em.flush();
  return { warned, breached };
}

export const slaCheckJob = defineJob<{ now?: string }>({
  name: 'cases.sla-check',
  description: 'SLA warnings and breaches (every minute): marks clocks, escalates breached cases, publishes alerts.',
  cron: '* * * * *',
  run: async (runtime, data) => {
    const ctx = systemContext(runtime);
    return inOperation(ctx, () => checkSlaClocks(ctx, data.now ? new Date(data.now) : clock.now()));
  },
});

export const feedbackCheckJob = defineJob<{ now?: string }>({
  name: 'cases.feedback-check',
  description: 'Cross-department feedback that is unanswered past its answer time, or past its promised resolution, escalates to management (every 5 minutes).',
  cron: '*/5 * * * *',
  run: async (runtime, data) => {
    const ctx = systemContext(runtime);
    return inOperation(ctx, () => escalateOverdueFeedback(ctx, data.now ? new Date(data.now) : clock.now()));
  },
});
