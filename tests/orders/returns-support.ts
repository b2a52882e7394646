import type { Caller } from '../support/actors';
import type { GraphQLResponse } from '../support/app';
import { must } from '../inventory/support';
import { DELIVERY, mustAct, mustCreateOrder, type OrderRow } from './support';

export const RETURN_FIELDS = `id version returnNo orderId orderNo state stage stateLabel kind reason reasonCategory shippingPaidBy source caseId description
  evidence { url contentType size name } refundCents refundedAt refundReference replacementOrderId rejectionReason cancelReason returnCarrier returnTrackingNo
  reviewDueAt reviewMetAt reviewBreachedAt refundDueAt refundMetAt refundBreachedAt slaClock slaDueAt slaStatus escalationLevel
  lines { id orderLineId lineNo productId batchId lotNo quantity unitPaidCents acceptedQuantity damagedQuantity packagingIntact restockedQuantity quarantinedQuantity refundCents }
  allowedActions { action }`;

export interface ReturnRow {
  id: string;
  version: number;
  returnNo: string;
  orderId: string;
  orderNo: string;
  state: string;
  stage: string;
  stateLabel: string;
  kind: string;
  reason: string;
  reasonCategory: string;
  shippingPaidBy: string;
  source: string;
  caseId: string | null;
  description: string | null;
  evidence: { url: string; contentType: string; size: number; name: string | null }[];
  refundCents: number | null;
  refundedAt: string | null;
  refundReference: string | null;
  replacementOrderId: string | null;
  rejectionReason: string | null;
  cancelReason: string | null;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  reviewDueAt: string | null;
  reviewMetAt: string | null;
  reviewBreachedAt: string | null;
  refundDueAt: string | null;
  refundMetAt: string | null;
  refundBreachedAt: string | null;
  slaClock: string | null;
  slaDueAt: string | null;
  slaStatus: string | null;
  escalationLevel: string;
  lines: { id: string; orderLineId: string; lineNo: number; productId: string; batchId: string; lotNo: string; quantity: number; unitPaidCents: number; acceptedQuantity: number | null; damagedQuantity: number | null; packagingIntact: boolean | null; restockedQuantity: number | null; quarantinedQuantity: number | null; refundCents: number | null }[];
  allowedActions: { action: string }[];
}

export function requestReturn(caller: Caller, input: Record<string, unknown>): Promise<GraphQLResponse<{ requestReturn: ReturnRow }>> {
  return caller.graphql<{ requestReturn: ReturnRow }>(`mutation($i: RequestReturnInput!) { requestReturn(input: $i) { ${RETURN_FIELDS} } }`, { i: input });
}

export async function mustRequestReturn(caller: Caller, input: Record<string, unknown>): Promise<ReturnRow> {
  const res = await requestReturn(caller, input);
  if (res.body.errors) throw new Error(`requestReturn: ${JSON.stringify(res.body.errors)}`);
  return res.body.data!.requestReturn;
}

/** Takes a return's workflow action by its mutation (`approveReturn`, `inspectReturn`…). */
export function returnAction(caller: Caller, mutation: string, input: Record<string, unknown>, inputType = 'ReturnActionInput'): Promise<GraphQLResponse<Record<string, ReturnRow>>> {
  return caller.graphql<Record<string, ReturnRow>>(`mutation($i: ${inputType}!) { ${mutation}(input: $i) { ${RETURN_FIELDS} } }`, { i: input });
}

export async function mustReturnAct(caller: Caller, mutation: string, input: Record<string, unknown>, inputType?: string): Promise<ReturnRow> {
  const res = await returnAction(caller, mutation, input, inputType);
  if (res.body.errors) throw new Error(`${mutation}: ${JSON.stringify(res.body.errors)}`);
  return res.body.data![mutation]!;
}

let tracking = 0;

/** An online order taken through review, picking, shipping and delivery (`ship` adds e.g. the promised delivery time). */
export async function deliveredOrder(staff: Caller, order: Record<string, unknown>, ship: Record<string, unknown> = {}): Promise<OrderRow> {
  const o = await mustCreateOrder(staff, { channel: 'WECHAT', ...DELIVERY, ...order });
  for (const m of ['startOrderReview', 'reviewOrder', 'startOrderPicking']) await mustAct(staff, m, { id: o.id });
  await mustAct(staff, 'shipOrder', { id: o.id, carrier: '顺丰速运', trackingNo: `SFRET${Date.now()}${++tracking}`, ...ship }, 'ShipOrderInput');
  return mustAct(staff, 'deliverOrder', { id: o.id });
}

/** Stock of a product in a warehouse by lot and zone: `lot@zone` → [on hand, reserved]; the non-conforming area's zone codes start with BHG. */
export async function stockByPlace(caller: Caller, warehouseId: string, productId: string): Promise<Record<string, [number, number]>> {
  const { stockBalances } = await must<{ stockBalances: { nodes: { onHand: number; reserved: number; batch: { lotNo: string }; zone: { code: string } }[] } }>(
    caller,
    `query($w: ID!, $p: ID!) { stockBalances(filter: { warehouseId: { eq: $w }, productId: { eq: $p } }, paging: { limit: 200 }) { nodes { onHand reserved batch { lotNo } zone { code } } } }`,
    { w: warehouseId, p: productId },
  );
  return Object.fromEntries(stockBalances.nodes.map((b) => [`${b.batch.lotNo}@${b.zone.code}`, [b.onHand, b.reserved] as [number, number]]));
}
