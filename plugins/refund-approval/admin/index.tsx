import { lazy } from 'react';
import { defineAdminExtension } from '../../../admin/src/extensions/types';

const RefundApprovalsPage = lazy(() => import('./refund-approvals-page'));

export default defineAdminExtension({
  plugin: 'refund-approval',
  routes: [{ path: '/refund-approvals', element: <RefundApprovalsPage />, permission: 'case:read' }],
  menuItems: [{ key: 'refund-approvals', label: 'refundApproval.menu', path: '/refund-approvals', permission: 'refund:approve' }],
  translations: {
    'zh-CN': {
      'refundApproval.menu': '退款审批',
      'refundApproval.title': '待审批的退款与补偿',
      'refundApproval.case': '工单',
      'refundApproval.type': '方案',
      'refundApproval.amount': '金额',
      'refundApproval.status': '状态',
      'refundApproval.requestedAt': '申请时间',
      'refundApproval.tabs.cases': '工单退款与补偿',
      'refundApproval.tabs.returns': '退货退款',
      'refundApproval.return': '退货单',
      'refundApproval.order': '订单',
      'refundApproval.inspectedAt': '检验时间',
      'refundApproval.status.PENDING': '待审批',
      'refundApproval.status.APPROVED': '已批准',
      'refundApproval.status.REJECTED': '已驳回',
      'caseActions.approve_refund': '批准退款', 'caseActions.reject_refund': '驳回退款', 'caseStates.AWAITING_REFUND_APPROVAL': '待退款审批',
      'caseDone.approve_refund': '退款已批准', 'caseDone.reject_refund': '退款已驳回', 'errors.reasons.OWN_REFUND_REQUEST': '退款由您本人提出，须由其他有审批权限的人决定',
      'pluginInfo.refund-approval.name': '退款审批', 'pluginInfo.refund-approval.description': '超过加盟机构设定金额的退款和补偿，须由有退款审批权限的人批准。',
      'pluginInfo.refund-approval.options.threshold': '超过此金额（元）的退款和补偿需要审批',
      'permissions.refund:approve.name': '审批退款', 'permissions.refund:approve.description': '批准或驳回超过加盟机构限额的退款和补偿（退款审批插件）',
    },
    en: {
      'refundApproval.menu': 'Refund approvals',
      'refundApproval.title': 'Refunds and compensation awaiting approval',
      'refundApproval.case': 'Case',
      'refundApproval.type': 'Solution',
      'refundApproval.amount': 'Amount',
      'refundApproval.status': 'Status',
      'refundApproval.requestedAt': 'Requested',
      'refundApproval.tabs.cases': 'Case refunds and compensation',
      'refundApproval.tabs.returns': 'Return refunds',
      'refundApproval.return': 'Return',
      'refundApproval.order': 'Order',
      'refundApproval.inspectedAt': 'Inspected',
      'refundApproval.status.PENDING': 'Pending',
      'refundApproval.status.APPROVED': 'Approved',
      'refundApproval.status.REJECTED': 'Rejected',
      'caseActions.approve_refund': 'Approve refund', 'caseActions.reject_refund': 'Reject refund', 'caseStates.AWAITING_REFUND_APPROVAL': 'Awaiting refund approval',
      'caseDone.approve_refund': 'Refund approved', 'caseDone.reject_refund': 'Refund rejected', 'errors.reasons.OWN_REFUND_REQUEST': 'You proposed this refund; another approver must decide it',
    },
  },
});
