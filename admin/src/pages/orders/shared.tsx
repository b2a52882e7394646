import { useTranslate } from '@refinedev/core';
import { Tag } from 'antd';
import { useLocalized } from '../../components/display';

export const ORDER_CHANNELS = ['ONLINE_SHOP', 'APP', 'WECHAT', 'PHONE', 'IN_STORE'] as const;
export const ORDER_STAGES = ['NEW', 'REVIEW', 'WAITING_CUSTOMER', 'FULFILLMENT', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED'] as const;
export const PAYMENT_STATUSES = ['UNPAID', 'PAID', 'REFUND_PENDING', 'REFUNDED'] as const;
export const VERIFICATION_METHODS = ['CALLBACK_REGISTERED_PHONE', 'SMS_CODE', 'ID_DOCUMENT', 'IN_PERSON'] as const;

const STAGE_COLORS: Record<string, string> = {
  NEW: 'blue', REVIEW: 'processing', WAITING_CUSTOMER: 'orange', FULFILLMENT: 'cyan', SHIPPED: 'geekblue', DELIVERED: 'lime', COMPLETED: 'green', CANCELLED: 'default',
};
const PAYMENT_COLORS: Record<string, string> = { UNPAID: 'gold', PAID: 'green', REFUND_PENDING: 'volcano', REFUNDED: 'default' };
export const paymentColor = (status: string) => PAYMENT_COLORS[status] ?? 'default';

export interface OrderRow {
  id: string;
  version: number;
  orderNo: string;
  channel: string;
  workflow: string;
  state: string;
  stage: string;
  stateLabel: string;
  paymentStatus: string;
  totalCents: number;
  deliveryName: string | null;
  deliveryPhone: string | null;
  waitingReason: string | null;
  waitingReasonCode: string | null;
  carrier: string | null;
  trackingNo: string | null;
  trackingStatus: string | null;
  createdAt: string;
  lastActivityAt: string;
  customer: { id: string; name: string; recordNo: string } | null;
  orgUnit: { id: string; name: string } | null;
}

/** A workflow state in the panel's language (the API's labels are bilingual, "已接单 Received"; plugin states as the API names them). */
export function useOrderStateLabel() {
  const text = useLocalized();
  return (state: string, apiLabel?: string | null) => text(`orders.states.${state}`, apiLabel ?? state);
}

export function OrderStateTag({ order }: { order: Pick<OrderRow, 'state' | 'stage' | 'stateLabel'> }) {
  const label = useOrderStateLabel();
  return <Tag color={STAGE_COLORS[order.stage]} data-testid="order-state" data-state={order.state}>{label(order.state, order.stateLabel)}</Tag>;
}

/** ¥12.50 from cents. */
export const money = (cents: number | null | undefined) => (cents == null ? '—' : `¥${(cents / 100).toFixed(2)}`);

/** A workflow action in the panel's language (plugins' own actions as the API labels them). */
export function useActionName() {
  const t = useTranslate();
  return (action: string, apiLabel?: string) => t(`orders.actionNames.${action}`, apiLabel ?? action);
}

const SHORTAGE = /^Not enough (.+) at (.+) \((.+)\): asked (\d+), available (\d+)$/;

/** Why an order waits, in the panel's language: a stock shortage from its parts (the API writes "库存不足 Short stock: Not enough …"), else the reviewer's own words. */
export function useWaitingReason() {
  const t = useTranslate();
  return (row: Pick<OrderRow, 'waitingReason' | 'waitingReasonCode'>) => {
    if (!row.waitingReason) return null;
    if (row.waitingReasonCode !== 'INSUFFICIENT_STOCK') return row.waitingReason;
    const match = SHORTAGE.exec(row.waitingReason.replace(/^[^:]*:\s*/, ''));
    if (!match) return t('orders.shortStock');
    const [, product, warehouse, , asked, available] = match;
    return t('orders.shortage', { product, warehouse, asked, available });
  };
}
