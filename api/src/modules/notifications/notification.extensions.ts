import { onEvent, type EventHandler } from '../../core/plugins/plugin';
import { customerMergeHandlers } from '../customers/customer-merge';
import type { TimelineProvider } from '../customers/customer-timeline';
import { Case, CaseActivity, CaseActivityKind } from '../cases/case.entity';
import { JobTitle, StaffStatus, StaffUser } from '../identity/staff-user.entity';
import { NotificationMessage, NotificationOptOut, NotificationStatus } from './notification.entity';
import { deliverMessage, notifyCustomer, notifyStaff } from './notification.service';

const CHANNEL_LABELS: Record<string, string> = { SMS: '短信', WECHAT: '微信', EMAIL: '邮件' };
const STATUS_LABELS: Record<NotificationStatus, string> = { QUEUED: '待发送', SCHEDULED: '免打扰后发送', SENT: '已发送', FAILED: '发送失败', SUPPRESSED: '未发送' };

/** Every message to a customer on their timeline, with what happened to it (sent, held, not sent and why). */
export const messageTimelineProvider: TimelineProvider = {
  kind: 'message',
  async entries(ctx, customerId, { before, limit }) {
    const rows = await ctx.em.find(NotificationMessage, { customerId, ...(before ? { createdAt: { $lte: before } } : {}) }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
    return rows.map((m) => ({
      kind: 'message',
      key: `message:${m.id}`,
      occurredAt: m.createdAt,
      title: `${CHANNEL_LABELS[m.channel] ?? m.channel} · ${STATUS_LABELS[m.status]}：${m.subject ?? m.kind}`,
      summary: m.status === NotificationStatus.SUPPRESSED ? `${m.body}（${m.statusNote}）` : m.body,
      amount: null,
      refType: 'NotificationMessage',
      refId: m.id,
    }));
  },
};

/**
 * Delivery: each queued customer message goes to its provider as a reaction to its outbox
 * event (retried with backoff, a dead letter after the last try, once per message); and
 * what the cases module's events send: the customer hears when their case is resolved or a
 * solution waits for their confirmation; the owner when a case comes back; supervisors
 * when a VIP opens one. Each reaction sends once per event (dedupe key).
 */
export const notificationEventHandlers: readonly EventHandler<unknown>[] = [
  onEvent({
    event: 'notification.queued',
    name: 'deliver the message',
    async handle(event, { runtime, lastAttempt }) {
      await deliverMessage(runtime, event.messageId, event.franchiseId, { lastAttempt });
    },
  }),
  onEvent({
    event: 'case.transitioned',
    name: 'notify the customer about their case',
    async handle(event, { inFranchise }) {
      const kind = event.to === 'RESOLVED' ? 'case.resolved' : event.action === 'request_confirmation' ? 'case.confirmation_requested' : null;
      if (!kind) return;
      await inFranchise(async (ctx) => {
        const c = await ctx.em.findOne(Case, { id: event.caseId });
        if (!c?.customerId) return;
        const ref = { refType: 'Case', refId: c.id, dedupeKey: `${kind}:${c.id}:${event.occurredAt}` };
        if (kind === 'case.resolved')
          await notifyCustomer(ctx, { kind, customerId: c.customerId, variables: { caseNo: c.caseNo, subject: c.subject, resolutionNote: c.resolutionNote ?? '' }, ...ref });
        else await notifyCustomer(ctx, { kind, customerId: c.customerId, variables: { caseNo: c.caseNo, subject: c.subject, solutionNote: c.solutionNote ?? '' }, ...ref });
      });
    },
  }),
  onEvent({
    event: 'case.transitioned',
    name: 'tell the owner their case was reopened',
    async handle(event, { inFranchise }) {
      if (event.action !== 'reopen') return;
      await inFranchise(async (ctx) => {
        const c = await ctx.em.findOne(Case, { id: event.caseId });
        if (!c?.ownerId || c.ownerId === event.actorId) return;
        const activity = await ctx.em.findOne(CaseActivity, { caseId: c.id, kind: CaseActivityKind.TRANSITION, action: 'reopen' }, { orderBy: { occurredAt: 'desc' } });
        await notifyStaff(ctx, { kind: 'case.reopened', franchiseId: c.franchiseId, staffIds: [c.ownerId], variables: { caseNo: c.caseNo, subject: c.subject, reason: activity?.reason ?? '' }, refType: 'Case', refId: c.id, dedupeKey: `case.reopened:${c.id}:${event.occurredAt}` });
      });
    },
  }),
  onEvent({
    event: 'case.created',
    name: 'tell supervisors about a VIP case',
    async handle(event, { inFranchise }) {
      if (!event.isVip) return;
      await inFranchise(async (ctx) => {
        const c = await ctx.em.findOne(Case, { id: event.caseId });
        if (!c) return;
        const supervisors = await ctx.em.find(StaffUser, { franchiseId: c.franchiseId, jobTitle: JobTitle.SUPERVISOR, status: StaffStatus.ACTIVE }, { fields: ['id'] });
        await notifyStaff(ctx, { kind: 'case.vip_opened', franchiseId: c.franchiseId, staffIds: supervisors.map((s) => s.id), variables: { caseNo: c.caseNo, subject: c.subject }, refType: 'Case', refId: c.id, dedupeKey: `case.vip_opened:${c.id}` });
      });
    },
  }),
] as readonly EventHandler<unknown>[];

/** Messages and opt-outs follow a customer merge (an opt-out the target already has is kept once). */
export const notificationsMergeHandler = customerMergeHandlers.contribute({
  name: 'notification messages',
  async move(ctx, from, to) {
    await ctx.em.execute(`delete from notification_opt_out f using notification_opt_out t where f.customer_id = ? and t.customer_id = ? and coalesce(t.channel, 'ALL') = coalesce(f.channel, 'ALL')`, [from.id, to.id]);
    await ctx.em.nativeUpdate(NotificationOptOut, { customerId: from.id }, { customerId: to.id });
    return ctx.em.nativeUpdate(NotificationMessage, { customerId: from.id }, { customerId: to.id });
  },
});
