import { clock } from '../../core/clock';
import { oneOfField, textField, type TransitionAction, type WorkflowDefinition } from '../../core/workflow/workflow';
import { Order, OrderChannel, OrderStage, PaymentStatus, ReceiptCondition } from './order.entity';
import { OrderPermission } from './order.permissions';
import { startConsumption } from './order-consumption';
import { recordReviewTiming, recordShipTiming, startReviewClock } from './order-handling';
import { issueOrder, recordPicks, releaseOrder, reserveOrder, type StockShortage } from './order-stock';

/**
 * The built-in order workflows, as data on the workflow engine (plugins extend them per
 * franchise like the case workflows). Online: received → under review → approved (stock
 * reserved) or waiting for the customer (short stock, a wrong address) → picking (lots recorded
 * first expiry first) → shipped (stock issued) → delivered → receipt confirmed. In store:
 * receipt issued → paid (stock reserved) → handed over (stock issued). Cancelling releases
 * what the order holds.
 *
 * The review's stock check runs in the service just before `review` (in a savepoint, see
 * tryReserveOrder) and hands its outcome in as `stockShortage`: the branch sends a short order
 * to WAITING_CUSTOMER with the reason.
 */

const P = OrderPermission;



const now = () => clock.now();

const recordReview: TransitionAction<Order> = async ({ ctx, record, input }) => {
  const shortage = input.stockShortage as StockShortage | undefined;
  Object.assign(record, { reviewedById: ctx.actor?.kind === 'user' ? ctx.actor.id : null, reviewedAt: now() });
  await recordReviewTiming(ctx, record, record.reviewedAt!, !shortage);
  if (shortage) Object.assign(record, { waitingReason: `库存不足 Short stock: ${shortage.message}`, waitingReasonCode: 'INSUFFICIENT_STOCK' });
  else Object.assign(record, { waitingReason: null, waitingReasonCode: null });
};

const waitForCustomer: TransitionAction<Order> = ({ record, input }) => {
  Object.assign(record, { waitingReason: String(input.reason).trim(), waitingReasonCode: 'CUSTOMER_CONTACT' });
};

/** The customer answered: the review starts again, with its own clock. */
const resumeReview: TransitionAction<Order> = async ({ ctx, record }) => {
  Object.assign(record, { waitingReason: null, waitingReasonCode: null });
  await startReviewClock(ctx, record, now());
};

const reserve: TransitionAction<Order> = ({ ctx, record }) => reserveOrder(ctx, record);

const pick: TransitionAction<Order> = async ({ ctx, record }) => {
  await recordPicks(ctx, record);
};

const ship: TransitionAction<Order> = async ({ ctx, record, input }) => {
  await issueOrder(ctx, record);
  Object.assign(record, {
    carrier: String(input.carrier).trim(),
    trackingNo: String(input.trackingNo).trim(),
    expectedDeliveryAt: (input.expectedDeliveryAt as Date | null | undefined) ?? null,
    shippedAt: now(),
  });
  recordShipTiming(record, record.shippedAt!);
};

const deliver: TransitionAction<Order> = async ({ ctx, record }) => {
  record.deliveredAt = now();
  await startConsumption(ctx, record, record.deliveredAt);
};

const confirmReceipt: TransitionAction<Order> = ({ record, input }) => {
  Object.assign(record, { receiptConfirmedAt: now(), receiptCondition: input.condition as ReceiptCondition, receiptNote: (input.note as string | undefined)?.trim() || null });
};

const pay: TransitionAction<Order> = ({ record }) => {
  Object.assign(record, { paymentStatus: PaymentStatus.PAID, paidAt: now() });
};

const handOver: TransitionAction<Order> = async ({ ctx, record }) => {
  await recordPicks(ctx, record);
  await issueOrder(ctx, record);
  record.deliveredAt = now();
  await startConsumption(ctx, record, record.deliveredAt);
};

const cancel: TransitionAction<Order> = async ({ ctx, record, input }) => {
  const reason = String(input.reason).trim();
  await releaseOrder(ctx, record, reason);
  Object.assign(record, {
    cancelledAt: now(),
    cancelReason: reason,
    paymentStatus: record.paymentStatus === PaymentStatus.PAID ? PaymentStatus.REFUND_PENDING : record.paymentStatus,
  });
};

const REASON = textField('reason', 'a reason');

export const onlineOrderWorkflow: WorkflowDefinition<Order> = {
  name: 'online_order',
  label: '线上订单 Online order',
  initial: 'RECEIVED',
  states: [
    { name: 'RECEIVED', label: '已接单 Received', stage: OrderStage.NEW },
    { name: 'UNDER_REVIEW', label: '审核中 Under review', stage: OrderStage.REVIEW },
    { name: 'WAITING_CUSTOMER', label: '待客户确认 Waiting for the customer', stage: OrderStage.WAITING_CUSTOMER },
    { name: 'APPROVED', label: '已审核 Approved', stage: OrderStage.FULFILLMENT },
    { name: 'PICKING', label: '拣货中 Picking', stage: OrderStage.FULFILLMENT },
    { name: 'SHIPPED', label: '已发货 Shipped', stage: OrderStage.SHIPPED },
    { name: 'DELIVERED', label: '已送达 Delivered', stage: OrderStage.DELIVERED },
    { name: 'RECEIPT_CONFIRMED', label: '已确认收货 Receipt confirmed', stage: OrderStage.COMPLETED },
    { name: 'CANCELLED', label: '已取消 Cancelled', stage: OrderStage.CANCELLED },
  ],
  transitions: [
    { action: 'start_review', label: 'start the review', from: ['RECEIVED'], to: 'UNDER_REVIEW', permission: P['order:review'] },
    {
      action: 'review',
      label: 'review the order and reserve its stock',
      from: ['UNDER_REVIEW'],
      to: 'APPROVED',
      permission: P['order:review'],
      branches: [{ to: 'WAITING_CUSTOMER', when: (run) => run.input.stockShortage != null }],
      actions: [recordReview],
    },
    { action: 'wait_for_customer', label: 'wait for the customer', from: ['UNDER_REVIEW'], to: 'WAITING_CUSTOMER', permission: P['order:review'], requiredFields: [REASON], actions: [waitForCustomer] },
    { action: 'resume_review', label: 'resume the review', from: ['WAITING_CUSTOMER'], to: 'UNDER_REVIEW', permission: P['order:review'], actions: [resumeReview] },
    { action: 'start_picking', label: 'pick the goods', from: ['APPROVED'], to: 'PICKING', permission: P['order:fulfil'], actions: [pick] },
    {
      action: 'ship',
      label: 'ship the order',
      from: ['PICKING'],
      to: 'SHIPPED',
      permission: P['order:fulfil'],
      requiredFields: [textField('carrier', 'the carrier', 100), textField('trackingNo', 'the tracking number', 100)],
      actions: [ship],
    },
    { action: 'deliver', label: 'record the delivery', from: ['SHIPPED'], to: 'DELIVERED', permission: P['order:fulfil'], actions: [deliver] },
    // The carrier's delivery event (order-tracking.ts), under the partner's own permission.
    { action: 'carrier_deliver', label: 'record the carrier’s delivery', from: ['SHIPPED'], to: 'DELIVERED', permission: P['order:track'], actions: [deliver] },
    {
      action: 'confirm_receipt',
      label: 'confirm receipt with the customer',
      from: ['DELIVERED'],
      to: 'RECEIPT_CONFIRMED',
      permission: P['order:write'],
      requiredFields: [oneOfField('condition', 'the condition', Object.values(ReceiptCondition))],
      actions: [confirmReceipt],
    },
    { action: 'cancel', label: 'cancel the order', from: ['RECEIVED', 'UNDER_REVIEW', 'WAITING_CUSTOMER', 'APPROVED', 'PICKING'], to: 'CANCELLED', permission: P['order:review'], requiredFields: [REASON], actions: [cancel] },
  ],
};

export const inStoreOrderWorkflow: WorkflowDefinition<Order> = {
  name: 'in_store_order',
  label: '门店订单 In-store order',
  initial: 'RECEIPT_ISSUED',
  states: [
    { name: 'RECEIPT_ISSUED', label: '已开单 Receipt issued', stage: OrderStage.NEW },
    { name: 'PAID', label: '已付款 Paid', stage: OrderStage.FULFILLMENT },
    { name: 'HANDED_OVER', label: '已交付 Handed over', stage: OrderStage.COMPLETED },
    { name: 'CANCELLED', label: '已取消 Cancelled', stage: OrderStage.CANCELLED },
  ],
  transitions: [
    { action: 'pay', label: 'take the payment', from: ['RECEIPT_ISSUED'], to: 'PAID', permission: P['order:fulfil'], actions: [reserve, pay] },
    { action: 'hand_over', label: 'hand the goods over', from: ['PAID'], to: 'HANDED_OVER', permission: P['order:fulfil'], actions: [handOver] },
    { action: 'cancel', label: 'cancel the order', from: ['RECEIPT_ISSUED', 'PAID'], to: 'CANCELLED', permission: P['order:write'], requiredFields: [REASON], actions: [cancel] },
  ],
};

/** Which workflow a new order of a channel follows. */
export function workflowForChannel(channel: OrderChannel): string {
  return channel === OrderChannel.IN_STORE ? inStoreOrderWorkflow.name : onlineOrderWorkflow.name;
}
