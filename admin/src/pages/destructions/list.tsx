import { List } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DateTime, EnumTag } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { WarehousePicker, batchStatusColor, personName, productText } from '../inventory/shared';

const PAGE = 20;
export const DESTRUCTION_STATUSES = ['REQUESTED', 'APPROVED', 'DESTROYED', 'REJECTED', 'CANCELLED'] as const;
export const DESTRUCTION_COLORS: Record<string, string> = { REQUESTED: 'blue', APPROVED: 'orange', DESTROYED: 'default', REJECTED: 'red', CANCELLED: 'default' };

export interface DestructionRow {
  id: string;
  version: number;
  destructionNo: string;
  status: string;
  reason: string;
  createdAt: string;
  destroyedAt: string | null;
  method: string | null;
  warehouse: { id: string; name: string } | null;
  requestedBy: { id: string; displayName: string } | null;
  witness: { id: string; displayName: string } | null;
}

interface Destroyable {
  id: string;
  onHand: number;
  reserved: number;
  expiryDate: string;
  batchStatus: string | null;
  batchId: string;
  zoneId: string;
  product: { genericName: string; specification: string; unit: string } | null;
  batch: { lotNo: string } | null;
  zone: { name: string; nonConforming: boolean } | null;
}

/** Goods that may be destroyed: expired, damaged or recalled lots, or anything in the non-conforming area. */
const destroyable = (b: Destroyable) => b.zone?.nonConforming || ['EXPIRED', 'DAMAGED', 'RECALLED'].includes(b.batchStatus ?? '');

/** Asks to destroy goods of one warehouse: pick the lots and how many of each. */
function RequestDestruction({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslate();
  const navigate = useNavigate();
  const [warehouseId, setWarehouseId] = useState<string>();
  const [reason, setReason] = useState('');
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const stock = useGql<{ stockBalances: { nodes: Destroyable[] } }>('DestroyableStock', { warehouseId }, { enabled: !!warehouseId });
  const rows = (stock.data?.stockBalances.nodes ?? []).filter(destroyable);
  const request = useGqlMutation<{ requestDestruction: { id: string } }>('RequestDestruction', { success: 'destructions.requested' });
  const chosen = rows.filter((r) => (quantities[r.id] ?? 0) > 0);
  const submit = async () => {
    const done = await request.run({ input: { warehouseId, reason: reason.trim(), lines: chosen.map((r) => ({ batchId: r.batchId, zoneId: r.zoneId, quantity: quantities[r.id] })) } });
    if (done) navigate(`/destructions/show/${done.requestDestruction.id}`);
  };
  return (
    <Modal open={open} title={t('destructions.new')} onCancel={onClose} onOk={submit} okButtonProps={{ disabled: !warehouseId || !reason.trim() || !chosen.length, danger: true }} confirmLoading={request.loading} width={820} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <WarehousePicker style={{ width: 280 }} value={warehouseId} onChange={(v) => { setWarehouseId(v); setQuantities({}); }} />
        <Table<Destroyable> rowKey="id" size="small" pagination={false} loading={stock.isFetching} dataSource={rows} data-testid="destroyable" scroll={{ x: 'max-content' }}>
          <Table.Column<Destroyable> key="product" title={t('inventory.product')} render={(_, r) => productText(r.product)} />
          <Table.Column<Destroyable> key="lot" title={t('inventory.lotNo')} render={(_, r) => <span data-lang-neutral>{r.batch?.lotNo}</span>} />
          <Table.Column<Destroyable> dataIndex="expiryDate" title={t('inventory.expiryDate')} />
          <Table.Column<Destroyable> key="status" title={t('inventory.batchStatus')} render={(_, r) => <Space size={2}><EnumTag enumName="BatchStatus" value={r.batchStatus} color={batchStatusColor(r.batchStatus)} />{r.zone?.nonConforming && <Tag color="volcano">{r.zone.name}</Tag>}</Space>} />
          <Table.Column<Destroyable> dataIndex="onHand" title={t('inventory.onHand')} />
          <Table.Column<Destroyable> key="quantity" title={t('destructions.quantity')} render={(_, r) => (
            <InputNumber min={0} max={r.onHand - r.reserved} precision={0} value={quantities[r.id]} onChange={(v) => setQuantities((q) => ({ ...q, [r.id]: Number(v ?? 0) }))} data-testid={`destroy-qty-${r.batch?.lotNo}`} />
          )} />
        </Table>
        <Input.TextArea rows={2} placeholder={t('destructions.reason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="destruction-reason" />
      </Space>
    </Modal>
  );
}

/** Destructions of the warehouses in scope, newest first. */
export function DestructionList() {
  const t = useTranslate();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useGql<{ stockDestructions: { totalCount: number; nodes: DestructionRow[] } }>('DestructionList', {
    filter: status ? { status: { eq: status } } : {},
    paging: { limit: PAGE, offset: (page - 1) * PAGE },
  });
  return (
    <List
      title={t('menu.destructions')}
      headerButtons={
        <Space wrap>
          <Select allowClear style={{ width: 140 }} placeholder={t('common.status')} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
            options={DESTRUCTION_STATUSES.map((s) => ({ value: s, label: t(`enums.DestructionStatus.${s}`) }))} />
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()}>{t('buttons.refresh')}</Button>
          <CanAccess resource="destructions" action="create">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-destruction">{t('destructions.new')}</Button>
          </CanAccess>
        </Space>
      }
    >
      <Table<DestructionRow> rowKey="id" size="small" data-testid="destructions" loading={list.isLoading} dataSource={list.data?.stockDestructions.nodes ?? []} scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.stockDestructions.totalCount ?? 0, onChange: setPage }}>
        <Table.Column<DestructionRow> dataIndex="destructionNo" title={t('destructions.no')} render={(v: string, r) => <Link to={`/destructions/show/${r.id}`} data-lang-neutral>{v}</Link>} />
        <Table.Column<DestructionRow> dataIndex="status" title={t('common.status')} render={(v: string) => <EnumTag enumName="DestructionStatus" value={v} color={DESTRUCTION_COLORS[v]} />} />
        <Table.Column<DestructionRow> key="warehouse" title={t('inventory.warehouse')} render={(_, r) => r.warehouse?.name} />
        <Table.Column<DestructionRow> dataIndex="reason" title={t('destructions.reason')} />
        <Table.Column<DestructionRow> key="requestedBy" title={t('requisitions.requestedBy')} render={(_, r) => personName(r.requestedBy)} />
        <Table.Column<DestructionRow> key="witness" title={t('destructions.witness')} render={(_, r) => personName(r.witness)} />
        <Table.Column<DestructionRow> dataIndex="destroyedAt" title={t('destructions.destroyedAt')} render={(v: string | null) => (v ? <DateTime value={v} format="YYYY-MM-DD HH:mm" /> : '—')} />
        <Table.Column<DestructionRow> dataIndex="createdAt" title={t('common.createdAt')} render={(v: string) => <DateTime value={v} format="YYYY-MM-DD HH:mm" />} />
      </Table>
      <RequestDestruction open={creating} onClose={() => setCreating(false)} />
    </List>
  );
}
