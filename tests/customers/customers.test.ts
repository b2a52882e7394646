import { startTestApp, takeFromSubscription, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { clock } from '@pharmadesk/api';

const CREATE = `mutation($c: CustomerInput!) { createOneCustomer(input: { customer: $c }) { id recordNo name phone version age tags } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $u: CustomerUpdate!) { updateOneCustomer(input: { id: $id, version: $v, update: $u }) { id version phone tags } }`;
const SEARCH = `query($q: String!) { searchCustomers(query: $q, limit: 10) { score matchedField customer { id name phone recordNo } } }`;

interface Staff { id: string; email: string; jobTitle: string; orgUnitId: string }

describe('customer archives', () => {
  let app: TestApp;
  let owner: Caller;
  let agent: Caller;
  let manager: Caller;
  let hq: Caller;
  let base: Record<string, unknown>;
  let otherStoreId: string;

  beforeAll(async () => {
    app = await startTestApp();
    [owner, agent, manager, hq] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo'), signIn(app, 'manager@east.demo'), signIn(app, 'admin@hq.demo')]);
    const staff = await owner.graphql<{ staffUsers: { nodes: Staff[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id email jobTitle orgUnitId } } }');
    const find = (email: string) => staff.body.data!.staffUsers.nodes.find((s) => s.email === email)!;
    const stores = await owner.graphql<{ orgUnits: { nodes: { id: string; kind: string }[] } }>('{ orgUnits(filter: { kind: { eq: STORE } }) { nodes { id kind } } }');
    otherStoreId = stores.body.data!.orgUnits.nodes.find((s) => s.id !== find('manager@east.demo').orgUnitId)!.id;
    base = {
      name: '测试客户',
      birthDate: '1961-05-20',
      phone: '13912345601',
      doctorId: find('pharmacist@east.demo').id,
      healthManagerId: find('manager@east.demo').id,
      orgUnitId: find('manager@east.demo').orgUnitId,
      sourceChannel: 'WALK_IN',
    };
  });
  afterAll(() => app.stop());

  it('names the field of each input error and writes nothing', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ birthDate: null }, 'customer.birthDate', 'BAD_USER_INPUT'],
      [{ phone: '12345' }, 'customer.phone', 'BAD_USER_INPUT'],
      [{ birthDate: '2999-01-01' }, 'customer.birthDate', 'BAD_USER_INPUT'],
      [{ email: 'nope' }, 'customer.email', 'BAD_USER_INPUT'],
      [{ doctorId: base.healthManagerId }, 'customer.doctorId', 'BAD_USER_INPUT'],
      [{ healthManagerId: base.doctorId }, 'customer.healthManagerId', 'BAD_USER_INPUT'],
    ];
    for (const [change, field, code] of cases) {
      const res = await agent.graphql(CREATE, { c: { ...base, ...change } });
      expect({ field, error: res.body.errors?.[0]?.extensions }).toMatchObject({ field, error: { code, field } });
    }
    const missing = await agent.graphql(CREATE, { c: { name: 'x' } });
    // GraphQL itself names each missing required field.
    expect(new Set(errorCodes(missing))).toEqual(new Set(['BAD_USER_INPUT']));
    const messages = missing.body.errors!.map((e) => e.message).join(' ');
    for (const field of ['phone', 'doctorId', 'healthManagerId', 'orgUnitId', 'sourceChannel']) expect(messages).toContain(`Field "${field}" of required type`);
    const none = await owner.graphql<{ customers: { totalCount: number } }>(`{ customers(filter: { name: { eq: "测试客户" } }) { totalCount } }`);
    expect(none.body.data!.customers.totalCount).toBe(0);
  });

  it('takes a baby born today where the franchise is, though UTC is still on the day before, and refuses tomorrow', async () => {
    // 00:30 on 1 March 2028 in Shanghai is 16:30 on 29 February in UTC.
    await clock.at('2028-03-01T00:30:00+08:00', async () => {
      const tomorrow = await agent.graphql(CREATE, { c: { ...base, name: '明日宝宝', phone: '13912345690', birthDate: '2028-03-02' } });
      expect(tomorrow.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customer.birthDate' });
      const born = await agent.graphql<{ createOneCustomer: { id: string; version: number; age: number } }>(CREATE, { c: { ...base, name: '今日宝宝', phone: '13912345691', birthDate: '2028-03-01' } });
      expect(born.body.errors).toBeUndefined();
      expect(born.body.data!.createOneCustomer.age).toBe(0);
      const { id, version } = born.body.data!.createOneCustomer;
      const later = await agent.graphql(UPDATE, { id, v: version, u: { birthDate: '2028-03-02' } });
      expect(later.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'update.birthDate' });
    });
  });

  it('numbers archives per franchise in order, and refuses a duplicate phone naming the existing record', async () => {
    const first = await agent.graphql<{ createOneCustomer: { recordNo: string; age: number } }>(CREATE, { c: base });
    expect(first.body.errors).toBeUndefined();
    const year = clock.now().getFullYear();
    expect(first.body.data!.createOneCustomer.recordNo).toMatch(new RegExp(`^EAST-${year}-\\d{6}$`));
    expect(first.body.data!.createOneCustomer.age).toBeGreaterThanOrEqual(64);
    const second = await agent.graphql<{ createOneCustomer: { recordNo: string } }>(CREATE, { c: { ...base, name: '第二位', phone: '139 1234 5602', age: 70, birthDate: null } });
    const seq = (r: string) => Number(r.split('-')[2]);
    expect(seq(second.body.data!.createOneCustomer.recordNo)).toBe(seq(first.body.data!.createOneCustomer.recordNo) + 1);

    const duplicate = await agent.graphql(CREATE, { c: { ...base, name: '重复', phone: '+86 139-1234-5601' } });
    expect(duplicate.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'phone', existingRecordNo: first.body.data!.createOneCustomer.recordNo });
  });

  it('finds a customer by two characters of the name and by the last four phone digits, best first', async () => {
    await agent.graphql(CREATE, { c: { ...base, name: '欧阳秀兰', phone: '13700009876' } });
    const byName = await agent.graphql<{ searchCustomers: { score: number; matchedField: string; customer: { name: string } }[] }>(SEARCH, { q: '秀兰' });
    const hits = byName.body.data!.searchCustomers;
    expect(hits.some((h) => h.customer.name === '欧阳秀兰')).toBe(true);
    expect(hits.every((h) => h.customer.name.includes('秀兰') && h.matchedField === 'name')).toBe(true);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));

    const byPhone = await agent.graphql<{ searchCustomers: { matchedField: string; customer: { name: string } }[] }>(SEARCH, { q: '9876' });
    expect(byPhone.body.data!.searchCustomers[0]).toMatchObject({ matchedField: 'phone', customer: { name: '欧阳秀兰' } });
    const exact = await agent.graphql<{ searchCustomers: { score: number; customer: { name: string } }[] }>(SEARCH, { q: '欧阳秀兰' });
    expect(exact.body.data!.searchCustomers[0]).toMatchObject({ score: 1, customer: { name: '欧阳秀兰' } });
    const tooShort = await agent.graphql(SEARCH, { q: '欧' });
    expect(tooShort.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
  });

  it('masks phone and address without customer:pii, and audits unmasked reads', async () => {
    const query = `{ customers(filter: { name: { eq: "欧阳秀兰" } }) { nodes { id phone address } } }`;
    const masked = await agent.graphql<{ customers: { nodes: { id: string; phone: string }[] } }>(query);
    expect(masked.body.data!.customers.nodes[0]!.phone).toBe('137****9876');
    const plain = await manager.graphql<{ customers: { nodes: { id: string; phone: string }[] } }>(query);
    expect(plain.body.data!.customers.nodes[0]!.phone).toBe('13700009876');
    const audit = await owner.graphql<{ auditLogs: { nodes: { operation: string; actorLabel: string; targetIds: string[] }[] } }>(
      `{ auditLogs(filter: { operation: { like: "read personal data%" }, actorLabel: { eq: "manager@east.demo" } }) { nodes { operation actorLabel targetIds } } }`,
    );
    expect(audit.body.data!.auditLogs.nodes.some((n) => n.targetIds.includes(plain.body.data!.customers.nodes[0]!.id))).toBe(true);
  });

  it('audits personal data a live event shows unmasked (the event is resolved again in a transaction to write the audit)', async () => {
    const socket = app.wsClient({ authorization: manager.headers.authorization });
    const created = takeFromSubscription<{ createdCustomer: { id: string; phone: string } }>(socket, { query: 'subscription { createdCustomer { id phone } }' }, 1);
    await new Promise((r) => setTimeout(r, 300));
    await agent.graphql(CREATE, { c: { ...base, name: '实时审计', phone: '13500006666' } });
    const [event] = await created;
    expect(event!.data!.createdCustomer.phone).toBe('13500006666');
    const audit = await owner.graphql<{ auditLogs: { nodes: { targetIds: string[] }[] } }>(
      `{ auditLogs(filter: { operation: { like: "read personal data%" }, actorLabel: { eq: "manager@east.demo" } }, paging: { limit: 100 }) { nodes { targetIds } } }`,
    );
    expect(audit.body.data!.auditLogs.nodes.some((n) => n.targetIds.includes(event!.data!.createdCustomer.id))).toBe(true);
  });

  it('filters by store, tags, age, birthday month and spend, and sorts', async () => {
    const res = await owner.graphql<{ customers: { totalCount: number; nodes: { tags: string[]; age: number; birthDate: string; totalSpend: number }[] } }>(
      `{ customers(filter: { tags: { containsAll: ["chronic"] }, age: { gte: 60 }, totalSpend: { gte: 100 } }, sorting: [{ field: totalSpend, direction: DESC }], paging: { limit: 50 }) {
          totalCount nodes { tags age birthDate totalSpend } } }`,
    );
    const nodes = res.body.data!.customers.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.tags.includes('chronic') && n.age >= 60 && n.totalSpend >= 100)).toBe(true);
    expect(nodes.map((n) => n.totalSpend)).toEqual([...nodes.map((n) => n.totalSpend)].sort((a, b) => b - a));

    const march = await owner.graphql<{ customers: { nodes: { birthDate: string }[] } }>(`{ customers(filter: { birthMonth: { eq: 3 } }, paging: { limit: 100 }) { nodes { birthDate } } }`);
    expect(march.body.data!.customers.nodes.every((n) => n.birthDate.slice(5, 7) === '03')).toBe(true);

    const store = await owner.graphql<{ customers: { totalCount: number } }>(`query($s: ID!) { customers(filter: { orgUnitId: { eq: $s } }) { totalCount } }`, { s: otherStoreId });
    const all = await owner.graphql<{ customers: { totalCount: number } }>(`{ customers { totalCount } }`);
    expect(store.body.data!.customers.totalCount).toBeGreaterThan(0);
    expect(store.body.data!.customers.totalCount).toBeLessThan(all.body.data!.customers.totalCount);
  });

  it('keeps a health manager to their own store’s customers', async () => {
    const res = await manager.graphql<{ customers: { nodes: { orgUnitId: string }[] } }>(`{ customers(paging: { limit: 200 }) { nodes { orgUnitId } } }`);
    expect(new Set(res.body.data!.customers.nodes.map((n) => n.orgUnitId))).toEqual(new Set([base.orgUnitId]));
    const other = await owner.graphql<{ customers: { nodes: { id: string }[] } }>(`query($s: ID!) { customers(filter: { orgUnitId: { eq: $s } }, paging: { limit: 1 }) { nodes { id } } }`, { s: otherStoreId });
    const hidden = await manager.graphql<{ customer: null }>(`query($id: ID!) { customer(id: $id) { id } }`, { id: other.body.data!.customers.nodes[0]!.id });
    expect(hidden.body.data!.customer).toBeNull();
  });

  it('detects concurrent edits', async () => {
    const made = await agent.graphql<{ createOneCustomer: { id: string; version: number } }>(CREATE, { c: { ...base, name: '并发', phone: '13600001111' } });
    const { id, version } = made.body.data!.createOneCustomer;
    const a = await agent.graphql(UPDATE, { id, v: version, u: { tags: ['VIP'] } });
    expect(a.body.errors).toBeUndefined();
    const b = await owner.graphql(UPDATE, { id, v: version, u: { note: 'stale' } });
    expect(errorCodes(b)).toEqual(['CONFLICT']);
    const taken = await agent.graphql(UPDATE, { id, v: version + 1, u: { phone: '13700009876' } });
    expect(taken.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'phone' });
  });

  it('shows a timeline newest first, paged without gaps or repeats, filterable by kind', async () => {
    const rich = await owner.graphql<{ customers: { nodes: { id: string; purchaseCount: number }[] } }>(`{ customers(sorting: [{ field: totalSpend, direction: DESC }], paging: { limit: 1 }) { nodes { id purchaseCount } } }`);
    const customer = rich.body.data!.customers.nodes[0]!;
    const TIMELINE = `query($id: ID!, $after: String, $kinds: [String!]) { customerTimeline(customerId: $id, first: 4, after: $after, kinds: $kinds) { nodes { kind occurredAt title amount } pageInfo { hasNextPage endCursor } } }`;
    const seen: { kind: string; occurredAt: string; title: string }[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: { body: { data?: { customerTimeline: { nodes: { kind: string; occurredAt: string; title: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } | null } } = await owner.graphql(TIMELINE, { id: customer.id, after });
      seen.push(...page.body.data!.customerTimeline.nodes);
      if (!page.body.data!.customerTimeline.pageInfo.hasNextPage) break;
      after = page.body.data!.customerTimeline.pageInfo.endCursor;
    }
    // Purchases are on the timeline as themselves, or as the order whose goods reached the customer.
    const received = await owner.graphql<{ orders: { totalCount: number } }>(`query($id: ID!) { orders(filter: { customerId: { eq: $id }, stage: { in: [DELIVERED, COMPLETED] } }) { totalCount } }`, { id: customer.id });
    expect(seen.filter((e) => e.kind === 'purchase')).toHaveLength(customer.purchaseCount - received.body.data!.orders.totalCount);
    expect(seen.filter((e) => e.kind === 'archive').length).toBeGreaterThanOrEqual(1);
    const times = seen.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const onlyArchive = await owner.graphql<{ customerTimeline: { nodes: { kind: string }[] } }>(TIMELINE, { id: customer.id, kinds: ['archive'] });
    expect(onlyArchive.body.data!.customerTimeline.nodes.every((e) => e.kind === 'archive')).toBe(true);
    const badKind = await owner.graphql(TIMELINE, { id: customer.id, kinds: ['gossip'] });
    expect(badKind.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kinds' });
  });

  it('lets HQ merge two archives, moving everything attached, and nobody else', async () => {
    const list = await owner.graphql<{ customers: { nodes: { id: string; purchaseCount: number; totalSpend: number; recordNo: string }[] } }>(
      `{ customers(filter: { purchaseCount: null, totalSpend: { gt: 0 } }, sorting: [{ field: createdAt, direction: ASC }], paging: { limit: 2 }) { nodes { id purchaseCount totalSpend recordNo } } }`.replace('purchaseCount: null, ', ''),
    );
    const [target, source] = list.body.data!.customers.nodes;
    const PURCHASES = `query($id: ID!) { customerTimeline(customerId: $id, first: 200, kinds: ["purchase"]) { nodes { kind } } }`;
    const purchasesOn = async (id: string) => (await owner.graphql<{ customerTimeline: { nodes: { kind: string }[] } }>(PURCHASES, { id })).body.data!.customerTimeline.nodes.length;
    const purchasesBefore = (await purchasesOn(target!.id)) + (await purchasesOn(source!.id));
    const MERGE = `mutation($s: ID!, $t: ID!) { mergeCustomers(input: { sourceId: $s, targetId: $t }) { id purchaseCount totalSpend } }`;
    expect(errorCodes(await owner.graphql(MERGE, { s: source!.id, t: target!.id }))).toEqual(['FORBIDDEN']);
    const merged = await hq.graphql<{ mergeCustomers: { purchaseCount: number; totalSpend: number } }>(MERGE, { s: source!.id, t: target!.id });
    expect(merged.body.errors).toBeUndefined();
    expect(merged.body.data!.mergeCustomers.purchaseCount).toBe(target!.purchaseCount + source!.purchaseCount);
    expect(merged.body.data!.mergeCustomers.totalSpend).toBeCloseTo(target!.totalSpend + source!.totalSpend, 2);

    expect(await purchasesOn(target!.id)).toBe(purchasesBefore);
    const gone = await owner.graphql<{ customers: { totalCount: number } }>(`query($id: ID!) { customers(filter: { id: { eq: $id } }) { totalCount } }`, { id: source!.id });
    expect(gone.body.data!.customers.totalCount).toBe(0);
    const kept = await owner.graphql<{ customers: { nodes: { mergedIntoId: string }[] } }>(`query($id: ID!) { customers(filter: { id: { eq: $id }, status: { eq: MERGED } }) { nodes { mergedIntoId } } }`, { id: source!.id });
    expect(kept.body.data!.customers.nodes[0]!.mergedIntoId).toBe(target!.id);
    const audit = await hq.graphql<{ auditLogs: { nodes: { targetIds: string[] }[] } }>(`{ auditLogs(filter: { operation: { eq: "mergeCustomers" } }) { nodes { targetIds } } }`);
    expect(audit.body.data!.auditLogs.nodes[0]!.targetIds).toEqual(expect.arrayContaining([source!.id, target!.id]));
    expect(errorCodes(await hq.graphql(MERGE, { s: source!.id, t: target!.id }))).toEqual(['CONFLICT']);
  });

  it('lists birthdays, segments and top spenders, and respects consent in contact lists', async () => {
    const birthdays = await owner.graphql<{ birthdayList: { totalCount: number; nodes: { birthDate: string }[] } }>(`{ birthdayList(from: "2026-12-20", to: "2027-01-10", paging: { limit: 200 }) { totalCount nodes { birthDate } } }`);
    const mmdd = birthdays.body.data!.birthdayList.nodes.map((n) => n.birthDate.slice(5));
    expect(mmdd.length).toBeGreaterThan(0);
    expect(mmdd.every((d) => d >= '12-20' || d <= '01-10')).toBe(true);

    const segments = await owner.graphql<{ customerSegments: { segment: string; customers: number; careStrategy: string }[] }>('{ customerSegments { segment customers careStrategy } }');
    expect(segments.body.data!.customerSegments.reduce((n, s) => n + s.customers, 0)).toBeGreaterThan(250);
    const month = clock.now().toISOString().slice(0, 7);
    const top = await owner.graphql<{ topSpenders: { amount: number; rank: number }[] }>(`query($s: ID!, $m: String!) { topSpenders(orgUnitId: $s, month: $m, limit: 10) { amount rank customer { name } } }`, { s: otherStoreId, m: month });
    const amounts = top.body.data!.topSpenders.map((t) => t.amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(errorCodes(await owner.graphql(`query($s: ID!) { topSpenders(orgUnitId: $s, month: "2026/11") { rank } }`, { s: otherStoreId }))).toEqual(['BAD_USER_INPUT']);

    const marketing = await owner.graphql<{ contactList: { nodes: { consentSms: boolean; consentMarketing: boolean }[] } }>(`{ contactList(purpose: MARKETING, channel: SMS, paging: { limit: 200 }) { nodes { consentSms consentMarketing } } }`);
    expect(marketing.body.data!.contactList.nodes.length).toBeGreaterThan(0);
    expect(marketing.body.data!.contactList.nodes.every((n) => n.consentSms && n.consentMarketing)).toBe(true);
  });

  it('tells subscribers in scope about new and changed archives, live', async () => {
    const supervisor = await signIn(app, 'supervisor@east.demo');
    const socket = app.wsClient({ authorization: supervisor.headers.authorization });
    const created = takeFromSubscription<{ createdCustomer: { name: string; phone: string } }>(socket, { query: 'subscription { createdCustomer { name phone } }' }, 1);
    await new Promise((r) => setTimeout(r, 300));
    await agent.graphql(CREATE, { c: { ...base, name: '实时新客', phone: '13500007777' } });
    const [event] = await created;
    expect(event!.data!.createdCustomer).toEqual({ name: '实时新客', phone: '135****7777' });
  });
});
