import { CallDirection, CallState, clock, disputeReview, logCall, markCallForReview, QaDisputeOutcome, QaScorecard, QaTargetKind, resolveDispute, StaffUser, submitReview } from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';
import { seedOutboundPlans } from './outbound';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Weeks of calls before today. */
const WEEKS = 6;
const TOP: Record<string, number> = { BINARY: 1, THREE_POINT: 3, FOUR_POINT: 4, FIVE_POINT: 5 };
const DISPOSITIONS = ['咨询', '咨询', '下单', '投诉', '回访'];

/**
 * Calls and quality reviews for both franchises (issue 19), through the services, relative to the
 * clock: six weeks of the two agents' calls logged by hand on working days (agent2 misses one
 * inbound call in three, so their answer rate is under the 90 % target), a few marked for review
 * by the supervisor, the supervisor's reviews of each agent's calls with the default scorecard,
 * one dispute answered (partly accepted) and one still waiting for the reviewer; and the
 * supervisor's outbound plans with their tasks in several states (outbound.ts).
 */
export const callsSeeder: Seeder = {
  name: 'calls',
  async run({ em, logger, shared }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const now = clock.now();
    const replay = new ServiceReplay(em, logger);
    const card = await em.findOneOrFail(QaScorecard, { code: 'default', franchiseId: null });
    const criteria = card.categories.flatMap((c) => c.criteria);
    for (const { key, franchise } of organization.franchises) {
      const person = async (local: string) => (await em.findOneOrFail(StaffUser, { email: `${local}@${key}.demo` })).id;
      const [agent, agent2, supervisor] = [await person('agent'), await person('agent2'), await person('supervisor')];
      const phones = await em.execute<{ phone: string }[]>(`select phone from customer where franchise_id = ? and phone is not null order by record_no limit 20`, [franchise.id]);
      const answered: Record<string, { id: string; version: number; at: Date }[]> = { [agent]: [], [agent2]: [] };
      let n = 0;
      for (let day = WEEKS * 7; day >= 1; day--) {
        const date = new Date(now.getTime() - day * DAY);
        if ([0, 6].includes(new Date(date.getTime() + 8 * 3_600_000).getUTCDay())) continue;
        for (const [who, slot] of [[agent, 0], [agent, 1], [agent, 2], [agent2, 0], [agent2, 1], [agent2, 2]] as const) {
          n++;
          const offeredAt = new Date(date.getTime() - (6 - slot * 2) * 3_600_000 + (n % 7) * MINUTE);
          const inbound = n % 4 !== 0;
          const missed = who === agent2 && inbound && n % 3 === 0;
          const talk = 60 + ((n * 37) % 240);
          const answeredAt = missed ? null : new Date(offeredAt.getTime() + (5 + (n % 20)) * 1000);
          const endedAt = missed ? new Date(offeredAt.getTime() + 30_000) : new Date(answeredAt!.getTime() + talk * 1000);
          const call = await replay.as(who, new Date(endedAt.getTime() + MINUTE), (ctx) =>
            logCall(ctx, {
              direction: inbound ? CallDirection.INBOUND : CallDirection.OUTBOUND,
              number: phones[n % phones.length]!.phone,
              state: missed ? CallState.MISSED : CallState.ENDED,
              offeredAt,
              answeredAt,
              endedAt,
              holdSeconds: n % 5 === 0 ? 20 : 0,
              wrapUpSeconds: 30 + (n % 4) * 15,
              line: '400 客服热线',
              disposition: missed ? null : DISPOSITIONS[n % DISPOSITIONS.length],
            } as never),
          );
          if (!missed) answered[who]!.push({ id: call.id, version: call.version, at: endedAt });
        }
      }
      // The supervisor marks a recent call of each agent and reviews about two calls per agent a week.
      for (const [a, who] of [agent, agent2].entries()) {
        const calls = answered[who]!;
        const marked = calls[calls.length - 2]!;
        await replay.as(supervisor, new Date(marked.at.getTime() + 30 * MINUTE), (ctx) => markCallForReview(ctx, { id: marked.id, version: marked.version, reason: a ? '客户反映答复含糊' : '客户表扬，作为范例' }));
        const reviewed = calls.filter((_, i) => i % 7 === 3);
        for (const [i, call] of reviewed.entries()) {
          const weak = (i + a) % 3 === 0;
          const ratings = criteria.map((c) => ({ criterionKey: c.key, rating: c.key === 'handover' && i % 2 ? null : weak && !c.critical ? Math.max(TOP[c.scale]! - 2, c.scale === 'BINARY' ? 0 : 1) : TOP[c.scale]! }));
          const review = await replay.as(supervisor, new Date(call.at.getTime() + 2 * 3_600_000), (ctx) =>
            submitReview(ctx, { scorecardId: card.id, targetKind: QaTargetKind.CALL, targetId: call.id, ratings, comment: weak ? '解答不够完整，需加强业务知识' : '服务规范', rootCauses: weak ? ['业务知识'] : [] }),
          );
          const last = i === reviewed.length - 1;
          // agent2 disputes two: the older one answered (partly accepted), the latest still waiting for the reviewer.
          if (a === 1 && (last || i === reviewed.length - 3)) {
            const disputed = await replay.as(who, new Date(call.at.getTime() + DAY), (ctx) =>
              disputeReview(ctx, { id: review.id, version: review.version, comment: '当时系统查询缓慢，已向客户说明并按时回电', proposedRatings: [{ criterionKey: 'timely_reply', rating: 5 }] }),
            );
            if (!last)
              await replay.as(supervisor, new Date(call.at.getTime() + 2 * DAY), (ctx) =>
                resolveDispute(ctx, { id: disputed.id, version: disputed.version, outcome: QaDisputeOutcome.PARTLY_ACCEPTED, ratings: [{ criterionKey: 'timely_reply', rating: 4 }], comment: '系统缓慢属实，及时性酌情调整' }),
              );
          }
        }
      }
      const outboundTasks = await seedOutboundPlans(em, replay, { id: franchise.id, key });
      logger.info({ franchise: key, calls: n, outboundTasks }, 'demo calls, QA reviews and outbound plans seeded');
    }
  },
};
