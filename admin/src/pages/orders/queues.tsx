import { List } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { DateTime, useEnumLabel } from '../../components/display';
import { subscribe } from '../../data/request';
import { useGql } from '../../hooks/use-gql';
import type { Connection } from '../../types';
import { money, OrderStateTag, useWaitingReason, type OrderRow } from './shared';
import { OrderActions, type AllowedAction } from './show';

interface QueueOrder extends OrderRow {
  deliveryAddress: string | null;
  warehouse: { id: string; name: string } | null;
  lines: { id: string; lineNo: number; productName: string; specification: string; quantity: number; picks?: { id: string; lotNo: string; expiryDate: string; quantity: number; zone: { name: string } | null }[] }[];
  allowedActions: AllowedAction[];
}

const QUEUE_SIZE = 50;
/** Pick lists shown at once (each line's lots are a nested list: the API's cost limit). */
const PICKING_SIZE = 5;

/** A queue of orders, oldest first, refreshed when an order in scope is created or changes. */
function useOrderQueue(filter: Record<string, unknown>, operation = 'OrderQueue', size = QUEUE_SIZE) {
  const query = useGql<{ orders: Connection<QueueOrder> }>(operation, { filter, sorting: [{ field: 'createdAt', direction: 'ASC' }], paging: { limit: size } });
  const { refetch } = query;
  useEffect(() => {
    const refresh = () => void refetch();
    const stops = [subscribe('CreatedOrder', {}, refresh), subscribe('UpdatedOrder', {}, refresh)];
    return () => stops.forEach((stop) => stop());
  }, [refetch]);
  return query;
}

const orderLink = (r: OrderRow) => <Link to={`/orders/show/${r.id}`} data-lang-neutral data-testid="order-link">{r.orderNo}</Link>;

/** 审核队列: online orders received, under review or waiting for the customer, oldest first, with why they wait. */
export function OrderReviewQueue() {
  const t = useTranslate();
  const label = useEnumLabel();
  const waiting = useWaitingReason();
  const query = useOrderQueue({ or: [{ stage: { in: ['REVIEW', 'WAITING_CUSTOMER'] } }, { stage: { eq: 'NEW' }, channel: { neq: 'IN_STORE' } }] });
  const refresh = () => void query.refetch();
  return (
    <List title={t('orders.review')} headerButtons={<Button icon={<ReloadOutlined />} onClick={refresh}>{t('buttons.refresh')}</Button>}>
      <Typography.Paragraph type="secondary">{t('orders.reviewHelp')}</Typography.Paragraph>
      <Table<QueueOrder> rowKey="id" size="middle" loading={query.isLoading} dataSource={query.data?.orders.nodes ?? []} pagination={false} data-testid="review-queue" scroll={{ x: 'max-content' }}>
        <Table.Column<QueueOrder> key="no" title={t('orders.orderNo')} render={(_, r) => orderLink(r)} />
        <Table.Column<QueueOrder> key="state" title={t('orders.state')} render={(_, r) => <OrderStateTag order={r} />} />
        <Table.Column<QueueOrder> dataIndex="createdAt" title={t('orders.createdAt')} render={(v: string) => <DateTime value={v} />} />
        <Table.Column<QueueOrder> key="customer" title={t('orders.customer')} render={(_, r) => r.customer?.name ?? t('orders.walkIn')} />
        <Table.Column<QueueOrder> dataIndex="channel" title={t('orders.channel')} render={(v: string) => label('OrderChannel', v)} />
        <Table.Column<QueueOrder> key="items" title={t('orders.lines')} render={(_, r) => r.lines.map((l) => `${l.productName} × ${l.quantity}`).join('，')} />
        <Table.Column<QueueOrder> dataIndex="totalCents" title={t('orders.total')} align="right" render={(v: number) => money(v)} />
        <Table.Column<QueueOrder> key="waiting" title={t('orders.waitingReason')} render={(_, r) => (r.waitingReason ? <Typography.Text type="warning" data-testid="queue-waiting">{waiting(r)}</Typography.Text> : '—')} />
        <Table.Column<QueueOrder> key="actions" title={t('table.actions')} render={(_, r) => <OrderActions order={r} onDone={refresh} only={['start_review', 'review', 'wait_for_customer', 'resume_review']} />} />
      </Table>
    </List>
  );
}

/** 发货台: approved orders to pick (first expiry first), then the pick list and shipping with carrier and tracking number. */
export function ShippingDesk() {
  const t = useTranslate();
  const approved = useOrderQueue({ state: { eq: 'APPROVED' } });
  const picking = useOrderQueue({ state: { eq: 'PICKING' } }, 'PickingQueue', PICKING_SIZE);
  const refresh = () => { void approved.refetch(); void picking.refetch(); };
  return (
    <List title={t('orders.shipping')} headerButtons={<Button icon={<ReloadOutlined />} onClick={refresh}>{t('buttons.refresh')}</Button>}>
      <Typography.Paragraph type="secondary">{t('orders.shippingHelp')}</Typography.Paragraph>
      <Card size="small" title={<Space>{t('orders.approved')}<Tag>{approved.data?.orders.totalCount ?? 0}</Tag></Space>} style={{ marginBottom: 16 }}>
        <Table<QueueOrder> rowKey="id" size="small" loading={approved.isLoading} dataSource={approved.data?.orders.nodes ?? []} pagination={false} data-testid="to-pick" scroll={{ x: 'max-content' }}>
          <Table.Column<QueueOrder> key="no" title={t('orders.orderNo')} render={(_, r) => orderLink(r)} />
          <Table.Column<QueueOrder> key="warehouse" title={t('orders.warehouse')} render={(_, r) => r.warehouse?.name} />
          <Table.Column<QueueOrder> key="items" title={t('orders.lines')} render={(_, r) => r.lines.map((l) => `${l.productName} ${l.specification} × ${l.quantity}`).join('，')} />
          <Table.Column<QueueOrder> dataIndex="createdAt" title={t('orders.createdAt')} render={(v: string) => <DateTime value={v} />} />
          <Table.Column<QueueOrder> key="actions" title={t('table.actions')} render={(_, r) => <OrderActions order={r} onDone={refresh} only={['start_picking']} />} />
        </Table>
      </Card>
      <Typography.Title level={5}>{t('orders.picking')} <Tag>{picking.data?.orders.totalCount ?? 0}</Tag></Typography.Title>
      {!picking.isLoading && !picking.data?.orders.nodes.length && <Empty />}
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {(picking.data?.orders.nodes ?? []).map((order) => (
          <Card key={order.id} size="small" data-testid="pick-list" data-order={order.orderNo}
            title={<Space>{t('orders.pickList')} {orderLink(order)} <OrderStateTag order={order} /></Space>}
            extra={<OrderActions order={order} onDone={refresh} only={['ship', 'cancel']} />}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{order.deliveryName} · {order.deliveryPhone} · {order.deliveryAddress}</Typography.Paragraph>
            <Table rowKey="id" size="small" pagination={false} dataSource={order.lines.flatMap((l) => (l.picks ?? []).map((p) => ({ ...p, line: l })))} scroll={{ x: 'max-content' }}>
              <Table.Column key="product" title={t('orders.product')} render={(_, p: { line: QueueOrder['lines'][number] }) => `${p.line.productName} ${p.line.specification}`} />
              <Table.Column key="zone" title={t('orders.zone')} render={(_, p: { zone: { name: string } | null }) => p.zone?.name ?? '—'} />
              <Table.Column dataIndex="lotNo" title={t('orders.lot')} render={(v: string) => <span data-lang-neutral>{v}</span>} />
              <Table.Column dataIndex="expiryDate" title={t('orders.expiry')} />
              <Table.Column dataIndex="quantity" title={t('orders.quantity')} align="right" />
            </Table>
          </Card>
        ))}
      </Space>
    </List>
  );
}
