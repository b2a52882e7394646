import { inDays } from '../../inventory/support';
import type { AuditScenario } from './index';

/**
 * The catalog, a warehouse with a zone, a receipt, an adjustment, lot holds, settings, and a
 * reservation released and one issued: every inventory mutation once.
 */
export const inventoryAuditScenario: AuditScenario = async ({ hq, owner, run }) => {
  const product = await run(hq, 'createOneProduct', `mutation { createOneProduct(input: { product: { genericName: "审计用布洛芬缓释胶囊", specification: "0.3g×20粒", dosageForm: "胶囊", unit: "盒", category: OTC, storageClass: NORMAL, shelfLifeDays: 730, priceCents: 1580, shared: true } }) { id version } }`);
  const edited = await run(hq, 'updateOneProduct', `mutation($id: ID!, $v: Int!) { updateOneProduct(input: { id: $id, version: $v, update: { brandName: "芬必得" } }) { id version } }`, { id: product.id, v: product.version });
  await run(hq, 'setProductStatus', `mutation($id: ID!) { setProductStatus(input: { id: $id, status: ACTIVE }) { id } }`, { id: edited.id });
  await run(owner, 'setFranchiseProductTerms', `mutation($p: ID!) { setFranchiseProductTerms(input: { productId: $p, priceCents: 1500 }) { id } }`, { p: product.id });
  const supplier = await run(owner, 'createOneSupplier', `mutation { createOneSupplier(input: { supplier: { name: "审计医药有限公司", licenseNo: "沪AA0210001" } }) { id version } }`);
  await run(owner, 'updateOneSupplier', `mutation($id: ID!, $v: Int!) { updateOneSupplier(input: { id: $id, version: $v, update: { phone: "021-66668888" } }) { id } }`, { id: supplier.id, v: supplier.version });
  const units = await owner.graphql<{ orgUnits: { nodes: { id: string; kind: string }[] } }>('{ orgUnits(filter: { kind: { eq: FRANCHISE } }) { nodes { id kind } } }');
  const warehouse = await run(owner, 'createOneWarehouse', `mutation($u: ID!) { createOneWarehouse(input: { warehouse: { orgUnitId: $u, code: "AUDIT-WH", name: "审计仓" } }) { id version } }`, { u: units.body.data!.orgUnits.nodes[0]!.id });
  await run(owner, 'updateOneWarehouse', `mutation($id: ID!, $v: Int!) { updateOneWarehouse(input: { id: $id, version: $v, update: { address: "上海市某路 2 号" } }) { id } }`, { id: warehouse.id, v: warehouse.version });
  const zone = await run(owner, 'createOneStorageZone', `mutation($w: ID!) { createOneStorageZone(input: { storageZone: { warehouseId: $w, code: "A", name: "常温区", storageClass: NORMAL } }) { id version } }`, { w: warehouse.id });
  await run(owner, 'updateOneStorageZone', `mutation($id: ID!, $v: Int!) { updateOneStorageZone(input: { id: $id, version: $v, update: { humidityMax: 70 } }) { id } }`, { id: zone.id, v: zone.version });
  await run(owner, 'updateInventorySettings', `mutation { updateInventorySettings(input: { minRemainingShelfLifeDays: 60 }) { franchiseId } }`);
  const receipt = await run(owner, 'receiveStock', `mutation($w: ID!, $z: ID!, $p: ID!, $m: String!, $e: String!) { receiveStock(input: { warehouseId: $w, documentNo: "RK-AUDIT-1", lines: [{ productId: $p, zoneId: $z, lotNo: "AUD-1", manufactureDate: $m, expiryDate: $e, quantity: 20 }] }) { moves { batchId } } }`, { w: warehouse.id, z: zone.id, p: product.id, m: inDays(-30), e: inDays(600) });
  const batchId = (receipt.moves as { batchId: string }[])[0]!.batchId;
  await run(owner, 'adjustStock', `mutation($w: ID!, $z: ID!, $b: ID!) { adjustStock(input: { warehouseId: $w, zoneId: $z, batchId: $b, quantity: -1, reason: "破损" }) { id } }`, { w: warehouse.id, z: zone.id, b: batchId });
  await run(owner, 'holdBatch', `mutation($id: ID!) { holdBatch(input: { id: $id, status: ON_HOLD, reason: "复核" }) { id } }`, { id: batchId });
  await run(owner, 'releaseBatch', `mutation($id: ID!) { releaseBatch(input: { id: $id, reason: "复核合格" }) { id } }`, { id: batchId });
  await run(hq, 'recallBatch', `mutation($p: ID!) { recallBatch(input: { productId: $p, lotNo: "AUD-RECALL", reason: "审计召回" }) { id } }`, { p: product.id });
  const reserve = (order: string) => run(owner, 'reserveStock', `mutation($w: ID!, $p: ID!, $o: ID!) { reserveStock(input: { warehouseId: $w, documentId: $o, lines: [{ productId: $p, quantity: 2 }] }) { id } }`, { w: warehouse.id, p: product.id, o: order });
  const released = (await reserve('00000000-0000-4000-8000-0000000a0d17')) as unknown as { id: string }[];
  await run(owner, 'releaseStockReservation', `mutation($id: ID!) { releaseStockReservation(input: { id: $id, reason: "取消" }) { id } }`, { id: released[0]!.id });
  const issued = (await reserve('00000000-0000-4000-8000-0000000a0d18')) as unknown as { id: string }[];
  await run(owner, 'issueStockReservation', `mutation($id: ID!) { issueStockReservation(input: { id: $id, documentNo: "CK-AUDIT-1" }) { reservation { id } } }`, { id: issued[0]!.id });
};
