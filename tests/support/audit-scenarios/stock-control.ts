import { clock } from '@pharmadesk/api';
import { inDays } from '../../inventory/support';
import type { AuditScenario } from './index';

/**
 * Stock control: a zone's excursion (readings out of and back in range), its release and the
 * alert acknowledged; a count sheet counted by HQ, recounted, reviewed, approved and posted by
 * the owner; another cancelled; a lot handed to a customer, recalled, its outreach started and
 * an outcome recorded. Every stock-control mutation once.
 */
export const stockControlAuditScenario: AuditScenario = async ({ hq, owner, run }) => {
  const units = await owner.graphql<{ orgUnits: { nodes: { id: string }[] } }>('{ orgUnits(filter: { kind: { eq: FRANCHISE } }) { nodes { id } } }');
  const warehouse = await run(owner, 'createOneWarehouse', `mutation($u: ID!) { createOneWarehouse(input: { warehouse: { orgUnitId: $u, code: "AUDIT-SC", name: "审计盘点仓" } }) { id } }`, { u: units.body.data!.orgUnits.nodes[0]!.id });
  const zone = await run(owner, 'createOneStorageZone', `mutation($w: ID!) { createOneStorageZone(input: { storageZone: { warehouseId: $w, code: "A", name: "常温区", storageClass: NORMAL } }) { id } }`, { w: warehouse.id });
  const product = await run(hq, 'createOneProduct', `mutation { createOneProduct(input: { product: { genericName: "审计盘点用维生素B1片", specification: "10mg×100片", dosageForm: "片剂", unit: "瓶", category: OTC, storageClass: NORMAL, shelfLifeDays: 730, priceCents: 500, shared: true } }) { id } }`);
  await run(owner, 'receiveStock', `mutation($w: ID!, $z: ID!, $p: ID!, $m: String!, $e: String!) { receiveStock(input: { warehouseId: $w, documentNo: "RK-AUDIT-SC", lines: [{ productId: $p, zoneId: $z, lotNo: "SC-1", manufactureDate: $m, expiryDate: $e, quantity: 10 }] }) { documentId } }`, { w: warehouse.id, z: zone.id, p: product.id, m: inDays(-30), e: inDays(600) });

  const ago = (minutes: number) => new Date(clock.nowMs() - minutes * 60_000).toISOString();
  await run(owner, 'recordStorageReadings', `mutation($z: ID!, $a: DateTime!, $b: DateTime!) { recordStorageReadings(input: { readings: [{ zoneId: $z, recordedAt: $a, temperature: 28.5 }, { zoneId: $z, recordedAt: $b, temperature: 22 }] }) { accepted } }`, { z: zone.id, a: ago(10), b: ago(5) });
  await run(owner, 'releaseStorageZone', `mutation($z: ID!) { releaseStorageZone(input: { id: $z, note: "空调已修复，抽检正常" }) { id } }`, { z: zone.id });
  const alerts = await owner.graphql<{ stockAlerts: { nodes: { id: string }[] } }>('query($w: ID!) { stockAlerts(filter: { warehouseId: { eq: $w } }) { nodes { id } } }', { w: warehouse.id });
  await run(owner, 'acknowledgeStockAlert', `mutation($id: ID!) { acknowledgeStockAlert(id: $id) { id } }`, { id: alerts.body.data!.stockAlerts.nodes[0]!.id });

  await run(owner, 'setStockMinimum', `mutation($w: ID!, $p: ID!) { setStockMinimum(input: { warehouseId: $w, productId: $p, minQuantity: 3 }) { id } }`, { w: warehouse.id, p: product.id });
  let sheet = await run(owner, 'openStocktake', `mutation($w: ID!) { openStocktake(input: { warehouseId: $w, blind: false }) { id version } }`, { w: warehouse.id });
  const lines = await owner.graphql<{ stocktakeLines: { nodes: { id: string }[] } }>('query($s: ID!) { stocktakeLines(stocktakeId: $s) { nodes { id } } }', { s: sheet.id });
  const line = lines.body.data!.stocktakeLines.nodes[0]!.id;
  const count = (quantity: number) => run(hq, 'recordStocktakeCounts', `mutation($s: ID!, $l: ID!, $q: Int!) { recordStocktakeCounts(input: { stocktakeId: $s, counts: [{ lineId: $l, quantity: $q }] }) { stocktake { id version } } }`, { s: sheet.id, l: line, q: quantity });
  const submit = async () => (sheet = await run(owner, 'submitStocktake', `mutation($id: ID!, $v: Int!) { submitStocktake(input: { id: $id, version: $v }) { id version } }`, { id: sheet.id, v: sheet.version }));
  await count(9);
  await submit(); // one short: recount
  await count(9);
  await submit();
  sheet = await run(owner, 'requestStocktakeRecount', `mutation($id: ID!, $v: Int!, $l: ID!) { requestStocktakeRecount(input: { id: $id, version: $v, lineIds: [$l], reason: "复核" }) { id version } }`, { id: sheet.id, v: sheet.version, l: line });
  await count(9);
  await submit();
  sheet = await run(owner, 'approveStocktake', `mutation($id: ID!, $v: Int!) { approveStocktake(input: { id: $id, version: $v }) { id version } }`, { id: sheet.id, v: sheet.version });
  await run(owner, 'postStocktake', `mutation($id: ID!, $v: Int!) { postStocktake(input: { id: $id, version: $v }) { id } }`, { id: sheet.id, v: sheet.version });
  const other = await run(owner, 'openStocktake', `mutation($w: ID!) { openStocktake(input: { warehouseId: $w }) { id version } }`, { w: warehouse.id });
  await run(owner, 'cancelStocktake', `mutation($id: ID!, $v: Int!) { cancelStocktake(input: { id: $id, version: $v, reason: "重复开单" }) { id } }`, { id: other.id, v: other.version });

  const customers = await owner.graphql<{ customers: { nodes: { id: string }[] } }>('{ customers(paging: { limit: 1 }) { nodes { id } } }');
  const reserved = await run(owner, 'reserveStock', `mutation($w: ID!, $p: ID!, $c: ID!) { reserveStock(input: { warehouseId: $w, documentType: "CUSTOMER", documentId: $c, lines: [{ productId: $p, quantity: 1 }] }) { id } }`, { w: warehouse.id, p: product.id, c: customers.body.data!.customers.nodes[0]!.id });
  await run(owner, 'issueStockReservation', `mutation($id: ID!) { issueStockReservation(input: { id: $id, documentNo: "XS-AUDIT-1" }) { reservation { id } } }`, { id: (reserved as unknown as { id: string }[])[0]!.id });
  const recall = await run(hq, 'recallBatch', `mutation($p: ID!) { recallBatch(input: { productId: $p, lotNo: "SC-1", reason: "审计召回外呼" }) { id } }`, { p: product.id });
  await run(owner, 'startRecallOutreach', `mutation($id: ID!) { startRecallOutreach(input: { recallId: $id }) { contactsCreated } }`, { id: recall.id });
  const contacts = await owner.graphql<{ recallContacts: { nodes: { id: string; version: number }[] } }>('query($id: ID!) { recallContacts(recallId: $id) { nodes { id version } } }', { id: recall.id });
  const contact = contacts.body.data!.recallContacts.nodes[0]!;
  await run(owner, 'recordRecallOutcome', `mutation($id: ID!, $v: Int!) { recordRecallOutcome(input: { id: $id, version: $v, status: CONTACTED, note: "已告知" }) { id } }`, { id: contact.id, v: contact.version });
};
