import { List } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Button, Select, Space, Table } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router';
import { DateTime, EnumTag } from '../../components/display';
import { useGql } from '../../hooks/use-gql';
import { PURCHASE_STATUSES, STATUS_COLORS, type PurchaseRow } from './types';

const PAGE = 20;

/** Purchase requests of the warehouses in scope, newest first, by status. */
export function PurchaseRequestList() {
  const t = useTranslate();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useGql<{ purchaseRequests: { totalCount: number; nodes: PurchaseRow[] } }>('PurchaseRequestList', {
    filter: status ? { status: { eq: status } } : {},
    paging: { limit: PAGE, offset: (page - 1) * PAGE },
  });
  return (
    <List
      title={t('menu.purchaseRequests')}
      headerButtons={
        <Space>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('purchases.status')}
            value={status}
            onChange={(v) => { setStatus(v); setPage(1); }}
            options={PURCHASE_STATUSES.map((s) => ({ value: s, label: t(`enums.PurchaseStatus.${s}`) }))}
            data-testid="purchase-status-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()}>{t('buttons.refresh')}</Button>
        </Space>
      }
    >
      <Table<PurchaseRow>
        rowKey="id"
        size="small"
        data-testid="purchase-requests"
        loading={list.isLoading}
        dataSource={list.data?.purchaseRequests.nodes ?? []}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.purchaseRequests.totalCount ?? 0, onChange: setPage }}
      >
        <Table.Column<PurchaseRow> dataIndex="requestNo" title={t('purchases.requestNo')} render={(v: string, r) => <Link to={`/purchase-requests/show/${r.id}`} data-lang-neutral>{v}</Link>} />
        <Table.Column<PurchaseRow> dataIndex="status" title={t('purchases.status')} render={(v: string) => <EnumTag enumName="PurchaseStatus" value={v} color={STATUS_COLORS[v]} />} />
        <Table.Column<PurchaseRow> key="warehouse" title={t('purchases.warehouse')} render={(_, r) => r.warehouse?.name} />
        <Table.Column<PurchaseRow> key="supplier" title={t('purchases.supplier')} render={(_, r) => r.supplier?.name ?? '—'} />
        <Table.Column<PurchaseRow> dataIndex="expectedDate" title={t('purchases.expectedDate')} render={(v: string | null) => v ?? '—'} />
        <Table.Column<PurchaseRow> dataIndex="createdAt" title={t('purchases.createdAt')} render={(v: string) => <DateTime value={v} format="YYYY-MM-DD HH:mm" />} />
      </Table>
    </List>
  );
}
