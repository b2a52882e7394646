import { Create } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Descriptions, Input, InputNumber, Radio, Select, Space, Table, Tag } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { DateTime } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { yuan } from '../inventory/shared';
import { RETURN_REASONS, RETURN_SOURCES, useReturnStateLabel } from './shared';

interface OrderLine {
  id: string;
  lineNo: number;
  productName: string;
  specification: string;
  quantity: number;
  lineTotalCents: number;
}
interface OrderFound {
  id: string;
  orderNo: string;
  state: string;
  stateLabel: string;
  deliveredAt: string | null;
  expectedDeliveryAt: string | null;
  customer: { id: string; name: string } | null;
  lines: OrderLine[];
  returns: { id: string; returnNo: string; state: string; stateLabel: string }[];
}

/**
 * Request a return or exchange of a delivered order: from the order page (`?orderId=`), a case
 * (`?caseId=`) or by the order number the customer gives; the API checks the window and the
 * quantities (never more than delivered minus what is already coming back).
 */
export function ReturnCreate() {
  const t = useTranslate();
  const navigate = useNavigate();
  const stateLabel = useReturnStateLabel();
  const [params] = useSearchParams();
  const caseId = params.get('caseId');
  const [orderNo, setOrderNo] = useState('');
  const [searched, setSearched] = useState<Record<string, unknown> | null>(params.get('orderId') ? { id: { eq: params.get('orderId') } } : null);
  const [kind, setKind] = useState('REFUND');
  const [reason, setReason] = useState<string>();
  const [source, setSource] = useState<string>(caseId ? 'CASE' : params.get('orderId') ? 'ORDER_PAGE' : 'PHONE');
  const [description, setDescription] = useState('');
  const [evidenceUrl, setEvidenceUrl] = useState('');
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const lookup = useGql<{ orders: { nodes: OrderFound[] } }>('ReturnOrderLookup', { filter: searched ?? {} }, { enabled: !!searched });
  const order = searched ? lookup.data?.orders.nodes[0] : undefined;
  const request = useGqlMutation<{ requestReturn: { id: string } }>('RequestReturn', { success: 'returns.requested' });
  const lines = (order?.lines ?? []).filter((l) => (quantities[l.id] ?? 0) > 0);
  const url = evidenceUrl.trim();

  const submit = async () => {
    if (!order) return;
    const done = await request.run({
      input: {
        orderId: order.id,
        kind,
        reason,
        source,
        caseId,
        description: description.trim() || null,
        evidence: url ? [{ url, contentType: /\.(mp4|mov)$/i.test(url) ? 'video/mp4' : 'image/jpeg', size: 1, name: url.split('/').pop() }] : [],
        lines: lines.map((l) => ({ orderLineId: l.id, quantity: quantities[l.id] })),
      },
    });
    if (done) navigate(`/returns/show/${done.requestReturn.id}`);
  };

  return (
    <Create title={t('returns.new')} footerButtons={<Button type="primary" disabled={!order?.deliveredAt || !reason || !lines.length} loading={request.loading} onClick={submit} data-testid="submit-return">{t('returns.submit')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {!params.get('orderId') && (
          <Space.Compact style={{ maxWidth: 420 }}>
            <Input placeholder={t('returns.orderHint')} value={orderNo} onChange={(e) => setOrderNo(e.target.value)} onPressEnter={() => setSearched({ orderNo: { eq: orderNo.trim() } })} data-testid="return-order-no" />
            <Button icon={<SearchOutlined />} onClick={() => setSearched({ orderNo: { eq: orderNo.trim() } })} data-testid="find-order">{t('returns.findOrder')}</Button>
          </Space.Compact>
        )}
        {searched && !lookup.isFetching && !order && <Alert type="warning" message={t('returns.notFound')} />}
        {order && (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('returns.orderNo')}><span data-lang-neutral>{order.orderNo}</span></Descriptions.Item>
              <Descriptions.Item label={t('returns.customer')}>{order.customer?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('returns.state')}>{order.deliveredAt ? <DateTime value={order.deliveredAt} format="YYYY-MM-DD HH:mm" /> : <Tag color="red">{t('returns.notDelivered')}</Tag>}</Descriptions.Item>
              {order.returns.length > 0 && (
                <Descriptions.Item label={t('returns.existing')} span={3}>
                  <Space wrap>{order.returns.map((r) => <Tag key={r.id}><span data-lang-neutral>{r.returnNo}</span> {stateLabel(r.state, r.stateLabel)}</Tag>)}</Space>
                </Descriptions.Item>
              )}
            </Descriptions>
            <Card size="small" title={t('returns.lines')}>
              <Table<OrderLine> rowKey="id" size="small" pagination={false} dataSource={order.lines} scroll={{ x: 'max-content' }}>
                <Table.Column<OrderLine> key="product" title={t('returns.product')} render={(_, l) => `${l.productName} ${l.specification}`} />
                <Table.Column<OrderLine> dataIndex="quantity" title={t('returns.ordered')} />
                <Table.Column<OrderLine> key="paid" title={t('returns.unitPaid')} render={(_, l) => `¥${yuan(Math.round(l.lineTotalCents / l.quantity))}`} />
                <Table.Column<OrderLine> key="qty" title={t('returns.returnQty')} render={(_, l) => (
                  <InputNumber min={0} max={l.quantity} precision={0} value={quantities[l.id]} onChange={(v) => setQuantities((q) => ({ ...q, [l.id]: Number(v ?? 0) }))} data-testid={`return-qty-${l.lineNo}`} />
                )} />
              </Table>
            </Card>
            <Space wrap>
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} optionType="button" data-testid="return-kind"
                options={['REFUND', 'EXCHANGE'].map((k) => ({ value: k, label: t(`enums.ReturnKind.${k}`) }))} />
              <Select style={{ width: 200 }} placeholder={t('returns.reason')} value={reason} onChange={setReason} data-testid="return-reason"
                options={RETURN_REASONS.map((r) => ({ value: r, label: `${t(`enums.ReturnReason.${r}`)}（${t(`enums.ReturnReasonCategory.${r === 'CUSTOMER_REASON' ? 'CUSTOMER' : ['DAMAGED_IN_TRANSIT', 'LATE_DELIVERY'].includes(r) ? 'DELIVERY' : 'QUALITY'}`)}）` }))} />
              <Select style={{ width: 160 }} value={source} onChange={setSource} disabled={!!caseId}
                options={RETURN_SOURCES.map((s) => ({ value: s, label: t(`enums.ReturnSource.${s}`) }))} />
            </Space>
            <Input.TextArea rows={3} placeholder={t('returns.description')} value={description} onChange={(e) => setDescription(e.target.value)} data-testid="return-description" />
            <Input placeholder={t('returns.evidenceUrl')} value={evidenceUrl} onChange={(e) => setEvidenceUrl(e.target.value)} data-testid="return-evidence" />
          </>
        )}
      </Space>
    </Create>
  );
}
