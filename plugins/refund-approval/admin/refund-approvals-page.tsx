/** The refund approvals page (loaded when opened, not with the panel). */
import { useList, useTranslate } from '@refinedev/core';
import { Card, Table, Tag } from 'antd';
import { gql } from '../../../admin/src/extensions/types';

const REFUND_APPROVALS = gql(`
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
export default function RefundApprovalsPage() {
  const t = useTranslate();
  const { result, query } = useList<Row>({
    resource: 'refundApprovals',
    meta: { gqlQuery: REFUND_APPROVALS },
    sorters: [{ field: 'createdAt', order: 'desc' }],
    pagination: { pageSize: 50 },
  });
  return (
    <Card title={t('refundApproval.title')}>
      <Table<Row> scroll={{ x: 'max-content' }}
        rowKey="id"
        loading={query.isLoading}
        dataSource={result.data}
        pagination={false}
        columns={[
          { title: t('refundApproval.case'), dataIndex: 'caseNo', render: (no: string, row) => <a href={`/cases/show/${row.caseId}`}>{no}</a> },
          { title: t('refundApproval.type'), dataIndex: 'solutionType', render: (v: string) => t(`enums.SolutionType.${v}`, v) },
          { title: t('refundApproval.amount'), dataIndex: 'amount', render: (v: number, row) => `¥${v.toFixed(2)} (> ¥${row.threshold.toFixed(2)})` },
          { title: t('refundApproval.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`refundApproval.status.${s}`)}</Tag> },
          { title: t('refundApproval.requestedAt'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
        ]}
      />
    </Card>
  );
}

