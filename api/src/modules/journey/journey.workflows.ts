import { calendarDate, clock } from '../../core/clock';
import { textField, type TransitionAction, type WorkflowDefinition } from '../../core/workflow/workflow';
import { endOfWorkingDays } from '../cases/business-time';
import { policyFor } from '../cases/sla.service';
import { TestOrder, TestOrderLine } from './journey.entity';
import { JourneyPermission } from './journey.permissions';

/**
 * The client service journey of a test order, as data on the workflow engine (plugins extend it
 * per franchise): prescribed → sampling (kit shipped, or sampled on site; the report date is set)
 * → sample received and checked: testing, or rejected with a reason (sampled again) → report
 * received from the lab → under review by the consulting department → released (the doctor and
 * health manager are told) → the doctor's summary: paper report in production → made → sent or
 * collected (the report is delivered) → interpreted with the customer. Cancelled before testing.
 */

const P = JourneyPermission;
const now = () => clock.now();
const userId = (run: { ctx: { actor?: { kind: string; id: string } | null } }) => (run.ctx.actor?.kind === 'user' ? run.ctx.actor.id : null);

/** Sampling starts the lab's clock: the report is due the slowest item's turnaround in working days of the franchise's calendar later. */
const startSampling: TransitionAction<TestOrder> = async ({ ctx, record }) => {
  const at = now();
  const lines = await ctx.em.find(TestOrderLine, { testOrderId: record.id }, { fields: ['turnaroundDays'] });
  const days = Math.max(1, ...lines.map((l) => l.turnaroundDays));
  const { calendar } = await policyFor(ctx.em, record.franchiseId, 'general');
  Object.assign(record, { sampledAt: at, rejectionReason: null, expectedReportOn: calendarDate(endOfWorkingDays(calendar, at, days), calendar.timeZone) });
};

const reject: TransitionAction<TestOrder> = ({ record, input }) => {
  record.rejectionReason = String(input.reason).trim();
};

const receiveReport: TransitionAction<TestOrder> = ({ record, input }) => {
  Object.assign(record, { labReportId: input.labReportId as string, labResults: input.results ?? [], labFiles: input.files ?? [], reportReceivedAt: now() });
};

const release: TransitionAction<TestOrder> = (run) => {
  Object.assign(run.record, { releasedAt: now(), releasedById: userId(run) });
};

const summarize: TransitionAction<TestOrder> = ({ record, input }) => {
  record.summary = String(input.summary).trim();
};

const deliver =
  (method: 'SENT' | 'COLLECTED'): TransitionAction<TestOrder> =>
  ({ record, input }) => {
    Object.assign(record, { deliveryMethod: method, deliveredAt: now(), trackingNo: (input.trackingNo as string | undefined)?.trim() || null });
  };

const interpret: TransitionAction<TestOrder> = ({ record }) => {
  record.interpretedAt = now();
};

const cancel: TransitionAction<TestOrder> = ({ record, input }) => {
  record.cancelReason = String(input.reason).trim();
};

const REASON = textField('reason', 'a reason');

export const TEST_ORDER_WORKFLOW = 'test_order';

/** Stages of the journey board (a plugin's extra state names its stage). */
export enum JourneyStage {
  PRESCRIBED = 'PRESCRIBED',
  SAMPLING = 'SAMPLING',
  LAB = 'LAB',
  REVIEW = 'REVIEW',
  REPORT = 'REPORT',
  DELIVERED = 'DELIVERED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

export const testOrderWorkflow: WorkflowDefinition<TestOrder> = {
  name: TEST_ORDER_WORKFLOW,
  label: '检测服务流程 Test service journey',
  initial: 'PRESCRIBED',
  states: [
    { name: 'PRESCRIBED', label: '已开单 Prescribed', stage: JourneyStage.PRESCRIBED },
    { name: 'SAMPLING', label: '采样中 Sampling', stage: JourneyStage.SAMPLING },
    { name: 'SAMPLE_REJECTED', label: '样本不合格 Sample rejected', stage: JourneyStage.SAMPLING },
    { name: 'TESTING', label: '检测中 Testing', stage: JourneyStage.LAB },
    { name: 'REPORT_RECEIVED', label: '报告已回传 Report received', stage: JourneyStage.REVIEW },
    { name: 'UNDER_REVIEW', label: '报告审核中 Under review', stage: JourneyStage.REVIEW },
    { name: 'RELEASED', label: '报告已发布 Released', stage: JourneyStage.REPORT },
    { name: 'IN_PRODUCTION', label: '纸质报告制作中 Paper report in production', stage: JourneyStage.REPORT },
    { name: 'READY', label: '纸质报告已制作 Paper report made', stage: JourneyStage.REPORT },
    { name: 'DELIVERED', label: '报告已寄出/领取 Sent or collected', stage: JourneyStage.DELIVERED },
    { name: 'INTERPRETED', label: '已解读确认 Interpreted', stage: JourneyStage.DONE },
    { name: 'CANCELLED', label: '已取消 Cancelled', stage: JourneyStage.CANCELLED },
  ],
  transitions: [
    { action: 'ship_kit', label: 'ship the sampling kit', from: ['PRESCRIBED'], to: 'SAMPLING', permission: P['test:sample'], actions: [startSampling] },
    { action: 'sample_on_site', label: 'take the sample on site', from: ['PRESCRIBED'], to: 'SAMPLING', permission: P['test:sample'], actions: [startSampling] },
    { action: 'resample', label: 'take a new sample', from: ['SAMPLE_REJECTED'], to: 'SAMPLING', permission: P['test:sample'], actions: [startSampling] },
    { action: 'accept_sample', label: 'accept the sample (received and checked) and start testing', from: ['SAMPLING'], to: 'TESTING', permission: P['test:lab'] },
    { action: 'reject_sample', label: 'reject the sample', from: ['SAMPLING'], to: 'SAMPLE_REJECTED', permission: P['test:lab'], requiredFields: [REASON], actions: [reject] },
    // Posted by the lab partner's key (lab-report.service.ts) with the lab's report id, results and files.
    { action: 'receive_report', label: 'receive the lab’s report', from: ['TESTING'], to: 'REPORT_RECEIVED', permission: P['lab:report'], requiredFields: [textField('labReportId', 'the lab’s report id', 100)], actions: [receiveReport] },
    { action: 'start_review', label: 'review the report', from: ['REPORT_RECEIVED'], to: 'UNDER_REVIEW', permission: P['test:lab'] },
    { action: 'release', label: 'release the report', from: ['UNDER_REVIEW'], to: 'RELEASED', permission: P['test:lab'], actions: [release] },
    { action: 'write_summary', label: 'write the summary report', from: ['RELEASED'], to: 'IN_PRODUCTION', permission: P['test:prescribe'], requiredFields: [textField('summary', 'the summary', 10_000)], actions: [summarize] },
    { action: 'finish_production', label: 'finish the paper report', from: ['IN_PRODUCTION'], to: 'READY', permission: P['test:lab'] },
    { action: 'send_report', label: 'send the paper report', from: ['READY'], to: 'DELIVERED', permission: P['test:sample'], actions: [deliver('SENT')] },
    { action: 'collect_report', label: 'hand the paper report over', from: ['READY'], to: 'DELIVERED', permission: P['test:sample'], actions: [deliver('COLLECTED')] },
    { action: 'interpret', label: 'interpret the report with the customer', from: ['DELIVERED'], to: 'INTERPRETED', permission: P['test:prescribe'], actions: [interpret] },
    { action: 'cancel', label: 'cancel the test order', from: ['PRESCRIBED', 'SAMPLING', 'SAMPLE_REJECTED'], to: 'CANCELLED', permission: P['test:prescribe'], requiredFields: [REASON], actions: [cancel] },
  ],
};
