import { inDays } from '../../inventory/support';
import type { AuditScenario } from './index';

type Doc = { id: string; version: number };

/**
 * Every stock-document mutation once: a purchase through inspection and put-away (plus one
 * edited, one rejected, one cancelled), a requisition to a branch center picked, shipped and
 * received (plus one rejected, one cancelled), and destructions (done, rejected, cancelled).
 * The owner (east) requests and signs as warehouse keeper; HQ approves and signs as product manager.
 */
export const stockDocumentsAuditScenario: AuditScenario = async ({ hq, owner, run }) => {
  const product = await run(hq, 'createOneProduct', `mutation { createOneProduct(input: { product: { genericName: "审计用维生素C片", specification: "0.1g×100片", dosageForm: "片剂", unit: "瓶", category: OTC, storageClass: NORMAL, shelfLifeDays: 730, priceCents: 980, shared: true } }) { id version } }`);
  const units = await owner.graphql<{ orgUnits: { nodes: { id: string; kind: string }[] } }>('{ orgUnits(paging: { limit: 50 }) { nodes { id kind } } }');
  const unit = (kind: string) => units.body.data!.orgUnits.nodes.find((u) => u.kind === kind)!.id;
  const warehouse = await run(owner, 'createOneWarehouse', `mutation($u: ID!) { createOneWarehouse(input: { warehouse: { orgUnitId: $u, code: "AUDIT-DOC", name: "审计单据仓" } }) { id } }`, { u: unit('FRANCHISE') });
  const branch = await run(owner, 'createOneWarehouse', `mutation($u: ID!) { createOneWarehouse(input: { warehouse: { orgUnitId: $u, code: "AUDIT-BR", name: "审计分中心仓" } }) { id } }`, { u: unit('BRANCH_CENTER') });
  for (const w of [warehouse, branch]) await run(owner, 'createOneStorageZone', `mutation($w: ID!) { createOneStorageZone(input: { storageZone: { warehouseId: $w, code: "A", name: "常温区", storageClass: NORMAL } }) { id } }`, { w: w.id });

  const create = () => run(owner, 'createPurchaseRequest', `mutation($w: ID!, $p: ID!) { createPurchaseRequest(input: { warehouseId: $w, lines: [{ productId: $p, quantity: 30 }] }) { id version lines { id } } }`, { w: warehouse.id, p: product.id });
  const verb = (name: string, type: string, input: Record<string, unknown>) => run(input.by === 'hq' ? hq : owner, name, `mutation($i: ${type}!) { ${name}(input: $i) { id version } }`, { i: Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'by')) }) as Promise<Doc>;
  const supplier = await run(owner, 'createOneSupplier', `mutation { createOneSupplier(input: { supplier: { name: "审计单据供应商" } }) { id } }`);

  const created = (await create()) as Doc & { lines: { id: string }[] };
  const lineId = created.lines[0]!.id;
  let p: Doc = created;
  p = await verb('updatePurchaseRequest', 'UpdatePurchaseRequestInput', { id: p.id, version: p.version, supplierId: supplier.id, note: '补货' });
  p = await verb('submitPurchaseRequest', 'DocumentVersionInput', { id: p.id, version: p.version });
  p = await verb('approvePurchaseRequest', 'DocumentDecisionInput', { by: 'hq', id: p.id, version: p.version, note: '同意' });
  p = await verb('placeSupplierOrder', 'PlaceSupplierOrderInput', { id: p.id, version: p.version, supplierOrderNo: 'PO-AUDIT-1' });
  p = await verb('recordArrival', 'RecordArrivalInput', { id: p.id, version: p.version });
  p = await verb('recordInspection', 'RecordInspectionInput', { id: p.id, version: p.version, lines: [{ requestLineId: lineId, lotNo: 'AUD-DOC-1', manufactureDate: inDays(-20), expiryDate: inDays(600), acceptedQuantity: 28, rejectedQuantity: 2, rejectReason: '破损' }] });
  p = await verb('signInspection', 'SignInspectionInput', { id: p.id, version: p.version, as: 'WAREHOUSE_KEEPER' });
  p = await verb('signInspection', 'SignInspectionInput', { by: 'hq', id: p.id, version: p.version, as: 'PRODUCT_MANAGER' });
  await verb('putAwayPurchase', 'PutAwayPurchaseInput', { id: p.id, version: p.version, inboundSlipNo: 'RK-AUDIT-DOC' });
  const second = (await create()) as Doc;
  const rejected = await verb('submitPurchaseRequest', 'DocumentVersionInput', { id: second.id, version: second.version });
  await verb('rejectPurchaseRequest', 'DocumentDecisionInput', { by: 'hq', id: rejected.id, version: rejected.version, note: '库存充足' });
  const cancelled = (await create()) as Doc;
  await verb('cancelPurchaseRequest', 'DocumentCancelInput', { id: cancelled.id, version: cancelled.version, reason: '重复申请' });

  const requisition = () => run(owner, 'createRequisition', `mutation($f: ID!, $t: ID!, $p: ID!) { createRequisition(input: { fromWarehouseId: $f, toWarehouseId: $t, lines: [{ productId: $p, quantity: 5 }] }) { id version } }`, { f: warehouse.id, t: branch.id, p: product.id }) as Promise<Doc>;
  let r = await requisition();
  r = await verb('approveRequisition', 'DocumentDecisionInput', { by: 'hq', id: r.id, version: r.version });
  r = await verb('pickRequisition', 'DocumentVersionInput', { id: r.id, version: r.version });
  r = await verb('shipRequisition', 'ShipRequisitionInput', { id: r.id, version: r.version, outboundSlipNo: 'CK-AUDIT-DOC' });
  const shipped = await owner.graphql<{ stockRequisition: { transferLines: { id: string }[] } }>('query($id: ID!) { stockRequisition(id: $id) { transferLines { id } } }', { id: r.id });
  await verb('receiveTransfer', 'ReceiveTransferInput', { id: r.id, version: r.version, lines: [{ transferLineId: shipped.body.data!.stockRequisition.transferLines[0]!.id, receivedQuantity: 4, damagedQuantity: 1 }] });
  const r2 = await requisition();
  await verb('rejectRequisition', 'DocumentDecisionInput', { by: 'hq', id: r2.id, version: r2.version, note: '本月额度已满' });
  const r3 = await requisition();
  await verb('cancelRequisition', 'DocumentCancelInput', { id: r3.id, version: r3.version, reason: '已从门店调剂' });

  // From HQ's central warehouse: the franchise asks, HQ approves, picks and ships its leg, the franchise receives its own.
  const centrals = await hq.graphql<{ warehouses: { nodes: { id: string; zones: { id: string; storageClass: string }[] }[] } }>('{ warehouses(filter: { kind: { eq: CENTRAL } }) { nodes { id zones { id storageClass } } } }');
  const hqCentral = centrals.body.data!.warehouses.nodes[0]!;
  await run(hq, 'receiveStock', `mutation($w: ID!, $z: ID!, $p: ID!, $m: String!, $e: String!) { receiveStock(input: { warehouseId: $w, documentNo: "RK-AUDIT-HQ", lines: [{ productId: $p, zoneId: $z, lotNo: "AUD-HQ-1", manufactureDate: $m, expiryDate: $e, quantity: 5 }] }) { documentId } }`, {
    w: hqCentral.id, z: hqCentral.zones.find((z) => z.storageClass === 'NORMAL')!.id, p: product.id, m: inDays(-20), e: inDays(600),
  });
  const inbound = (await run(owner, 'createRequisition', `mutation($f: ID!, $t: ID!, $p: ID!) { createRequisition(input: { fromWarehouseId: $f, toWarehouseId: $t, lines: [{ productId: $p, quantity: 2 }] }) { id version } }`, { f: hqCentral.id, t: warehouse.id, p: product.id })) as Doc;
  const outbound = await hq.graphql<{ stockRequisitions: { nodes: (Doc & { counterpart: { id: string } | null })[] } }>('query($t: ID!) { stockRequisitions(filter: { leg: { eq: OUTBOUND }, toWarehouseId: { eq: $t } }) { nodes { id version counterpart { id } } } }', { t: warehouse.id });
  let o: Doc = outbound.body.data!.stockRequisitions.nodes.find((n) => n.counterpart?.id === inbound.id)!;
  o = await verb('approveRequisition', 'DocumentDecisionInput', { by: 'hq', id: o.id, version: o.version });
  o = await verb('pickRequisition', 'DocumentVersionInput', { by: 'hq', id: o.id, version: o.version });
  await verb('shipRequisition', 'ShipRequisitionInput', { by: 'hq', id: o.id, version: o.version, outboundSlipNo: 'CK-AUDIT-HQ' });
  const arriving = await owner.graphql<{ stockRequisition: Doc & { transferLines: { id: string }[] } }>('query($id: ID!) { stockRequisition(id: $id) { id version transferLines { id } } }', { id: inbound.id });
  const a = arriving.body.data!.stockRequisition;
  await verb('receiveTransfer', 'ReceiveTransferInput', { id: a.id, version: a.version, lines: [{ transferLineId: a.transferLines[0]!.id, receivedQuantity: 2 }] });

  const damaged = await owner.graphql<{ stockBalances: { nodes: { zoneId: string; batchId: string }[] } }>('query($w: ID!) { stockBalances(filter: { warehouseId: { eq: $w } }) { nodes { zoneId batchId zone { nonConforming } } } }', { w: branch.id });
  const place = (damaged.body.data!.stockBalances.nodes as { zoneId: string; batchId: string; zone: { nonConforming: boolean } }[]).find((b) => b.zone.nonConforming)!;
  const destruction = () => run(owner, 'requestDestruction', `mutation($w: ID!, $z: ID!, $b: ID!) { requestDestruction(input: { warehouseId: $w, reason: "运输破损", lines: [{ zoneId: $z, batchId: $b, quantity: 1 }] }) { id version } }`, { w: branch.id, z: place.zoneId, b: place.batchId }) as Promise<Doc>;
  const d2 = await destruction();
  await verb('rejectDestruction', 'DocumentDecisionInput', { by: 'hq', id: d2.id, version: d2.version, note: '待厂家取回' });
  const d3 = await destruction();
  await verb('cancelDestruction', 'DocumentCancelInput', { id: d3.id, version: d3.version, reason: '重复' });
  let d = await destruction();
  d = await verb('approveDestruction', 'DocumentDecisionInput', { by: 'hq', id: d.id, version: d.version });
  const staff = await owner.graphql<{ staffUsers: { nodes: { id: string }[] } }>('{ staffUsers(filter: { email: { eq: "director@east.demo" } }) { nodes { id } } }');
  await verb('destroyStock', 'DestroyStockInput', { id: d.id, version: d.version, method: '焚烧', witnessId: staff.body.data!.staffUsers.nodes[0]!.id });
};
