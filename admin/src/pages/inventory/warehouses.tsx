import { List, useTable } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { enumOptions } from '../../components/crud';
import { EnumTag, useEnumLabel } from '../../components/display';
import { OrgUnitPicker } from '../../components/pickers';
import { useGqlMutation } from '../../hooks/use-gql';
import { op } from '../../operations';

interface ZoneRow {
  id: string;
  code: string;
  name: string;
  storageClass: string;
  temperatureMin: number;
  temperatureMax: number;
  humidityMin: number;
  humidityMax: number;
  onHold: boolean;
  status: string;
}

interface WarehouseRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  address: string | null;
  status: string;
  zones: ZoneRow[];
}

/** Warehouses in reach with their storage zones (class, temperature and humidity limits, hold). */
export function WarehouseList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const { tableProps, tableQuery } = useTable<WarehouseRow>({ resource: 'warehouses', meta: { gqlQuery: op('WarehouseList') }, sorters: { initial: [{ field: 'code', order: 'asc' }] } });
  const [adding, setAdding] = useState<'warehouse' | { warehouseId: string } | null>(null);
  const [form] = Form.useForm();
  const createWarehouse = useGqlMutation('CreateWarehouse', { success: 'common.saved' });
  const createZone = useGqlMutation('CreateStorageZone', { success: 'common.saved' });
  const save = async () => {
    const values = await form.validateFields();
    const done = adding === 'warehouse' ? await createWarehouse.run({ input: { warehouse: values } }) : await createZone.run({ input: { storageZone: { ...values, warehouseId: (adding as { warehouseId: string }).warehouseId } } });
    if (!done) return;
    setAdding(null);
    void tableQuery.refetch();
  };
  const zones = (row: WarehouseRow) => (
    <Table dataSource={row.zones} rowKey="id" size="small" pagination={false} data-testid="zones">
      <Table.Column dataIndex="code" title={t('inventory.code')} />
      <Table.Column dataIndex="name" title={t('common.name')} />
      <Table.Column dataIndex="storageClass" title={t('inventory.storageClass')} render={(v: string) => <EnumTag enumName="StorageClass" value={v} color={v === 'COLD' ? 'cyan' : undefined} />} />
      <Table.Column title={t('inventory.temperature')} render={(_, z: ZoneRow) => `${z.temperatureMin} – ${z.temperatureMax}`} />
      <Table.Column title={t('inventory.humidity')} render={(_, z: ZoneRow) => `${z.humidityMin} – ${z.humidityMax}`} />
      <Table.Column dataIndex="onHold" title={t('inventory.onHold')} render={(v: boolean) => (v ? <Tag color="orange">{t('inventory.onHold')}</Tag> : '—')} />
    </Table>
  );
  return (
    <List headerButtons={<CanAccess resource="warehouses" action="create"><Button type="primary" onClick={() => setAdding('warehouse')}>{t('buttons.create')}</Button></CanAccess>}>
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="middle" expandable={{ expandedRowRender: zones, defaultExpandAllRows: true }}>
        <Table.Column dataIndex="code" title={t('inventory.code')} sorter />
        <Table.Column dataIndex="name" title={t('common.name')} sorter />
        <Table.Column dataIndex="kind" title={t('inventory.kind')} render={(v: string) => <EnumTag enumName="WarehouseKind" value={v} color={v === 'CENTRAL' ? 'purple' : 'blue'} />} />
        <Table.Column dataIndex="address" title={t('inventory.address')} />
        <Table.Column title={t('inventory.zones')} render={(_, r: WarehouseRow) => r.zones.length} />
        <Table.Column dataIndex="status" title={t('common.status')} render={(v: string) => <EnumTag enumName="WarehouseStatus" value={v} color={v === 'ACTIVE' ? 'green' : 'default'} />} />
        <Table.Column title={t('table.actions')} render={(_, r: WarehouseRow) => <CanAccess resource="warehouses" action="edit"><Button size="small" onClick={() => setAdding({ warehouseId: r.id })}>{t('inventory.addZone')}</Button></CanAccess>} />
      </Table>
      <Modal open={!!adding} title={adding === 'warehouse' ? t('titleFormats.create', { name: t('resourceNames.warehouses') }) : t('inventory.addZone')} onCancel={() => setAdding(null)} onOk={save} confirmLoading={createWarehouse.loading || createZone.loading} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          {adding === 'warehouse' && <Form.Item name="orgUnitId" label={t('inventory.orgUnit')} rules={[{ required: true }]}><OrgUnitPicker kinds={['HQ', 'FRANCHISE', 'BRANCH_CENTER', 'STORE']} /></Form.Item>}
          <Space.Compact block>
            <Form.Item name="code" label={t('inventory.code')} rules={[{ required: true }]} style={{ width: 140 }}><Input /></Form.Item>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]} style={{ flex: 1 }}><Input /></Form.Item>
          </Space.Compact>
          {adding === 'warehouse' && <Form.Item name="address" label={t('inventory.address')}><Input /></Form.Item>}
          {adding !== 'warehouse' && (
            <>
              <Form.Item name="storageClass" label={t('inventory.storageClass')} rules={[{ required: true }]}><Select options={enumOptions(label, 'StorageClass', ['NORMAL', 'COLD'])} /></Form.Item>
              <Space.Compact block>
                <Form.Item name="temperatureMin" label={`${t('inventory.temperature')} ≥`} style={{ flex: 1 }}><InputNumber style={{ width: '100%' }} /></Form.Item>
                <Form.Item name="temperatureMax" label={`${t('inventory.temperature')} ≤`} style={{ flex: 1 }}><InputNumber style={{ width: '100%' }} /></Form.Item>
              </Space.Compact>
              <Space.Compact block>
                <Form.Item name="humidityMin" label={`${t('inventory.humidity')} ≥`} style={{ flex: 1 }}><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item>
                <Form.Item name="humidityMax" label={`${t('inventory.humidity')} ≤`} style={{ flex: 1 }}><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item>
              </Space.Compact>
            </>
          )}
        </Form>
      </Modal>
    </List>
  );
}
