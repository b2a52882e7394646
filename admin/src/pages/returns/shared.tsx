import { useLocalized } from '../../components/display';

export interface ReturnRowData {
  id: string;
  version: number;
  returnNo: string;
  orderId: string;
  orderNo: string;
  state: string;
  stateLabel: string;
  stage: string;
  kind: string;
  reason: string;
  reasonCategory: string;
  shippingPaidBy: string;
  source: string;
  refundCents: number | null;
  slaClock: string | null;
  slaStatus: string | null;
  slaDueAt: string | null;
  escalationLevel: string;
  createdAt: string;
  customer: { id: string; name: string } | null;
}

export const RETURN_STAGES = ['NEW', 'REVIEW', 'APPROVED', 'RETURNING', 'RECEIVED', 'SETTLEMENT', 'COMPLETED', 'REJECTED', 'CANCELLED'] as const;
export const STAGE_COLORS: Record<string, string> = { NEW: 'blue', REVIEW: 'geekblue', APPROVED: 'cyan', RETURNING: 'purple', RECEIVED: 'gold', SETTLEMENT: 'orange', COMPLETED: 'green', REJECTED: 'red', CANCELLED: 'default' };
export const RETURN_REASONS = ['SPOILED', 'DAMAGED', 'WRONG_ITEM', 'DAMAGED_IN_TRANSIT', 'LATE_DELIVERY', 'CUSTOMER_REASON'] as const;
export const RETURN_SOURCES = ['PHONE', 'WECHAT', 'APP', 'ONLINE_SHOP', 'IN_STORE', 'ORDER_PAGE', 'CASE'] as const;

/** A return state in the panel's language (the API's labels are bilingual, kept for partners; plugins' states show theirs). */
export function useReturnStateLabel() {
  const text = useLocalized();
  return (state: string, apiLabel?: string | null) => text(`returnStates.${state}`, apiLabel ?? state);
}
