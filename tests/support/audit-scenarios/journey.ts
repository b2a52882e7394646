import { apiKeyCaller } from '../actors';
import { createProduct, createWarehouse, must } from '../../inventory/support';
import type { AuditScenario } from './index';

const TEST_ORDER = 'id version state';

/**
 * The service journey: a test item added and repriced, tests prescribed for a customer by the
 * franchise's doctor, sampled and accepted, the lab partner's report posted by its key, and the
 * report reviewed: every journey mutation once.
 */
export const journeyAuditScenario: AuditScenario = async ({ app, hq, owner, run }) => {
  const setup = await must<{ staffUsers: { nodes: { id: string }[] }; customers: { nodes: { id: string }[] } }>(owner, '{ staffUsers(filter: { jobTitle: { eq: DOCTOR } }) { nodes { id } } customers(paging: { limit: 1 }) { nodes { id } } }');
  const item = await run(owner, 'createTestItem', 'mutation { createTestItem(input: { code: "AUDIT-CBC", name: "审计血常规", priceCents: 8000, samplingGuide: "空腹采血", turnaroundDays: 3 }) { id version } }');
  await run(owner, 'updateTestItem', 'mutation($id: ID!, $v: Int!) { updateTestItem(input: { id: $id, version: $v, update: { priceCents: 8800 } }) { id version } }', { id: item.id, v: item.version });
  const order = await run(owner, 'prescribeTests', `mutation($c: ID!, $d: ID!, $t: ID!) { prescribeTests(input: { customerId: $c, doctorId: $d, testItemIds: [$t] }) { ${TEST_ORDER} } }`, { c: setup.customers.nodes[0]!.id, d: setup.staffUsers.nodes[0]!.id, t: item.id });
  const act = (o: Record<string, unknown>, action: string) => run(owner, 'takeTestOrderAction', `mutation($id: ID!, $v: Int!, $a: String!) { takeTestOrderAction(input: { id: $id, version: $v, action: $a }) { ${TEST_ORDER} } }`, { id: o.id, v: o.version, a: action });
  const testing = await act(await act(order, 'sample_on_site'), 'accept_sample');
  const lab = await apiKeyCaller(app, owner, { permissions: ['lab:report'] });
  const received = await run(lab, 'postLabReport', `mutation($id: ID!) { postLabReport(input: { testOrderId: $id, labReportId: "AUDIT-LAB-1", results: [{ code: "WBC", name: "白细胞", value: "6.1" }], files: [{ name: "报告.pdf", url: "https://lab.example.com/audit.pdf" }] }) { ${TEST_ORDER} } }`, { id: testing.id });
  await act(received, 'start_review');

  // The doctor's records of the visit: a consultation record (edited), a prescription turned into an order.
  const [customerId, doctorId] = [setup.customers.nodes[0]!.id, setup.staffUsers.nodes[0]!.id];
  const record = await run(owner, 'createConsultationRecord', 'mutation($c: ID!, $d: ID!) { createConsultationRecord(input: { customerId: $c, doctorId: $d, answers: [{ question: "主诉", answer: "审计：乏力" }], notes: "审计" }) { id version } }', { c: customerId, d: doctorId });
  await run(owner, 'updateConsultationRecord', 'mutation($id: ID!, $v: Int!) { updateConsultationRecord(input: { id: $id, version: $v, notes: "审计：补充" }) { id version } }', { id: record.id, v: record.version });
  const product = await createProduct(hq, { genericName: '审计维生素D3', category: 'SUPPLEMENT' });
  const prescription = await run(owner, 'prescribeProducts', 'mutation($c: ID!, $d: ID!, $p: ID!) { prescribeProducts(input: { customerId: $c, doctorId: $d, lines: [{ productId: $p, quantity: 30, dailyAmount: 1 }] }) { id version } }', { c: customerId, d: doctorId, p: product.id });
  const stock = await createWarehouse(owner, 'AUDIT-RX');
  await run(owner, 'orderPrescription', 'mutation($id: ID!, $v: Int!, $w: ID!) { orderPrescription(input: { id: $id, version: $v, channel: IN_STORE, warehouseId: $w }) { id orderId } }', { id: prescription.id, v: prescription.version, w: stock.warehouseId });
};
