import { useList, useTranslate } from '@refinedev/core';
import { Card, Table, Tag } from 'antd';
import { parse } from 'graphql';
import { defineAdminExtension } from '../../../admin/src/extensions/types';

const REFUND_APPROVALS = parse(`
  query RefundApprovals($filter: RefundApprovalFilter, $sorting: [RefundApprovalSort!], $paging: OffsetPaging) {
    refundApprovals(filter: $filter, sorting: $sorting, paging: $paging) {
      totalCount
      nodes { id caseId caseNo solutionType amount threshold status createdAt decidedAt }
    }
  }
`);

interface Row {
  id: string;
  caseId: string;
  caseNo: string;
  solutionType: string;
  amount: number;
  threshold: number;
  status: string;
  createdAt: string;
}

const STATUS_COLOR: Record<string, string> = { PENDING: 'orange', APPROVED: 'green', REJECTED: 'red' };

/** Refunds and compensation waiting for approval; approving happens on the case (its approve_refund / reject_refund actions). */
export function RefundApprovalsPage() {
  const t = useTranslate();
  const { result, query } = useList<Row>({
    resource: 'refundApprovals',
    meta: { gqlQuery: REFUND_APPROVALS },
    sorters: [{ field: 'createdAt', order: 'desc' }],
    pagination: { pageSize: 50 },
  });
  return (
    <Card title={t('refundApproval.title')}>
      <Table<Row>
        rowKey="id"
        loading={query.isLoading}
        dataSource={result.data}
        pagination={false}
        columns={[
          { title: t('refundApproval.case'), dataIndex: 'caseNo', render: (no: string, row) => <a href={`/cases/show/${row.caseId}`}>{no}</a> },
          { title: t('refundApproval.type'), dataIndex: 'solutionType' },
          { title: t('refundApproval.amount'), dataIndex: 'amount', render: (v: number, row) => `¥${v.toFixed(2)} (> ¥${row.threshold.toFixed(2)})` },
          { title: t('refundApproval.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`refundApproval.status.${s}`)}</Tag> },
          { title: t('refundApproval.requestedAt'), dataIndex: 'createdAt' },
        ]}
      />
    </Card>
  );
}

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
      'refundApproval.status.PENDING': '待审批',
      'refundApproval.status.APPROVED': '已批准',
      'refundApproval.status.REJECTED': '已驳回',
    },
    en: {
      'refundApproval.menu': 'Refund approvals',
      'refundApproval.title': 'Refunds and compensation awaiting approval',
      'refundApproval.case': 'Case',
      'refundApproval.type': 'Solution',
      'refundApproval.amount': 'Amount',
      'refundApproval.status': 'Status',
      'refundApproval.requestedAt': 'Requested',
      'refundApproval.status.PENDING': 'Pending',
      'refundApproval.status.APPROVED': 'Approved',
      'refundApproval.status.REJECTED': 'Rejected',
    },
  },
});
