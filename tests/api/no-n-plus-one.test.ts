import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { clock, inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive } from '../inventory/support';

/** A list query's SQL statement count must not grow with its page size: relations load through dataloaders. */
describe('list queries batch their relations', () => {
  let app: TestApp;
  let hq: Caller;
  let supervisor: Caller;
  let viewId: string;
  let customerId: string;
  let warehouseId: string;
  let statements = 0;
  beforeAll(async () => {
    app = await startTestApp();
    [hq, supervisor] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'supervisor@east.demo')]);
    const knex = (app.server.database.orm.em.getConnection() as PostgreSqlConnection).getKnex();
    knex.on('query', () => statements++);
    const view = await supervisor.graphql<{ createOneCaseView: { id: string } }>(`mutation($v: CaseViewInput!) { createOneCaseView(input: { caseView: $v }) { id } }`, {
      v: { name: 'open by SLA due', shared: true, filter: {}, sorting: [{ field: 'slaDueAt', direction: 'ASC' }], columns: [] },
    });
    viewId = view.body.data!.createOneCaseView.id;
    const customers = await hq.graphql<{ customers: { nodes: { id: string }[] } }>('{ customers(paging: { limit: 1 }) { nodes { id } } }');
    customerId = customers.body.data!.customers.nodes[0]!.id;
    await stockDocuments();
    await appointments();
    await testOrders();
    await callbacks();
    await calls();
    await outbound();
    await analyses();
  }, 120_000);

  /** An outbound plan with a task per customer called above, each linked to its call, so the task list has customers, agents, plans and calls to load. */
  async function outbound() {
    const added = await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) =>
      em.execute<{ id: string }[]>(
        `with p as (
           insert into outbound_plan (id, franchise_id, version, created_at, updated_at, name, purpose, goal, org_unit_id, assignee_ids, deadline, target_count)
           select gen_random_uuid(), f.id, 1, now(), now(), '关怀回访', 'RELATIONSHIP_CARE', '全部接通', f.id, '[]'::jsonb, now() + interval '7 days', 0
             from org_unit f where f.id = (select franchise_id from call_record order by id limit 1) returning id, franchise_id)
         insert into outbound_task (id, franchise_id, version, created_at, updated_at, plan_id, customer_id, org_unit_id, assignee_id, seq, due_at, state, outcome, call_id, completed_at)
         select gen_random_uuid(), c.franchise_id, 1, now(), now(), p.id, c.customer_id, c.org_unit_id, c.agent_id, row_number() over (order by c.id), now() + interval '7 days', 'DONE', 'INTERESTED', c.id, now()
           from (select distinct on (customer_id) * from call_record where customer_id is not null and agent_id is not null order by customer_id, id) c
           join p on p.franchise_id = c.franchise_id returning id`,
      ),
    );
    expect(added.length).toBeGreaterThan(2);
  }

  /** Satisfaction analyses with improvement actions owned by east's staff, so the tracker has owners, stores and analyses to load. */
  async function analyses() {
    const staff = (await must<{ staffUsers: { nodes: { id: string; orgUnitId: string }[] } }>(supervisor, '{ staffUsers(paging: { limit: 20 }) { nodes { id orgUnitId } } }')).staffUsers.nodes;
    for (let i = 0; i < 3; i++) {
      const analysis = (await must<{ createSatisfactionAnalysis: { id: string } }>(supervisor, `mutation { createSatisfactionAnalysis(input: { title: "分析 ${i}", from: "2026-01-01", to: "2026-03-31" }) { id } }`)).createSatisfactionAnalysis;
      for (const person of staff.slice(0, 4)) {
        await must(supervisor, 'mutation($a: ID!, $o: ID!, $s: ID!) { addImprovementAction(input: { analysisId: $a, title: "整改", ownerId: $o, storeId: $s, dueDate: "2099-01-01" }) { id } }', { a: analysis.id, o: person.id, s: person.orgUnitId });
      }
    }
  }

  /** Calls of east's customers answered by east's agents at their stores, so the call log has customers, agents and stores to load. */
  async function calls() {
    const added = await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) =>
      em.execute<{ id: string }[]>(
        `insert into call_record (id, franchise_id, version, created_at, updated_at, source, direction, org_unit_id, caller_number, callee_number, customer_id, agent_id, state, offered_at, answered_at, ended_at, wait_seconds, talk_seconds)
         select gen_random_uuid(), c.franchise_id, 1, now(), now(), 'MANUAL', 'INBOUND', c.org_unit_id, c.phone, '4008000000', c.id,
                (select s.id from staff_user s where s.franchise_id = c.franchise_id order by s.id limit 1), 'ENDED', now() - interval '1 hour', now() - interval '59 minutes', now() - interval '55 minutes', 60, 240
           from (select * from customer cu where cu.status = 'ACTIVE' order by id limit 30) c returning id`,
      ),
    );
    expect(added.length).toBeGreaterThan(2);
  }

  /** Callbacks due, each on a customer of its own with a survey to ask (every page the same shape), so the desk has customers, surveys and their questions to load. */
  async function callbacks() {
    const added = await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) =>
      em.execute<{ id: string }[]>(
        `insert into callback_task (id, franchise_id, customer_id, kind, purpose_key, title, org_unit_id, due_date, status, attempts, survey_id, version, created_at, updated_at)
         select gen_random_uuid(), c.franchise_id, c.id, 'NEW_MEMBER', 'n1', 'N1 回访', c.org_unit_id, current_date - 1, 'OPEN', 0,
                (select r.id from satisfaction_request r where r.customer_id = c.id limit 1), 1, now(), now()
           from (select * from customer cu where cu.status = 'ACTIVE' and exists (select 1 from satisfaction_request r where r.customer_id = cu.id) order by id limit 30) c returning id`,
      ),
    );
    expect(added.length).toBeGreaterThan(2);
  }

  /** East's doctor at its branch center every day, and six bookings for two customers over the next days, so the appointments page has customers, doctors, stores and services to load. */
  async function appointments() {
    const owner = await signIn(app, 'owner@east.demo');
    const setup = await must<{ staffUsers: { nodes: { id: string }[] }; orgUnits: { nodes: { id: string; kind: string }[] }; customers: { nodes: { id: string }[] } }>(owner, '{ staffUsers(filter: { jobTitle: { eq: DOCTOR } }) { nodes { id } } orgUnits(paging: { limit: 50 }) { nodes { id kind } } customers(paging: { limit: 2 }) { nodes { id } } }');
    const [doctorId, storeId] = [setup.staffUsers.nodes[0]!.id, setup.orgUnits.nodes.find((u) => u.kind === 'BRANCH_CENTER')!.id];
    const service = (await must<{ createOneHealthService: { id: string } }>(owner, 'mutation { createOneHealthService(input: { healthService: { kind: FIRST_VISIT, name: "N1 初诊", durationMinutes: 60 } }) { id } }')).createOneHealthService;
    const days = [0, 1, 2, 3, 4, 5, 6].map((d) => `{ weekday: ${d}, periods: [{ start: "08:00", end: "20:00" }] }`).join(', ');
    await must(owner, `mutation($d: ID!, $s: ID!) { setDoctorSchedule(input: { doctorId: $d, storeId: $s, weeklyHours: [${days}], slotMinutes: 60 }) { id } }`, { d: doctorId, s: storeId });
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const to = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const free = (await must<{ availableSlots: { startsAt: string }[] }>(owner, 'query($d: ID!, $s: ID!, $v: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, storeId: $s, serviceId: $v, from: $f, to: $t, limit: 6) { startsAt } }', { d: doctorId, s: storeId, v: service.id, f: from, t: to })).availableSlots;
    for (const [i, slot] of free.entries())
      await must(owner, 'mutation($c: ID!, $d: ID!, $s: ID!, $v: ID!, $t: DateTime!) { bookAppointment(input: { customerId: $c, doctorId: $d, storeId: $s, serviceId: $v, startsAt: $t, channel: PHONE }) { id } }', { c: setup.customers.nodes[i % 2]!.id, d: doctorId, s: storeId, v: service.id, t: slot.startsAt });
  }

  /** Test orders of two items for three customers by east's doctor, some sampled, so the journey board has customers, doctors, stores, lines and steps to load. */
  async function testOrders() {
    const owner = await signIn(app, 'owner@east.demo');
    const setup = await must<{ staffUsers: { nodes: { id: string }[] }; customers: { nodes: { id: string }[] } }>(owner, '{ staffUsers(filter: { jobTitle: { eq: DOCTOR } }) { nodes { id } } customers(paging: { limit: 3 }) { nodes { id } } }');
    const item = async (code: string) => (await must<{ createTestItem: { id: string } }>(owner, 'mutation($c: String!) { createTestItem(input: { code: $c, name: "N1 检测", priceCents: 1000, turnaroundDays: 3 }) { id } }', { c: code })).createTestItem.id;
    const items = [await item('N1-A'), await item('N1-B')];
    for (let i = 0; i < 6; i++) {
      const order = (await must<{ prescribeTests: { id: string; version: number } }>(owner, 'mutation($c: ID!, $d: ID!, $t: [ID!]!) { prescribeTests(input: { customerId: $c, doctorId: $d, testItemIds: $t }) { id version } }', { c: setup.customers.nodes[i % 3]!.id, d: setup.staffUsers.nodes[0]!.id, t: items })).prescribeTests;
      if (i % 2) await must(owner, 'mutation($id: ID!, $v: Int!) { takeTestOrderAction(input: { id: $id, version: $v, action: "ship_kit" }) { id } }', { id: order.id, v: order.version });
    }
  }

  /** A few purchases (with lines and an inspection), requisitions (with shipped lots) and destructions of east's, so their pages have relations to load. */
  async function stockDocuments() {
    const owner = await signIn(app, 'owner@east.demo');
    const products = [await createProduct(hq), await createProduct(hq)];
    const central = await createWarehouse(owner, 'N1-CW');
    warehouseId = central.warehouseId;
    const units = await must<{ orgUnits: { nodes: { id: string; kind: string }[] } }>(owner, '{ orgUnits(paging: { limit: 50 }) { nodes { id kind } } }');
    const branch = (await must<{ createOneWarehouse: { id: string } }>(owner, 'mutation($u: ID!) { createOneWarehouse(input: { warehouse: { orgUnitId: $u, code: "N1-BR", name: "分中心仓" } }) { id } }', { u: units.orgUnits.nodes.find((u) => u.kind === 'BRANCH_CENTER')!.id })).createOneWarehouse;
    await must(owner, 'mutation($w: ID!) { createOneStorageZone(input: { storageZone: { warehouseId: $w, code: "A", name: "常温区", storageClass: NORMAL } }) { id } }', { w: branch.id });
    const lots = await receive(owner, central.warehouseId, products.map((p, i) => ({ productId: p.id, zoneId: central.normalZoneId, lotNo: `N1-${i}`, expiryDate: inDays(400), quantity: 50 })));
    // A few orders of two lines, reviewed and picked, so the orders page has customers, lines and picked lots to load;
    // and a few delivered ones with a return each, for the returns page.
    const customer = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!;
    for (let i = 0; i < 6; i++) {
      const order = (await must<{ createOneOrder: { id: string; lines: { id: string }[] } }>(owner, 'mutation($c: ID!, $w: ID!, $a: ID!, $b: ID!) { createOneOrder(input: { order: { channel: PHONE, customerId: $c, warehouseId: $w, lines: [{ productId: $a, quantity: 1 }, { productId: $b, quantity: 2 }], deliveryName: "王芳", deliveryPhone: "13800138000", deliveryAddress: "上海市浦东新区世纪大道 100 号" } }) { id lines { id } } }', { c: customer.id, w: central.warehouseId, a: products[0]!.id, b: products[1]!.id })).createOneOrder;
      for (const action of ['startOrderReview', 'reviewOrder', 'startOrderPicking']) await must(owner, `mutation($id: ID!) { ${action}(input: { id: $id }) { id } }`, { id: order.id });
      if (i < 3) continue;
      await must(owner, 'mutation($id: ID!, $t: String!) { shipOrder(input: { id: $id, carrier: "顺丰速运", trackingNo: $t }) { id } }', { id: order.id, t: `N1-SF-${i}` });
      await must(owner, 'mutation($id: ID!) { deliverOrder(input: { id: $id }) { id } }', { id: order.id });
      await must(owner, 'mutation($o: ID!, $a: ID!, $b: ID!) { requestReturn(input: { orderId: $o, kind: REFUND, reason: DAMAGED, source: PHONE, lines: [{ orderLineId: $a, quantity: 1 }, { orderLineId: $b, quantity: 2 }] }) { id } }', { o: order.id, a: order.lines[0]!.id, b: order.lines[1]!.id });
    }
    for (const lot of Object.values(lots)) await must(hq, 'mutation($id: ID!) { holdBatch(input: { id: $id, status: DAMAGED, reason: "破损" }) { id } }', { id: lot });
    // With a supplier, like the demo's purchases: every page then loads the same relations.
    const supplier = (await must<{ createOneSupplier: { id: string } }>(owner, 'mutation { createOneSupplier(input: { supplier: { name: "N1 医药公司" } }) { id } }')).createOneSupplier;
    for (let i = 0; i < 3; i++) {
      await must(owner, 'mutation($w: ID!, $s: ID!, $a: ID!, $b: ID!) { createPurchaseRequest(input: { warehouseId: $w, supplierId: $s, lines: [{ productId: $a, quantity: 5 }, { productId: $b, quantity: 7 }] }) { id } }', { w: central.warehouseId, s: supplier.id, a: products[0]!.id, b: products[1]!.id });
      await must(owner, 'mutation($f: ID!, $t: ID!, $a: ID!, $b: ID!) { createRequisition(input: { fromWarehouseId: $f, toWarehouseId: $t, lines: [{ productId: $a, quantity: 1 }, { productId: $b, quantity: 1 }] }) { id } }', { f: central.warehouseId, t: branch.id, a: products[0]!.id, b: products[1]!.id });
      await must(owner, 'mutation($w: ID!, $z: ID!, $a: ID!, $b: ID!) { requestDestruction(input: { warehouseId: $w, reason: "破损", lines: [{ zoneId: $z, batchId: $a, quantity: 1 }, { zoneId: $z, batchId: $b, quantity: 1 }] }) { id } }', { w: central.warehouseId, z: central.normalZoneId, a: lots['N1-0'], b: lots['N1-1'] });
    }
  }
  afterAll(() => app.stop());

  async function countOnce(query: string, caller: Caller): Promise<number> {
    // Authenticate first: the verified session is then reused for a few seconds, so only the query is counted.
    await caller.graphql('{ serverInfo { version } }');
    const before = statements;
    const res = await caller.graphql(query);
    expect(res.body.errors).toBeUndefined();
    return statements - before;
  }
  /** The fewer of two runs: a session whose few cached seconds end between the warm-up and the query adds its check once; a per-row query shows in both. */
  async function count(query: string, caller = hq): Promise<number> {
    return Math.min(await countOnce(query, caller), await countOnce(query, caller));
  }

  it.each([
    ['staffUsers with org units, parents and roles', (n: number) => `{ staffUsers(paging: { limit: ${n} }) { nodes { email orgUnit { name parent { name } } roles { name } } } }`],
    ['orgUnits with parents', (n: number) => `{ orgUnits(paging: { limit: ${n} }) { nodes { name parent { name parent { name } } } } }`],
    ['customers with store, doctor and health manager', (n: number) => `{ customers(paging: { limit: ${n} }) { nodes { name orgUnit { name } doctor { displayName } healthManager { displayName } } } }`],
    ['customer search with stores', (n: number) => `{ searchCustomers(query: "138", limit: ${n}) { customer { name orgUnit { name } healthManager { displayName } } } }`],
    ['cases with customer, owner, expert, unit, SLA clocks and state labels', (n: number) => `{ cases(paging: { limit: ${n} }) { nodes { caseNo stateLabel solutionAmount customer { name phone orgUnit { name } } owner { displayName orgUnit { name } } expert { displayName } orgUnit { name } slaClocks { kind dueAt } } } }`],
    ['the queue page', (n: number) => `{ caseQueue(viewId: "${viewId}", paging: { limit: ${n} }) { totalCount nodes { caseNo stateLabel customer { name tags } owner { displayName } slaClocks { kind dueAt } } } }`],
    ['knowledge articles', (n: number) => `{ knowledgeArticles(paging: { limit: ${n} }) { nodes { title shared tags } } }`],
    ['knowledge search', (n: number) => `{ searchKnowledge(query: "用药", limit: ${n}) { article { title } } }`],
    ['the audit log', (n: number) => `{ auditLogs(paging: { limit: ${n} }) { nodes { operation actorLabel changes } } }`],
    ['a customer timeline', (n: number) => `{ customerTimeline(customerId: "${customerId}", first: ${n}) { nodes { kind title occurredAt } } }`],
    ['satisfaction requests', (n: number) => `{ satisfactionRequests(paging: { limit: ${n} }) { nodes { id createdAt status rating answers { questionKey value } templateVersion { versionNo questions { key } } } } }`],
    ['the callback desk', (n: number) => `{ callbackDesk(paging: { limit: ${n} }) { nodes { id title dueDate status customer { id name } survey { id templateVersion { versionNo } } callWindow { start end } } } }`],
    ['callback tasks', (n: number) => `{ callbackTasks(paging: { limit: ${n} }) { nodes { id title dueDate status customer { id name } survey { id rating } callWindow { start } } } }`],
    ['calls with customer, agent and store', (n: number) => `{ calls(paging: { limit: ${n} }) { totalCount nodes { id state talkSeconds customer { id name } agent { displayName } orgUnit { name } } } }`],
    ['outbound tasks with customer, agent, plan and call', (n: number) => `{ outboundTasks(paging: { limit: ${n} }) { totalCount nodes { id state outcome customer { id name } assignee { displayName } plan { name } call { id state talkSeconds } } } }`],
    ['outbound plans', (n: number) => `{ outboundPlans(paging: { limit: ${n} }) { totalCount nodes { id name purpose targetCount deadline } } }`],
    // The week the calls above were offered in (an hour ago, Shanghai), each agent's sample as large as the page.
    ['the QA review queue with calls, customers, agents and stores', (n: number) => `{ qaReviewQueue(week: "${new Date(clock.now().getTime() - 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 10)}", perAgent: ${n}) { items { callId sampled call { id state customer { id name } agent { displayName } orgUnit { name } } } } }`],
    ['survey templates', (n: number) => `{ surveyTemplates(paging: { limit: ${n} }) { nodes { id code name purpose currentVersionNo questions { key kind options { value } } } } }`],
    ['department feedback', (n: number) => `{ departmentFeedbacks(paging: { limit: ${n} }) { nodes { id title status answerDueAt } } }`],
    ['care tasks', (n: number) => `{ careTasks(paging: { limit: ${n} }) { nodes { id kind dueDate status title } } }`],
    ['the birthday list with stores', (n: number) => `{ birthdayList(from: "2026-01-01", to: "2026-12-31", paging: { limit: ${n} }) { nodes { name birthDate orgUnit { name } healthManager { displayName } } } }`],
    ['the contact list with stores', (n: number) => `{ contactList(purpose: GREETING, channel: SMS, paging: { limit: ${n} }) { nodes { name phone orgUnit { name } } } }`],
    ['franchises with parents', (n: number) => `{ franchises(paging: { limit: ${n} }) { nodes { name parent { name } } } }`],
    ['roles', (n: number) => `{ roles(paging: { limit: ${n} }) { nodes { name permissions builtIn } } }`],
    ['API keys', (n: number) => `{ apiKeys(paging: { limit: ${n} }) { nodes { name prefix permissions lastUsedAt } } }`],
    ['purchase requests with lines, products, inspection, warehouse and supplier', (n: number) => `{ purchaseRequests(paging: { limit: ${n} }) { nodes { requestNo status warehouse { name } supplier { name } lines { quantity suggestedQuantity product { genericName } } inspectionLines { lotNo zone { code } } } } }`],
    ['requisitions with both warehouses, lines and shipped lots', (n: number) => `{ stockRequisitions(paging: { limit: ${n} }) { nodes { requisitionNo status fromWarehouse { name } toWarehouse { name } lines { quantity product { genericName } } transferLines { shippedQuantity batch { lotNo } } } } }`],
    ['orders with customer, store, warehouse, lines with products and picked lots, timeline and state labels', (n: number) => `{ orders(paging: { limit: ${n} }) { nodes { orderNo stateLabel totalCents customer { name } orgUnit { name } warehouse { name } lines { quantity unitPriceCents product { genericName } picks { lotNo quantity } } events { action toState } } } }`],
    ['returns with order, customer, store, lines with products and lots, timeline and state labels', (n: number) => `{ returns(paging: { limit: ${n} }) { nodes { returnNo stateLabel refundCents slaStatus slaDueAt order { orderNo } customer { name } orgUnit { name } lines { quantity lotNo product { genericName } } events { action } replacementOrder { orderNo } } } }`],
    ['orders with their returns', (n: number) => `{ orders(paging: { limit: ${n} }) { nodes { orderNo returns { returnNo state } } } }`],
    ['destructions with lines, lots and zones', (n: number) => `{ stockDestructions(paging: { limit: ${n} }) { nodes { destructionNo status warehouse { name } lines { quantity product { genericName } batch { lotNo } zone { code } } } } }`],
    ['stock balances with product, terms, lot, warehouse, zones and expiry', (n: number) => `{ stockBalances(paging: { limit: ${n} }) { nodes { onHand available daysToExpiry batchStatus product { genericName shared franchiseTerms { priceCents } } batch { lotNo effectiveStatus product { unit } } warehouse { name zones { code } } zone { code onHold } } } }`],
    ['near-expiry stock with product and lot', (n: number) => `{ nearExpiryStock(warehouseId: "${warehouseId}", withinDays: 730, paging: { limit: ${n} }) { nodes { onHand daysToExpiry batchStatus product { genericName } batch { lotNo } zone { code } } } }`],
    ['the stock ledger with product, lot and zone', (n: number) => `{ stockMoves(paging: { limit: ${n} }) { nodes { kind quantity onHandAfter occurredAt product { genericName } batch { lotNo expiryDate } zone { code } } } }`],
    ['stock reservations with product and allocations', (n: number) => `{ stockReservations(paging: { limit: ${n} }) { nodes { quantity status product { genericName } allocations { quantity batchId zoneId } } } }`],
    ['lots with products', (n: number) => `{ batches(paging: { limit: ${n} }) { nodes { lotNo expiryDate effectiveStatus product { genericName specification } } } }`],
    ['warehouses with zones', (n: number) => `{ warehouses(paging: { limit: ${n} }) { nodes { code name timeZone zones { code storageClass onHold } } } }`],
    ['warehouses with zones through fragments', (n: number) => `{ warehouses(paging: { limit: ${n} }) { nodes { code zones { ...Z ... on StorageZone { onHold } } } } } fragment Z on StorageZone { code storageClass }`],
    ['products with franchise terms', (n: number) => `{ products(paging: { limit: ${n} }) { nodes { genericName shared franchiseTerms { available priceCents } } } }`],
    ['suppliers', (n: number) => `{ suppliers(paging: { limit: ${n} }) { nodes { name status } } }`],
    ['franchise product terms', (n: number) => `{ franchiseProducts(paging: { limit: ${n} }) { nodes { productId available priceCents } } }`],
    ['recalls with products', (n: number) => `{ batchRecalls(paging: { limit: ${n} }) { nodes { lotNo reason status product { genericName } } } }`],
    ['stock alerts', (n: number) => `{ stockAlerts(paging: { limit: ${n} }) { nodes { kind message createdAt } } }`],
    ['stock minimums', (n: number) => `{ stockMinimums(paging: { limit: ${n} }) { nodes { minQuantity lowSince } } }`],
    ['stocktakes', (n: number) => `{ stocktakes(paging: { limit: ${n} }) { nodes { countNo blind warehouse { name } zone { code } lineCount } } }`],
    ['storage excursions', (n: number) => `{ storageExcursions(paging: { limit: ${n} }) { nodes { id endedAt } } }`],
    ['appointments with customer, doctor, store and service', (n: number) => `{ appointments(paging: { limit: ${n} }) { nodes { appointmentNo status startsAt customer { name } doctor { displayName } store { name } service { name durationMinutes } } } }`],
    ['test orders with customer, doctor, store, lines, steps and state labels', (n: number) => `{ testOrders(paging: { limit: ${n} }) { nodes { testOrderNo stateLabel totalCents expectedReportOn customer { name } doctor { displayName } orgUnit { name } lines { code priceCents } steps { action actorId createdAt } } } }`],
    ['satisfaction analyses with store and author', (n: number) => `{ satisfactionAnalyses(paging: { limit: ${n} }) { nodes { id title status figures { rated dissatisfactionRate } flags { kind agentName } problems { key grade } store { name } author { displayName } } } }`],
    ['improvement actions with owner, store and analysis', (n: number) => `{ improvementActions(paging: { limit: ${n} }) { nodes { id title status dueDate owner { displayName } store { name } analysis { title } } } }`],
    ['appraisals with agent and store', (n: number) => `{ appraisals(paging: { limit: ${n} }) { totalCount nodes { id period status score parts { source score } agent { displayName } orgUnit { name } } } }`],
    ['appraisal cycles', (n: number) => `{ appraisalCycles(paging: { limit: ${n} }) { totalCount nodes { id kind period planName weights { self } } } }`],
    ['storage readings', (n: number) => `{ storageReadings(paging: { limit: ${n} }) { nodes { humidity inRange } } }`],
  ])('%s', async (_name, query) => {
    const small = await count(query(2));
    const large = await count(query(20));
    // Data shape may save a round (a page whose parents are all loaded already), never add one per row.
    expect(large).toBeLessThanOrEqual(small);
  });

  it('answers a warehouse keeper’s stock page of 50 with product, lot, warehouse and zone in one statement (the scope with the page, its relations and total in one round trip; a read has nothing to commit)', async () => {
    const keeper = await signIn(app, 'warehouse@east.demo');
    const page = `{ stockBalances(filter: { onHand: { gt: 0 } }, paging: { limit: 50 }) { totalCount nodes { id onHand reserved available expiryDate daysToExpiry batchStatus batch { id lotNo } product { id genericName specification unit storageClass } warehouse { id name } zone { id name onHold } } } }`;
    await count(page, keeper);
    expect(await count(page, keeper)).toBe(1);
  });

  it('answers a supervisor’s queue page of 50 in 2 statements (the scope with the view in one round trip, the scope with the page, its relations and total in the other; a read has nothing to commit)', async () => {
    const page = `{ caseQueue(viewId: "${viewId}", paging: { limit: 50 }) { totalCount nodes { id caseNo subject priority stage state stateLabel slaStatus slaDueAt isVip escalationLevel customer { id name tags } owner { id displayName } slaClocks { kind dueAt pausedAt warnedAt breachedAt } } } }`;
    await count(page, supervisor); // the session is verified once, then reused for a few seconds
    expect(await count(page, supervisor)).toBe(2);
  });
});
