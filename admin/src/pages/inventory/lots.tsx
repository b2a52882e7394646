import { List, useTable } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Button, Drawer, Empty, Form, Input, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { enumOptions } from '../../components/crud';
import { DateTime, EnumTag, useEnumLabel } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useListSearch } from '../../hooks/use-list-search';
import { op } from '../../operations';
import { ProductPicker, batchStatusColor, filterValue, replaceFilter } from './shared';

interface LotRow {
  id: string;
  lotNo: string;
  manufactureDate: string;
  expiryDate: string;
  status: string;
  effectiveStatus: string;
  statusReason: string | null;
  productId: string;
  product: { genericName: string; specification: string } | null;
}

interface RecallRow {
  id: string;
  lotNo: string;
  reason: string;
  status: string;
  lotsBlocked: number;
  franchiseId: string | null;
  createdAt: string;
  product: { genericName: string; specification: string } | null;
}

interface Recipient {
  documentType: string | null;
  documentNo: string | null;
  customerId: string | null;
  quantity: number;
  issuedAt: string;
}

type Action = { kind: 'hold' | 'release' | 'recall'; lot: LotRow };


/** Lots with their status; hold, release or recall one. */
function Lots() {
  const t = useTranslate();
  const label = useEnumLabel();
  const { tableProps, filters, setFilters, tableQuery } = useTable<LotRow>({ resource: 'batches', meta: { gqlQuery: op('BatchList') }, sorters: { initial: [{ field: 'expiryDate', order: 'asc' }] }, syncWithLocation: false });
  const search = useListSearch(filters, setFilters, (text) => [{ field: 'lotNo', operator: 'contains', value: text }]);
  const setProduct = (value?: string) => replaceFilter(setFilters, 'productId', 'eq', value || undefined);
  const [action, setAction] = useState<Action | null>(null);
  const [form] = Form.useForm();
  const hold = useGqlMutation('HoldBatch', { success: 'common.saved' });
  const release = useGqlMutation('ReleaseBatch', { success: 'common.saved' });
  const recall = useGqlMutation('RecallBatch', { success: 'common.saved' });
  const submit = async () => {
    if (!action) return;
    const { reason, status } = await form.validateFields();
    const { lot } = action;
    const done =
      action.kind === 'hold' ? await hold.run({ input: { id: lot.id, status, reason } })
      : action.kind === 'release' ? await release.run({ input: { id: lot.id, reason } })
      : await recall.run({ input: { productId: lot.productId, lotNo: lot.lotNo, reason } });
    if (!done) return;
    setAction(null);
    void tableQuery.refetch();
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <ProductPicker style={{ width: 240 }} value={filterValue(filters, 'productId') as string | undefined} onChange={setProduct} />
        <Input.Search allowClear className="pd-list-search" data-testid="list-search" placeholder={t('inventory.lotNo')} style={{ width: 200 }} {...search} />
      </Space>
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="middle">
        <Table.Column title={t('inventory.product')} render={(_, r: LotRow) => <span>{r.product?.genericName} <small style={{ color: '#888' }}>{r.product?.specification}</small></span>} />
        <Table.Column dataIndex="lotNo" title={t('inventory.lotNo')} sorter />
        <Table.Column dataIndex="manufactureDate" title={t('inventory.manufactureDate')} sorter />
        <Table.Column dataIndex="expiryDate" title={t('inventory.expiryDate')} sorter />
        <Table.Column dataIndex="effectiveStatus" title={t('inventory.batchStatus')} render={(v: string, r: LotRow) => <Space direction="vertical" size={0}><EnumTag enumName="BatchStatus" value={v} color={batchStatusColor(v)} />{r.statusReason && <small style={{ color: '#888' }}>{r.statusReason}</small>}</Space>} />
        <Table.Column
          title={t('table.actions')}
          render={(_, r: LotRow) => (
            <Space>
              {r.status === 'AVAILABLE' && <CanAccess resource="batches" action="hold"><Button size="small" onClick={() => setAction({ kind: 'hold', lot: r })}>{t('inventory.hold')}</Button></CanAccess>}
              {['ON_HOLD', 'QUARANTINED'].includes(r.status) && <CanAccess resource="batches" action="hold"><Button size="small" onClick={() => setAction({ kind: 'release', lot: r })}>{t('inventory.release')}</Button></CanAccess>}
              {r.status !== 'RECALLED' && <CanAccess resource="batches" action="recall"><Button size="small" danger data-testid="recall" onClick={() => setAction({ kind: 'recall', lot: r })}>{t('inventory.recall')}</Button></CanAccess>}
            </Space>
          )}
        />
      </Table>
      <Modal open={!!action} title={action ? `${t(`inventory.${action.kind === 'recall' ? 'recallLot' : action.kind}`)} · ${action.lot.lotNo}` : ''} onCancel={() => setAction(null)} onOk={submit} confirmLoading={hold.loading || release.loading || recall.loading} destroyOnHidden okButtonProps={{ danger: action?.kind === 'recall' }}>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ status: 'ON_HOLD' }}>
          {action?.kind === 'hold' && <Form.Item name="status" label={t('inventory.holdAs')} rules={[{ required: true }]}><Select options={enumOptions(label, 'BatchStatus', ['ON_HOLD', 'QUARANTINED', 'DAMAGED'])} /></Form.Item>}
          <Form.Item name="reason" label={t(action?.kind === 'recall' ? 'inventory.recallReason' : 'inventory.holdReason')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Who received a recalled lot: the documents that issued it. */
function Recipients({ recall }: { recall: RecallRow }) {
  const t = useTranslate();
  const { data, isFetching } = useGql<{ recallRecipients: Recipient[] }>('RecallRecipients', { recallId: recall.id });
  const rows = data?.recallRecipients ?? [];
  return (
    <Table dataSource={rows} rowKey={(r) => `${r.documentNo}-${r.issuedAt}`} size="small" loading={isFetching} pagination={false} locale={{ emptyText: <Empty description={t('inventory.noRecipients')} /> }} data-testid="recall-recipients">
      <Table.Column dataIndex="issuedAt" title={t('inventory.issuedAt')} render={(v: string) => <DateTime value={v} />} />
      <Table.Column dataIndex="documentNo" title={t('inventory.document')} />
      <Table.Column dataIndex="quantity" title={t('inventory.quantity')} align="right" />
      <Table.Column dataIndex="customerId" title={t('inventory.customer')} render={(v: string | null) => v ?? '—'} />
    </Table>
  );
}

function Recalls() {
  const t = useTranslate();
  const { tableProps } = useTable<RecallRow>({ resource: 'batchRecalls', meta: { gqlQuery: op('BatchRecallList') }, sorters: { initial: [{ field: 'createdAt', order: 'desc' }] }, syncWithLocation: false });
  const [open, setOpen] = useState<RecallRow | null>(null);
  return (
    <>
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="middle" onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })} data-testid="recalls">
        <Table.Column dataIndex="createdAt" title={t('common.createdAt')} render={(v: string) => <DateTime value={v} />} />
        <Table.Column title={t('inventory.product')} render={(_, r: RecallRow) => <span>{r.product?.genericName} <small style={{ color: '#888' }}>{r.product?.specification}</small></span>} />
        <Table.Column dataIndex="lotNo" title={t('inventory.lotNo')} />
        <Table.Column dataIndex="reason" title={t('inventory.recallReason')} />
        <Table.Column dataIndex="franchiseId" title="" render={(v: string | null) => (v ? null : <Tag color="purple">{t('inventory.hqRecall')}</Tag>)} />
        <Table.Column dataIndex="lotsBlocked" title={t('inventory.lotsBlocked')} align="right" />
        <Table.Column dataIndex="status" title={t('common.status')} render={(v: string) => <EnumTag enumName="RecallStatus" value={v} color={v === 'OPEN' ? 'red' : 'default'} />} />
        <Table.Column title={t('recalls.outreach')} render={(_, r: RecallRow) => (
          <CanAccess resource="recalls" action="show">
            <Link to={`/recalls/show/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid={`recall-progress-${r.lotNo}`}>{t('recalls.progress')}</Link>
          </CanAccess>
        )} />
      </Table>
      <Drawer open={!!open} onClose={() => setOpen(null)} width={640} title={open ? `${t('inventory.recipients')} · ${open.lotNo}` : ''}>
        {open && <Recipients recall={open} />}
      </Drawer>
    </>
  );
}

/** Lots and recalls, one page with two tabs. */
export function BatchList() {
  const t = useTranslate();
  return (
    <List>
      <Tabs items={[{ key: 'lots', label: t('inventory.lots'), children: <Lots /> }, { key: 'recalls', label: t('inventory.recalls'), children: <Recalls /> }]} />
    </List>
  );
}
