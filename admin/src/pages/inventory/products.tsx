import { List, useTable } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { enumOptions } from '../../components/crud';
import { EnumTag, useEnumLabel } from '../../components/display';
import { useGqlMutation } from '../../hooks/use-gql';
import { useListSearch } from '../../hooks/use-list-search';
import { useMe } from '../../hooks/use-me';
import { op } from '../../operations';
import { yuan } from './shared';

interface ProductRow {
  id: string;
  genericName: string;
  brandName: string | null;
  specification: string;
  dosageForm: string;
  unit: string;
  approvalNumber: string | null;
  category: string;
  storageClass: string;
  shelfLifeDays: number;
  barcode: string | null;
  priceCents: number;
  shared: boolean;
  status: string;
  version: number;
}

const FIELDS = ['genericName', 'brandName', 'specification', 'dosageForm', 'unit', 'approvalNumber', 'category', 'storageClass', 'shelfLifeDays', 'barcode'] as const;

/** The catalog: HQ's shared products and the franchise's own; added and edited in a dialog. */
export function ProductList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const { tableProps, filters, setFilters, tableQuery } = useTable<ProductRow>({ resource: 'products', meta: { gqlQuery: op('ProductList') }, sorters: { initial: [{ field: 'genericName', order: 'asc' }] } });
  const search = useListSearch(filters, setFilters, (text) => [
    { field: 'genericName', operator: 'contains', value: text },
    { field: 'brandName', operator: 'contains', value: text },
    { field: 'barcode', operator: 'eq', value: text },
    { field: 'approvalNumber', operator: 'contains', value: text },
  ]);
  const [editing, setEditing] = useState<ProductRow | 'new' | null>(null);
  const [form] = Form.useForm();
  const create = useGqlMutation('CreateProduct', { success: 'common.saved' });
  const update = useGqlMutation('UpdateProduct', { success: 'common.saved' });
  const { me } = useMe();
  const open = (row: ProductRow | 'new') => setEditing(row);
  const save = async () => {
    const values = await form.validateFields();
    const fields = { ...Object.fromEntries(FIELDS.map((f) => [f, values[f] === '' ? null : values[f]])), priceCents: Math.round(Number(values.price) * 100) };
    const done =
      editing === 'new'
        ? await create.run({ input: { product: { ...fields, shared: values.shared ?? false } } })
        : await update.run({ input: { id: (editing as ProductRow).id, version: (editing as ProductRow).version, update: fields } });
    if (!done) return;
    setEditing(null);
    void tableQuery.refetch();
  };
  return (
    <List
      headerButtons={
        <Space>
          <Input.Search allowClear className="pd-list-search" data-testid="list-search" placeholder={`${t('inventory.genericName')} / ${t('inventory.barcode')}`} style={{ width: 240 }} {...search} />
          <CanAccess resource="products" action="create"><Button type="primary" data-testid="product-create" onClick={() => open('new')}>{t('buttons.create')}</Button></CanAccess>
        </Space>
      }
    >
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="middle">
        <Table.Column dataIndex="genericName" title={t('inventory.genericName')} sorter render={(v: string, r: ProductRow) => <Space direction="vertical" size={0}><span>{v}</span>{r.brandName && <small style={{ color: '#888' }}>{r.brandName}</small>}</Space>} />
        <Table.Column dataIndex="specification" title={t('inventory.specification')} />
        <Table.Column dataIndex="dosageForm" title={t('inventory.dosageForm')} />
        <Table.Column dataIndex="category" title={t('inventory.category')} sorter render={(v: string) => <EnumTag enumName="ProductCategory" value={v} color={v === 'PRESCRIPTION' ? 'red' : v === 'OTC' ? 'green' : 'blue'} />} />
        <Table.Column dataIndex="storageClass" title={t('inventory.storageClass')} render={(v: string) => <EnumTag enumName="StorageClass" value={v} color={v === 'COLD' ? 'cyan' : undefined} />} />
        <Table.Column dataIndex="approvalNumber" title={t('inventory.approvalNumber')} />
        <Table.Column dataIndex="shelfLifeDays" title={t('inventory.shelfLifeDays')} />
        <Table.Column dataIndex="priceCents" title={t('inventory.price')} sorter align="right" render={(v: number) => yuan(v)} />
        <Table.Column dataIndex="shared" title={t('inventory.shared')} render={(v: boolean) => (v ? <Tag color="purple">{t('inventory.shared')}</Tag> : <Tag>{t('inventory.own')}</Tag>)} />
        <Table.Column dataIndex="status" title={t('common.status')} render={(v: string) => <EnumTag enumName="CatalogStatus" value={v} color={v === 'ACTIVE' ? 'green' : 'default'} />} />
        <Table.Column title={t('table.actions')} render={(_, r: ProductRow) => <CanAccess resource="products" action="edit"><Button size="small" onClick={() => open(r)}>{t('buttons.edit')}</Button></CanAccess>} />
      </Table>
      <Modal open={!!editing} title={editing === 'new' ? t('titleFormats.create', { name: t('resourceNames.products') }) : t('titleFormats.edit', { name: t('resourceNames.products') })} onCancel={() => setEditing(null)} onOk={save} confirmLoading={create.loading || update.loading} width={640} destroyOnHidden>
        <Form form={form} layout="vertical" data-testid="product-form" preserve={false} initialValues={editing && editing !== 'new' ? { ...editing, price: editing.priceCents / 100 } : { shared: me?.scope.isHq ?? false }}>
          <Space.Compact block>
            <Form.Item name="genericName" label={t('inventory.genericName')} rules={[{ required: true }]} style={{ flex: 1 }}><Input /></Form.Item>
            <Form.Item name="brandName" label={t('inventory.brandName')} style={{ flex: 1 }}><Input /></Form.Item>
          </Space.Compact>
          <Space.Compact block>
            <Form.Item name="specification" label={t('inventory.specification')} rules={[{ required: true }]} style={{ flex: 1 }}><Input /></Form.Item>
            <Form.Item name="dosageForm" label={t('inventory.dosageForm')} rules={[{ required: true }]} style={{ flex: 1 }}><Input /></Form.Item>
            <Form.Item name="unit" label={t('inventory.unit')} rules={[{ required: true }]} style={{ width: 100 }}><Input /></Form.Item>
          </Space.Compact>
          <Space.Compact block>
            <Form.Item name="category" label={t('inventory.category')} rules={[{ required: true }]} style={{ flex: 1 }}><Select options={enumOptions(label, 'ProductCategory', ['PRESCRIPTION', 'OTC', 'SUPPLEMENT'])} /></Form.Item>
            <Form.Item name="storageClass" label={t('inventory.storageClass')} rules={[{ required: true }]} style={{ flex: 1 }}><Select options={enumOptions(label, 'StorageClass', ['NORMAL', 'COLD'])} /></Form.Item>
            <Form.Item name="shelfLifeDays" label={t('inventory.shelfLifeDays')} rules={[{ required: true }]} style={{ flex: 1 }}><InputNumber min={1} max={3650} style={{ width: '100%' }} /></Form.Item>
          </Space.Compact>
          <Space.Compact block>
            <Form.Item name="approvalNumber" label={t('inventory.approvalNumber')} style={{ flex: 1 }}><Input /></Form.Item>
            <Form.Item name="barcode" label={t('inventory.barcode')} style={{ flex: 1 }}><Input /></Form.Item>
            <Form.Item name="price" label={t('inventory.price')} rules={[{ required: true }]} style={{ width: 140 }}><InputNumber min={0} step={0.01} precision={2} style={{ width: '100%' }} /></Form.Item>
          </Space.Compact>
          {editing === 'new' && me?.scope.isHq && <Form.Item name="shared" valuePropName="checked"><Checkbox>{t('inventory.shared')}</Checkbox></Form.Item>}
        </Form>
      </Modal>
    </List>
  );
}
