export interface PurchaseRow {
  id: string;
  version: number;
  requestNo: string;
  status: string;
  createdAt: string;
  expectedDate: string | null;
  supplierOrderNo: string | null;
  inboundSlipNo: string | null;
  warehouseId: string;
  warehouse: { id: string; code: string; name: string } | null;
  supplier: { id: string; name: string } | null;
}

export interface PurchaseDetail extends PurchaseRow {
  note: string | null;
  decisionNote: string | null;
  arrivedAt: string | null;
  inspectedAt: string | null;
  keeperSignedById: string | null;
  keeperSignedAt: string | null;
  managerSignedById: string | null;
  managerSignedAt: string | null;
  receivedAt: string | null;
  lines: { id: string; lineNo: number; quantity: number; suggestedQuantity: number | null; product: { id: string; genericName: string; specification: string; unit: string; storageClass: string } | null }[];
  inspectionLines: {
    id: string;
    requestLineId: string;
    lotNo: string;
    manufactureDate: string;
    expiryDate: string;
    acceptedQuantity: number;
    rejectedQuantity: number;
    rejectReason: string | null;
    batchId: string | null;
    zone: { code: string; name: string } | null;
    product: { genericName: string; specification: string } | null;
  }[];
}

export const PURCHASE_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'ORDERED', 'ARRIVED', 'INSPECTED', 'RECEIVED', 'CANCELLED'] as const;

export const STATUS_COLORS: Record<string, string> = {
  DRAFT: 'default', SUBMITTED: 'blue', APPROVED: 'cyan', REJECTED: 'red', ORDERED: 'geekblue', ARRIVED: 'orange', INSPECTED: 'purple', RECEIVED: 'green', CANCELLED: 'default',
};
