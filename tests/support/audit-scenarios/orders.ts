import { createProduct, createWarehouse, inDays, receive } from '../../inventory/support';
import { apiKeyCaller } from '../actors';
import type { AuditScenario } from './index';

const ORDER = 'id version state';
const DELIVERY = 'deliveryName: "审计收货人", deliveryPhone: "13800138000", deliveryAddress: "上海市徐汇区审计路 1 号"';

/**
 * An online order through review (with a wait for the customer), picking, shipping, a carrier's
 * tracking event, delivery and receipt; an in-store order paid and handed over; a third verified,
 * re-addressed, moved by name and cancelled; a fourth paid online; an order error recorded and withdrawn and the handling targets set: every order mutation once.
 */
export const ordersAuditScenario: AuditScenario = async ({ app, hq, owner, run }) => {
  const product = await createProduct(hq, { genericName: '审计用维生素C片', priceCents: 1200 });
  const wh = await createWarehouse(owner, 'AUDIT-ORD');
  await receive(owner, wh.warehouseId, [{ productId: product.id, zoneId: wh.normalZoneId, lotNo: 'AUD-ORD-1', expiryDate: inDays(400), quantity: 20 }]);
  const customers = await owner.graphql<{ customers: { nodes: { id: string }[] } }>('{ customers(paging: { limit: 1 }) { nodes { id } } }');
  const customerId = customers.body.data!.customers.nodes[0]!.id;
  const create = (channel: string, extra = '') =>
    run(owner, 'createOneOrder', `mutation($c: ID, $w: ID!, $p: ID!) { createOneOrder(input: { order: { channel: ${channel}, customerId: $c, warehouseId: $w, lines: [{ productId: $p, quantity: 2 }] ${extra} } }) { ${ORDER} } }`, {
      c: channel === 'IN_STORE' ? null : customerId,
      w: wh.warehouseId,
      p: product.id,
    });
  const act = (operation: string, id: string, input = '') => run(owner, operation, `mutation($id: ID!) { ${operation}(input: { id: $id ${input} }) { ${ORDER} } }`, { id });

  const online = await create('WECHAT', `, ${DELIVERY}`);
  const id = online.id as string;
  await act('startOrderReview', id);
  await act('holdOrderForCustomer', id, ', reason: "核对地址"');
  const resumed = await act('resumeOrderReview', id);
  await run(owner, 'reviewOrder', `mutation($id: ID!, $v: Int!) { reviewOrder(input: { id: $id, version: $v }) { ${ORDER} } }`, { id, v: resumed.version });
  await act('startOrderPicking', id);
  await act('shipOrder', id, ', carrier: "顺丰速运", trackingNo: "SFAUDIT0001"');
  const carrier = await apiKeyCaller(app, owner, { permissions: ['order:track'] });
  await run(carrier, 'recordTrackingEvents', `mutation($at: DateTime!) { recordTrackingEvents(input: { events: [{ eventId: "audit-1", trackingNo: "SFAUDIT0001", status: IN_TRANSIT, occurredAt: $at, location: "上海转运中心" }] }) { accepted } }`, { at: new Date().toISOString() });
  await act('deliverOrder', id);
  const received = await act('confirmOrderReceipt', id, ', condition: GOOD');
  const withError = await run(owner, 'recordOrderError', `mutation($id: ID!, $v: Int!) { recordOrderError(input: { orderId: $id, kind: WRONG_SHIPMENT, note: "审计：发错规格", expectedVersion: $v }) { ${ORDER} errors { id } } }`, { id, v: received.version });
  await run(owner, 'withdrawOrderError', `mutation($e: ID!, $v: Int!) { withdrawOrderError(input: { errorId: $e, reason: "审计：核实无误", expectedVersion: $v }) { ${ORDER} } }`, { e: (withError.errors as { id: string }[])[0]!.id, v: withError.version });
  await run(owner, 'updateOrderSettings', 'mutation { updateOrderSettings(input: { reviewWithinMinutes: 120, shipWithinHours: 24 }) { franchiseId version } }');

  const inStore = await create('IN_STORE');
  await act('payOrder', inStore.id as string);
  await act('handOverOrder', inStore.id as string);

  const unpaid = await create('APP', `, ${DELIVERY}`);
  await run(owner, 'recordOrderPayment', `mutation($id: ID!) { recordOrderPayment(input: { id: $id, method: WECHAT_PAY, reference: "WX-AUDIT-1", amountCents: 2400 }) { ${ORDER} } }`, { id: unpaid.id });

  const changed = await create('PHONE', `, ${DELIVERY}`);
  const verified = await run(owner, 'verifyOrderCustomer', `mutation($id: ID!) { verifyOrderCustomer(input: { id: $id, method: CALLBACK_REGISTERED_PHONE, note: "回拨档案手机号核对" }) { id version } }`, { id: changed.id });
  const readdressed = await run(owner, 'changeOrderDelivery', `mutation($id: ID!, $v: Int!) { changeOrderDelivery(input: { id: $id, version: $v, reason: "客户来电更正地址", deliveryAddress: "上海市徐汇区审计路 2 号" }) { id version } }`, { id: changed.id, v: verified.version });
  await run(owner, 'transitionOrder', `mutation($id: ID!, $v: Int!) { transitionOrder(input: { id: $id, version: $v, action: "start_review" }) { ${ORDER} } }`, { id: changed.id, v: readdressed.version });
  await act('cancelOrder', changed.id as string, ', reason: "客户不再需要"');
};
