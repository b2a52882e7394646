import { CaseCategory, CaseStage, CaseType, definePlugin, handlerOnly, type Case, type PluginAction, type PluginGuard, type WorkflowExtension } from '@pharmadesk/api';
import { clock, textField } from '@pharmadesk/api';

/**
 * pharmacist-review: drug-quality complaints (spoiled, wrong item) and medication
 * consultations go through PHARMACIST_REVIEW before a solution is proposed (complaints)
 * or the customer is answered (consultations). The handler requests the review; a holder
 * of pharmacy:review records it; only then does propose_solution / answer go through.
 * Adds the 门店药师 "store pharmacist" role template.
 */
export interface PharmacistReviewOptions {
  includeMedicationConsultations: boolean;
}

export const REVIEW_STATE = 'PHARMACIST_REVIEW';
export const REVIEW = 'pharmacy:review';
const DRUG_QUALITY = [CaseCategory.DRUG_SPOILED, CaseCategory.DRUG_WRONG_ITEM];

interface ReviewRecord {
  reviewedById: string;
  reviewedAt: string;
  note: string;
}

const reviewOf = (c: Case) => (c.workflowData?.pharmacistReview as ReviewRecord | undefined) ?? null;

export function needsReview(c: Pick<Case, 'type' | 'category'>, options: PharmacistReviewOptions): boolean {
  if (c.type === CaseType.COMPLAINT || c.type === CaseType.AFTER_SALES) return !!c.category && DRUG_QUALITY.includes(c.category);
  return options.includeMedicationConsultations && c.type === CaseType.MEDICATION_CONSULTATION;
}

const reviewedFirst =
  (what: string): PluginGuard<Case, PharmacistReviewOptions> =>
  (run, options) =>
    needsReview(run.record, options) && !reviewOf(run.record) ? { reason: 'REVIEW_FIRST', message: `a pharmacist must review this case before ${what}; request it with request_pharmacist_review` } : null;

const recordReview: PluginAction<Case, PharmacistReviewOptions> = ({ ctx, record, input }) => {
  const review: ReviewRecord = { reviewedById: ctx.actor!.id, reviewedAt: clock.now().toISOString(), note: input.reviewNote as string };
  record.workflowData = { ...(record.workflowData ?? {}), pharmacistReview: review };
};

const reviewNote = textField('reviewNote', 'the pharmacist’s review', 5000);
const reviewState = { name: REVIEW_STATE, label: '药师审核中 Pharmacist review', stage: CaseStage.OPEN };
const pendingReview = (c: Case, options: PharmacistReviewOptions) => needsReview(c, options) && !reviewOf(c);

function reviewSteps(workflow: string, workState: string, gated: string, what: string): WorkflowExtension<Case, PharmacistReviewOptions> {
  return {
    extends: workflow,
    states: [reviewState],
    transitions: [
      { action: 'request_pharmacist_review', label: 'ask a pharmacist to review', from: [workState], to: REVIEW_STATE, permission: 'case:work', when: pendingReview, guards: [(run) => handlerOnly(run)] },
      { action: 'complete_pharmacist_review', label: 'record the pharmacist’s review', from: [REVIEW_STATE], to: workState, permission: REVIEW, requiredFields: [reviewNote], actions: [recordReview] },
    ],
    amend: [{ action: gated, guards: [reviewedFirst(what)] }],
  };
}

export default definePlugin({
  name: 'pharmacist-review',
  version: '0.1.0',
  description: 'Drug-quality complaints and medication consultations pass a pharmacist review before a solution is proposed or an answer given.',
  compatibility: '^0.1.0',
  optionsSchema: {
    includeMedicationConsultations: { type: 'boolean', default: true, description: 'Medication consultations need the review before they are answered, too' },
  },
  permissions: [
    { name: REVIEW, group: 'Cases', description: 'Review drug-quality complaints and medication consultations as a pharmacist (pharmacist-review plugin).', grantedTo: ['pharmacist', 'store_pharmacist'], qualification: true },
  ],
  roleTemplates: [
    { key: 'store_pharmacist', name: '门店药师 Store pharmacist', description: 'A store’s pharmacist: reviews drug-quality complaints and medication consultations, answers medication questions.', permissions: ['case:read', 'case:write', 'case:work', 'case:expert', 'customer:read'] },
  ],
  workflows: [reviewSteps('complaint', 'INVESTIGATING', 'propose_solution', 'a solution is proposed'), reviewSteps('consultation', 'ACCEPTED', 'answer', 'the customer is answered')],
  admin: { module: 'plugins/pharmacist-review/admin', description: 'Translations for the review actions' },
});
