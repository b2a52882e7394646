import type { TimelineProvider } from '../customers/customer-timeline';
import { CallbackStatus, CallbackTask } from './callback.entity';
import { callbackOutcomeLabel } from './callback.service';
import { SatisfactionRequest, SatisfactionRequestStatus } from './satisfaction-request.entity';

const CHANNEL: Record<string, string> = { PHONE: '电话', SMS: '短信', WECHAT: '微信', IN_STORE: '到店', ONLINE: '在线' };

/** Answered surveys on the customer's timeline: the rating, NPS and suggestions. */
export const surveyTimelineProvider: TimelineProvider = {
  kind: 'survey',
  async entries(ctx, customerId, { before, limit }) {
    const rows: Pick<SatisfactionRequest, 'id' | 'sourceRef' | 'rating' | 'npsScore' | 'suggestion' | 'answeredAt' | 'channel'>[] = await ctx.em
      .createQueryBuilder(SatisfactionRequest, 'r')
      .select(['id', 'sourceRef', 'rating', 'npsScore', 'suggestion', 'answeredAt', 'channel'])
      .where({ customerId, status: SatisfactionRequestStatus.ANSWERED, ...(before ? { answeredAt: { $lte: before } } : {}) })
      .orderBy([{ answeredAt: 'desc' }, { id: 'desc' }])
      .limit(limit)
      .execute('all');
    return rows.map((r) => ({
      kind: 'survey',
      key: `survey:${r.id}`,
      occurredAt: r.answeredAt!,
      title: `满意度调查：${r.sourceRef}`,
      summary: [r.rating != null ? `满意度 ${r.rating}/5` : null, r.npsScore != null ? `推荐 ${r.npsScore}/10` : null, r.channel ? CHANNEL[r.channel] : null, r.suggestion ? `建议：${r.suggestion}` : null].filter(Boolean).join(' · '),
      refType: 'SatisfactionRequest',
      refId: r.id,
    }));
  },
};

/** Callbacks made (each outcome recorded) on the customer's timeline. */
export const callbackTimelineProvider: TimelineProvider = {
  kind: 'callback',
  async entries(ctx, customerId, { before, limit }) {
    const rows: Pick<CallbackTask, 'id' | 'title' | 'status' | 'attempts' | 'note' | 'caseId' | 'updatedAt'>[] = await ctx.em
      .createQueryBuilder(CallbackTask, 't')
      .select(['id', 'title', 'status', 'attempts', 'note', 'caseId', 'updatedAt'])
      .where({ customerId, attempts: { $gt: 0 }, ...(before ? { updatedAt: { $lte: before } } : {}) })
      .orderBy([{ updatedAt: 'desc' }, { id: 'desc' }])
      .limit(limit)
      .execute('all');
    return rows.map((t) => ({
      kind: 'callback',
      key: `callback:${t.id}`,
      occurredAt: t.updatedAt,
      title: `回访：${t.title}`,
      summary: [callbackOutcomeLabel(t.status as CallbackStatus), t.attempts > 1 ? `第 ${t.attempts} 次拨打` : null, t.note, t.caseId ? '已转工单' : null].filter(Boolean).join(' · '),
      refType: 'CallbackTask',
      refId: t.id,
    }));
  },
};
