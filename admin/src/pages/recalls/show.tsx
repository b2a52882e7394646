import { Show } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Button, Card, Col, Form, Input, InputNumber, Modal, Progress, Radio, Row, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DateTime } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { personName, productText } from '../inventory/shared';

interface Recall {
  id: string;
  lotNo: string;
  reason: string;
  status: string;
  createdAt: string;
  product: { genericName: string; specification: string } | null;
  progress: { recipients: number; pending: number; contacted: number; returned: number; unreachable: number; returnedQuantity: number };
}
interface Contact {
  id: string;
  version: number;
  status: string;
  documentType: string;
  documentNo: string | null;
  customerId: string | null;
  customer: { id: string; name: string; phone: string | null } | null;
  caseId: string | null;
  quantity: number;
  returnedQuantity: number | null;
  outcomeNote: string | null;
  contactedAt: string | null;
  contactedBy: { displayName: string } | null;
}

const CONTACT_COLORS: Record<string, string> = { PENDING: 'default', CONTACTED: 'blue', RETURNED: 'green', UNREACHABLE: 'red' };
const OUTCOMES = ['CONTACTED', 'RETURNED', 'UNREACHABLE'] as const;
const PAGE = 20;

/**
 * A recall's outreach: how far it got (contacted / returned / unreachable of the recipients in
 * reach), starting it (a contact per recipient and a case per known customer, in one action), and
 * the list to work through, recording each outcome.
 */
export function RecallShow() {
  const t = useTranslate();
  const { id } = useParams();
  const [status, setStatus] = useState<string>('ALL');
  const [page, setPage] = useState(1);
  const recall = useGql<{ batchRecalls: { nodes: Recall[] } }>('RecallProgress', { id });
  const contacts = useGql<{ recallContacts: { totalCount: number; nodes: Contact[] } }>('RecallContactList', {
    recallId: id,
    filter: status === 'ALL' ? {} : { status: { eq: status } },
    paging: { limit: PAGE, offset: (page - 1) * PAGE },
  });
  const start = useGqlMutation<{ startRecallOutreach: { contactsCreated: number; casesOpened: number } }>('StartRecallOutreach', { success: 'recalls.started' });
  const record = useGqlMutation('RecordRecallOutcome', { success: 'recalls.recorded' });
  const [editing, setEditing] = useState<Contact | null>(null);
  const [form] = Form.useForm<{ status: string; returnedQuantity?: number; note?: string }>();
  const outcome = Form.useWatch('status', form);
  const doc = recall.data?.batchRecalls.nodes[0];
  const refresh = () => Promise.all([recall.refetch(), contacts.refetch()]);
  if (!doc) return <Show isLoading={recall.isLoading} title={t('recalls.title')} />;
  const p = doc.progress;
  const done = p.recipients ? Math.round(((p.recipients - p.pending) / p.recipients) * 100) : 0;

  return (
    <Show isLoading={recall.isLoading} title={<span>{t('recalls.title')} · {productText(doc.product)} <span data-lang-neutral>{doc.lotNo}</span></span>}
      headerButtons={
        <CanAccess resource="recalls" action="start">
          <Button type="primary" loading={start.loading} data-testid="start-outreach" onClick={async () => { if (await start.run({ input: { recallId: doc.id } })) await refresh(); }}>{t('recalls.start')}</Button>
        </CanAccess>
      }>
      <Card size="small" data-testid="recall-progress" data-recipients={p.recipients} data-contacted={p.contacted} data-returned={p.returned} data-unreachable={p.unreachable}>
        <Row gutter={16}>
          <Col xs={12} md={4}><Statistic title={t('recalls.recipients')} value={p.recipients} /></Col>
          <Col xs={12} md={4}><Statistic title={t('recalls.pending')} value={p.pending} /></Col>
          <Col xs={12} md={4}><Statistic title={t('enums.RecallContactStatus.CONTACTED')} value={p.contacted} valueStyle={{ color: '#1677ff' }} /></Col>
          <Col xs={12} md={4}><Statistic title={t('enums.RecallContactStatus.RETURNED')} value={p.returned} valueStyle={{ color: '#52c41a' }} suffix={<small>({t('recalls.units', { count: p.returnedQuantity })})</small>} /></Col>
          <Col xs={12} md={4}><Statistic title={t('enums.RecallContactStatus.UNREACHABLE')} value={p.unreachable} valueStyle={{ color: '#f5222d' }} /></Col>
          <Col xs={24} md={4}><Progress type="circle" size={72} percent={done} /></Col>
        </Row>
        <div style={{ marginTop: 8, color: '#888' }}>{t('inventory.recallReason')}：{doc.reason} · <DateTime value={doc.createdAt} format="YYYY-MM-DD HH:mm" /></div>
      </Card>
      <Card size="small" title={t('recalls.list')} style={{ marginTop: 12 }}
        extra={<Radio.Group size="small" optionType="button" value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); }}
          options={[{ value: 'ALL', label: t('common.all') }, ...['PENDING', ...OUTCOMES].map((s) => ({ value: s, label: t(`enums.RecallContactStatus.${s}`) }))]} />}>
        <Table<Contact> rowKey="id" size="small" loading={contacts.isLoading} dataSource={contacts.data?.recallContacts.nodes ?? []} data-testid="recall-contacts" scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: PAGE, total: contacts.data?.recallContacts.totalCount ?? 0, onChange: setPage }}>
          <Table.Column<Contact> key="customer" title={t('inventory.customer')} render={(_, c) => (c.customer ? <Link to={`/customers/show/${c.customer.id}`}>{c.customer.name}</Link> : '—')} />
          <Table.Column<Contact> key="phone" title={t('customers.phone')} render={(_, c) => c.customer?.phone ?? '—'} />
          <Table.Column<Contact> dataIndex="documentNo" title={t('inventory.document')} render={(v: string | null) => <span data-lang-neutral>{v ?? '—'}</span>} />
          <Table.Column<Contact> dataIndex="quantity" title={t('inventory.quantity')} />
          <Table.Column<Contact> dataIndex="status" title={t('common.status')} render={(v: string, c) => <Space size={2}><Tag color={CONTACT_COLORS[v]}>{t(`enums.RecallContactStatus.${v}`)}</Tag>{c.returnedQuantity ? <Tag>{t('recalls.units', { count: c.returnedQuantity })}</Tag> : null}</Space>} />
          <Table.Column<Contact> dataIndex="outcomeNote" title={t('recalls.note')} render={(v: string | null) => v ?? '—'} />
          <Table.Column<Contact> key="by" title={t('recalls.contactedBy')} render={(_, c) => (c.contactedAt ? <span>{personName(c.contactedBy)} · <DateTime value={c.contactedAt} format="MM-DD HH:mm" /></span> : '—')} />
          <Table.Column<Contact> dataIndex="caseId" title={t('storage.case')} render={(v: string | null) => (v ? <Link to={`/cases/show/${v}`}>{t('storage.openCase')}</Link> : '—')} />
          <Table.Column<Contact> key="actions" title={t('common.actions')} render={(_, c) => (
            <CanAccess resource="recalls" action="contact">
              <Button size="small" onClick={() => { setEditing(c); form.setFieldsValue({ status: c.status === 'PENDING' ? 'CONTACTED' : c.status, returnedQuantity: c.returnedQuantity ?? c.quantity, note: c.outcomeNote ?? '' }); }} data-testid={`outcome-${c.documentNo}`}>{t('recalls.record')}</Button>
            </CanAccess>
          )} />
        </Table>
      </Card>
      <Modal open={!!editing} title={t('recalls.record')} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={record.loading} destroyOnHidden forceRender>
        <Form form={form} layout="vertical" onFinish={async (v) => {
          if (!editing) return;
          const ok = await record.run({ input: { id: editing.id, version: editing.version, status: v.status, returnedQuantity: v.status === 'RETURNED' ? v.returnedQuantity : null, note: v.note?.trim() || null } });
          if (ok) { setEditing(null); await refresh(); }
        }}>
          <Form.Item name="status" label={t('common.status')}><Radio.Group optionType="button" options={OUTCOMES.map((s) => ({ value: s, label: t(`enums.RecallContactStatus.${s}`) }))} /></Form.Item>
          {outcome === 'RETURNED' && <Form.Item name="returnedQuantity" label={t('recalls.returnedQuantity')}><InputNumber min={0} precision={0} /></Form.Item>}
          <Form.Item name="note" label={t('recalls.note')} rules={[{ required: outcome === 'UNREACHABLE', message: t('recalls.howTried') }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </Show>
  );
}
