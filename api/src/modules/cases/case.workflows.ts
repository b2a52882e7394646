import { oneOfField, textField, type Guard, type RequiredField, type TransitionAction, type WorkflowDefinition } from '../../core/workflow/workflow';
import { BadUserInputError } from '../../core/errors';
import { StaffUser } from '../identity/staff-user.entity';
import { caseResolvedHandlers } from './case-resolution';
import { Case, CaseStage, CaseType, SolutionType } from './case.entity';
import { CasePermission } from './case.permissions';
import { SlaClockKind } from './sla.entity';
import { meetClocks } from './sla.service';
import { clock } from '../../core/clock';

/**
 * The built-in case workflows, as data (the interpreter is core/workflow). Complaints and
 * after-sales requests follow `complaint`; consultations, medication consultations, order
 * inquiries, suggestions and praise follow `consultation`. The core plugin (src/plugins.ts)
 * registers them; plugins extend them per franchise.
 */

const staffName = async (run: Parameters<Guard<Case>>[0], id: string) =>
  (await run.ctx.em.findOne(StaffUser, { id }, { filters: false }))?.displayName ?? id;

/** First-responder rule: only the owner, a referred expert, or a supervisor (case:manage) acts on an owned case. */
const handlerOnly: Guard<Case> = async (run) => {
  const actor = run.ctx.actor!;
  const c = run.record;
  if (!c.ownerId || c.ownerId === actor.id || c.expertId === actor.id || actor.permissions.has(CasePermission['case:manage'])) return null;
  const owner = await staffName(run, c.ownerId);
  return { reason: 'HANDLED_BY_OTHER', params: { caseNo: c.caseNo, owner }, message: `case ${c.caseNo} is handled by ${owner} (first responder); ask them or a supervisor to transfer it` };
};

/** A medication consultation is answered by a pharmacist or doctor (referral, not passing off). */
const expertAnswersMedication: Guard<Case> = (run) =>
  run.record.type === CaseType.MEDICATION_CONSULTATION && !run.ctx.actor!.permissions.has(CasePermission['case:expert'])
    ? { reason: 'EXPERT_ANSWERS_MEDICATION', message: 'a medication consultation must be answered by a pharmacist or doctor; refer it with referCaseToExpert' }
    : null;

const solutionNeedsAmount: Guard<Case> = (run) => {
  const type = run.input.solutionType as SolutionType;
  const amount = run.input.solutionAmount as number | null | undefined;
  if ((type === SolutionType.REFUND || type === SolutionType.COMPENSATION) && !(typeof amount === 'number' && amount > 0))
    throw new BadUserInputError({ field: 'solutionAmount', message: `a ${type.toLowerCase()} needs an amount greater than 0`, reason: 'AMOUNT_REQUIRED', params: { solutionType: type } });
  if (typeof amount === 'number' && (amount < 0 || amount > 1_000_000)) throw new BadUserInputError({ field: 'solutionAmount', message: 'must be between 0 and 1,000,000', reason: 'OUT_OF_RANGE', params: { min: 0, max: 1_000_000 } });
  return null;
};

const takeOwnership: TransitionAction<Case> = ({ ctx, record }) => {
  if (!record.ownerId) Object.assign(record, { ownerId: ctx.actor!.id, ownedSince: clock.now() });
};

/** Proposing a solution ends the complaint's verification clock (initial verification within N working days). */
const recordSolution: TransitionAction<Case> = async ({ ctx, record, input }) => {
  await meetClocks(ctx.em, record, [SlaClockKind.VERIFICATION]);
  Object.assign(record, {
    solutionType: input.solutionType as SolutionType,
    solutionAmountValue: input.solutionAmount == null ? null : Number(input.solutionAmount).toFixed(2),
    solutionNote: input.solutionNote as string,
  });
};

const markResolved: TransitionAction<Case> = async ({ ctx, record, input }) => {
  Object.assign(record, { resolvedAt: clock.now(), customerSatisfied: true, resolutionNote: (input.resolutionNote as string | undefined) ?? record.resolutionNote });
  for (const handler of caseResolvedHandlers.all()) await handler.resolved(ctx, record);
};

const markReopened: TransitionAction<Case> = ({ record }) => {
  Object.assign(record, { reopenCount: record.reopenCount + 1, customerSatisfied: false, resolvedAt: null, closedAt: null });
};

const markClosed: TransitionAction<Case> = ({ record }) => {
  record.closedAt = clock.now();
};



const SOLUTION_FIELDS: RequiredField[] = [
  oneOfField('solutionType', 'the solution type', Object.values(SolutionType)),
  textField('solutionNote', 'the solution described for the customer', 5000),
];

const work = CasePermission['case:work'];

export const complaintWorkflow: WorkflowDefinition<Case> = {
  name: 'complaint',
  label: '投诉 / 售后 Complaint and after-sales',
  initial: 'NEW',
  states: [
    { name: 'NEW', label: '待受理 New', stage: CaseStage.NEW },
    { name: 'ACCEPTED', label: '已受理 Accepted', stage: CaseStage.OPEN },
    { name: 'INVESTIGATING', label: '调查中 Investigating', stage: CaseStage.OPEN },
    { name: 'SOLUTION_PROPOSED', label: '已提出方案 Solution proposed', stage: CaseStage.OPEN },
    { name: 'AWAITING_CONFIRMATION', label: '待客户确认 Awaiting customer confirmation', stage: CaseStage.PENDING_CUSTOMER },
    { name: 'RESOLVED', label: '已解决 Resolved', stage: CaseStage.RESOLVED },
    { name: 'CLOSED', label: '已关闭 Closed', stage: CaseStage.CLOSED },
  ],
  transitions: [
    { action: 'accept', label: 'accept the case', from: ['NEW'], to: 'ACCEPTED', permission: work, guards: [handlerOnly], actions: [takeOwnership] },
    { action: 'start_investigation', label: 'start the investigation', from: ['ACCEPTED'], to: 'INVESTIGATING', permission: work, guards: [handlerOnly] },
    { action: 'propose_solution', label: 'propose a solution', from: ['INVESTIGATING'], to: 'SOLUTION_PROPOSED', permission: work, requiredFields: SOLUTION_FIELDS, guards: [handlerOnly, solutionNeedsAmount], actions: [recordSolution] },
    { action: 'request_confirmation', label: 'ask the customer to confirm', from: ['SOLUTION_PROPOSED'], to: 'AWAITING_CONFIRMATION', permission: work, guards: [handlerOnly] },
    { action: 'resolve', label: 'resolve the case', from: ['AWAITING_CONFIRMATION'], to: 'RESOLVED', permission: work, guards: [handlerOnly], actions: [markResolved] },
    { action: 'reopen', label: 'reopen the case', from: ['AWAITING_CONFIRMATION', 'RESOLVED'], to: 'INVESTIGATING', permission: work, requiredFields: [textField('reason', 'a reason', 1000)], guards: [handlerOnly], actions: [markReopened] },
    { action: 'close', label: 'close the case', from: ['RESOLVED'], to: 'CLOSED', permission: work, guards: [handlerOnly], actions: [markClosed] },
    { action: 'cancel', label: 'cancel the case', from: ['NEW', 'ACCEPTED'], to: 'CLOSED', permission: work, requiredFields: [textField('reason', 'a reason', 1000)], guards: [handlerOnly], actions: [markClosed] },
  ],
};

export const consultationWorkflow: WorkflowDefinition<Case> = {
  name: 'consultation',
  label: '咨询 Consultation',
  initial: 'NEW',
  states: [
    { name: 'NEW', label: '待受理 New', stage: CaseStage.NEW },
    { name: 'ACCEPTED', label: '处理中 In progress', stage: CaseStage.OPEN },
    { name: 'AWAITING_INFO', label: '待客户补充 Awaiting customer information', stage: CaseStage.PENDING_CUSTOMER },
    { name: 'ANSWERED', label: '已答复待确认 Answered, awaiting confirmation', stage: CaseStage.PENDING_CUSTOMER },
    { name: 'RESOLVED', label: '已解决 Resolved', stage: CaseStage.RESOLVED },
    { name: 'CLOSED', label: '已关闭 Closed', stage: CaseStage.CLOSED },
  ],
  transitions: [
    { action: 'accept', label: 'accept the case', from: ['NEW'], to: 'ACCEPTED', permission: work, guards: [handlerOnly], actions: [takeOwnership] },
    { action: 'request_info', label: 'ask the customer for more information', from: ['ACCEPTED'], to: 'AWAITING_INFO', permission: work, requiredFields: [textField('question', 'the question for the customer', 5000)], guards: [handlerOnly] },
    { action: 'receive_info', label: 'record the customer’s answer', from: ['AWAITING_INFO'], to: 'ACCEPTED', permission: work, guards: [handlerOnly] },
    { action: 'answer', label: 'answer the customer', from: ['ACCEPTED'], to: 'ANSWERED', permission: work, requiredFields: [textField('answer', 'the answer', 5000)], guards: [handlerOnly, expertAnswersMedication] },
    { action: 'resolve', label: 'resolve the case', from: ['ANSWERED'], to: 'RESOLVED', permission: work, guards: [handlerOnly], actions: [markResolved] },
    { action: 'reopen', label: 'reopen the case', from: ['ANSWERED', 'RESOLVED'], to: 'ACCEPTED', permission: work, requiredFields: [textField('reason', 'a reason', 1000)], guards: [handlerOnly], actions: [markReopened] },
    { action: 'close', label: 'close the case', from: ['RESOLVED'], to: 'CLOSED', permission: work, guards: [handlerOnly], actions: [markClosed] },
    { action: 'cancel', label: 'cancel the case', from: ['NEW', 'ACCEPTED'], to: 'CLOSED', permission: work, requiredFields: [textField('reason', 'a reason', 1000)], guards: [handlerOnly], actions: [markClosed] },
  ],
};

/** The first-responder guard, for plugins' transitions that the case's handler takes. */
export { handlerOnly };

/** Which workflow a new case of each type follows. */
export function workflowForType(type: CaseType): string {
  return type === CaseType.COMPLAINT || type === CaseType.AFTER_SALES ? complaintWorkflow.name : consultationWorkflow.name;
}
