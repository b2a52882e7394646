import type { GraphQLField } from 'graphql';
import { buildAppSchema, createPubSub } from '@pharmadesk/api';
import { startTestApp, takeFromSubscription, type GraphQLResponse, type TestApp } from '../support/app';
import { apiKeyCaller, signIn, type Caller } from '../support/actors';

/**
 * Franchise isolation, exercised for every root field of the schema: a franchise-east
 * user and a franchise-east API key go after franchise-west records and data. No west
 * id may appear in any answer; a west record is NOT_FOUND (or null / absent for reads).
 * A root field without a case here fails the test, so new fields must join the matrix.
 */

interface West {
  franchiseId: string;
  storeId: string;
  staffId: string;
  staffVersion: number;
  roleId: string;
  roleVersion: number;
  apiKeyId: string;
  refreshToken: string;
  customerId: string;
  customerVersion: number;
  customerName: string;
  careTaskId: string;
  allIds: string[];
}

type Expect = 'NOT_FOUND' | 'null' | 'noWestData' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT';
interface MatrixCase {
  query: (w: West) => { query: string; variables?: Record<string, unknown> };
  /** What an east caller gets; every answer must also carry no west id. */
  expect: Expect | Expect[];
  /** 'tick' streams on its own; 'customer' needs an archive created or changed to fire. */
  subscription?: 'tick' | 'customer';
}

const ID_FIELDS = 'id franchiseId';

const matrix: Record<string, MatrixCase> = {
  // --- queries
  serverInfo: { query: () => ({ query: '{ serverInfo { version } }' }), expect: 'noWestData' },
  me: { query: () => ({ query: '{ me { permissions scope { franchiseIds orgUnit { id } } } }' }), expect: 'noWestData' },
  permissions: { query: () => ({ query: '{ permissions { name } }' }), expect: 'noWestData' },
  orgUnits: { query: (w) => ({ query: `query($id: ID!) { orgUnits(filter: { or: [{ id: { eq: $id } }, { franchiseId: { eq: $id } }] }) { totalCount nodes { ${ID_FIELDS} } } }`, variables: { id: w.franchiseId } }), expect: 'noWestData' },
  orgUnit: { query: (w) => ({ query: `query($id: ID!) { orgUnit(id: $id) { ${ID_FIELDS} } }`, variables: { id: w.storeId } }), expect: 'null' },
  franchises: { query: () => ({ query: `{ franchises(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} } } }` }), expect: 'noWestData' },
  franchise: { query: (w) => ({ query: `query($id: ID!) { franchise(id: $id) { ${ID_FIELDS} } }`, variables: { id: w.franchiseId } }), expect: 'null' },
  staffUsers: { query: (w) => ({ query: `query($f: ID!) { staffUsers(filter: { franchiseId: { eq: $f } }) { totalCount nodes { id email } } }`, variables: { f: w.franchiseId } }), expect: 'noWestData' },
  staffUser: { query: (w) => ({ query: `query($id: ID!) { staffUser(id: $id) { id email } }`, variables: { id: w.staffId } }), expect: 'null' },
  roles: { query: () => ({ query: `{ roles(paging: { limit: 200 }) { nodes { ${ID_FIELDS} name } } }` }), expect: 'noWestData' },
  role: { query: (w) => ({ query: `query($id: ID!) { role(id: $id) { id name } }`, variables: { id: w.roleId } }), expect: 'null' },
  apiKeys: { query: () => ({ query: `{ apiKeys(paging: { limit: 200 }) { nodes { ${ID_FIELDS} prefix } } }` }), expect: 'noWestData' },
  apiKey: { query: (w) => ({ query: `query($id: ID!) { apiKey(id: $id) { id prefix } }`, variables: { id: w.apiKeyId } }), expect: 'null' },
  auditLogs: { query: (w) => ({ query: `query($f: ID!) { auditLogs(filter: { franchiseId: { eq: $f } }, paging: { limit: 200 }) { totalCount nodes { id franchiseId targetIds } } }`, variables: { f: w.franchiseId } }), expect: 'noWestData' },

  // --- mutations on west records: NOT_FOUND (HQ-only ones are refused by permission whatever the id)
  login: { query: () => ({ query: `mutation { login(email: "owner@west.demo", password: "wrong-password-1") { accessToken user { id } } }` }), expect: 'UNAUTHENTICATED' },
  refreshSession: { query: () => ({ query: `mutation { refreshSession(refreshToken: "made-up-token") { accessToken } }` }), expect: 'UNAUTHENTICATED' },
  logout: { query: () => ({ query: 'mutation { logout }' }), expect: ['noWestData', 'BAD_USER_INPUT'] },
  changePassword: { query: () => ({ query: 'mutation { changePassword(currentPassword: "wrong-password-1", newPassword: "Another-pass-2026") }' }), expect: 'BAD_USER_INPUT' },
  createOneFranchise: { query: () => ({ query: `mutation { createOneFranchise(input: { franchise: { name: "x", ownerName: "x", ownerPhone: "13800000000", cooperationType: FRANCHISE, contractDate: "2026-01-01" } }) { id } }` }), expect: 'FORBIDDEN' },
  updateOneFranchise: { query: (w) => ({ query: `mutation($id: ID!) { updateOneFranchise(input: { id: $id, version: 1, update: { name: "taken" } }) { ${ID_FIELDS} } }`, variables: { id: w.franchiseId } }), expect: 'FORBIDDEN' },
  changeFranchiseStatus: { query: (w) => ({ query: `mutation($id: ID!) { changeFranchiseStatus(input: { id: $id, status: CLOSED, reason: "takeover" }) { id } }`, variables: { id: w.franchiseId } }), expect: 'FORBIDDEN' },
  createOneOrgUnit: { query: (w) => ({ query: `mutation($p: ID!) { createOneOrgUnit(input: { orgUnit: { parentId: $p, kind: STORE, name: "implant" } }) { ${ID_FIELDS} } }`, variables: { p: w.franchiseId } }), expect: 'NOT_FOUND' },
  updateOneOrgUnit: { query: (w) => ({ query: `mutation($id: ID!) { updateOneOrgUnit(input: { id: $id, version: 1, update: { name: "renamed" } }) { ${ID_FIELDS} } }`, variables: { id: w.storeId } }), expect: 'NOT_FOUND' },
  createOneStaffUser: { query: (w) => ({ query: `mutation($u: ID!) { createOneStaffUser(input: { staffUser: { orgUnitId: $u, email: "mole@west.demo", displayName: "mole", password: "Mole-pass-2026", jobTitle: AGENT } }) { ${ID_FIELDS} } }`, variables: { u: w.storeId } }), expect: 'NOT_FOUND' },
  updateOneStaffUser: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneStaffUser(input: { id: $id, version: $v, update: { displayName: "x" } }) { id } }`, variables: { id: w.staffId, v: w.staffVersion } }), expect: 'NOT_FOUND' },
  setStaffRoles: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!, $r: ID!) { setStaffRoles(input: { id: $id, version: $v, roleIds: [$r] }) { id } }`, variables: { id: w.staffId, v: w.staffVersion, r: w.roleId } }), expect: 'NOT_FOUND' },
  disableStaffUser: { query: (w) => ({ query: `mutation($id: ID!) { disableStaffUser(input: { id: $id }) { id } }`, variables: { id: w.staffId } }), expect: 'NOT_FOUND' },
  enableStaffUser: { query: (w) => ({ query: `mutation($id: ID!) { enableStaffUser(input: { id: $id }) { id } }`, variables: { id: w.staffId } }), expect: 'NOT_FOUND' },
  createOneRole: { query: (w) => ({ query: `mutation($f: ID!) { createOneRole(input: { role: { name: "planted", permissions: [], franchiseId: $f } }) { ${ID_FIELDS} } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  updateOneRole: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneRole(input: { id: $id, version: $v, update: { name: "x" } }) { id } }`, variables: { id: w.roleId, v: w.roleVersion } }), expect: 'NOT_FOUND' },
  deleteOneRole: { query: (w) => ({ query: `mutation($id: ID!) { deleteOneRole(input: { id: $id }) { id } }`, variables: { id: w.roleId } }), expect: 'NOT_FOUND' },
  createApiKey: { query: (w) => ({ query: `mutation($u: ID!) { createApiKey(input: { name: "x", permissions: [], orgUnitId: $u }) { secret apiKey { ${ID_FIELDS} } } }`, variables: { u: w.storeId } }), expect: 'NOT_FOUND' },
  rotateApiKey: { query: (w) => ({ query: `mutation($id: ID!) { rotateApiKey(input: { id: $id }) { secret apiKey { id } } }`, variables: { id: w.apiKeyId } }), expect: 'NOT_FOUND' },
  revokeApiKey: { query: (w) => ({ query: `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, variables: { id: w.apiKeyId } }), expect: 'NOT_FOUND' },

  // --- customers
  customers: { query: (w) => ({ query: `query($id: ID!) { customers(filter: { or: [{ id: { eq: $id } }, { status: { in: [ACTIVE, MERGED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} } } }`, variables: { id: w.customerId } }), expect: 'noWestData' },
  customer: { query: (w) => ({ query: `query($id: ID!) { customer(id: $id) { ${ID_FIELDS} name } }`, variables: { id: w.customerId } }), expect: 'null' },
  searchCustomers: { query: (w) => ({ query: `query($q: String!) { searchCustomers(query: $q, limit: 200) { customer { ${ID_FIELDS} } } }`, variables: { q: w.customerName } }), expect: 'noWestData' },
  customerTimeline: { query: (w) => ({ query: `query($id: ID!) { customerTimeline(customerId: $id) { nodes { title refId } } }`, variables: { id: w.customerId } }), expect: 'NOT_FOUND' },
  birthdayList: { query: (w) => ({ query: `query($s: ID!) { birthdayList(from: "2026-01-01", to: "2026-12-31", orgUnitId: $s) { nodes { id } } }`, variables: { s: w.storeId } }), expect: 'NOT_FOUND' },
  contactList: { query: () => ({ query: `{ contactList(purpose: GREETING, channel: PHONE, paging: { limit: 200 }) { nodes { ${ID_FIELDS} } } }` }), expect: 'noWestData' },
  careTasks: { query: () => ({ query: `{ careTasks(paging: { limit: 200 }) { nodes { ${ID_FIELDS} customerId assigneeId } } }` }), expect: 'noWestData' },
  customerSegments: { query: (w) => ({ query: `query($s: ID!) { customerSegments(orgUnitId: $s) { segment customers } }`, variables: { s: w.storeId } }), expect: 'NOT_FOUND' },
  topSpenders: { query: (w) => ({ query: `query($s: ID!) { topSpenders(orgUnitId: $s, month: "2026-11") { customer { id } } }`, variables: { s: w.storeId } }), expect: 'NOT_FOUND' },
  createOneCustomer: { query: (w) => ({ query: `mutation($s: ID!) { createOneCustomer(input: { customer: { name: "潜入", birthDate: "1970-01-01", phone: "13900000001", doctorId: $s, healthManagerId: $s, orgUnitId: $s, sourceChannel: WALK_IN } }) { ${ID_FIELDS} } }`, variables: { s: w.storeId } }), expect: 'NOT_FOUND' },
  updateOneCustomer: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneCustomer(input: { id: $id, version: $v, update: { note: "x" } }) { id } }`, variables: { id: w.customerId, v: w.customerVersion } }), expect: 'NOT_FOUND' },
  mergeCustomers: { query: (w) => ({ query: `mutation($id: ID!) { mergeCustomers(input: { sourceId: $id, targetId: $id }) { id } }`, variables: { id: w.customerId } }), expect: 'FORBIDDEN' },
  completeCareTask: { query: (w) => ({ query: `mutation($id: ID!) { completeCareTask(input: { id: $id, status: DONE }) { id } }`, variables: { id: w.careTaskId } }), expect: 'NOT_FOUND' },
  recomputeCustomerSegments: { query: () => ({ query: 'mutation { recomputeCustomerSegments }' }), expect: 'noWestData' },

  // --- subscriptions
  serverTime: { query: () => ({ query: 'subscription { serverTime { now } }' }), expect: 'noWestData', subscription: 'tick' },
  createdCustomer: { query: () => ({ query: `subscription { createdCustomer { ${ID_FIELDS} name } }` }), expect: 'noWestData', subscription: 'customer' },
  updatedOneCustomer: { query: () => ({ query: `subscription { updatedOneCustomer { ${ID_FIELDS} name } }` }), expect: 'noWestData', subscription: 'customer' },
};

describe('franchise isolation matrix', () => {
  let app: TestApp;
  let west: West;
  let eastCallers: Caller[];
  let schemaFields: { root: string; name: string }[];

  beforeAll(async () => {
    app = await startTestApp();
    const schema = await buildAppSchema(createPubSub());
    schemaFields = (['Query', 'Mutation', 'Subscription'] as const).flatMap((root) => {
      const type = root === 'Query' ? schema.getQueryType() : root === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      return Object.values(type?.getFields() ?? {}).map((f: GraphQLField<unknown, unknown>) => ({ root, name: f.name }));
    });

    // West's records: a custom role, an API key and audit entries made by its owner.
    const westOwner = await signIn(app, 'owner@west.demo');
    const role = await westOwner.graphql<{ createOneRole: { id: string; version: number } }>(`mutation { createOneRole(input: { role: { name: "西区专员", permissions: ["org:read"] } }) { id version } }`);
    const key = await apiKeyCaller(app, westOwner, { permissions: ['org:read'] });
    const units = await westOwner.graphql<{ orgUnits: { nodes: { id: string; kind: string; franchiseId: string }[] } }>('{ orgUnits { nodes { id kind franchiseId } } }');
    const staff = await westOwner.graphql<{ staffUsers: { nodes: { id: string; email: string; version: number }[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id email version } } }');
    const audit = await westOwner.graphql<{ auditLogs: { nodes: { id: string }[] } }>('{ auditLogs(paging: { limit: 200 }) { nodes { id } } }');
    const agent = staff.body.data!.staffUsers.nodes.find((s) => s.email === 'agent@west.demo')!;
    const franchiseId = units.body.data!.orgUnits.nodes.find((u) => u.kind === 'FRANCHISE')!.id;
    const customers = await westOwner.graphql<{ customers: { nodes: { id: string; version: number; name: string }[] } }>('{ customers(paging: { limit: 200 }) { nodes { id version name } } }');
    const tasks = await westOwner.graphql<{ careTasks: { nodes: { id: string }[] } }>('{ careTasks(paging: { limit: 200 }) { nodes { id } } }');
    const westCustomer = customers.body.data!.customers.nodes[0]!;
    west = {
      franchiseId,
      storeId: units.body.data!.orgUnits.nodes.find((u) => u.kind === 'STORE')!.id,
      staffId: agent.id,
      staffVersion: agent.version,
      roleId: role.body.data!.createOneRole.id,
      roleVersion: role.body.data!.createOneRole.version,
      apiKeyId: key.apiKey.id,
      refreshToken: westOwner.tokens.refreshToken,
      customerId: westCustomer.id,
      customerVersion: westCustomer.version,
      customerName: westCustomer.name,
      careTaskId: tasks.body.data!.careTasks.nodes[0]?.id ?? '00000000-0000-4000-8000-00000000beef',
      allIds: [
        ...customers.body.data!.customers.nodes.map((c) => c.id),
        ...tasks.body.data!.careTasks.nodes.map((t) => t.id),
        franchiseId,
        ...units.body.data!.orgUnits.nodes.map((u) => u.id),
        ...staff.body.data!.staffUsers.nodes.map((s) => s.id),
        role.body.data!.createOneRole.id,
        key.apiKey.id,
        ...audit.body.data!.auditLogs.nodes.map((a) => a.id),
      ],
    };
    expect(west.allIds.length).toBeGreaterThan(15);

    const eastOwner = await signIn(app, 'owner@east.demo');
    eastCallers = [eastOwner, await apiKeyCaller(app, eastOwner)];
  });
  afterAll(() => app.stop());

  it('has a case for every root query, mutation and subscription', () => {
    const missing = schemaFields.filter((f) => !matrix[f.name]).map((f) => `${f.root}.${f.name}`);
    expect(missing).toEqual([]);
  });

  function checkAnswer(field: string, expected: Expect[], res: Pick<GraphQLResponse, 'body'>, sent = '') {
    const text = JSON.stringify(res.body);
    // Ids the caller sent may be echoed back ("Org unit <id> was not found"): that tells them nothing.
    const leaked = west.allIds.filter((id) => text.includes(id) && !sent.includes(id));
    expect({ field, leaked }).toEqual({ field, leaked: [] });
    const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
    const outcome: Expect | undefined = codes.length
      ? (codes[0] as Expect)
      : res.body.data && Object.values(res.body.data)[0] === null
        ? 'null'
        : 'noWestData';
    expect({ field, outcome }).toEqual({ field, outcome: expected.includes(outcome!) ? outcome : expected[0] });
  }

  it.each(Object.keys(matrix).filter((f) => !matrix[f]!.subscription && f !== 'logout'))('%s: east user and east API key get nothing of west', async (field) => {
    const testCase = matrix[field]!;
    const expected = ([] as Expect[]).concat(testCase.expect);
    for (const caller of eastCallers) {
      const { query, variables } = testCase.query(west);
      checkAnswer(field, expected, await caller.graphql(query, variables), JSON.stringify({ query, variables }));
    }
  });

  it('subscriptions: east sockets get nothing of west', async () => {
    const westOwner = await signIn(app, 'owner@west.demo');
    const eastAgent = await signIn(app, 'agent@east.demo');
    for (const caller of eastCallers) {
      const params = caller.headers.authorization ? { authorization: caller.headers.authorization } : { 'x-api-key': caller.headers['x-api-key'] };
      for (const field of Object.keys(matrix).filter((f) => matrix[f]!.subscription)) {
        const { query, variables } = matrix[field]!.query(west);
        const first = takeFromSubscription(app.wsClient(params), { query, variables }, 1);
        if (matrix[field]!.subscription === 'customer') {
          await new Promise((r) => setTimeout(r, 300));
          // West changes first; the first event an east socket sees must be east's own change.
          await changeCustomer(westOwner, 'west');
          await changeCustomer(eastAgent, 'east');
        }
        const [event] = await first;
        checkAnswer(field, ([] as Expect[]).concat(matrix[field]!.expect), { body: event as GraphQLResponse['body'] });
        expect(JSON.stringify(event)).not.toContain('西区');
      }
    }
  });

  let serial = 0;
  /** Creates an archive and then changes it, so both created and updated events fire. */
  async function changeCustomer(caller: Caller, side: 'east' | 'west') {
    const staff = await caller.graphql<{ staffUsers: { nodes: { id: string; jobTitle: string; orgUnitId: string }[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id jobTitle orgUnitId } } }');
    const scoped = staff.body.data?.staffUsers.nodes ?? [];
    const list = scoped.length ? scoped : (await (await signIn(app, `owner@${side}.demo`)).graphql<{ staffUsers: { nodes: { id: string; jobTitle: string; orgUnitId: string }[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id jobTitle orgUnitId } } }')).body.data!.staffUsers.nodes;
    const manager = list.find((s) => s.jobTitle === 'HEALTH_MANAGER')!;
    const doctor = list.find((s) => s.jobTitle === 'DOCTOR' || s.jobTitle === 'PHARMACIST')!;
    serial++;
    const made = await caller.graphql<{ createOneCustomer: { id: string; version: number } }>(
      `mutation($c: CustomerInput!) { createOneCustomer(input: { customer: $c }) { id version } }`,
      { c: { name: side === 'west' ? `西区客户${serial}` : `东区客户${serial}`, age: 50, phone: `1380000${side === 'west' ? 1 : 2}${String(serial).padStart(3, '0')}`, doctorId: doctor.id, healthManagerId: manager.id, orgUnitId: manager.orgUnitId, sourceChannel: 'PHONE' } },
    );
    if (made.body.errors) throw new Error(JSON.stringify(made.body.errors));
    if (side === 'west') west.allIds.push(made.body.data!.createOneCustomer.id);
    await caller.graphql(`mutation($id: ID!, $v: Int!) { updateOneCustomer(input: { id: $id, version: $v, update: { note: "changed" } }) { id } }`, { id: made.body.data!.createOneCustomer.id, v: made.body.data!.createOneCustomer.version });
  }

  it('logout ends only the caller’s own session', async () => {
    const { query } = matrix.logout!.query(west);
    for (const caller of eastCallers) checkAnswer('logout', ['noWestData', 'BAD_USER_INPUT'], await caller.graphql(query));
  });

  it('left west untouched', async () => {
    const westOwner = await signIn(app, 'owner@west.demo');
    const res = await westOwner.graphql<{ staffUser: { status: string; displayName: string; version: number }; role: { name: string }; apiKey: { revokedAt: string | null }; orgUnits: { totalCount: number } }>(
      `query($s: ID!, $r: ID!, $k: ID!) { staffUser(id: $s) { status displayName version } role(id: $r) { name } apiKey(id: $k) { revokedAt } orgUnits { totalCount } }`,
      { s: west.staffId, r: west.roleId, k: west.apiKeyId },
    );
    expect(res.body.data).toEqual({
      staffUser: { status: 'ACTIVE', displayName: '杨帆', version: west.staffVersion },
      role: { name: '西区专员' },
      apiKey: { revokedAt: null },
      orgUnits: { totalCount: 5 },
    });
    const customer = await westOwner.graphql<{ customer: { version: number; note: string | null } }>(`query($id: ID!) { customer(id: $id) { version note } }`, { id: west.customerId });
    expect(customer.body.data!.customer).toEqual({ version: west.customerVersion, note: null });
  });
});
