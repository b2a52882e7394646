import { Show } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Button, Card, Descriptions, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DateTime, EnumTag } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { personName, productText } from '../inventory/shared';
import { LEG_COLORS, REQUISITION_COLORS, sourceName, type RequisitionRow } from './list';

type Person = { id: string; displayName: string } | null;
interface Detail extends RequisitionRow {
  decisionNote: string | null;
  decidedAt: string | null;
  pickedAt: string | null;
  shippedAt: string | null;
  receivedAt: string | null;
  decidedBy: Person;
  pickedBy: Person;
  shippedBy: Person;
  receivedBy: Person;
  lines: { id: string; lineNo: number; quantity: number; note: string | null; product: { genericName: string; specification: string; unit: string } | null }[];
  transferLines: TransferLine[];
  /** HQ's view of the franchise's leg of a transfer (null for a franchise: it never sees HQ's). */
  counterpart: { id: string; requisitionNo: string; status: string; receivedAt: string | null; transferLines: TransferLine[] } | null;
}
interface TransferLine {
  id: string;
  shippedQuantity: number;
  receivedQuantity: number | null;
  damagedQuantity: number | null;
  shortQuantity: number | null;
  discrepancyNote: string | null;
  batch: { lotNo: string; expiryDate: string } | null;
  product: { genericName: string; specification: string } | null;
  toZone: { name: string } | null;
}
type Receipt = Record<string, { receivedQuantity: number; damagedQuantity: number; note?: string }>;

/**
 * One requisition and its next step: approve or reject (an approver, never the requester), pick first
 * expiry first, ship with the outbound slip number, receive at the branch with what arrived damaged or short.
 */
export function RequisitionShow() {
  const t = useTranslate();
  const { id } = useParams();
  const query = useGql<{ stockRequisition: Detail | null }>('RequisitionShow', { id });
  const doc = query.data?.stockRequisition;
  const approve = useGqlMutation('ApproveRequisition', { success: 'requisitions.approved' });
  const reject = useGqlMutation('RejectRequisition', { success: 'requisitions.rejected' });
  const pick = useGqlMutation('PickRequisition', { success: 'requisitions.picked' });
  const ship = useGqlMutation('ShipRequisition', { success: 'requisitions.shipped' });
  const receive = useGqlMutation('ReceiveTransfer', { success: 'requisitions.received' });
  const cancel = useGqlMutation('CancelRequisition', { success: 'requisitions.cancelled' });
  const [note, setNote] = useState('');
  const [slipNo, setSlipNo] = useState('');
  const [receipt, setReceipt] = useState<Receipt>({});
  const after = async (done: unknown) => { if (done) { setNote(''); await query.refetch(); } };
  if (!doc) return <Show isLoading={query.isLoading} title={t('menu.requisitions')} />;
  const base = { id: doc.id, version: doc.version };
  const line = (l: TransferLine) => receipt[l.id] ?? { receivedQuantity: l.shippedQuantity, damagedQuantity: 0 };
  const setLine = (l: TransferLine, patch: Partial<Receipt[string]>) => setReceipt((r) => ({ ...r, [l.id]: { ...line(l), ...patch } }));
  // HQ's outbound leg is approved, picked and shipped; the franchise's inbound leg is received (or withdrawn before a decision).
  const supplying = doc.leg !== 'INBOUND';
  const receiving = doc.leg !== 'OUTBOUND';
  const cancellable = supplying ? ['SUBMITTED', 'APPROVED', 'PICKED'].includes(doc.status) : doc.status === 'SUBMITTED';

  return (
    <Show isLoading={query.isLoading} title={<span data-lang-neutral>{doc.requisitionNo}</span>} headerButtons={<Space><EnumTag enumName="RequisitionLeg" value={doc.leg} color={LEG_COLORS[doc.leg]} /><EnumTag enumName="RequisitionStatus" value={doc.status} color={REQUISITION_COLORS[doc.status]} /></Space>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="requisition-status" data-status={doc.status}>
        <Descriptions.Item label={t('requisitions.from')}>{sourceName(doc)}</Descriptions.Item>
        <Descriptions.Item label={t('requisitions.to')}>{doc.toWarehouse?.name}</Descriptions.Item>
        <Descriptions.Item label={t('requisitions.outboundSlipNo')}><span data-lang-neutral>{doc.outboundSlipNo ?? '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t('requisitions.requestedBy')}>{personName(doc.requestedBy)} · <DateTime value={doc.createdAt} format="MM-DD HH:mm" /></Descriptions.Item>
        <Descriptions.Item label={t('requisitions.decidedBy')}>{personName(doc.decidedBy)}{doc.decidedAt && <> · <DateTime value={doc.decidedAt} format="MM-DD HH:mm" /></>}</Descriptions.Item>
        <Descriptions.Item label={t('requisitions.pickedBy')}>{personName(doc.pickedBy)}</Descriptions.Item>
        <Descriptions.Item label={t('requisitions.shippedBy')}>{personName(doc.shippedBy)}{doc.shippedAt && <> · <DateTime value={doc.shippedAt} format="MM-DD HH:mm" /></>}</Descriptions.Item>
        <Descriptions.Item label={t('requisitions.receivedBy')}>{personName(doc.receivedBy)}{doc.receivedAt && <> · <DateTime value={doc.receivedAt} format="MM-DD HH:mm" /></>}</Descriptions.Item>
        <Descriptions.Item label={t('purchases.note')}>{doc.note ?? '—'}</Descriptions.Item>
      </Descriptions>
      {doc.decisionNote && <Typography.Paragraph type="secondary">{t('purchases.decisionNote')}：{doc.decisionNote}</Typography.Paragraph>}

      <Card size="small" title={t('requisitions.lines')} style={{ marginTop: 12 }}>
        <Table rowKey="id" size="small" pagination={false} dataSource={doc.lines}>
          <Table.Column dataIndex="lineNo" title="#" width={48} />
          <Table.Column key="product" title={t('inventory.product')} render={(_, l: Detail['lines'][number]) => productText(l.product)} />
          <Table.Column dataIndex="quantity" title={t('inventory.quantity')} render={(v: number, l: Detail['lines'][number]) => `${v} ${l.product?.unit ?? ''}`} />
          <Table.Column dataIndex="note" title={t('purchases.note')} render={(v: string | null) => v ?? '—'} />
        </Table>
        <Space style={{ marginTop: 12 }} wrap>
          {supplying && doc.status === 'SUBMITTED' && (
            <CanAccess resource="requisitions" action="approve">
              <Space wrap>
                <Input style={{ width: 280 }} placeholder={t('purchases.decisionNote')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="requisition-note" />
                <Button type="primary" loading={approve.loading} data-testid="approve-requisition" onClick={async () => after(await approve.run({ input: { ...base, note: note.trim() || null } }))}>{t('purchases.approve')}</Button>
                <Button danger loading={reject.loading} data-testid="reject-requisition" onClick={async () => after(await reject.run({ input: { ...base, note: note.trim() || null } }))}>{t('purchases.reject')}</Button>
              </Space>
            </CanAccess>
          )}
          {supplying && doc.status === 'APPROVED' && (
            <CanAccess resource="requisitions" action="work">
              <Button type="primary" loading={pick.loading} data-testid="pick-requisition" onClick={async () => after(await pick.run({ input: base }))}>{t('requisitions.pick')}</Button>
            </CanAccess>
          )}
          {supplying && doc.status === 'PICKED' && (
            <CanAccess resource="requisitions" action="work">
              <Space wrap>
                <Input style={{ width: 220 }} placeholder={t('requisitions.outboundSlipNo')} value={slipNo} onChange={(e) => setSlipNo(e.target.value)} data-testid="outbound-slip" />
                <Button type="primary" disabled={!slipNo.trim()} loading={ship.loading} data-testid="ship-requisition" onClick={async () => after(await ship.run({ input: { ...base, outboundSlipNo: slipNo.trim() } }))}>{t('requisitions.ship')}</Button>
              </Space>
            </CanAccess>
          )}
          {cancellable && (
            <CanAccess resource="requisitions" action="work">
              <Button danger type="link" loading={cancel.loading} onClick={async () => {
                const reason = note.trim() || window.prompt(t('requisitions.cancelReason')) || '';
                if (reason.trim()) await after(await cancel.run({ input: { ...base, reason: reason.trim() } }));
              }}>{t('requisitions.cancel')}</Button>
            </CanAccess>
          )}
        </Space>
      </Card>

      {doc.transferLines.length > 0 && (
        <Card size="small" title={t('requisitions.transferLines')} style={{ marginTop: 12 }}>
          {receiving && doc.status === 'IN_TRANSIT' && <Typography.Paragraph type="secondary">{t('requisitions.receiveHelp')}</Typography.Paragraph>}
          <Table<TransferLine> rowKey="id" size="small" pagination={false} dataSource={doc.transferLines} data-testid="transfer-lines" scroll={{ x: 'max-content' }}>
            <Table.Column<TransferLine> key="product" title={t('inventory.product')} render={(_, l) => productText(l.product)} />
            <Table.Column<TransferLine> key="lot" title={t('inventory.lotNo')} render={(_, l) => <span data-lang-neutral>{l.batch?.lotNo}</span>} />
            <Table.Column<TransferLine> key="expiry" title={t('inventory.expiryDate')} render={(_, l) => l.batch?.expiryDate} />
            <Table.Column<TransferLine> dataIndex="shippedQuantity" title={t('requisitions.shippedQuantity')} />
            {receiving && doc.status === 'IN_TRANSIT' ? (
              <>
                <Table.Column<TransferLine> key="received" title={t('requisitions.receivedGood')} render={(_, l) => <InputNumber min={0} precision={0} value={line(l).receivedQuantity} onChange={(v) => setLine(l, { receivedQuantity: Number(v ?? 0) })} data-testid={`receive-${l.batch?.lotNo}`} />} />
                <Table.Column<TransferLine> key="damaged" title={t('requisitions.damaged')} render={(_, l) => <InputNumber min={0} precision={0} value={line(l).damagedQuantity} onChange={(v) => setLine(l, { damagedQuantity: Number(v ?? 0) })} data-testid={`damaged-${l.batch?.lotNo}`} />} />
                <Table.Column<TransferLine> key="note" title={t('requisitions.discrepancy')} render={(_, l) => <Input style={{ width: 160 }} value={line(l).note} onChange={(e) => setLine(l, { note: e.target.value })} />} />
              </>
            ) : (
              <>
                <Table.Column<TransferLine> dataIndex="receivedQuantity" title={t('requisitions.receivedGood')} render={(v: number | null) => v ?? '—'} />
                <Table.Column<TransferLine> dataIndex="damagedQuantity" title={t('requisitions.damaged')} render={(v: number | null) => (v ? <Tag color="volcano">{v}</Tag> : v ?? '—')} />
                <Table.Column<TransferLine> dataIndex="shortQuantity" title={t('requisitions.short')} render={(v: number | null) => (v ? <Tag color="red">{v}</Tag> : v ?? '—')} />
                <Table.Column<TransferLine> dataIndex="discrepancyNote" title={t('requisitions.discrepancy')} render={(v: string | null) => v ?? '—'} />
              </>
            )}
          </Table>
          {receiving && doc.status === 'IN_TRANSIT' && (
            <CanAccess resource="requisitions" action="work">
              <Button style={{ marginTop: 12 }} type="primary" loading={receive.loading} data-testid="receive-requisition"
                onClick={async () => after(await receive.run({ input: { ...base, lines: doc.transferLines.map((l) => ({ transferLineId: l.id, receivedQuantity: line(l).receivedQuantity, damagedQuantity: line(l).damagedQuantity, note: line(l).note?.trim() || null })) } }))}>
                {t('requisitions.receive')}
              </Button>
            </CanAccess>
          )}
        </Card>
      )}

      {doc.counterpart && (
        <Card size="small" title={<>{t('requisitions.counterpart')} · <Link to={`/requisitions/show/${doc.counterpart.id}`} data-lang-neutral>{doc.counterpart.requisitionNo}</Link></>} style={{ marginTop: 12 }} data-testid="requisition-counterpart"
          extra={<EnumTag enumName="RequisitionStatus" value={doc.counterpart.status} color={REQUISITION_COLORS[doc.counterpart.status]} />}>
          <Typography.Paragraph type="secondary">{t('requisitions.counterpartHelp')}{doc.counterpart.receivedAt && <> · <DateTime value={doc.counterpart.receivedAt} format="MM-DD HH:mm" /></>}</Typography.Paragraph>
          <Table<TransferLine> rowKey="id" size="small" pagination={false} dataSource={doc.counterpart.transferLines} scroll={{ x: 'max-content' }}>
            <Table.Column<TransferLine> key="lot" title={t('inventory.lotNo')} render={(_, l) => <span data-lang-neutral>{l.batch?.lotNo}</span>} />
            <Table.Column<TransferLine> key="expiry" title={t('inventory.expiryDate')} render={(_, l) => l.batch?.expiryDate} />
            <Table.Column<TransferLine> dataIndex="shippedQuantity" title={t('requisitions.shippedQuantity')} />
            <Table.Column<TransferLine> dataIndex="receivedQuantity" title={t('requisitions.receivedGood')} render={(v: number | null) => v ?? '—'} />
            <Table.Column<TransferLine> dataIndex="damagedQuantity" title={t('requisitions.damaged')} render={(v: number | null) => (v ? <Tag color="volcano">{v}</Tag> : v ?? '—')} />
            <Table.Column<TransferLine> dataIndex="shortQuantity" title={t('requisitions.short')} render={(v: number | null) => (v ? <Tag color="red">{v}</Tag> : v ?? '—')} />
            <Table.Column<TransferLine> dataIndex="discrepancyNote" title={t('requisitions.discrepancy')} render={(v: string | null) => v ?? '—'} />
          </Table>
        </Card>
      )}
    </Show>
  );
}
