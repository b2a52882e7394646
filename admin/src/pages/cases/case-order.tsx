import { useOne, useTranslate } from '@refinedev/core';
import { Card, Descriptions, Tag } from 'antd';
import { Link } from 'react-router';
import { DateTime, useLocalized } from '../../components/display';
import { op } from '../../operations';

interface CaseOrder {
  id: string;
  orderNo: string;
  state: string;
  stateLabel: string;
  totalCents: number;
  carrier: string | null;
  trackingNo: string | null;
  expectedDeliveryAt: string | null;
  waitingReason: string | null;
}

/** The order a case is about, with its status live (the order's own changes refresh it). */
export function CaseOrderCard({ orderId, lineNo, lotNo }: { orderId: string; lineNo?: number | null; lotNo?: string | null }) {
  const t = useTranslate();
  const text = useLocalized();
  const { query } = useOne<CaseOrder>({ resource: 'orders', id: orderId, meta: { gqlQuery: op('CaseOrder') }, liveMode: 'auto' });
  const order = query.data?.data;
  if (!order) return null;
  return (
    <Card size="small" title={t('cases.linkedOrder.title')} extra={<Link to={`/orders/show/${order.id}`}>{t('cases.linkedOrder.open')}</Link>} data-testid="case-order">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('cases.linkedOrder.number')}>{order.orderNo}</Descriptions.Item>
        <Descriptions.Item label={t('cases.linkedOrder.state')}>
          <Tag color="processing" data-testid="case-order-state">{text(`orderStates.${order.state}`, order.stateLabel)}</Tag>
        </Descriptions.Item>
        {order.waitingReason && <Descriptions.Item label={t('cases.linkedOrder.waitingReason')}>{order.waitingReason}</Descriptions.Item>}
        <Descriptions.Item label={t('cases.linkedOrder.total')}>¥{(order.totalCents / 100).toFixed(2)}</Descriptions.Item>
        {lineNo != null && <Descriptions.Item label={t('cases.linkedOrder.line')}>{t('cases.linkedOrder.lineNo', { n: lineNo })}{lotNo ? ` · ${t('cases.linkedOrder.lot')} ${lotNo}` : ''}</Descriptions.Item>}
        {order.trackingNo && <Descriptions.Item label={t('cases.linkedOrder.tracking')}>{order.carrier} {order.trackingNo}</Descriptions.Item>}
        {order.expectedDeliveryAt && <Descriptions.Item label={t('cases.linkedOrder.expectedDelivery')}><DateTime value={order.expectedDeliveryAt} /></Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}
