import type { Caller } from '../support/actors';
import type { GraphQLResponse } from '../support/app';
import { must } from '../inventory/support';

export const ORDER_FIELDS = `id version orderNo channel state stage stateLabel paymentStatus customerId subtotalCents discountCents totalCents
  waitingReason waitingReasonCode carrier trackingNo cancelReason
  lines { id lineNo productId quantity unitPriceCents discountCents lineTotalCents dailyDose runsOutOn picks { batchId lotNo expiryDate quantity } }`;

export interface OrderRow {
  id: string;
  version: number;
  orderNo: string;
  channel: string;
  state: string;
  stage: string;
  stateLabel: string;
  paymentStatus: string;
  customerId: string | null;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  waitingReason: string | null;
  waitingReasonCode: string | null;
  carrier: string | null;
  trackingNo: string | null;
  cancelReason: string | null;
  lines: { id: string; lineNo: number; productId: string; quantity: number; unitPriceCents: number; discountCents: number; lineTotalCents: number; dailyDose: number | null; runsOutOn: string | null; picks: { batchId: string; lotNo: string; expiryDate: string; quantity: number }[] }[];
}

export const DELIVERY = { deliveryName: '王芳', deliveryPhone: '13800138000', deliveryAddress: '上海市浦东新区世纪大道 100 号 2 号楼 301 室' };

/** Enters an order (the raw answer, so refusals can be checked). */
export function createOrder(caller: Caller, order: Record<string, unknown>): Promise<GraphQLResponse<{ createOneOrder: OrderRow }>> {
  return caller.graphql<{ createOneOrder: OrderRow }>(`mutation($o: OrderInput!) { createOneOrder(input: { order: $o }) { ${ORDER_FIELDS} } }`, { o: order });
}

export async function mustCreateOrder(caller: Caller, order: Record<string, unknown>): Promise<OrderRow> {
  return (await must<{ createOneOrder: OrderRow }>(caller, `mutation($o: OrderInput!) { createOneOrder(input: { order: $o }) { ${ORDER_FIELDS} } }`, { o: order })).createOneOrder;
}

/** Takes a workflow action by its mutation (`reviewOrder`, `shipOrder`…) with the input's fields. */
export function orderAction(caller: Caller, mutation: string, input: Record<string, unknown>, inputType = 'OrderActionInput'): Promise<GraphQLResponse<Record<string, OrderRow>>> {
  return caller.graphql<Record<string, OrderRow>>(`mutation($i: ${inputType}!) { ${mutation}(input: $i) { ${ORDER_FIELDS} } }`, { i: input });
}

export async function mustAct(caller: Caller, mutation: string, input: Record<string, unknown>, inputType?: string): Promise<OrderRow> {
  const res = await orderAction(caller, mutation, input, inputType);
  if (res.body.errors) throw new Error(`${mutation}: ${JSON.stringify(res.body.errors)}`);
  return res.body.data![mutation]!;
}
