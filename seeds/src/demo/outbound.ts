import { clock, createOutboundPlan, NoInterestReason, OutboundOutcome, OutboundPurpose, OutboundTask, recordOutboundOutcome, StaffUser } from '@pharmadesk/api';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceReplay } from '../framework/replay';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** How a demo task ends: an outcome (a reason when not interested), or a follow-up asked for `followUpDays` after the call. */
interface Step {
  outcome: OutboundOutcome;
  reason?: NoInterestReason;
  note?: string;
  followUpDays?: number;
  /** The follow-up's own outcome, worked when it falls due before now (else it stays pending). */
  then?: OutboundOutcome;
}

interface DemoPlan {
  name: string;
  purpose: OutboundPurpose;
  goal: string;
  /** Days before now it was made, and the days after now of its deadline. */
  madeDaysAgo: number;
  deadlineDays: number;
  /** The first tasks' results in seq order; the rest stay pending. */
  steps: Step[];
}

const O = OutboundOutcome;
const R = NoInterestReason;

/** Per franchise: a survey and a sales plan of ten customers each, their first tasks worked, the rest pending. */
const PLANS: DemoPlan[] = [
  {
    name: '季度满意度电话调查',
    purpose: OutboundPurpose.SURVEY,
    goal: '十位老客户中至少七位完成满意度调查',
    madeDaysAgo: 10,
    deadlineDays: 5,
    steps: [
      { outcome: O.CONVERTED, note: '已完成调查，对药师服务满意' },
      { outcome: O.CONVERTED },
      { outcome: O.UNREACHED, followUpDays: 3, then: O.CONVERTED },
      { outcome: O.NOT_INTERESTED, reason: R.BAD_TIMING, note: '客户正在上班，不便接听' },
      { outcome: O.INTERESTED, followUpDays: 12, note: '同意周末再做调查' },
      { outcome: O.UNREACHED },
    ],
  },
  {
    name: '慢病用药续方推荐',
    purpose: OutboundPurpose.SALES,
    goal: '为降压、降糖药即将用完的客户推荐续方，成交五成',
    madeDaysAgo: 8,
    deadlineDays: 10,
    steps: [
      { outcome: O.CONVERTED, note: '续购降压药两盒，门店自提' },
      { outcome: O.NOT_INTERESTED, reason: R.PRICE },
      { outcome: O.NOT_INTERESTED, reason: R.ALREADY_BOUGHT, note: '已在医院开药' },
      { outcome: O.INTERESTED, followUpDays: 2, then: O.CONVERTED, note: '需与家人商量' },
      { outcome: O.NOT_INTERESTED, reason: R.OTHER, note: '计划更换用药方案，待复诊后再定' },
      { outcome: O.INTERESTED, followUpDays: 11, note: '下次到店时详谈' },
      { outcome: O.UNREACHED },
    ],
  },
];

/**
 * The demo's outbound plans (issue 19), through the services, relative to the clock: in each
 * franchise the supervisor makes a survey plan and a sales plan for the two agents; the agents
 * work the first tasks over the following days (calls logged with them): converted, reached
 * with no interest and the reason, unreached, follow-ups (one worked since, one still due), the
 * rest pending, so the outbound pages and their progress figures show something.
 */
export async function seedOutboundPlans(em: EntityManager, replay: ServiceReplay, franchise: { id: string; key: string }): Promise<number> {
  const now = clock.now();
  const person = async (local: string) => (await em.findOneOrFail(StaffUser, { email: `${local}@${franchise.key}.demo` })).id;
  const [agent, agent2, supervisor] = [await person('agent'), await person('agent2'), await person('supervisor')];
  // Customers past the ones the demo's calls use (the first 20 by record number), with a phone.
  const customers = await em.execute<{ id: string }[]>(`select id from customer where franchise_id = ? and phone is not null order by record_no offset 20 limit 20`, [franchise.id]);
  let worked = 0;
  for (const [p, spec] of PLANS.entries()) {
    const made = new Date(now.getTime() - spec.madeDaysAgo * DAY);
    const plan = await replay.as(supervisor, made, (ctx) =>
      createOutboundPlan(ctx, {
        name: spec.name,
        purpose: spec.purpose,
        goal: spec.goal,
        assigneeIds: [agent, agent2],
        deadline: new Date(now.getTime() + spec.deadlineDays * DAY),
        targets: { customerIds: customers.slice(p * 10, p * 10 + 10).map((c) => c.id) },
      } as never),
    );
    const tasks = await em.find(OutboundTask, { planId: plan.id }, { orderBy: { seq: 'asc' } });
    em.clear();
    for (const [i, step] of spec.steps.entries()) {
      const task = tasks[i]!;
      // One task a working morning after the plan was made, each call a few minutes.
      const at = new Date(made.getTime() + (1 + Math.floor(i / 2)) * DAY + (i % 2) * 2 * HOUR);
      const work = (id: string, version: number, when: Date, s: Step) =>
        replay.as(task.assigneeId, when, (ctx) =>
          recordOutboundOutcome(ctx, {
            id,
            version,
            outcome: s.outcome,
            noInterestReason: s.reason ?? null,
            note: s.note ?? null,
            followUpAt: s.followUpDays ? new Date(when.getTime() + s.followUpDays * DAY) : null,
            call: s.outcome === O.UNREACHED ? { offeredAt: new Date(when.getTime() - 2 * MINUTE) } : { offeredAt: new Date(when.getTime() - 6 * MINUTE), answeredAt: new Date(when.getTime() - 6 * MINUTE + 12_000), endedAt: new Date(when.getTime() - MINUTE) },
          } as never),
        );
      await work(task.id, task.version, at, step);
      worked++;
      const due = step.followUpDays ? new Date(at.getTime() + step.followUpDays * DAY) : null;
      if (due && step.then && due.getTime() + HOUR < now.getTime()) {
        const followUp = await em.findOneOrFail(OutboundTask, { followUpOfId: task.id });
        em.clear();
        await work(followUp.id, followUp.version, new Date(due.getTime() + HOUR), { outcome: step.then, note: '跟进回访' });
        worked++;
      }
    }
  }
  return worked;
}
