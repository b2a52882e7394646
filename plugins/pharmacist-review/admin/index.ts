import { defineAdminExtension } from '../../../admin/src/extensions/types';

/** No pages: the review actions show on the case page like any workflow action; these name them. */
export default defineAdminExtension({
  plugin: 'pharmacist-review',
  translations: {
    'zh-CN': {
      'caseActions.request_pharmacist_review': '提交药师审核', 'caseActions.complete_pharmacist_review': '完成药师审核', 'caseStates.PHARMACIST_REVIEW': '药师审核中',
      'caseDone.request_pharmacist_review': '已提交药师审核', 'caseDone.complete_pharmacist_review': '药师审核已完成', 'caseFields.reviewNote': '药师审核意见',
      'errors.reasons.REVIEW_FIRST': '需先完成药师审核',
      'pluginInfo.pharmacist-review.name': '药师审核', 'pluginInfo.pharmacist-review.description': '药品质量投诉和用药咨询须先经药师审核，才能提出方案或答复客户。',
      'pluginInfo.pharmacist-review.options.includeMedicationConsultations': '用药咨询答复前也须药师审核',
      'permissions.pharmacy:review.name': '药师审核', 'permissions.pharmacy:review.description': '以药师身份审核药品质量投诉和用药咨询（药师审核插件）',
      'roleTemplates.store_pharmacist.name': '门店药师', 'roleTemplates.store_pharmacist.description': '门店药师：审核药品质量投诉和用药咨询，答复用药问题',
    },
    en: {
      'caseActions.request_pharmacist_review': 'Request pharmacist review', 'caseActions.complete_pharmacist_review': 'Record pharmacist review', 'caseStates.PHARMACIST_REVIEW': 'Pharmacist review',
      'caseDone.request_pharmacist_review': 'Pharmacist review requested', 'caseDone.complete_pharmacist_review': 'Pharmacist review recorded', 'caseFields.reviewNote': 'Pharmacist review',
      'errors.reasons.REVIEW_FIRST': 'A pharmacist must review this case first',
    },
  },
});
