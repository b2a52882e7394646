/** The refund approvals page (loaded when opened, not with the panel). */
import { Link, useList, useTranslate } from '@refinedev/core';
import { Card, Table, Tabs, Tag } from 'antd';
import { gql } from '../../../admin/src/extensions/types';

const REFUND_APPROVALS = gql(`
  query RefundApprovals($filter: RefundApprovalFilter, $sorting: [RefundApprovalSort!], $paging: OffsetPaging) {
    refundApprovals(filter: $filter, sorting: $sorting, paging: $paging) {
      totalCount
      nodes { id caseId caseNo solutionType amount threshold status createdAt decidedAt }
    }
  }
`);

const RETURNS_AWAITING_APPROVAL = gql(`
  query ReturnsAwaitingRefundApproval($filter: ReturnFilter, $sorting: [ReturnSort!], $paging: OffsetPaging) {
    returns(filter: $filter, sorting: $sorting, paging: $paging) {
      totalCount
      nodes { id returnNo orderId orderNo refundCents inspectedAt }
    }
  }
`);

/** The state the plugin's return workflow extension adds after an inspection above the threshold. */
const AWAITING_APPROVAL = 'AWAITING_REFUND_APPROVAL';

interface CaseApprovalRow {
  id: string;
  caseId: string;
  caseNo: string;
  solutionType: string;
  amount: number;
  threshold: number;
  status: string;
  createdAt: string;
}

interface ReturnApprovalRow {
  id: string;
  returnNo: string;
  orderId: string;
  orderNo: string;
  refundCents: number | null;
  inspectedAt: string | null;
}

const STATUS_COLOR: Record<string, string> = { PENDING: 'orange', APPROVED: 'green', REJECTED: 'red' };
const yuan = (cents: number) => (cents / 100).toFixed(2);

/** Refunds and compensation proposed on cases, with their decisions; approving happens on the case (its approve_refund / reject_refund actions). */
function CaseApprovals() {
  const t = useTranslate();
  const { result, query } = useList<CaseApprovalRow>({
    resource: 'refundApprovals',
    meta: { gqlQuery: REFUND_APPROVALS },
    sorters: [{ field: 'createdAt', order: 'desc' }],
    pagination: { pageSize: 50 },
  });
  return (
    <Table<CaseApprovalRow> scroll={{ x: 'max-content' }}
      rowKey="id"
      loading={query.isLoading}
      dataSource={result.data}
      pagination={false}
      columns={[
        { title: t('refundApproval.case'), dataIndex: 'caseNo', render: (no: string, row) => <Link to={`/cases/show/${row.caseId}`}>{no}</Link> },
        { title: t('refundApproval.type'), dataIndex: 'solutionType', render: (v: string) => t(`enums.SolutionType.${v}`, v) },
        { title: t('refundApproval.amount'), dataIndex: 'amount', render: (v: number, row) => `¥${v.toFixed(2)} (> ¥${row.threshold.toFixed(2)})` },
        { title: t('refundApproval.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`refundApproval.status.${s}`)}</Tag> },
        { title: t('refundApproval.requestedAt'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
      ]}
    />
  );
}

/** Inspected returns whose refund is above the threshold, longest waiting first; approving happens on the return (the same actions). */
function ReturnApprovals() {
  const t = useTranslate();
  const { result, query } = useList<ReturnApprovalRow>({
    resource: 'returns',
    meta: { gqlQuery: RETURNS_AWAITING_APPROVAL },
    filters: [{ field: 'state', operator: 'eq', value: AWAITING_APPROVAL }],
    sorters: [{ field: 'lastActivityAt', order: 'asc' }],
    pagination: { pageSize: 50 },
  });
  return (
    <Table<ReturnApprovalRow> scroll={{ x: 'max-content' }}
      rowKey="id"
      data-testid="return-refund-approvals"
      loading={query.isLoading}
      dataSource={result.data}
      pagination={false}
      columns={[
        { title: t('refundApproval.return'), dataIndex: 'returnNo', render: (no: string, row) => <Link to={`/returns/show/${row.id}`}>{no}</Link> },
        { title: t('refundApproval.order'), dataIndex: 'orderNo', render: (no: string, row) => <Link to={`/orders/show/${row.orderId}`}>{no}</Link> },
        { title: t('refundApproval.amount'), dataIndex: 'refundCents', render: (v: number | null) => (v == null ? '—' : `¥${yuan(v)}`) },
        { title: t('refundApproval.inspectedAt'), dataIndex: 'inspectedAt', render: (v: string | null) => (v ? new Date(v).toLocaleString() : '—') },
      ]}
    />
  );
}

/** Refunds waiting for approval: those proposed on cases, and real refunds of inspected returns. */
export default function RefundApprovalsPage() {
  const t = useTranslate();
  return (
    <Card title={t('refundApproval.title')}>
      <Tabs
        items={[
          { key: 'cases', label: t('refundApproval.tabs.cases'), children: <CaseApprovals /> },
          { key: 'returns', label: <span data-testid="tab-return-approvals">{t('refundApproval.tabs.returns')}</span>, children: <ReturnApprovals /> },
        ]}
      />
    </Card>
  );
}
