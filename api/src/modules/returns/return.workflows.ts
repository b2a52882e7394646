import { clock } from '../../core/clock';
import { oneOfField, textField, type TransitionAction, type WorkflowDefinition } from '../../core/workflow/workflow';
import { OrderChannel, PaymentStatus } from '../orders/order.entity';
import { createOrder, getOrder, transitionOrder } from '../orders/order.service';
import { recordPurchase } from '../customers/customer.service';
import { putBackReturnedGoods, type PutBack } from './return-stock';
import { ReturnKind, ReturnStage, type ReturnLine, type ReturnRequest } from './return.entity';
import { ReturnPermission } from './return.permissions';

/**
 * The return workflow as data on the workflow engine (plugins extend it per franchise, e.g.
 * refund-approval sends a refund above its threshold to an approval first): requested → under
 * review → approved or rejected → shipped back → received → inspected → refund pending →
 * refunded, or exchange pending → exchanged (a replacement order reserving stock). The customer
 * or an agent may cancel until the goods are received.
 *
 * The inspection is worked out in the service before `inspect` (lines checked, refund in cents)
 * and handed in as `inspection`: the branches pick the end state from it.
 */

const P = ReturnPermission;
const now = () => clock.now();

const REASON = textField('reason', 'a reason');

export interface InspectedLine extends PutBack {
  acceptedQuantity: number;
  damagedQuantity: number;
  packagingIntact: boolean;
  refundCents: number;
  note: string | null;
}

export interface Inspection {
  lines: InspectedLine[];
  refundCents: number;
  /** Units the customer is refunded or sent again (0: the inspection found nothing to settle). */
  settledUnits: number;
}

const actorId = (run: { ctx: { actor: { kind: string; id: string } | null } }) => (run.ctx.actor?.kind === 'user' ? run.ctx.actor.id : null);

const review: TransitionAction<ReturnRequest> = (run) => {
  Object.assign(run.record, { reviewedById: actorId(run), reviewedAt: now() });
};

const reject: TransitionAction<ReturnRequest> = (run) => {
  Object.assign(run.record, { reviewedById: actorId(run), reviewedAt: now(), rejectionReason: String(run.input.reason).trim() });
};

const shipBack: TransitionAction<ReturnRequest> = ({ record, input }) => {
  Object.assign(record, { returnCarrier: String(input.carrier).trim(), returnTrackingNo: String(input.trackingNo).trim(), shippedBackAt: now() });
};

const receive: TransitionAction<ReturnRequest> = (run) => {
  Object.assign(run.record, { receivedAt: now(), receivedById: actorId(run) });
};

/** Each line's findings, the stock put back (resalable into its lot, the rest to the non-conforming area) and the refund. */
const inspect: TransitionAction<ReturnRequest> = async (run) => {
  const inspection = run.input.inspection as Inspection;
  for (const l of inspection.lines)
    Object.assign(l.line as ReturnLine, {
      acceptedQuantity: l.acceptedQuantity,
      damagedQuantity: l.damagedQuantity,
      packagingIntact: l.packagingIntact,
      restockedQuantity: l.resalable,
      quarantinedQuantity: l.nonResalable,
      refundCents: run.record.kind === ReturnKind.REFUND ? l.refundCents : 0,
      inspectionNote: l.note,
    });
  run.input.putBack = await putBackReturnedGoods(run.ctx, run.record, inspection.lines);
  Object.assign(run.record, { inspectedAt: now(), inspectedById: actorId(run), refundCents: run.record.kind === ReturnKind.REFUND ? inspection.refundCents : 0 });
};

const refund: TransitionAction<ReturnRequest> = async (run) => {
  const r = run.record;
  Object.assign(r, { refundedAt: now(), refundedById: actorId(run), refundReference: (run.input.reference as string | undefined)?.trim() || null });
  // The money back comes off the customer's spend (totals, the month's spend, the timeline).
  if (r.customerId && r.refundCents) await recordPurchase(run.ctx.em, { customerId: r.customerId, amount: -r.refundCents / 100, at: now(), summary: `退款：退货单 ${r.returnNo}` });
};

/** The replacement: a new order of the settled units through the order service, reviewed at once so it reserves its stock. */
const exchange: TransitionAction<ReturnRequest> = async (run) => {
  const r = run.record;
  const original = await getOrder(run.ctx, r.orderId);
  const lines = run.input.lines as ReturnLine[];
  const units = new Map<string, number>();
  for (const l of lines) units.set(l.productId, (units.get(l.productId) ?? 0) + (l.acceptedQuantity ?? 0) + (l.damagedQuantity ?? 0));
  const replacement = await createOrder(run.ctx, {
    channel: original.channel,
    customerId: original.customerId ?? null,
    orgUnitId: original.orgUnitId,
    warehouseId: original.warehouseId,
    lines: [...units].filter(([, q]) => q > 0).map(([productId, quantity]) => ({ productId, quantity })),
    deliveryName: original.deliveryName ?? null,
    deliveryPhone: original.deliveryPhone ?? null,
    deliveryAddress: original.deliveryAddress ?? null,
    paymentStatus: PaymentStatus.PAID,
    note: `换货：退货单 ${r.returnNo}（原订单 ${original.orderNo}）`,
  });
  if (replacement.channel === OrderChannel.IN_STORE) await transitionOrder(run.ctx, { id: replacement.id, action: 'pay' });
  else {
    await transitionOrder(run.ctx, { id: replacement.id, action: 'start_review' });
    await transitionOrder(run.ctx, { id: replacement.id, action: 'review' });
  }
  Object.assign(r, { replacementOrderId: replacement.id, exchangedAt: now() });
  // The replacement counts as a purchase when it is delivered; the goods it replaces were already
  // counted with the original order, so their value comes off here.
  if (r.customerId && replacement.totalCents) await recordPurchase(run.ctx.em, { customerId: r.customerId, amount: -replacement.totalCents / 100, at: now(), timelineEntry: false });
};

const cancel: TransitionAction<ReturnRequest> = ({ record, input }) => {
  Object.assign(record, { cancelledAt: now(), cancelReason: String(input.reason).trim() });
};

const inspection = (run: { input: Record<string, unknown> }) => run.input.inspection as Inspection;

export const RETURN_WORKFLOW = 'return_request';

export const returnWorkflow: WorkflowDefinition<ReturnRequest> = {
  name: RETURN_WORKFLOW,
  label: '退换货 Return / exchange',
  initial: 'REQUESTED',
  states: [
    { name: 'REQUESTED', label: '已申请 Requested', stage: ReturnStage.NEW },
    { name: 'UNDER_REVIEW', label: '审核中 Under review', stage: ReturnStage.REVIEW },
    { name: 'APPROVED', label: '已同意 Approved', stage: ReturnStage.APPROVED },
    { name: 'REJECTED', label: '已驳回 Rejected', stage: ReturnStage.REJECTED },
    { name: 'SHIPPED_BACK', label: '客户已寄回 Shipped back', stage: ReturnStage.RETURNING },
    { name: 'RECEIVED', label: '已收货 Received', stage: ReturnStage.RECEIVED },
    { name: 'REFUND_PENDING', label: '待退款 Refund pending', stage: ReturnStage.SETTLEMENT },
    { name: 'EXCHANGE_PENDING', label: '待换货 Exchange pending', stage: ReturnStage.SETTLEMENT },
    { name: 'REFUNDED', label: '已退款 Refunded', stage: ReturnStage.COMPLETED },
    { name: 'EXCHANGED', label: '已换货 Exchanged', stage: ReturnStage.COMPLETED },
    { name: 'INSPECTION_FAILED', label: '检验未通过 Inspection failed', stage: ReturnStage.REJECTED },
    { name: 'CANCELLED', label: '已取消 Cancelled', stage: ReturnStage.CANCELLED },
  ],
  transitions: [
    { action: 'start_review', label: 'start the review', from: ['REQUESTED'], to: 'UNDER_REVIEW', permission: P['return:review'] },
    { action: 'approve', label: 'approve the return', from: ['REQUESTED', 'UNDER_REVIEW'], to: 'APPROVED', permission: P['return:review'], actions: [review] },
    { action: 'reject', label: 'reject the return', from: ['REQUESTED', 'UNDER_REVIEW'], to: 'REJECTED', permission: P['return:review'], requiredFields: [REASON], actions: [reject] },
    {
      action: 'ship_back',
      label: 'record the customer’s shipment back',
      from: ['APPROVED'],
      to: 'SHIPPED_BACK',
      permission: P['return:request'],
      requiredFields: [textField('carrier', 'the carrier', 100), textField('trackingNo', 'the tracking number', 100)],
      actions: [shipBack],
    },
    { action: 'receive', label: 'receive the returned goods', from: ['APPROVED', 'SHIPPED_BACK'], to: 'RECEIVED', permission: P['return:receive'], actions: [receive] },
    {
      action: 'inspect',
      label: 'inspect the returned goods',
      from: ['RECEIVED'],
      to: 'REFUND_PENDING',
      permission: P['return:receive'],
      branches: [
        { to: 'INSPECTION_FAILED', when: (run) => inspection(run).settledUnits === 0 },
        { to: 'EXCHANGE_PENDING', when: (run) => run.record.kind === ReturnKind.EXCHANGE },
      ],
      actions: [inspect],
    },
    { action: 'refund', label: 'pay out the refund', from: ['REFUND_PENDING'], to: 'REFUNDED', permission: P['return:refund'], actions: [refund] },
    { action: 'exchange', label: 'send the replacement', from: ['EXCHANGE_PENDING'], to: 'EXCHANGED', permission: P['return:refund'], actions: [exchange] },
    { action: 'cancel', label: 'cancel the return', from: ['REQUESTED', 'UNDER_REVIEW', 'APPROVED', 'SHIPPED_BACK'], to: 'CANCELLED', permission: P['return:request'], requiredFields: [REASON], actions: [cancel] },
  ],
};
