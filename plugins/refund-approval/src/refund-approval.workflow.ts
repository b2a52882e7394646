import { textField, CaseStage, ReturnKind, ReturnStage, SolutionType, type Case, type ReturnRequest, type PluginAction, type PluginGuard, type TransitionRun, type WorkflowExtension } from '@pharmadesk/api';
import { RefundApproval, RefundApprovalStatus } from './refund-approval.entity';
import { clock } from '@pharmadesk/api';

export interface RefundApprovalOptions {
  threshold: number;
}

export const AWAITING_APPROVAL = 'AWAITING_REFUND_APPROVAL';
export const APPROVE = 'refund:approve';

/** A refund or compensation strictly above the franchise's threshold waits for approval; anything else goes on as before. */
export function needsApproval(input: Record<string, unknown>, options: RefundApprovalOptions): boolean {
  const type = input.solutionType as SolutionType;
  const amount = Number(input.solutionAmount);
  return (type === SolutionType.REFUND || type === SolutionType.COMPENSATION) && Number.isFinite(amount) && amount > options.threshold;
}

const pending = (run: TransitionRun<Case>) => run.ctx.em.findOne(RefundApproval, { caseId: run.record.id, status: RefundApprovalStatus.PENDING }, { orderBy: { createdAt: 'desc' } });

const requestApproval: PluginAction<Case, RefundApprovalOptions> = (run, options) => {
  if (run.to !== AWAITING_APPROVAL) return;
  const c = run.record;
  run.ctx.em.create(RefundApproval, {
    franchiseId: c.franchiseId,
    caseId: c.id,
    caseNo: c.caseNo,
    solutionType: c.solutionType!,
    amountValue: Number(run.input.solutionAmount).toFixed(2),
    thresholdValue: options.threshold.toFixed(2),
    requestedById: run.ctx.actor!.id,
  });
};

/** Four eyes: whoever proposed the refund does not approve it. */
const notOwnRequest: PluginGuard<Case, RefundApprovalOptions> = async (run) => {
  const request = await pending(run);
  return request?.requestedById === run.ctx.actor!.id ? { reason: 'OWN_REFUND_REQUEST', message: 'you proposed this refund; another holder of refund:approve must decide it' } : null;
};

const decide =
  (status: RefundApprovalStatus): PluginAction<Case, RefundApprovalOptions> =>
  async (run) => {
    const request = await pending(run);
    if (request) Object.assign(request, { status, decidedById: run.ctx.actor!.id, decidedAt: clock.now(), decisionNote: (run.input.reason ?? run.input.note ?? null) as string | null });
  };

export const complaintRefundApproval: WorkflowExtension<Case, RefundApprovalOptions> = {
  extends: 'complaint',
  states: [{ name: AWAITING_APPROVAL, label: '待退款审批 Awaiting refund approval', stage: CaseStage.OPEN }],
  amend: [
    {
      action: 'propose_solution',
      branches: [{ to: AWAITING_APPROVAL, when: (run, options) => needsApproval(run.input, options) }],
      actions: [requestApproval],
    },
  ],
  transitions: [
    { action: 'approve_refund', label: 'approve the refund', from: [AWAITING_APPROVAL], to: 'SOLUTION_PROPOSED', permission: APPROVE, guards: [notOwnRequest], actions: [decide(RefundApprovalStatus.APPROVED)] },
    {
      action: 'reject_refund',
      label: 'reject the refund',
      from: [AWAITING_APPROVAL],
      to: 'INVESTIGATING',
      permission: APPROVE,
      requiredFields: [textField('reason', 'a reason')],
      guards: [notOwnRequest],
      actions: [decide(RefundApprovalStatus.REJECTED)],
    },
  ],
};

export const REFUND_REJECTED = 'REFUND_REJECTED';

/** A real refund of a return above the threshold (yuan; the return counts in cents) waits for approval after the inspection. */
export function returnNeedsApproval(refundCents: unknown, options: RefundApprovalOptions): boolean {
  const cents = Number(refundCents);
  return Number.isFinite(cents) && cents > Math.round(options.threshold * 100);
}

/** Four eyes on returns too: whoever inspected (and so set the amount) does not approve it. */
const notOwnInspection: PluginGuard<ReturnRequest, RefundApprovalOptions> = (run) =>
  run.record.inspectedById === run.ctx.actor!.id ? { reason: 'OWN_REFUND_REQUEST', message: 'you inspected this return and set its refund; another holder of refund:approve must decide it' } : null;

export const returnRefundApproval: WorkflowExtension<ReturnRequest, RefundApprovalOptions> = {
  extends: 'return_request',
  states: [
    { name: AWAITING_APPROVAL, label: '待退款审批 Awaiting refund approval', stage: ReturnStage.SETTLEMENT },
    { name: REFUND_REJECTED, label: '退款未获批准 Refund not approved', stage: ReturnStage.REJECTED },
  ],
  amend: [{ action: 'inspect', branches: [{ to: AWAITING_APPROVAL, when: (run, options) => run.record.kind === ReturnKind.REFUND && returnNeedsApproval(run.input.refundCents, options) }] }],
  transitions: [
    {
      action: 'approve_refund',
      label: 'approve the refund',
      from: [AWAITING_APPROVAL],
      to: 'REFUND_PENDING',
      permission: APPROVE,
      guards: [notOwnInspection],
      actions: [(run) => void Object.assign(run.record, { refundApprovedById: run.ctx.actor!.id, refundApprovedAt: clock.now() })],
    },
    {
      action: 'reject_refund',
      label: 'reject the refund',
      from: [AWAITING_APPROVAL],
      to: REFUND_REJECTED,
      permission: APPROVE,
      requiredFields: [textField('reason', 'a reason')],
      guards: [notOwnInspection],
    },
  ],
};
