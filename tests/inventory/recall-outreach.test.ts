import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive, type WarehouseSetup } from './support';

// Requests queue behind other suites on a shared machine; a step may take seconds.
jest.setTimeout(120_000);

const RESERVE = 'mutation($w: ID!, $p: ID!, $t: String, $o: ID!, $q: Int!) { reserveStock(input: { warehouseId: $w, documentType: $t, documentId: $o, lines: [{ productId: $p, quantity: $q }] }) { id } }';
const ISSUE = 'mutation($id: ID!, $n: String) { issueStockReservation(input: { id: $id, documentNo: $n }) { reservation { id } } }';
const PROGRESS = 'query($id: ID!) { batchRecalls(filter: { id: { eq: $id } }) { nodes { progress { recipients pending contacted returned unreachable returnedQuantity } } } }';
const CONTACTS = 'query($id: ID!) { recallContacts(recallId: $id, paging: { limit: 50 }) { totalCount nodes { id version documentType documentNo customerId caseId quantity status } } }';
const OUTCOME = 'mutation($i: RecordRecallOutcomeInput!) { recordRecallOutcome(input: $i) { id status returnedQuantity outcomeNote version } }';

interface Contact { id: string; version: number; documentType: string; documentNo: string | null; customerId: string | null; caseId: string | null; quantity: number; status: string }

/** A recall reaches the customers who received the lot: outreach in one action, outcomes, progress. */
describe('recall outreach', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let agent: Caller;
  let westOwner: Caller;
  let east: WarehouseSetup;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner, agent, westOwner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo'), signIn(app, 'owner@west.demo')]);
    east = await createWarehouse(owner, 'EAST-RO');
  }, 120_000);
  afterAll(() => app.stop());

  it('a recall blocks reservations at once and lists the customers who received the batch; one action opens a case per customer; outcomes show as progress', async () => {
    const product = await createProduct(hq, { genericName: '复方甘草片' });
    await receive(owner, east.warehouseId, [{ productId: product.id, zoneId: east.normalZoneId, lotNo: 'RO-1', expiryDate: inDays(400), quantity: 20 }]);
    const customers = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 2 }) { nodes { id } } }')).customers.nodes;
    const [alice, bob] = customers as [{ id: string }, { id: string }];
    // Handed straight to two customers (documentType CUSTOMER) and shipped for an order.
    for (const [type, doc, q, no] of [['CUSTOMER', alice.id, 2, 'XS-1'], ['CUSTOMER', bob.id, 1, 'XS-2'], ['ORDER', '00000000-0000-4000-8000-0000000b0001', 3, 'CK-RO-1']] as const) {
      const [r] = (await must<{ reserveStock: { id: string }[] }>(owner, RESERVE, { w: east.warehouseId, p: product.id, t: type, o: doc, q })).reserveStock;
      await must(owner, ISSUE, { id: r!.id, n: no });
    }

    const { recallBatch } = await must<{ recallBatch: { id: string } }>(hq, 'mutation($p: ID!) { recallBatch(input: { productId: $p, lotNo: "RO-1", reason: "溶出度不合格" }) { id } }', { p: product.id });
    const blocked = await owner.graphql(RESERVE, { w: east.warehouseId, p: product.id, t: 'ORDER', o: '00000000-0000-4000-8000-0000000b0002', q: 1 });
    expect(blocked.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_STOCK', available: 0 });
    const recipients = await must<{ recallRecipients: { documentType: string; documentNo: string; customerId: string | null; quantity: number }[] }>(owner, 'query($id: ID!) { recallRecipients(recallId: $id) { documentType documentNo customerId quantity } }', { id: recallBatch.id });
    expect(recipients.recallRecipients.map((r) => [r.documentNo, r.customerId, r.quantity]).sort()).toEqual([['CK-RO-1', null, 3], ['XS-1', alice.id, 2], ['XS-2', bob.id, 1]]);

    const started = await must<{ startRecallOutreach: { contactsCreated: number; casesOpened: number } }>(owner, 'mutation($id: ID!) { startRecallOutreach(input: { recallId: $id }) { contactsCreated casesOpened recall { id } } }', { id: recallBatch.id });
    expect(started.startRecallOutreach).toEqual({ contactsCreated: 3, casesOpened: 2, recall: { id: recallBatch.id } });
    // Once: again it adds nobody.
    expect((await must<{ startRecallOutreach: unknown }>(owner, 'mutation($id: ID!) { startRecallOutreach(input: { recallId: $id }) { contactsCreated casesOpened } }', { id: recallBatch.id })).startRecallOutreach).toEqual({ contactsCreated: 0, casesOpened: 0 });

    const contacts = (await must<{ recallContacts: { nodes: Contact[] } }>(agent, CONTACTS, { id: recallBatch.id })).recallContacts.nodes;
    const of = (no: string) => contacts.find((c) => c.documentNo === no)!;
    expect(of('XS-1')).toMatchObject({ customerId: alice.id, caseId: expect.any(String), quantity: 2, status: 'PENDING' });
    expect(of('CK-RO-1')).toMatchObject({ customerId: null, caseId: null, status: 'PENDING' });
    const cases = await must<{ cases: { nodes: { customerId: string; subject: string; priority: string; tags: string[] }[] } }>(owner, 'query($a: ID!, $b: ID!) { cases(filter: { id: { in: [$a, $b] } }) { nodes { customerId subject priority tags } } }', { a: of('XS-1').caseId, b: of('XS-2').caseId });
    expect(cases.cases.nodes.map((c) => c.customerId).sort()).toEqual([alice.id, bob.id].sort());
    for (const c of cases.cases.nodes) expect(c).toMatchObject({ subject: expect.stringContaining('批号 RO-1'), priority: 'HIGH', tags: ['recall'] });
    const progress = async () => (await must<{ batchRecalls: { nodes: { progress: unknown }[] } }>(owner, PROGRESS, { id: recallBatch.id })).batchRecalls.nodes[0]!.progress;
    expect(await progress()).toEqual({ recipients: 3, pending: 3, contacted: 0, returned: 0, unreachable: 0, returnedQuantity: 0 });

    // Outcomes, with bad ones refused and nothing changed.
    await must(agent, OUTCOME, { i: { id: of('XS-1').id, version: of('XS-1').version, status: 'CONTACTED', note: '已电话告知停用' } });
    expect(errorCodes(await agent.graphql(OUTCOME, { i: { id: of('XS-2').id, version: of('XS-2').version, status: 'RETURNED', returnedQuantity: 5 } }))).toEqual(['BAD_USER_INPUT']);
    await must(agent, OUTCOME, { i: { id: of('XS-2').id, version: of('XS-2').version, status: 'RETURNED' } });
    expect(errorCodes(await agent.graphql(OUTCOME, { i: { id: of('XS-2').id, version: of('XS-2').version, status: 'CONTACTED' } }))).toEqual(['CONFLICT']);
    const unreachable = await agent.graphql(OUTCOME, { i: { id: of('CK-RO-1').id, version: of('CK-RO-1').version, status: 'UNREACHABLE' } });
    expect(unreachable.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    await must(agent, OUTCOME, { i: { id: of('CK-RO-1').id, version: of('CK-RO-1').version, status: 'UNREACHABLE', note: '电话三次无人接听，短信已发' } });
    expect(await progress()).toEqual({ recipients: 3, pending: 0, contacted: 1, returned: 1, unreachable: 1, returnedQuantity: 1 });

    // West reaches none of east's recipients of HQ's recall.
    expect((await must<{ recallContacts: { totalCount: number } }>(westOwner, CONTACTS, { id: recallBatch.id })).recallContacts.totalCount).toBe(0);
    expect(errorCodes(await westOwner.graphql(OUTCOME, { i: { id: of('XS-1').id, version: 2, status: 'CONTACTED' } }))).toEqual(['NOT_FOUND']);
  });
});
