import { Show } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { DateTime, EnumTag } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { batchStatusColor, personName, productText } from '../inventory/shared';
import { DESTRUCTION_COLORS, type DestructionRow } from './list';

type Person = { id: string; displayName: string } | null;
interface Detail extends DestructionRow {
  warehouseId: string;
  decisionNote: string | null;
  decidedAt: string | null;
  destructionNote: string | null;
  decidedBy: Person;
  destroyedBy: Person;
  lines: { id: string; quantity: number; product: { genericName: string; specification: string; unit: string } | null; batch: { lotNo: string; expiryDate: string; effectiveStatus: string } | null; zone: { name: string; nonConforming: boolean } | null }[];
}
type Line = Detail['lines'][number];

/** The witness: someone of the warehouse's franchise other than the one destroying (the API lists them by name). */
function WitnessPicker({ warehouseId, value, onChange }: { warehouseId: string; value?: string; onChange: (v?: string) => void }) {
  const t = useTranslate();
  const { data, isFetching } = useGql<{ destructionWitnesses: { id: string; displayName: string }[] }>('DestructionWitnesses', { warehouseId });
  return <Select showSearch optionFilterProp="label" allowClear style={{ width: 200 }} placeholder={t('destructions.witness')} loading={isFetching} value={value} onChange={onChange}
    options={(data?.destructionWitnesses ?? []).map((s) => ({ value: s.id, label: s.displayName }))} data-testid="witness-picker" />;
}

/** One destruction: approve or reject (never one's own request), then destroy by a stated method before a witness; the record keeps who, when and how. */
export function DestructionShow() {
  const t = useTranslate();
  const { id } = useParams();
  const query = useGql<{ stockDestruction: Detail | null }>('DestructionShow', { id });
  const doc = query.data?.stockDestruction;
  const approve = useGqlMutation('ApproveDestruction', { success: 'destructions.approved' });
  const reject = useGqlMutation('RejectDestruction', { success: 'destructions.rejected' });
  const destroy = useGqlMutation('DestroyStock', { success: 'destructions.destroyed' });
  const cancel = useGqlMutation('CancelDestruction', { success: 'destructions.cancelled' });
  const [note, setNote] = useState('');
  const [method, setMethod] = useState('');
  const [witnessId, setWitnessId] = useState<string>();
  const after = async (done: unknown) => { if (done) { setNote(''); await query.refetch(); } };
  if (!doc) return <Show isLoading={query.isLoading} title={t('menu.destructions')} />;
  const base = { id: doc.id, version: doc.version };

  return (
    <Show isLoading={query.isLoading} title={<span data-lang-neutral>{doc.destructionNo}</span>} headerButtons={<EnumTag enumName="DestructionStatus" value={doc.status} color={DESTRUCTION_COLORS[doc.status]} />}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="destruction-status" data-status={doc.status}>
        <Descriptions.Item label={t('inventory.warehouse')}>{doc.warehouse?.name}</Descriptions.Item>
        <Descriptions.Item label={t('destructions.reason')}>{doc.reason}</Descriptions.Item>
        <Descriptions.Item label={t('requisitions.requestedBy')}>{personName(doc.requestedBy)} · <DateTime value={doc.createdAt} format="MM-DD HH:mm" /></Descriptions.Item>
        <Descriptions.Item label={t('requisitions.decidedBy')}>{personName(doc.decidedBy)}{doc.decidedAt && <> · <DateTime value={doc.decidedAt} format="MM-DD HH:mm" /></>}</Descriptions.Item>
        <Descriptions.Item label={t('destructions.destroyedBy')}><span data-testid="destroyed-by">{personName(doc.destroyedBy)}</span>{doc.destroyedAt && <> · <DateTime value={doc.destroyedAt} format="YYYY-MM-DD HH:mm" /></>}</Descriptions.Item>
        <Descriptions.Item label={t('destructions.witness')}><span data-testid="witness">{personName(doc.witness)}</span></Descriptions.Item>
        <Descriptions.Item label={t('destructions.method')}>{doc.method ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('purchases.note')}>{doc.destructionNote ?? '—'}</Descriptions.Item>
      </Descriptions>
      {doc.decisionNote && <Typography.Paragraph type="secondary">{t('purchases.decisionNote')}：{doc.decisionNote}</Typography.Paragraph>}

      <Card size="small" title={t('destructions.lines')} style={{ marginTop: 12 }}>
        <Table<Line> rowKey="id" size="small" pagination={false} dataSource={doc.lines} scroll={{ x: 'max-content' }}>
          <Table.Column<Line> key="product" title={t('inventory.product')} render={(_, l) => productText(l.product)} />
          <Table.Column<Line> key="lot" title={t('inventory.lotNo')} render={(_, l) => <span data-lang-neutral>{l.batch?.lotNo}</span>} />
          <Table.Column<Line> key="expiry" title={t('inventory.expiryDate')} render={(_, l) => l.batch?.expiryDate} />
          <Table.Column<Line> key="status" title={t('inventory.batchStatus')} render={(_, l) => <EnumTag enumName="BatchStatus" value={l.batch?.effectiveStatus} color={batchStatusColor(l.batch?.effectiveStatus)} />} />
          <Table.Column<Line> key="zone" title={t('inventory.zone')} render={(_, l) => <>{l.zone?.name}{l.zone?.nonConforming && <Tag color="volcano" style={{ marginLeft: 4 }}>{t('destructions.nonConforming')}</Tag>}</>} />
          <Table.Column<Line> dataIndex="quantity" title={t('destructions.quantity')} render={(v: number, l) => `${v} ${l.product?.unit ?? ''}`} />
        </Table>
        <Space style={{ marginTop: 12 }} wrap>
          {doc.status === 'REQUESTED' && (
            <CanAccess resource="destructions" action="approve">
              <Space wrap>
                <Input style={{ width: 280 }} placeholder={t('purchases.decisionNote')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="destruction-note" />
                <Button type="primary" loading={approve.loading} data-testid="approve-destruction" onClick={async () => after(await approve.run({ input: { ...base, note: note.trim() || null } }))}>{t('purchases.approve')}</Button>
                <Button danger loading={reject.loading} data-testid="reject-destruction" onClick={async () => after(await reject.run({ input: { ...base, note: note.trim() || null } }))}>{t('purchases.reject')}</Button>
              </Space>
            </CanAccess>
          )}
          {doc.status === 'APPROVED' && (
            <CanAccess resource="destructions" action="destroy">
              <Space wrap>
                <Input style={{ width: 200 }} placeholder={t('destructions.methodHint')} value={method} onChange={(e) => setMethod(e.target.value)} data-testid="destruction-method" />
                <WitnessPicker warehouseId={doc.warehouseId} value={witnessId} onChange={setWitnessId} />
                <Input style={{ width: 220 }} placeholder={t('purchases.note')} value={note} onChange={(e) => setNote(e.target.value)} />
                <Button type="primary" danger disabled={!method.trim() || !witnessId} loading={destroy.loading} data-testid="destroy-stock"
                  onClick={async () => after(await destroy.run({ input: { ...base, method: method.trim(), witnessId, note: note.trim() || null } }))}>{t('destructions.destroy')}</Button>
              </Space>
            </CanAccess>
          )}
          {['REQUESTED', 'APPROVED'].includes(doc.status) && (
            <CanAccess resource="destructions" action="create">
              <Button type="link" danger loading={cancel.loading} onClick={async () => {
                const reason = window.prompt(t('requisitions.cancelReason')) ?? '';
                if (reason.trim()) await after(await cancel.run({ input: { ...base, reason: reason.trim() } }));
              }}>{t('requisitions.cancel')}</Button>
            </CanAccess>
          )}
        </Space>
      </Card>
    </Show>
  );
}
