import { createProduct, createWarehouse, inDays, receive } from '../../inventory/support';
import { deliveredOrder } from '../../orders/returns-support';
import type { AuditScenario } from './index';

const RETURN = 'id version state lines { id }';

/**
 * Returns of a delivered order: one refunded (review, shipped back, received, inspected,
 * refunded), one exchanged (approved by name, inspected, replacement sent), one rejected and one
 * cancelled, and the franchise's return window set: every return mutation once.
 */
export const returnsAuditScenario: AuditScenario = async ({ hq, owner, run }) => {
  const product = await createProduct(hq, { genericName: '审计用退货维生素E', priceCents: 1500 });
  const wh = await createWarehouse(owner, 'AUDIT-RMA');
  await receive(owner, wh.warehouseId, [{ productId: product.id, zoneId: wh.normalZoneId, lotNo: 'AUD-RMA-1', expiryDate: inDays(400), quantity: 20 }]);
  const customers = await owner.graphql<{ customers: { nodes: { id: string }[] } }>('{ customers(paging: { limit: 1 }) { nodes { id } } }');
  const order = await deliveredOrder(owner, { customerId: customers.body.data!.customers.nodes[0]!.id, warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity: 4 }] });
  await run(owner, 'updateReturnSettings', 'mutation { updateReturnSettings(input: { windowDays: 7 }) { franchiseId windowDays } }');

  const request = (kind: string) =>
    run(owner, 'requestReturn', `mutation($o: ID!, $l: ID!) { requestReturn(input: { orderId: $o, kind: ${kind}, reason: DAMAGED, source: ORDER_PAGE, description: "审计：外盒破损", lines: [{ orderLineId: $l, quantity: 1 }] }) { ${RETURN} } }`, { o: order.id, l: order.lines[0]!.id });
  const act = (operation: string, id: string, input = '') => run(owner, operation, `mutation($id: ID!) { ${operation}(input: { id: $id ${input} }) { ${RETURN} } }`, { id });
  const inspect = (r: Record<string, unknown>) =>
    run(owner, 'inspectReturn', `mutation($id: ID!, $v: Int!, $l: ID!) { inspectReturn(input: { id: $id, version: $v, lines: [{ returnLineId: $l, acceptedQuantity: 1, damagedQuantity: 0, packagingIntact: true }] }) { ${RETURN} } }`, {
      id: r.id,
      v: r.version,
      l: (r.lines as { id: string }[])[0]!.id,
    });

  const refund = await request('REFUND');
  const id = refund.id as string;
  await act('startReturnReview', id);
  await act('approveReturn', id);
  await act('shipReturnBack', id, ', carrier: "中通快递", trackingNo: "ZTAUDIT0001"');
  await inspect(await act('receiveReturn', id));
  await act('refundReturn', id, ', reference: "AUDIT-REFUND-1"');

  const exchange = await request('EXCHANGE');
  await run(owner, 'transitionReturn', `mutation($id: ID!) { transitionReturn(input: { id: $id, action: "approve" }) { ${RETURN} } }`, { id: exchange.id });
  await inspect(await act('receiveReturn', exchange.id as string));
  await act('exchangeReturn', exchange.id as string);

  await act('rejectReturn', (await request('REFUND')).id as string, ', reason: "审计：不符合退货条件"');
  await act('cancelReturn', (await request('REFUND')).id as string, ', reason: "审计：客户撤回"');
};
