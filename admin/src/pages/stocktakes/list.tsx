import { List, useTable } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Button, Form, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DateTime } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { op } from '../../operations';
import type { Connection } from '../../types';
import { WarehousePicker } from '../inventory/shared';

interface SheetRow {
  id: string;
  countNo: string;
  status: string;
  blind: boolean;
  createdAt: string;
  lineCount: number;
  countedCount: number;
  recountCount: number;
  warehouse: { name: string } | null;
  zone: { code: string; name: string } | null;
}

interface OpenForm {
  warehouseId: string;
  zoneId?: string;
  blind: boolean;
  recountThreshold: number;
}

/** Opens a count sheet for a warehouse or one of its zones (blind by default). */
function OpenSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslate();
  const navigate = useNavigate();
  const [form] = Form.useForm<OpenForm>();
  const warehouseId = Form.useWatch('warehouseId', form);
  const warehouses = useGql<{ warehouses: Connection<{ id: string; zones: { id: string; code: string; name: string }[] }> }>('WarehouseList', { paging: { limit: 50 } }, { enabled: open });
  const zones = warehouses.data?.warehouses.nodes.find((w) => w.id === warehouseId)?.zones ?? [];
  const openSheet = useGqlMutation<{ openStocktake: { id: string } }>('OpenStocktake', { success: 'stocktake.opened' });
  const submit = async (values: OpenForm) => {
    const done = await openSheet.run({ input: { ...values, zoneId: values.zoneId ?? null } });
    if (done) navigate(`/stocktakes/show/${done.openStocktake.id}`);
  };
  return (
    <Modal open={open} title={t('stocktake.open')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={openSheet.loading} destroyOnHidden>
      <Form<OpenForm> form={form} layout="vertical" onFinish={submit} initialValues={{ blind: true, recountThreshold: 0 }} preserve={false}>
        <Form.Item name="warehouseId" label={t('inventory.warehouse')} rules={[{ required: true, message: t('purchases.required') }]}><WarehousePicker /></Form.Item>
        <Form.Item name="zoneId" label={t('stocktake.zoneOptional')}><Select allowClear options={zones.map((z) => ({ value: z.id, label: `${z.code} ${z.name}` }))} /></Form.Item>
        <Form.Item name="blind" label={t('stocktake.blind')} valuePropName="checked" extra={t('stocktake.blindHelp')}><Switch /></Form.Item>
        <Form.Item name="recountThreshold" label={t('stocktake.threshold')} extra={t('stocktake.thresholdHelp')}><InputNumber min={0} precision={0} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** Count sheets in the caller's warehouses, newest first; a sheet being counted opens its count entry, a counted one its review. */
export function StocktakeList() {
  const t = useTranslate();
  const [opening, setOpening] = useState(false);
  const { tableProps } = useTable<SheetRow>({ resource: 'stocktakes', meta: { gqlQuery: op('StocktakeList') }, sorters: { initial: [{ field: 'createdAt', order: 'desc' }] } });
  return (
    <List headerButtons={<CanAccess resource="stocktakes" action="manage"><Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="open-stocktake">{t('stocktake.open')}</Button></CanAccess>}>
      <Table<SheetRow> {...tableProps} rowKey="id" data-testid="stocktake-table" scroll={{ x: true }}>
        <Table.Column<SheetRow> dataIndex="countNo" title={t('stocktake.countNo')} render={(v) => <span data-lang-neutral>{v}</span>} />
        <Table.Column<SheetRow> title={t('stocktake.place')} render={(_, r) => `${r.warehouse?.name ?? ''}${r.zone ? ` · ${r.zone.name}` : ''}`} />
        <Table.Column<SheetRow> dataIndex="status" title={t('common.status')} render={(v: string, r) => (<>
          <Tag>{t(`stocktake.status.${v}`)}</Tag>
          {r.blind && <Tag color="purple">{t('stocktake.blind')}</Tag>}
        </>)} />
        <Table.Column<SheetRow> title={t('stocktake.progressTitle')} render={(_, r) => t('stocktake.progress', { counted: r.countedCount, total: r.lineCount })} />
        <Table.Column<SheetRow> dataIndex="createdAt" title={t('common.createdAt')} render={(v) => <DateTime value={v} />} />
        <Table.Column<SheetRow> title={t('common.actions')} render={(_, r) => (
          <Space>
            {r.status === 'COUNTING' && <Link to={`/stocktakes/count/${r.id}`}><Button size="small" type="primary">{t('stocktake.enter')}</Button></Link>}
            <CanAccess resource="stocktakes" action="manage"><Link to={`/stocktakes/show/${r.id}`} data-testid={`review-${r.countNo}`}><Button size="small">{t('stocktake.review')}</Button></Link></CanAccess>
          </Space>
        )} />
      </Table>
      <OpenSheet open={opening} onClose={() => setOpening(false)} />
    </List>
  );
}
