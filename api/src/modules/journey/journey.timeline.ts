import type { TimelineProvider } from '../customers/customer-timeline';
import { workflowFor } from '../../core/plugins/workflows';
import { ConsultationRecord, Prescription } from './care.entity';
import { TestOrder, TestOrderStep } from './journey.entity';

/** Every step of the customer's test orders on their timeline, with the order's amount (yuan). */
export const journeyTimelineProvider: TimelineProvider = {
  kind: 'test',
  async entries(ctx, customerId, { before, limit }) {
    const steps = await ctx.em.find(
      TestOrderStep,
      { customerId, ...(before ? { createdAt: { $lte: before } } : {}) },
      { fields: ['id', 'franchiseId', 'testOrderId', 'action', 'toState', 'reason', 'createdAt'], orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit },
    );
    if (!steps.length) return [];
    const orders = new Map((await ctx.em.find(TestOrder, { id: { $in: [...new Set(steps.map((s) => s.testOrderId))] } }, { fields: ['id', 'franchiseId', 'workflow', 'testOrderNo', 'totalCents'] })).map((o) => [o.id, o]));
    const labels = new Map<string, Map<string, string>>();
    for (const o of orders.values()) {
      const key = `${o.franchiseId}/${o.workflow}`;
      if (!labels.has(key)) labels.set(key, new Map((await workflowFor(ctx.em, o.franchiseId, o.workflow)).states.map((s) => [s.name, s.label])));
    }
    return steps.flatMap((s) => {
      const o = orders.get(s.testOrderId);
      if (!o) return [];
      const label = labels.get(`${o.franchiseId}/${o.workflow}`)?.get(s.toState) ?? s.toState;
      return [{ kind: 'test', key: `test:${s.id}`, occurredAt: s.createdAt, title: `检测单 ${o.testOrderNo}：${label}`, summary: s.reason ?? null, amount: o.totalCents / 100, refType: 'TestOrder', refId: o.id }];
    });
  },
};

/** Consultation records on the customer's timeline (the health record number and the doctor's notes). */
export const consultationTimelineProvider: TimelineProvider = {
  kind: 'consultation',
  async entries(ctx, customerId, { before, limit }) {
    const rows = await ctx.em.find(ConsultationRecord, { customerId, ...(before ? { createdAt: { $lte: before } } : {}) }, { fields: ['id', 'recordNo', 'notes', 'createdAt'], orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit });
    return rows.map((r) => ({ kind: 'consultation', key: `consultation:${r.id}`, occurredAt: r.createdAt, title: `问诊记录 ${r.recordNo}`, summary: r.notes ?? null, amount: null, refType: 'ConsultationRecord', refId: r.id }));
  },
};

/** Prescriptions on the customer's timeline, with what was prescribed and the days it lasts. */
export const prescriptionTimelineProvider: TimelineProvider = {
  kind: 'prescription',
  async entries(ctx, customerId, { before, limit }) {
    const rows = await ctx.em.find(Prescription, { customerId, ...(before ? { createdAt: { $lte: before } } : {}) }, { fields: ['id', 'prescriptionNo', 'lines', 'createdAt'], orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit });
    return rows.map((r) => ({
      kind: 'prescription',
      key: `prescription:${r.id}`,
      occurredAt: r.createdAt,
      title: `处方 ${r.prescriptionNo}`,
      summary: r.lines.map((l) => `${l.productName} × ${l.quantity}（每日 ${l.dailyAmount}，可用 ${l.consumptionDays} 天）`).join('；'),
      amount: null,
      refType: 'Prescription',
      refId: r.id,
    }));
  },
};
