import { Show } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Button, Card, Descriptions, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { DateTime, EnumTag } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { STATUS_COLORS, type PurchaseDetail } from './types';

interface InspectionForm {
  lines: { requestLineId: string; lotNo: string; manufactureDate: string; expiryDate: string; acceptedQuantity: number; rejectedQuantity: number; rejectReason?: string }[];
}

type Line = PurchaseDetail['lines'][number];
type Inspected = PurchaseDetail['inspectionLines'][number];
type StockRow = { id: string; onHand: number; available: number; expiryDate: string; batch: { lotNo: string } | null; zone: { code: string; name: string } | null; product: { genericName: string; specification: string } | null };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One purchase: its lines, and on arrival the joint inspection (per line: lot, dates, accepted and
 * rejected quantities with the reason), the two signatures (warehouse keeper, product manager),
 * the put-away with the paper inbound slip number, and the stock it made.
 */
export function PurchaseRequestShow() {
  const t = useTranslate();
  const { id } = useParams();
  const query = useGql<{ purchaseRequest: PurchaseDetail | null }>('PurchaseRequestShow', { id });
  const doc = query.data?.purchaseRequest;
  const arrive = useGqlMutation('RecordPurchaseArrival', { success: 'purchases.arrived' });
  const record = useGqlMutation('RecordInspection', { success: 'purchases.inspectionSaved' });
  const sign = useGqlMutation('SignInspection', { success: 'purchases.signed' });
  const putAway = useGqlMutation('PutAwayPurchase', { success: 'purchases.putAway' });
  const submit = useGqlMutation('SubmitPurchaseRequest', { success: 'purchases.submitted' });
  const approve = useGqlMutation('ApprovePurchaseRequest', { success: 'purchases.approved' });
  const reject = useGqlMutation('RejectPurchaseRequest', { success: 'purchases.rejectedDone' });
  const order = useGqlMutation('PlaceSupplierOrder', { success: 'purchases.ordered' });
  const [decisionNote, setDecisionNote] = useState('');
  const [supplierOrderNo, setSupplierOrderNo] = useState('');
  const batchIds = (doc?.inspectionLines ?? []).map((l) => l.batchId).filter((b): b is string => !!b);
  const stock = useGql<{ stockBalances: { nodes: StockRow[] } }>('PurchaseStock', { warehouseId: doc?.warehouseId, batchIds }, { enabled: doc?.status === 'RECEIVED' && batchIds.length > 0 });
  const [form] = Form.useForm<InspectionForm>();
  const [slipForm] = Form.useForm<{ inboundSlipNo: string }>();
  const after = async (done: unknown) => { if (done) await query.refetch(); };
  if (!doc) return <Show isLoading={query.isLoading} title={t('menu.purchaseRequests')} />;

  const lineOf = (requestLineId: string) => doc.lines.find((l) => l.id === requestLineId);
  const productText = (p: { genericName: string; specification: string } | null | undefined) => (p ? `${p.genericName} ${p.specification}` : '—');
  const initial: InspectionForm = {
    lines: doc.lines.map((l) => {
      const prior = doc.inspectionLines.find((i) => i.requestLineId === l.id);
      return { requestLineId: l.id, lotNo: prior?.lotNo ?? '', manufactureDate: prior?.manufactureDate ?? '', expiryDate: prior?.expiryDate ?? '', acceptedQuantity: prior?.acceptedQuantity ?? l.quantity, rejectedQuantity: prior?.rejectedQuantity ?? 0, rejectReason: prior?.rejectReason ?? undefined };
    }),
  };
  const recorded = doc.inspectionLines.length > 0;

  return (
    <Show isLoading={query.isLoading} title={<span data-lang-neutral>{doc.requestNo}</span>} headerButtons={<EnumTag enumName="PurchaseStatus" value={doc.status} color={STATUS_COLORS[doc.status]} />}>
      <Descriptions size="small" column={3} data-testid="purchase-status" data-status={doc.status}>
        <Descriptions.Item label={t('purchases.status')}>{t(`enums.PurchaseStatus.${doc.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('purchases.warehouse')}>{doc.warehouse?.name}</Descriptions.Item>
        <Descriptions.Item label={t('purchases.supplier')}>{doc.supplier?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('purchases.supplierOrderNo')}><span data-lang-neutral>{doc.supplierOrderNo ?? '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t('purchases.expectedDate')}>{doc.expectedDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('purchases.arrivedAt')}><DateTime value={doc.arrivedAt} format="YYYY-MM-DD HH:mm" /></Descriptions.Item>
        <Descriptions.Item label={t('purchases.inboundSlipNo')}><span data-lang-neutral>{doc.inboundSlipNo ?? '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t('purchases.note')}>{doc.note ?? '—'}</Descriptions.Item>
      </Descriptions>

      <Card size="small" title={t('purchases.lines')} style={{ marginTop: 12 }}>
        <Table<Line> rowKey="id" size="small" pagination={false} dataSource={doc.lines}>
          <Table.Column<Line> dataIndex="lineNo" title="#" width={48} />
          <Table.Column<Line> key="product" title={t('purchases.product')} render={(_, l) => productText(l.product)} />
          <Table.Column<Line> key="storage" title={t('purchases.storageClass')} render={(_, l) => <EnumTag enumName="StorageClass" value={l.product?.storageClass} color={l.product?.storageClass === 'COLD' ? 'blue' : undefined} />} />
          <Table.Column<Line> dataIndex="quantity" title={t('purchases.quantity')} />
          <Table.Column<Line> dataIndex="suggestedQuantity" title={t('purchases.suggested')} />
        </Table>
        {doc.status === 'DRAFT' && (
          <Button style={{ marginTop: 12 }} type="primary" data-testid="submit-purchase" loading={submit.loading} onClick={async () => after(await submit.run({ input: { id: doc.id, version: doc.version } }))}>
            {t('purchases.submit')}
          </Button>
        )}
        {doc.status === 'SUBMITTED' && (
          <Space style={{ marginTop: 12 }} wrap>
            <Input style={{ width: 320 }} placeholder={t('purchases.decisionNote')} value={decisionNote} onChange={(e) => setDecisionNote(e.target.value)} data-testid="decision-note" />
            <Button type="primary" data-testid="approve-purchase" loading={approve.loading} onClick={async () => after(await approve.run({ input: { id: doc.id, version: doc.version, note: decisionNote.trim() || null } }))}>{t('purchases.approve')}</Button>
            <Button danger data-testid="reject-purchase" loading={reject.loading} onClick={async () => after(await reject.run({ input: { id: doc.id, version: doc.version, note: decisionNote.trim() || null } }))}>{t('purchases.reject')}</Button>
          </Space>
        )}
        {doc.status === 'APPROVED' && (
          <Space style={{ marginTop: 12 }} wrap>
            <Input style={{ width: 240 }} placeholder={t('purchases.supplierOrderNo')} value={supplierOrderNo} onChange={(e) => setSupplierOrderNo(e.target.value)} data-testid="supplier-order-no" />
            <Button type="primary" data-testid="place-order" disabled={!supplierOrderNo.trim()} loading={order.loading} onClick={async () => after(await order.run({ input: { id: doc.id, version: doc.version, supplierOrderNo: supplierOrderNo.trim() } }))}>{t('purchases.placeOrder')}</Button>
          </Space>
        )}
        {doc.decisionNote && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('purchases.decisionNote')}：{doc.decisionNote}</Typography.Paragraph>}
        {doc.status === 'ORDERED' && (
          <Button style={{ marginTop: 12 }} type="primary" data-testid="record-arrival" loading={arrive.loading} onClick={async () => after(await arrive.run({ input: { id: doc.id, version: doc.version } }))}>
            {t('purchases.recordArrival')}
          </Button>
        )}
      </Card>

      {doc.status === 'ARRIVED' && (
        <Card size="small" title={t('purchases.inspection')} style={{ marginTop: 12 }} data-testid="inspection-form">
          <Typography.Paragraph type="secondary">{t('purchases.inspectionHelp')}</Typography.Paragraph>
          <Form<InspectionForm>
            form={form}
            layout="vertical"
            initialValues={initial}
            onFinish={async (values) =>
              after(await record.run({ input: { id: doc.id, version: doc.version, lines: values.lines.map((l) => ({ ...l, lotNo: l.lotNo.trim(), rejectReason: l.rejectReason?.trim() || null })) } }))
            }
          >
            <Form.List name="lines">
              {(fields) =>
                fields.map((field, i) => (
                  <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                    <Typography.Text strong style={{ display: 'inline-block', width: 200, paddingTop: 30 }}>{productText(lineOf(initial.lines[i]!.requestLineId)?.product)}</Typography.Text>
                    <Form.Item name={[field.name, 'requestLineId']} hidden><Input /></Form.Item>
                    <Form.Item name={[field.name, 'lotNo']} label={t('purchases.lotNo')} rules={[{ required: true, message: t('purchases.required') }]}><Input data-testid={`inspection-${i}-lotNo`} style={{ width: 140 }} /></Form.Item>
                    <Form.Item name={[field.name, 'manufactureDate']} label={t('purchases.manufactureDate')} rules={[{ required: true, pattern: DATE, message: t('purchases.dateFormat') }]}><Input data-testid={`inspection-${i}-manufactureDate`} placeholder="2026-01-31" style={{ width: 130 }} /></Form.Item>
                    <Form.Item name={[field.name, 'expiryDate']} label={t('purchases.expiryDate')} rules={[{ required: true, pattern: DATE, message: t('purchases.dateFormat') }]}><Input data-testid={`inspection-${i}-expiryDate`} placeholder="2028-01-31" style={{ width: 130 }} /></Form.Item>
                    <Form.Item name={[field.name, 'acceptedQuantity']} label={t('purchases.accepted')} rules={[{ required: true, message: t('purchases.required') }]}><InputNumber data-testid={`inspection-${i}-accepted`} min={0} precision={0} /></Form.Item>
                    <Form.Item name={[field.name, 'rejectedQuantity']} label={t('purchases.rejected')}><InputNumber data-testid={`inspection-${i}-rejected`} min={0} precision={0} /></Form.Item>
                    <Form.Item name={[field.name, 'rejectReason']} label={t('purchases.rejectReason')}><Input data-testid={`inspection-${i}-reason`} style={{ width: 180 }} /></Form.Item>
                  </Space>
                ))
              }
            </Form.List>
            <Button type="primary" htmlType="submit" loading={record.loading} data-testid="save-inspection">{t('purchases.saveInspection')}</Button>
          </Form>
        </Card>
      )}

      {recorded && (
        <Card size="small" title={t('purchases.inspectionRecord')} style={{ marginTop: 12 }}>
          <Table<Inspected> rowKey="id" size="small" pagination={false} dataSource={doc.inspectionLines} data-testid="inspection-lines">
            <Table.Column<Inspected> key="product" title={t('purchases.product')} render={(_, l) => productText(l.product)} />
            <Table.Column<Inspected> dataIndex="lotNo" title={t('purchases.lotNo')} render={(v: string) => <span data-lang-neutral>{v}</span>} />
            <Table.Column<Inspected> dataIndex="manufactureDate" title={t('purchases.manufactureDate')} />
            <Table.Column<Inspected> dataIndex="expiryDate" title={t('purchases.expiryDate')} />
            <Table.Column<Inspected> dataIndex="acceptedQuantity" title={t('purchases.accepted')} />
            <Table.Column<Inspected> dataIndex="rejectedQuantity" title={t('purchases.rejected')} render={(v: number, l) => (v ? <Tag color="red">{v} · {l.rejectReason}</Tag> : 0)} />
            <Table.Column<Inspected> key="zone" title={t('purchases.zone')} render={(_, l) => l.zone?.name ?? '—'} />
          </Table>
          <Space style={{ marginTop: 12 }} wrap>
            <Tag color={doc.keeperSignedAt ? 'green' : 'default'} data-testid="keeper-signature">
              {t('purchases.keeperSignature')}：{doc.keeperSignedAt ? <DateTime value={doc.keeperSignedAt} format="MM-DD HH:mm" /> : t('purchases.unsigned')}
            </Tag>
            <Tag color={doc.managerSignedAt ? 'green' : 'default'} data-testid="manager-signature">
              {t('purchases.managerSignature')}：{doc.managerSignedAt ? <DateTime value={doc.managerSignedAt} format="MM-DD HH:mm" /> : t('purchases.unsigned')}
            </Tag>
            {doc.status === 'ARRIVED' && !doc.keeperSignedAt && (
              <Button data-testid="sign-keeper" loading={sign.loading} onClick={async () => after(await sign.run({ input: { id: doc.id, version: doc.version, as: 'WAREHOUSE_KEEPER' } }))}>{t('purchases.signAsKeeper')}</Button>
            )}
            {doc.status === 'ARRIVED' && !doc.managerSignedAt && (
              <Button data-testid="sign-manager" loading={sign.loading} onClick={async () => after(await sign.run({ input: { id: doc.id, version: doc.version, as: 'PRODUCT_MANAGER' } }))}>{t('purchases.signAsManager')}</Button>
            )}
          </Space>
        </Card>
      )}

      {doc.status === 'INSPECTED' && (
        <Card size="small" title={t('purchases.putAwayTitle')} style={{ marginTop: 12 }}>
          <Typography.Paragraph type="secondary">{t('purchases.putAwayHelp')}</Typography.Paragraph>
          <Form form={slipForm} layout="inline" onFinish={async (v) => after(await putAway.run({ input: { id: doc.id, version: doc.version, inboundSlipNo: v.inboundSlipNo.trim() } }))}>
            <Form.Item name="inboundSlipNo" label={t('purchases.inboundSlipNo')} rules={[{ required: true, message: t('purchases.required') }]}><Input data-testid="inbound-slip" /></Form.Item>
            <Button type="primary" htmlType="submit" loading={putAway.loading} data-testid="put-away">{t('purchases.putAwayButton')}</Button>
          </Form>
        </Card>
      )}

      {doc.status === 'RECEIVED' && (
        <Card size="small" title={t('purchases.stockTitle')} style={{ marginTop: 12 }}>
          <Table<StockRow> rowKey="id" size="small" pagination={false} loading={stock.isLoading} dataSource={stock.data?.stockBalances.nodes ?? []} data-testid="purchase-stock">
            <Table.Column<StockRow> key="product" title={t('purchases.product')} render={(_, r) => productText(r.product)} />
            <Table.Column<StockRow> key="lot" title={t('purchases.lotNo')} render={(_, r) => <span data-lang-neutral>{r.batch?.lotNo}</span>} />
            <Table.Column<StockRow> key="zone" title={t('purchases.zone')} render={(_, r) => r.zone?.name} />
            <Table.Column<StockRow> dataIndex="expiryDate" title={t('purchases.expiryDate')} />
            <Table.Column<StockRow> dataIndex="onHand" title={t('purchases.onHand')} />
            <Table.Column<StockRow> dataIndex="available" title={t('purchases.available')} render={(v: number) => <span data-testid="stock-available">{v}</span>} />
          </Table>
        </Card>
      )}
    </Show>
  );
}
