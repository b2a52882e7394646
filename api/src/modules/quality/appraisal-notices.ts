import { onEvent, type EventHandler } from '../../core/plugins/plugin';
import { notifyStaff } from '../notifications/notification.service';
import { Appraisal } from './appraisal.entity';

const CONSEQUENCES: Record<string, string> = { NONE: '无', BONUS: '绩效奖励', PROMOTION_PRIORITY: '优先晋升', COACHING: '辅导改进', IMPROVEMENT_PLAN: '改进计划', DEMOTION: '降职' };

/** A finalized appraisal: the agent is told their result and asked to acknowledge it (once per appraisal). */
export const appraisalNoticeHandlers: readonly EventHandler<unknown>[] = [
  onEvent({
    event: 'appraisal.finalized',
    name: 'tell the agent their appraisal result',
    async handle(event, { inFranchise }) {
      await inFranchise(async (ctx) => {
        const appraisal = await ctx.em.findOne(Appraisal, { id: event.appraisalId });
        if (!appraisal) return;
        await notifyStaff(ctx, {
          kind: 'appraisal.finalized',
          franchiseId: appraisal.franchiseId,
          staffIds: [appraisal.agentId],
          variables: { period: appraisal.period, score: appraisal.score == null ? '—' : String(appraisal.score), band: appraisal.bandName ?? '', consequence: CONSEQUENCES[appraisal.consequence ?? 'NONE'] ?? '' },
          refType: 'Appraisal',
          refId: appraisal.id,
          dedupeKey: `appraisal.finalized:${appraisal.id}`,
        });
      });
    },
  }),
];
