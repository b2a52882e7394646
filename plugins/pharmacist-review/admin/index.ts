import { defineAdminExtension } from '../../../admin/src/extensions/types';

/** No pages: the review actions show on the case page like any workflow action; these name them. */
export default defineAdminExtension({
  plugin: 'pharmacist-review',
  translations: {
    'zh-CN': { 'actions.request_pharmacist_review': '提交药师审核', 'actions.complete_pharmacist_review': '完成药师审核', 'states.PHARMACIST_REVIEW': '药师审核中' },
    en: { 'actions.request_pharmacist_review': 'Request pharmacist review', 'actions.complete_pharmacist_review': 'Record pharmacist review', 'states.PHARMACIST_REVIEW': 'Pharmacist review' },
  },
});
