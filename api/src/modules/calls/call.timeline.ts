import type { TimelineProvider } from '../customers/customer-timeline';
import { CallDirection, CallRecord, CallState } from './call.entity';

const STATE: Record<CallState, string> = { RINGING: '振铃中', ANSWERED: '通话中', ENDED: '已接通', ABANDONED: '客户放弃', MISSED: '未接', FAILED: '呼叫失败' };

const minutes = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${s} 秒`);

/** The customer's calls on their timeline: direction, how it went, talk time, disposition. */
export const callTimelineProvider: TimelineProvider = {
  kind: 'call',
  async entries(ctx, customerId, { before, limit }) {
    const rows: Pick<CallRecord, 'id' | 'direction' | 'state' | 'offeredAt' | 'talkSeconds' | 'disposition' | 'note'>[] = await ctx.em
      .createQueryBuilder(CallRecord, 'c')
      .select(['id', 'direction', 'state', 'offeredAt', 'talkSeconds', 'disposition', 'note'])
      .where({ customerId, ...(before ? { offeredAt: { $lte: before } } : {}) })
      .orderBy([{ offeredAt: 'desc' }, { id: 'desc' }])
      .limit(limit)
      .execute('all');
    return rows.map((c) => ({
      kind: 'call',
      key: `call:${c.id}`,
      occurredAt: new Date(c.offeredAt),
      title: c.direction === CallDirection.INBOUND ? '来电' : '去电',
      summary: [STATE[c.state as CallState], c.talkSeconds ? `通话 ${minutes(c.talkSeconds)}` : null, c.disposition, c.note].filter(Boolean).join(' · '),
      refType: 'CallRecord',
      refId: c.id,
    }));
  },
};
