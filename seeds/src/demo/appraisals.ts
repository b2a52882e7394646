import { acknowledgeAppraisal, Appraisal, AppraisalKind, clock, evaluateAppraisal, finalizeAppraisal, openAppraisalCycle, StaffUser, submitSelfEvaluation } from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const KEYS = ['attitude', 'ability', 'efficiency', 'teamwork'] as const;
const form = (scores: readonly number[]) => KEYS.map((key, i) => ({ key, score: scores[i]! }));

/** The month (YYYY-MM) of an instant in Asia/Shanghai, the demo franchises' zone, and its first instant there. */
function month(at: Date): { period: string; starts: Date } {
  const local = new Date(at.getTime() + 8 * HOUR);
  const period = local.toISOString().slice(0, 7);
  return { period, starts: new Date(Date.parse(`${period}-01T00:00:00+08:00`)) };
}

/**
 * Appraisals for both franchises (issue 19), through the services, relative to the clock: last
 * month's cycle with the HQ default plan (parts from the calls, reviews and surveys seeded before),
 * each agent's self-evaluation, the supervisor's evaluation and the result finalized on its last
 * day; the first agent has acknowledged theirs. This month's cycle is open, the first agent's self-evaluation in.
 */
export const appraisalsSeeder: Seeder = {
  name: 'appraisals',
  async run({ em, logger, shared }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const now = clock.now();
    const current = month(now);
    const previous = month(new Date(current.starts.getTime() - DAY));
    const replay = new ServiceReplay(em, logger);
    for (const { key } of organization.franchises) {
      const person = async (local: string) => (await em.findOneOrFail(StaffUser, { email: `${local}@${key}.demo` })).id;
      const [agent, agent2, supervisor] = [await person('agent'), await person('agent2'), await person('supervisor')];
      const mine = (cycleId: string, who: string) => em.findOneOrFail(Appraisal, { cycleId, agentId: who }, { refresh: true });

      // Last month: opened on its first day; the forms and the result on its last day; the first agent acknowledged since.
      const lastDay = current.starts.getTime() - 14 * HOUR; // 10:00 on the month's last day
      const last = await replay.as(supervisor, new Date(previous.starts.getTime() + 9 * HOUR), (ctx) => openAppraisalCycle(ctx, { kind: AppraisalKind.MONTHLY, period: previous.period }));
      for (const [i, who] of [agent, agent2].entries()) {
        const strong = i === 0;
        let a = await mine(last.id, who);
        a = await replay.as(who, new Date(lastDay + i * 10 * 60_000), (ctx) =>
          submitSelfEvaluation(ctx, { id: a.id, version: a.version, ratings: form(strong ? [95, 90, 90, 95] : [85, 80, 75, 90]), comment: strong ? '本月回访全部按时完成，投诉零升级' : '接通率偏低，下月改进排班' }),
        );
        a = await replay.as(supervisor, new Date(lastDay + (2 + i) * HOUR), (ctx) =>
          evaluateAppraisal(ctx, { id: a.id, version: a.version, ratings: form(strong ? [95, 92, 90, 95] : [80, 70, 60, 85]), comment: strong ? '服务规范，业务熟练' : '业务知识需加强，接通率未达标' }),
        );
        a = await replay.as(supervisor, new Date(lastDay + (4 + i) * HOUR), (ctx) => finalizeAppraisal(ctx, { id: a.id, version: a.version }));
        const finalizedAt = lastDay + (4 + i) * HOUR;
        if (strong) await replay.as(who, new Date(Math.max(finalizedAt + HOUR, Math.min(now.getTime() - 30 * 60_000, current.starts.getTime() + DAY + 9 * HOUR))), (ctx) => acknowledgeAppraisal(ctx, { id: a.id, version: a.version, comment: '认可，继续保持' }));
      }

      // This month: open, the first agent has filled the self-evaluation (both before the clock, however early in the month it is).
      const openAt = Math.max(current.starts.getTime() + 60_000, Math.min(now.getTime() - 20 * 60_000, current.starts.getTime() + 9 * HOUR));
      const open = await replay.as(supervisor, new Date(openAt), (ctx) => openAppraisalCycle(ctx, { kind: AppraisalKind.MONTHLY, period: current.period }));
      const a = await mine(open.id, agent);
      await replay.as(agent, new Date(Math.max(openAt + 60_000, Math.min(now.getTime() - 10 * 60_000, current.starts.getTime() + 2 * DAY + 11 * HOUR))), (ctx) =>
        submitSelfEvaluation(ctx, { id: a.id, version: a.version, ratings: form([90, 90, 85, 95]), comment: '本月进行中' }),
      );
      logger.info({ franchise: key, previous: previous.period, current: current.period }, 'demo appraisals seeded');
    }
  },
};
