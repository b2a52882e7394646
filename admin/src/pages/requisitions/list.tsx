import { List } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import { MinusCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DateTime, EnumTag } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { ProductPicker, WarehousePicker, personName } from '../inventory/shared';

const PAGE = 20;
export const REQUISITION_STATUSES = ['SUBMITTED', 'APPROVED', 'PICKED', 'IN_TRANSIT', 'RECEIVED', 'REJECTED', 'CANCELLED'] as const;
export const REQUISITION_COLORS: Record<string, string> = { SUBMITTED: 'blue', APPROVED: 'cyan', PICKED: 'geekblue', IN_TRANSIT: 'orange', RECEIVED: 'green', REJECTED: 'red', CANCELLED: 'default' };
export const LEG_COLORS: Record<string, string> = { INTERNAL: 'default', OUTBOUND: 'purple', INBOUND: 'gold' };
const LEGS = ['INTERNAL', 'OUTBOUND', 'INBOUND'] as const;

export interface RequisitionRow {
  id: string;
  version: number;
  requisitionNo: string;
  status: string;
  /** INTERNAL, or a leg of a transfer from HQ: HQ's OUTBOUND, the franchise's INBOUND. */
  leg: string;
  fromWarehouseName: string | null;
  createdAt: string;
  note: string | null;
  outboundSlipNo: string | null;
  fromWarehouse: { id: string; name: string } | null;
  toWarehouse: { id: string; name: string } | null;
  requestedBy: { id: string; displayName: string } | null;
}

interface CreateForm {
  fromWarehouseId: string;
  toWarehouseId: string;
  note?: string;
  lines: { productId: string; quantity: number }[];
}

/** The supplying warehouse's name (a franchise sees HQ's central warehouse by the name kept on its leg). */
export const sourceName = (r: RequisitionRow) => r.fromWarehouse?.name ?? r.fromWarehouseName;

/** The warehouses the chosen requesting warehouse may ask (its franchise's, and HQ's central one, tagged 总部). */
function SourcePicker({ toWarehouseId, value, onChange }: { toWarehouseId?: string; value?: string; onChange?: (v: string | undefined) => void }) {
  const t = useTranslate();
  const { data, isFetching } = useGql<{ requisitionSources: { id: string; name: string; hq: boolean }[] }>('RequisitionSources', { toWarehouseId }, { enabled: !!toWarehouseId });
  return (
    <Select allowClear showSearch optionFilterProp="label" data-testid="source-picker" placeholder={toWarehouseId ? t('requisitions.from') : t('requisitions.chooseTo')} disabled={!toWarehouseId} value={value} onChange={onChange} loading={isFetching}
      options={(toWarehouseId ? data?.requisitionSources ?? [] : []).map((w) => ({ value: w.id, label: w.hq ? `${w.name}（${t('requisitions.fromHq')}）` : w.name }))} />
  );
}

/** Requisitions to or from the warehouses in scope, newest first: within a franchise, and both legs of transfers from HQ's central warehouse. */
export function RequisitionList() {
  const t = useTranslate();
  const navigate = useNavigate();
  const [status, setStatus] = useState<string | undefined>();
  const [leg, setLeg] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CreateForm>();
  const create = useGqlMutation<{ createRequisition: { id: string } }>('CreateRequisition', { success: 'requisitions.created' });
  const list = useGql<{ stockRequisitions: { totalCount: number; nodes: RequisitionRow[] } }>('RequisitionList', {
    filter: { ...(status ? { status: { eq: status } } : {}), ...(leg ? { leg: { eq: leg } } : {}) },
    paging: { limit: PAGE, offset: (page - 1) * PAGE },
  });
  const submit = async (values: CreateForm) => {
    const done = await create.run({ input: { ...values, note: values.note?.trim() || null } });
    if (done) navigate(`/requisitions/show/${done.createRequisition.id}`);
  };
  return (
    <List
      title={t('menu.requisitions')}
      headerButtons={
        <Space wrap>
          <Select allowClear style={{ width: 140 }} placeholder={t('common.status')} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
            options={REQUISITION_STATUSES.map((s) => ({ value: s, label: t(`enums.RequisitionStatus.${s}`) }))} data-testid="requisition-status-filter" />
          <Select allowClear style={{ width: 130 }} placeholder={t('requisitions.leg')} value={leg} onChange={(v) => { setLeg(v); setPage(1); }}
            options={LEGS.map((l) => ({ value: l, label: t(`enums.RequisitionLeg.${l}`) }))} data-testid="requisition-leg-filter" />
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()}>{t('buttons.refresh')}</Button>
          <CanAccess resource="requisitions" action="create">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-requisition">{t('requisitions.new')}</Button>
          </CanAccess>
        </Space>
      }
    >
      <Table<RequisitionRow> rowKey="id" size="small" data-testid="requisitions" loading={list.isLoading} dataSource={list.data?.stockRequisitions.nodes ?? []} scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.stockRequisitions.totalCount ?? 0, onChange: setPage }}>
        <Table.Column<RequisitionRow> dataIndex="requisitionNo" title={t('requisitions.no')} render={(v: string, r) => <Link to={`/requisitions/show/${r.id}`} data-lang-neutral>{v}</Link>} />
        <Table.Column<RequisitionRow> dataIndex="status" title={t('common.status')} render={(v: string) => <EnumTag enumName="RequisitionStatus" value={v} color={REQUISITION_COLORS[v]} />} />
        <Table.Column<RequisitionRow> dataIndex="leg" title={t('requisitions.leg')} render={(v: string) => <EnumTag enumName="RequisitionLeg" value={v} color={LEG_COLORS[v]} />} />
        <Table.Column<RequisitionRow> key="from" title={t('requisitions.from')} render={(_, r) => sourceName(r)} />
        <Table.Column<RequisitionRow> key="to" title={t('requisitions.to')} render={(_, r) => r.toWarehouse?.name} />
        <Table.Column<RequisitionRow> key="requestedBy" title={t('requisitions.requestedBy')} render={(_, r) => personName(r.requestedBy)} />
        <Table.Column<RequisitionRow> dataIndex="createdAt" title={t('common.createdAt')} render={(v: string) => <DateTime value={v} format="YYYY-MM-DD HH:mm" />} />
      </Table>
      <Modal open={creating} title={t('requisitions.new')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.loading} destroyOnHidden width={640}>
        <Form<CreateForm> form={form} layout="vertical" onFinish={submit} initialValues={{ lines: [{ quantity: 1 }] }} preserve={false}>
          <Form.Item name="toWarehouseId" label={t('requisitions.to')} rules={[{ required: true, message: t('purchases.required') }]}><WarehousePicker onChange={() => form.setFieldValue('fromWarehouseId', undefined)} /></Form.Item>
          <Form.Item noStyle dependencies={['toWarehouseId']}>
            {() => <Form.Item name="fromWarehouseId" label={t('requisitions.from')} rules={[{ required: true, message: t('purchases.required') }]}><SourcePicker toWarehouseId={form.getFieldValue('toWarehouseId')} /></Form.Item>}
          </Form.Item>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'productId']} rules={[{ required: true, message: t('purchases.required') }]}><ProductPicker style={{ width: 320 }} /></Form.Item>
                    <Form.Item name={[field.name, 'quantity']} rules={[{ required: true, message: t('purchases.required') }]}><InputNumber min={1} precision={0} placeholder={t('inventory.quantity')} /></Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ quantity: 1 })} icon={<PlusOutlined />}>{t('requisitions.addLine')}</Button>
              </>
            )}
          </Form.List>
          <Form.Item name="note" label={t('purchases.note')} style={{ marginTop: 12 }}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </List>
  );
}
