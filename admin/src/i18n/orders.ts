import type { Dictionary } from './zh-CN';

/** The order pages' words in English (zh-CN's are under `orders` and the order enums in zh-CN.ts). */
export const ordersEn: Dictionary['orders'] = {
  group: 'Orders', title: 'Orders', list: 'Orders', review: 'Review queue', shipping: 'Shipping desk', quick: 'Quick in-store order',
  orderNo: 'Order no.', channel: 'Channel', state: 'Status', stage: 'Stage', payment: 'Payment', store: 'Store', customer: 'Customer', walkIn: 'Walk-in',
  total: 'Total', subtotal: 'Subtotal', discount: 'Discount', createdAt: 'Ordered', dateRange: 'Order date', lastActivity: 'Last activity',
  searchPlaceholder: 'Order no. / customer / phone', export: 'Export', exportCsv: 'Export CSV', exportXlsx: 'Export Excel', exporting: 'Exporting {{count}} rows',
  exported: 'Exported {{count}} rows', exportCapped: 'At most {{count}} rows are exported; narrow the filters',
  live: 'Live', open: 'Open',
  lines: 'Lines', product: 'Product', quantity: 'Qty', unitPrice: 'Unit price', lineTotal: 'Amount', dailyDose: 'Daily dose', runsOutOn: 'Runs out on',
  picks: 'Picked lots', lot: 'Lot', expiry: 'Expires', zone: 'Zone', noPicks: 'Not picked yet',
  delivery: 'Delivery', deliveryName: 'Recipient', deliveryPhone: 'Phone', deliveryAddress: 'Address', warehouse: 'Warehouse', note: 'Note',
  shipment: 'Shipment', carrier: 'Carrier', trackingNo: 'Tracking no.', trackingStatus: 'Tracking', expectedDelivery: 'Promised by', eta: 'ETA', shippedAt: 'Shipped', deliveredAt: 'Delivered',
  receipt: 'Receipt', receiptCondition: 'Condition', receiptNote: 'Receipt note', cancelReason: 'Cancel reason', waitingReason: 'Waiting because',
  timeline: 'Timeline', system: 'System', by: 'By',
  actions: 'Actions', noActions: 'Nothing to do in this state',
  reason: 'Reason', reasonRequired: 'Enter the reason', condition: 'Condition',
  identity: 'Identity check', verified: 'Verified ({{time}}, {{method}})', notVerified: 'Verify the customer before changing the delivery', verify: 'Verify identity', verifyMethod: 'Method', verifyNote: 'What was checked',
  identityDone: 'Identity check recorded', changeDelivery: 'Change delivery', changeReason: 'Reason (what the customer asked)', deliveryChanged: 'Delivery changed',
  walkInNoVerify: 'A walk-in order has nobody to verify', alreadyShipped: 'The goods left; the delivery can no longer change',
  done: 'Done: {{action}}', shipForm: 'Ship', expectedDeliveryAt: 'Promised delivery',
  reviewHelp: 'Orders under review and waiting for the customer, oldest first.',
  waitingSince: 'Waiting since', startReview: 'Start review', approve: 'Review (reserve stock)', hold: 'Wait for customer', resume: 'Resume review',
  shippingHelp: 'Approved orders: start picking (pick list first expiry first), then ship with the carrier and tracking number.',
  pickList: 'Pick list', startPicking: 'Start picking', ship: 'Ship', approved: 'To pick', picking: 'Picking',
  quickHelp: 'An order for a customer or a walk-in: search products by name or barcode; prices and totals come from the server.',
  searchProduct: 'Product name or barcode', add: 'Add', addLine: 'Add product', remove: 'Remove', createOrder: 'Create order', created: 'Order {{orderNo}} created',
  payAndHandOver: 'Take payment and hand over', paid: 'Paid', handedOver: 'Handed over', lineCount: '{{count}} products', serverTotal: 'Server total',
  customerOptional: 'Customer (none: walk-in)',
  shortStock: 'Short stock', shortage: 'Not enough {{product}} at {{warehouse}}: asked {{asked}}, available {{available}}',
  states: {
    RECEIVED: 'Received', UNDER_REVIEW: 'Under review', WAITING_CUSTOMER: 'Waiting for the customer', APPROVED: 'Approved', PICKING: 'Picking', SHIPPED: 'Shipped', DELIVERED: 'Delivered',
    RECEIPT_CONFIRMED: 'Receipt confirmed', CANCELLED: 'Cancelled', RECEIPT_ISSUED: 'Receipt issued', PAID: 'Paid', HANDED_OVER: 'Handed over',
  },
  eventKinds: { CREATED: 'Created', TRANSITION: 'Status change', IDENTITY_VERIFIED: 'Identity verified', DELIVERY_CHANGED: 'Delivery changed', TRACKING: 'Tracking' },
  actionNames: {
    start_review: 'Start review', review: 'Review (reserve stock)', wait_for_customer: 'Wait for customer', resume_review: 'Resume review', start_picking: 'Start picking', ship: 'Ship',
    deliver: 'Record delivery', carrier_deliver: 'Carrier delivered', confirm_receipt: 'Confirm receipt', pay: 'Take payment', hand_over: 'Hand over', cancel: 'Cancel order',
  },
  fieldNames: { reason: 'Reason', carrier: 'Carrier', trackingNo: 'Tracking no.', condition: 'Condition', note: 'Note' },
};

export const ordersEnumsEn: Pick<Dictionary['enums'], 'OrderChannel' | 'OrderStage' | 'PaymentStatus' | 'ReceiptCondition' | 'TrackingStatus' | 'IdentityVerificationMethod'> = {
  OrderChannel: { ONLINE_SHOP: 'Online shop', APP: 'App', WECHAT: 'WeChat', PHONE: 'Phone', IN_STORE: 'In store' },
  OrderStage: { NEW: 'New', REVIEW: 'Under review', WAITING_CUSTOMER: 'Waiting for customer', FULFILLMENT: 'Fulfilment', SHIPPED: 'Shipped', DELIVERED: 'Delivered', COMPLETED: 'Completed', CANCELLED: 'Cancelled' },
  PaymentStatus: { UNPAID: 'Unpaid', PAID: 'Paid', REFUND_PENDING: 'Refund due', REFUNDED: 'Refunded' },
  ReceiptCondition: { GOOD: 'Good', PROBLEM: 'Problem' },
  TrackingStatus: { PICKED_UP: 'Picked up', IN_TRANSIT: 'In transit', OUT_FOR_DELIVERY: 'Out for delivery', DELIVERED: 'Delivered', EXCEPTION: 'Exception' },
  IdentityVerificationMethod: { CALLBACK_REGISTERED_PHONE: 'Call back on the archive phone', SMS_CODE: 'SMS code', ID_DOCUMENT: 'ID document', IN_PERSON: 'In person' },
};
